using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using GoBaseline.Core.Host;

namespace GoBaseline.Core.Fips;

/// <summary>The engine side of Start-FipsRollout: stage sizes, unit restarts and checks, audit log crypto errors.</summary>
public static class FipsRollout
{
    private static readonly Regex CryptoFailure = new(@"^type=CRYPTO_\S+ .*\bres=(failed|0)\b", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>
    /// Splits services into cumulative stages: <paramref name="percent"/> are the shares switched after each stage
    /// (e.g. 25, 50, 100). Every stage switches at least one new service; the last one switches the rest.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Stages(IReadOnlyList<string> services, IReadOnlyList<int> percent)
    {
        var stages = new List<IReadOnlyList<string>>();
        var done = 0;
        foreach (var p in percent)
        {
            var upTo = (int)Math.Ceiling(services.Count * Math.Clamp(p, 1, 100) / 100.0);
            upTo = Math.Max(upTo, done + 1);
            if (upTo > services.Count)
            {
                upTo = services.Count;
            }

            if (upTo <= done)
            {
                continue;
            }

            var stage = new List<string>();
            for (var i = done; i < upTo; i++)
            {
                stage.Add(services[i]);
            }

            stages.Add(stage);
            done = upTo;
        }

        if (done < services.Count)
        {
            var rest = new List<string>();
            for (var i = done; i < services.Count; i++)
            {
                rest.Add(services[i]);
            }

            stages.Add(rest);
        }

        return stages;
    }

    /// <summary>Failed crypto records (type=CRYPTO_* with res=failed) in the audit log under the root; 0 when there is none.</summary>
    public static int CountCryptoErrors(HostRoot host, string path = "/var/log/audit/audit.log")
    {
        var text = host.TryReadAllText(path);
        if (text is null)
        {
            return 0;
        }

        var n = 0;
        foreach (var line in text.Split('\n'))
        {
            if (CryptoFailure.IsMatch(line))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>True when systemd manages the live host (units can be restarted and asked whether they are active).</summary>
    public static bool SystemdRuns(HostRoot host) => host.IsLive && host.DirectoryExists("/run/systemd/system");

    /// <summary>Reloads systemd and restarts the units; returns a check line per unit, or the failure.</summary>
    public static IReadOnlyList<(string Check, bool Ok)> RestartAndCheck(INativeRunner runner, IReadOnlyList<string> services, System.Threading.CancellationToken cancel = default)
    {
        var results = new List<(string, bool)>();
        runner.Run(new NativeCommand("systemctl", new[] { "daemon-reload" }, "systemd", TimeSpan.FromSeconds(60)), cancel);
        foreach (var s in services)
        {
            var unit = Systemd.SystemdUnit.NormalizeName(s);
            var restart = runner.Run(new NativeCommand("systemctl", new[] { "restart", unit }, "systemd", TimeSpan.FromSeconds(120)) { SuccessExitCodes = new[] { 0, 1, 3, 4, 5 } }, cancel);
            var active = runner.Run(new NativeCommand("systemctl", new[] { "is-active", unit }, "systemd", TimeSpan.FromSeconds(30)) { SuccessExitCodes = new[] { 0, 1, 2, 3, 4 } }, cancel);
            var ok = restart.ExitCode == 0 && active.StandardOutput.Trim() == "active";
            results.Add(($"systemctl is-active {unit}: {active.StandardOutput.Trim()}" + (restart.ExitCode == 0 ? string.Empty : $" (restart exited {restart.ExitCode}: {restart.StandardError.Trim()})"), ok));
        }

        return results;
    }
}
