using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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

    /// <summary>
    /// The types the compiled policy makes permissive that no permissive_&lt;type&gt; module of semanage does: semanage
    /// permissive -l's "Builtin Permissive Types" (typepermissive statements in ordinary modules). Read with seinfo
    /// --permissive from /etc/selinux/&lt;name&gt;/policy/policy.N; empty without a compiled policy or seinfo.
    /// </summary>
    public static IReadOnlyList<GoBaseline.SeLinuxPermissiveDomain> BuiltinPermissive(HostRoot host, INativeRunner runner, string policyName, IReadOnlyCollection<string> customized, System.Threading.CancellationToken cancel = default)
    {
        var policyDir = "/etc/selinux/" + policyName;
        var version = SeLinuxLabels.InstalledPolicyVersion(host, policyDir);
        if (version is null || runner.Which("seinfo") is null)
        {
            return Array.Empty<GoBaseline.SeLinuxPermissiveDomain>();
        }

        var policyFile = policyDir + "/policy/policy." + version.Value.ToString(CultureInfo.InvariantCulture);
        // --permissive takes an optional type name: the policy file goes first, or seinfo would take it for one.
        var output = runner.Run(new NativeCommand("seinfo", new[] { host.Map(policyFile), "--permissive" }), cancel).StandardOutput;
        var result = new List<GoBaseline.SeLinuxPermissiveDomain>();
        foreach (var name in ParsePermissiveTypes(output))
        {
            if (!customized.Contains(name))
            {
                result.Add(new GoBaseline.SeLinuxPermissiveDomain(name, false, null, null, policyFile));
            }
        }

        return result;
    }

    /// <summary>The type names of seinfo --permissive output ("Permissive Types: N" then one indented type a line, with -x its attributes too), sorted.</summary>
    public static IReadOnlyList<string> ParsePermissiveTypes(string seinfoOutput)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var inList = false;
        foreach (var raw in seinfoOutput.Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.StartsWith("Permissive Types:", StringComparison.Ordinal))
            {
                inList = true;
                continue;
            }

            if (inList && line.Length > 0 && char.IsWhiteSpace(line[0]))
            {
                // "   rpcd_t", or with -x "   type rpcd_t, daemon, domain;".
                var words = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                names.Add((words[0] == "type" && words.Length > 1 ? words[1] : words[0]).TrimEnd(',', ';'));
            }
            else if (line.Length > 0)
            {
                inList = false;
            }
        }

        return names.ToList();
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

    /// <summary>
    /// The domain systemd (init_t) starts a binary of the given type in, read from the installed compiled policy
    /// (/etc/selinux/&lt;name&gt;/policy/policy.N) with sesearch: its "type_transition init_t &lt;type&gt;:process
    /// &lt;domain&gt;" rule, or no domain when it has none. Falls back to the built-in table only when there is
    /// no policy file, sesearch is not installed, or sesearch cannot answer (e.g. a type the policy does not know): see <see cref="PredictDomain(string?)"/>.
    /// </summary>
    public static (string? Domain, GoBaseline.SeLinuxPredictionSource Source) PredictDomain(HostRoot host, INativeRunner runner, string? executableType, System.Threading.CancellationToken cancel = default)
    {
        if (executableType is null)
        {
            return (null, GoBaseline.SeLinuxPredictionSource.None);
        }

        var policyName = SeLinuxConfig.Read(host)?.PolicyName;
        var policyDir = string.IsNullOrEmpty(policyName) ? null : "/etc/selinux/" + policyName;
        var version = policyDir is null ? null : SeLinuxLabels.InstalledPolicyVersion(host, policyDir);
        if (version is not null && runner.Which("sesearch") is not null)
        {
            var policyFile = host.Map(policyDir + "/policy/policy." + version.Value.ToString(CultureInfo.InvariantCulture));
            var command = new NativeCommand("sesearch", new[] { "-T", "-s", "init_t", "-t", executableType, "-c", "process", policyFile });
            try
            {
                var result = runner.Run(command, cancel);
                return (ParseProcessTransition(result.StandardOutput, "init_t", executableType), GoBaseline.SeLinuxPredictionSource.Policy);
            }
            catch (NativeCommandException)
            {
                // A type the policy does not know, or an unreadable policy: the table is all there is.
            }
        }

        return (PredictDomain(executableType), GoBaseline.SeLinuxPredictionSource.Heuristic);
    }

    /// <summary>
    /// The new domain of "type_transition &lt;source&gt; &lt;target&gt;:process &lt;domain&gt;;" in sesearch -T output: the rule
    /// naming the target type itself first, else one through an attribute of it; null when there is none.
    /// </summary>
    public static string? ParseProcessTransition(string sesearchOutput, string source, string target)
    {
        string? viaAttribute = null;
        foreach (var raw in sesearchOutput.Split('\n'))
        {
            var words = raw.Trim().TrimEnd(';').Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length != 4 || words[0] != "type_transition" || words[1] != source || !words[2].EndsWith(":process", StringComparison.Ordinal))
            {
                continue;
            }

            if (words[2] == target + ":process")
            {
                return words[3];
            }

            viaAttribute ??= words[3];
        }

        return viaAttribute;
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
    public static GoBaseline.SeLinuxServiceDomain ServiceDomain(HostRoot host, string name, ExpectedLabelResolver? resolver, INativeRunner? runner = null, System.Threading.CancellationToken cancel = default)
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
        var (predicted, source) = PredictDomain(host, runner ?? NativeRunner.Default, typeForPrediction, cancel);
        var why = source == GoBaseline.SeLinuxPredictionSource.Policy
            ? $"the policy has type_transition init_t {typeForPrediction}:process {predicted}"
            : $"systemd starts such binaries in {predicted} (built-in table: no installed policy or sesearch to ask)";
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
            finding = $"{unitName} would run unconfined as {predicted}: {exe} is labelled {typeForPrediction}; {why}.";
        }
        else if (predicted is null)
        {
            finding = source == GoBaseline.SeLinuxPredictionSource.Policy
                ? $"The policy has no type_transition from init_t for {typeForPrediction} ({exe}): systemd would run it as init_t if it may execute it at all, and with SELinux enforcing the unit likely fails (status 203/EXEC). Restore its label."
                : $"{exe} is labelled {typeForPrediction ?? "(no label)"}, which systemd (init_t) may not execute; with SELinux enforcing the unit fails (status 203/EXEC). Restore its label.";
        }
        else
        {
            finding = $"{unitName} would run as {predicted} (entrypoint {typeForPrediction}; {(source == GoBaseline.SeLinuxPredictionSource.Policy ? "from the policy's type_transition" : "built-in table")}).";
        }

        return new GoBaseline.SeLinuxServiceDomain(unitName, exe, exeContext, expected, pid, processContext, predicted, unconfined, finding, source);
    }
}
