using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using GoBaseline;
using GoBaseline.Core.Host;

namespace GoBaseline.Core.Audit;

/// <summary>One auditctl call that adds or deletes one live rule.</summary>
public sealed class AuditLiveOperation
{
    /// <summary>Creates an operation; <paramref name="prepend"/> adds with -A (the front of the rule's list) instead of -a.</summary>
    public AuditLiveOperation(bool add, AuditRule rule, bool prepend = false)
    {
        Add = add;
        Rule = rule;
        Command = new NativeCommand("auditctl", AuditRulePlanner.Arguments(rule, delete: !add, prepend: add && prepend), "auditd");
    }

    /// <summary>True to add, false to delete.</summary>
    public bool Add { get; }

    /// <summary>The rule.</summary>
    public AuditRule Rule { get; }

    /// <summary>The exact call (for -WhatIf and the journal).</summary>
    public NativeCommand Command { get; }
}

/// <summary>
/// Pure planning of rule changes: the auditctl argv of a rule, the managed rules file's text, and what to add and
/// delete to reach a desired state for a key or a managed file. Nothing here touches the host.
/// </summary>
public static class AuditRulePlanner
{
    /// <summary>The managed file in rules.d that GoBaseline owns.</summary>
    public const string DefaultManagedFile = "/etc/audit/rules.d/50-gobaseline.rules";

    /// <summary>The header of a managed file.</summary>
    public const string ManagedHeader = "## Managed by GoBaseline (Add-AuditRule, Remove-AuditRule, Set-AuditRule). Edits here are replaced by the next change.\n";

    /// <summary>The auditctl arguments that add (or delete) a rule; <paramref name="prepend"/> adds with -A (front of its list).</summary>
    public static IReadOnlyList<string> Arguments(AuditRule rule, bool delete, bool prepend = false)
    {
        if (rule.Kind != AuditRuleKind.Rule)
        {
            throw new GoBaselineException(ErrorIds.AuditRuleChangeFailed, FailureKind.InvalidArgument, $"'{rule.Text}' is a control line, not a rule: GoBaseline does not change audit control settings.", rule.Text);
        }

        var line = rule.Command;
        if (delete)
        {
            line = line.StartsWith("-w ", StringComparison.Ordinal) ? "-W " + line.Substring(3)
                : line.StartsWith("-a ", StringComparison.Ordinal) || line.StartsWith("-A ", StringComparison.Ordinal) ? "-d " + line.Substring(3)
                : line;
        }
        else if (line.StartsWith("-d ", StringComparison.Ordinal))
        {
            line = "-a " + line.Substring(3);
        }
        else if (line.StartsWith("-W ", StringComparison.Ordinal))
        {
            line = "-w " + line.Substring(3);
        }

        if (prepend && !delete && line.StartsWith("-a ", StringComparison.Ordinal))
        {
            line = "-A " + line.Substring(3);
        }

        return AuditRuleParser.Arguments(line);
    }

    /// <summary>
    /// A never rule only works before the always rules of its list (the first matching rule decides). True for a
    /// never rule that, appended, would land after an always rule of its list in <paramref name="current"/>.
    /// </summary>
    public static bool NeedsFront(AuditRule rule, IEnumerable<AuditRule> current) =>
        rule.Kind == AuditRuleKind.Rule && rule.Action == AuditRuleAction.Never && rule.Operation != AuditRuleOperation.Delete
        && current.Any(c => c.Kind == AuditRuleKind.Rule && c.Operation != AuditRuleOperation.Delete && c.List == rule.List && c.Action == AuditRuleAction.Always);

    /// <summary>
    /// <paramref name="existing"/> with <paramref name="added"/> put where the kernel needs them: an always rule or
    /// watch at the end, a never rule just before the first always rule of its list (after it, it would never fire).
    /// Added rules keep their relative order.
    /// </summary>
    public static List<AuditRule> Place(IEnumerable<AuditRule> existing, IEnumerable<AuditRule> added)
    {
        var list = existing.ToList();
        foreach (var r in added)
        {
            var i = r.Action == AuditRuleAction.Never
                ? list.FindIndex(x => x.Kind == AuditRuleKind.Rule && x.Operation != AuditRuleOperation.Delete && x.List == r.List && x.Action == AuditRuleAction.Always)
                : -1;
            if (i >= 0)
            {
                list.Insert(i, r);
            }
            else
            {
                list.Add(r);
            }
        }

        return list;
    }

    /// <summary>
    /// The auditctl calls that delete <paramref name="delete"/> and add <paramref name="add"/> to the live list
    /// <paramref name="live"/>: deletes first, then the always rules appended (-a, -w) in order, and a never rule
    /// that an always rule of its list would shadow prepended (-A); those go last and in reverse, so that they end
    /// up at the front in the order given.
    /// </summary>
    public static List<AuditLiveOperation> LiveOperations(IReadOnlyList<AuditRule> live, IReadOnlyList<AuditRule> add, IReadOnlyList<AuditRule> delete)
    {
        var deleted = new HashSet<string>(delete.Select(d => d.CanonicalText), StringComparer.Ordinal);
        var after = live.Where(l => !deleted.Contains(l.CanonicalText)).Concat(add).ToList();
        var ops = delete.Select(r => new AuditLiveOperation(false, r)).ToList();
        var front = add.Where(r => NeedsFront(r, after)).ToList();
        ops.AddRange(add.Where(r => !front.Contains(r)).Select(r => new AuditLiveOperation(true, r)));
        ops.AddRange(Enumerable.Reverse(front).Select(r => new AuditLiveOperation(true, r, prepend: true)));
        return ops;
    }

    /// <summary>The text of a managed rules file holding these rules (header, one Command line per rule, final newline).</summary>
    public static string ManagedFileText(IEnumerable<AuditRule> rules)
    {
        var sb = new StringBuilder(ManagedHeader);
        foreach (var r in rules)
        {
            sb.Append(EscapedCommand(r)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The rule's command with spaces and backslashes of paths escaped for a rules file.</summary>
    public static string EscapedCommand(AuditRule r)
    {
        var args = Arguments(r, delete: r.Operation == AuditRuleOperation.Delete);
        return string.Join(' ', args.Select(a => a.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(" ", "\\ ", StringComparison.Ordinal)));
    }

    /// <summary>
    /// What to add and delete so that <paramref name="current"/> holds exactly <paramref name="desired"/> within a
    /// scope: the rules with one of the scope's keys, or (scope null) all of <paramref name="current"/>.
    /// </summary>
    public static (IReadOnlyList<AuditRule> Add, IReadOnlyList<AuditRule> Delete) Plan(IReadOnlyList<AuditRule> desired, IReadOnlyList<AuditRule> current, IReadOnlyCollection<string>? scopeKeys)
    {
        var rules = current.Where(r => r.Kind == AuditRuleKind.Rule && r.Operation != AuditRuleOperation.Delete).ToList();
        var want = desired.Where(r => r.Kind == AuditRuleKind.Rule && r.Operation != AuditRuleOperation.Delete).GroupBy(r => r.CanonicalText).Select(g => g.First()).ToList();
        var have = new HashSet<string>(rules.Select(r => r.CanonicalText), StringComparer.Ordinal);
        var wanted = new HashSet<string>(want.Select(r => r.CanonicalText), StringComparer.Ordinal);
        var add = want.Where(r => !have.Contains(r.CanonicalText)).ToList();
        var delete = rules.Where(r => !wanted.Contains(r.CanonicalText) && (scopeKeys is null || r.Keys.Any(scopeKeys.Contains)))
            .GroupBy(r => r.CanonicalText).Select(g => g.First()).ToList();
        return (add, delete);
    }

    /// <summary>Refuses any rule change when the kernel rules are locked (enabled 2): decided on the recorded status, before anything is touched.</summary>
    public static void EnsureMutable(AuditStatus status)
    {
        if (status.Immutable)
        {
            throw new GoBaselineException(ErrorIds.AuditRulesImmutable, FailureKind.InvalidOperation,
                "The kernel audit rules are immutable (auditctl -s: enabled 2) until the next reboot: no rule can be added or removed, so nothing was changed. Change the rules.d files and reboot.",
                "auditctl -s");
        }
    }
}
