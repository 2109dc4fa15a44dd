using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoBaseline.Core.Audit;
using GoBaseline.Core.Host;

namespace GoBaseline.Core.Tests.Audit;

/// <summary>
/// Loads rules into the real kernel under the shared audit lock and always puts the previous rule list back.
/// Control lines are blanked before loading: -e 2 would lock this kernel until reboot, -f 2 would panic it.
/// </summary>
internal static class AuditKernelHarness
{
    public static void RequireAuditctl()
    {
        if (NativeRunner.Default.Which("auditctl") is null)
        {
            throw new InvalidOperationException("auditctl is not installed (apt-get install auditd): the kernel equality tests need it.");
        }

        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("the kernel equality tests must run as root.");
        }
    }

    /// <summary>Runs an action with the kernel's rules at our disposal; restores the previous rules afterwards.</summary>
    public static T WithKernel<T>(Func<AuditCtl, T> action)
    {
        RequireAuditctl();
        using var gate = AuditRuleLock.Acquire(TimeSpan.FromMinutes(5));
        var ctl = new AuditCtl(NativeRunner.Default);
        var before = ctl.List();
        try
        {
            return action(ctl);
        }
        finally
        {
            ctl.Restore(before);
        }
    }

    /// <summary>True when a line may go to the kernel: no control option that could lock, panic or reconfigure it.</summary>
    public static bool IsSafeRuleLine(string line)
    {
        var tokens = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0 || tokens[0].StartsWith('#'))
        {
            return true;
        }

        foreach (var t in tokens)
        {
            if (t.Length >= 2 && t[0] == '-' && "efbrDicsltmqRhv-".Contains(t[1], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Loads a rules text with auditctl -R (continue past errors) into an empty kernel list; returns auditctl -l.</summary>
    public static string LoadAndList(AuditCtl ctl, string text)
    {
        ctl.DeleteAll();
        var lines = text.Split('\n').Select(l => IsSafeRuleLine(l) ? l : string.Empty);
        var path = Path.Combine(Path.GetTempPath(), "gobaseline-eq-" + Guid.NewGuid().ToString("N") + ".rules");
        try
        {
            File.WriteAllText(path, "-c\n" + string.Join('\n', lines));
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            NativeRunner.Default.Run(new NativeCommand("auditctl", new[] { "-R", path }, "auditd") { SuccessExitCodes = new[] { 0, 1 } });
            return ctl.List();
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>What the kernel list should be after loading the lines we accept, in listing order (by list, then insertion).</summary>
    public static List<KernelRule> Simulate(IEnumerable<ParsedAuditLine> lines)
    {
        var lists = new SortedDictionary<int, List<KernelRule>>();
        foreach (var p in lines)
        {
            if (p.Rule is null)
            {
                continue;
            }

            if (!lists.TryGetValue(p.Rule.List, out var list))
            {
                lists[p.Rule.List] = list = new List<KernelRule>();
            }

            switch (p.Operation)
            {
                case GoBaseline.AuditRuleOperation.Delete:
                    list.Remove(p.Rule);
                    break;
                case var _ when lists.Values.Any(l => l.Contains(p.Rule)):
                    // "Rule exists": the kernel refuses a duplicate.
                    break;
                case GoBaseline.AuditRuleOperation.Prepend:
                    list.Insert(0, p.Rule);
                    break;
                default:
                    list.Add(p.Rule);
                    break;
            }
        }

        return lists.Values.SelectMany(l => l).ToList();
    }
}
