using System;
using System.Collections.Generic;
using System.Globalization;
using GoBaseline.Core.Host;
using GoBaseline.Core.Systemd;

namespace GoBaseline.Core.SeLinux;

/// <summary>Permissive domains and the domains of systemd services.</summary>
public static class SeLinuxDomains
{
    /// <summary>The prefix semanage permissive gives the module it installs (seobject.py permissiveRecords).</summary>
    public const string PermissiveModulePrefix = "permissive_";

    /// <summary>The policy store of a policy: /var/lib/selinux/&lt;name&gt;/active/modules.</summary>
    public static string ModuleStore(string policyName) => "/var/lib/selinux/" + policyName + "/active/modules";

    /// <summary>
    /// The domains made permissive locally, as semanage permissive -l lists them under "Customized Permissive
    /// Types": every installed module named permissive_&lt;type&gt;, at its highest priority, unless disabled.
    /// </summary>
    public static IReadOnlyList<GoBaseline.SeLinuxPermissiveDomain> CustomizedPermissive(HostRoot host, string policyName)
    {
        var store = ModuleStore(policyName);
        var best = new SortedDictionary<string, GoBaseline.SeLinuxPermissiveDomain>(StringComparer.Ordinal);
        foreach (var prioDir in host.ListDirectory(store))
        {
            var leaf = prioDir.Substring(prioDir.LastIndexOf('/') + 1);
            if (!int.TryParse(leaf, NumberStyles.None, CultureInfo.InvariantCulture, out var priority))
            {
                continue;
            }

            foreach (var moduleDir in host.ListDirectory(prioDir))
            {
                var module = moduleDir.Substring(moduleDir.LastIndexOf('/') + 1);
                if (!module.StartsWith(PermissiveModulePrefix, StringComparison.Ordinal) || !host.DirectoryExists(moduleDir))
                {
                    continue;
                }

                if (host.FileExists(store + "/disabled/" + module))
                {
                    continue;
                }

                var type = module.Substring(PermissiveModulePrefix.Length);
                if (!best.TryGetValue(type, out var seen) || seen.Priority < priority)
                {
                    best[type] = new GoBaseline.SeLinuxPermissiveDomain(type, true, module, priority, moduleDir);
                }
            }
        }

        return new List<GoBaseline.SeLinuxPermissiveDomain>(best.Values);
    }

    /// <summary>True for the domains that are not confined: a service running in one of them has no SELinux protection.</summary>
    public static bool IsUnconfined(string? domain) => domain is "unconfined_service_t" or "unconfined_t" or "initrc_t" or "kernel_t" or "spc_t";

    /// <summary>
    /// The domain systemd (init_t) starts a binary of the given file type in, by the reference policy's rules: an
    /// entrypoint type "X_exec_t" of a confined service transitions to "X_t"; the generic types bin_t, usr_t,
    /// shell_exec_t and the like have the transition to unconfined_service_t (init_t's default for unknown daemons);
    /// anything else is not executable by init_t at all (enforcing: the unit fails with status 203/EXEC).
    /// </summary>
    public static string? PredictDomain(string? executableType)
    {
        if (executableType is null)
        {
            return null;
        }

        if (executableType is "bin_t" or "usr_t" or "shell_exec_t" or "lib_t" or "textrel_shlib_t" or "rpm_exec_t" or "opt_t" or "local_bin_t")
        {
            return "unconfined_service_t";
        }

        if (executableType.EndsWith("_exec_t", StringComparison.Ordinal))
        {
            return executableType.Substring(0, executableType.Length - "_exec_t".Length) + "_t";
        }

        return null;
    }

    /// <summary>The PIDs whose cgroup is the unit's (…/system.slice/&lt;unit&gt;), lowest first.</summary>
    public static IReadOnlyList<int> UnitProcesses(HostRoot host, string unit)
    {
        var pids = new List<int>();
        foreach (var dir in host.ListDirectory("/proc"))
        {
            var leaf = dir.Substring(dir.LastIndexOf('/') + 1);
            if (!int.TryParse(leaf, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string? cgroup;
            try
            {
                cgroup = host.TryReadAllText(dir + "/cgroup");
            }
            catch (GoBaselineException)
            {
                continue;
            }

            if (cgroup is null)
            {
                continue;
            }

            foreach (var line in cgroup.Split('\n'))
            {
                var path = line.Substring(line.LastIndexOf(':') + 1);
                if (path.EndsWith("/" + unit, StringComparison.Ordinal))
                {
                    pids.Add(pid);
                    break;
                }
            }
        }

        pids.Sort();
        return pids;
    }

    /// <summary>The binary of a unit's first ExecStart= (prefixes such as "-", "@", "+", "!" removed).</summary>
    public static string? ExecStartBinary(SystemdUnit unit)
    {
        string? value = null;
        foreach (var d in unit.Directives)
        {
            if (d.Section == "Service" && d.Key == "ExecStart")
            {
                // An empty ExecStart= in a drop-in resets the list.
                value = d.Value.Length == 0 ? null : value ?? d.Value;
            }
        }

        if (value is null)
        {
            return null;
        }

        var v = value.TrimStart('-', '@', '+', '!', ':', ' ');
        var end = v.IndexOf(' ', StringComparison.Ordinal);
        return end < 0 ? v : v.Substring(0, end);
    }

    /// <summary>What a Go service's process runs as and why (the bin_t → unconfined_service_t trap).</summary>
    public static GoBaseline.SeLinuxServiceDomain ServiceDomain(HostRoot host, string name, ExpectedLabelResolver? resolver)
    {
        var unitName = SystemdUnit.NormalizeName(name);
        var unit = SystemdUnit.Load(host, unitName)
            ?? throw new GoBaselineException(ErrorIds.ServiceNotFound, FailureKind.NotFound, $"No unit {unitName} under {host.Root}.", unitName);
        var exe = ExecStartBinary(unit);
        GoBaseline.SeLinuxContext? exeContext = null;
        GoBaseline.SeLinuxExpectedContext? expected = null;
        if (exe is not null && exe.StartsWith('/'))
        {
            exeContext = host.Stat(exe, false) is null ? null : SeLinuxLabels.ReadFileContext(host, exe);
            expected = resolver?.Resolve(exe);
        }

        var pids = UnitProcesses(host, unitName);
        int? pid = pids.Count > 0 ? pids[0] : null;
        var processContext = pid is null ? null : SeLinuxLabels.ReadProcessContext(host, pid.Value);
        var typeForPrediction = exeContext?.Type ?? expected?.Context?.Type;
        var predicted = PredictDomain(typeForPrediction);
        var domain = processContext?.Type ?? predicted;
        var unconfined = IsUnconfined(domain);
        string finding;
        if (exe is null)
        {
            finding = $"{unitName} has no ExecStart=.";
        }
        else if (processContext is not null && unconfined)
        {
            finding = $"{unitName} runs unconfined as {processContext.Type}: {exe} is labelled {exeContext?.Type ?? "(no label)"}, which has no domain transition of its own; give it a dedicated exec type (New-SeLinuxPolicyModule) and restorecon it.";
        }
        else if (processContext is not null)
        {
            finding = $"{unitName} runs confined as {processContext.Type}.";
        }
        else if (unconfined)
        {
            finding = $"{unitName} would run unconfined as {predicted}: {exe} is labelled {typeForPrediction}; systemd starts such binaries in unconfined_service_t.";
        }
        else if (predicted is null)
        {
            finding = $"{exe} is labelled {typeForPrediction ?? "(no label)"}, which systemd (init_t) may not execute; with SELinux enforcing the unit fails (status 203/EXEC). Restore its label.";
        }
        else
        {
            finding = $"{unitName} would run as {predicted} (entrypoint {typeForPrediction}).";
        }

        return new GoBaseline.SeLinuxServiceDomain(unitName, exe, exeContext, expected, pid, processContext, predicted, unconfined, finding);
    }
}
