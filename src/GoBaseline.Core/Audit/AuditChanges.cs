using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using GoBaseline;
using GoBaseline.Core.Host;
using GoBaseline.Core.Journal;

namespace GoBaseline.Core.Audit;

/// <summary>
/// Adds and deletes live kernel rules with auditctl. (On a machine where several people change the live rules, wrap
/// the cmdlet in the shared flock; the change itself does not take it, so a caller that holds it cannot deadlock.) The state is the whole auditctl -l listing, so undo (and the
/// rollback of a failure half way) puts back exactly the previous list, in its order. Refuses an immutable kernel.
/// </summary>
public sealed class AuditLiveRulesChange : Change
{
    /// <summary>The kind name in the journal.</summary>
    public const string KindName = "audit.live";

    private sealed record Op(bool Add, string[] Args, string Canonical, string Text);

    /// <summary>Creates the change from planned operations.</summary>
    public AuditLiveRulesChange(IReadOnlyList<AuditLiveOperation> operations)
        : base(KindName, "kernel audit rules", new Dictionary<string, string?>
        {
            ["ops"] = JsonSerializer.Serialize(operations.Select(o => new Op(o.Add, o.Command.Arguments.ToArray(), o.Rule.CanonicalText, o.Rule.Text)).ToArray()),
        })
    {
    }

    internal AuditLiveRulesChange(string target, IDictionary<string, string?> data)
        : base(KindName, target, data)
    {
    }

    private Op[] Ops => JsonSerializer.Deserialize<Op[]>(Data["ops"]!) ?? Array.Empty<Op>();

    /// <inheritdoc/>
    public override string Description => string.Join("; ", Ops.Select(o => new NativeCommand("auditctl", o.Args).CommandLine));

    /// <inheritdoc/>
    public override Snapshot Capture(ChangeContext context)
    {
        // The listing itself is the fact (not a blob): planning captures with a hash-only store, and Verify needs the text.
        var listing = new AuditCtl(context.Runner).List(context.Cancel);
        return new Snapshot(new Dictionary<string, string?> { ["listing"] = listing });
    }

    /// <inheritdoc/>
    public override void Apply(ChangeContext context)
    {
        var ctl = new AuditCtl(context.Runner);
        AuditRulePlanner.EnsureMutable(ctl.Status(context.Cancel));
        foreach (var op in Ops)
        {
            ctl.Run(op.Args, context.Cancel);
        }
    }

    /// <inheritdoc/>
    public override bool Verify(ChangeContext context, Snapshot current, out string? why)
    {
        var listing = current["listing"] ?? string.Empty;
        var live = new HashSet<string>(AuditRules.ParseListing(listing, new HostAuditEnvironment(context.Host)).Select(r => r.CanonicalText), StringComparer.Ordinal);
        foreach (var op in Ops)
        {
            if (op.Add != live.Contains(op.Canonical))
            {
                why = op.Add ? $"the kernel does not list {op.Text}" : $"the kernel still lists {op.Text}";
                return false;
            }
        }

        why = null;
        return true;
    }

    /// <inheritdoc/>
    public override void Revert(ChangeContext context, Snapshot before)
    {
        var listing = before["listing"] ?? string.Empty;
        var ctl = new AuditCtl(context.Runner);
        AuditRulePlanner.EnsureMutable(ctl.Status(context.Cancel));
        ctl.Restore(listing, context.Cancel);
    }

    /// <inheritdoc/>
    public override string UndoDescription(Snapshot before) => RestoreListingText(before["listing"]);

    // What AuditCtl.Restore runs: delete every rule, then load the listing recorded before from a file.
    internal static string RestoreListingText(string? listing)
    {
        var count = (listing ?? string.Empty).Split('\n').Count(l => l.Length > 0 && l != "No rules");
        return count == 0 ? "auditctl -D (there were no rules before)" : $"auditctl -D; auditctl -R <the {count} rule(s) the kernel listed before>";
    }
}

/// <summary>
/// Runs augenrules --load: regenerates /etc/audit/audit.rules (keeping audit.rules.prev) from rules.d and loads it.
/// The state is both files byte for byte and the live listing; undo puts all three back.
/// </summary>
public sealed class AugenrulesLoadChange : Change
{
    /// <summary>The kind name in the journal.</summary>
    public const string KindName = "audit.augenrules";

    private const string Prev = AuditRuleSources.GeneratedFile + ".prev";

    /// <summary>
    /// Creates the change for the rules.d texts it will load (a closing "-e 2" makes it irreversible until reboot).
    /// <paramref name="summary"/> is what the reload does to the kernel (the rules it adds and deletes), for
    /// ShouldProcess and the journal.
    /// </summary>
    public AugenrulesLoadChange(IEnumerable<string> rulesDirectoryTexts, string? summary = null)
        : base(KindName, AuditRuleSources.GeneratedFile, new Dictionary<string, string?>
        {
            ["locks"] = LocksKernel(AuditRuleSources.BuildAugenrules(rulesDirectoryTexts)) ? "true" : null,
            ["summary"] = summary,
        })
    {
    }

    /// <summary>
    /// What loading <paramref name="generated"/> (the audit.rules augenrules builds) does to the kernel holding
    /// <paramref name="live"/>: the rules it adds, and the loaded rules it deletes (all that it does not hold, when
    /// it starts with -D). Compared by meaning.
    /// </summary>
    public static (IReadOnlyList<AuditRule> Adds, IReadOnlyList<AuditRule> Deletes) KernelDifference(string generated, IReadOnlyList<AuditRule> live, IAuditRuleEnvironment env)
    {
        var lines = AuditRules.Parse(generated, AuditRuleSources.GeneratedFile, env);
        var deleteAll = lines.Any(r => r.Kind == AuditRuleKind.Control && r.ControlOption == AuditControlOption.DeleteAll);
        var want = lines.Where(r => r.Kind == AuditRuleKind.Rule && r.Operation != AuditRuleOperation.Delete).ToList();
        var wantSet = new HashSet<string>(want.Select(r => r.CanonicalText), StringComparer.Ordinal);
        var liveRules = live.Where(r => r.Kind == AuditRuleKind.Rule).ToList();
        var liveSet = new HashSet<string>(liveRules.Select(r => r.CanonicalText), StringComparer.Ordinal);
        var adds = want.Where(r => !liveSet.Contains(r.CanonicalText)).GroupBy(r => r.CanonicalText).Select(g => g.First()).ToList();
        var explicitDeletes = new HashSet<string>(lines.Where(r => r.Kind == AuditRuleKind.Rule && r.Operation == AuditRuleOperation.Delete).Select(r => r.CanonicalText), StringComparer.Ordinal);
        var deletes = liveRules.Where(r => !wantSet.Contains(r.CanonicalText) && (deleteAll || explicitDeletes.Contains(r.CanonicalText))).ToList();
        return (adds, deletes);
    }

    /// <summary>The ShouldProcess line of a reload: the rules it adds (+) and deletes (-) in the kernel.</summary>
    public static string Summarize(IReadOnlyList<AuditRule> adds, IReadOnlyList<AuditRule> deletes) =>
        adds.Count == 0 && deletes.Count == 0 ? "the kernel rules stay as they are"
            : "kernel " + string.Join("; ", adds.Select(r => "+ " + r.Text).Concat(deletes.Select(r => "- " + r.Text)));

    /// <inheritdoc/>
    public override Reversibility Reversibility => Data.GetValueOrDefault("locks") == "true" ? Reversibility.Irreversible : Reversibility.Reversible;

    /// <summary>True when the generated rules end with -e 2, which makes the kernel rules immutable until reboot.</summary>
    public static bool LocksKernel(string generated)
    {
        foreach (var line in generated.Split('\n'))
        {
            var tokens = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length >= 2 && tokens[0] == "-e" && tokens[1] == "2")
            {
                return true;
            }
        }

        return false;
    }

    internal AugenrulesLoadChange(string target, IDictionary<string, string?> data)
        : base(KindName, target, data)
    {
    }

    /// <summary>The call.</summary>
    public static NativeCommand Command => new("augenrules", new[] { "--load" }, "auditd");

    /// <inheritdoc/>
    public override string Description => Command.CommandLine + (Data.GetValueOrDefault("summary") is { } s ? ": " + s : string.Empty);

    /// <inheritdoc/>
    public override Snapshot Capture(ChangeContext context)
    {
        var facts = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, path) in new[] { ("rules", AuditRuleSources.GeneratedFile), ("prev", Prev) })
        {
            foreach (var kv in FileState.Capture(context, path, followSymlink: false).Facts)
            {
                facts[name + "." + kv.Key] = kv.Value;
            }
        }

        var ctl = new AuditCtl(context.Runner);
        facts["listing"] = ctl.List(context.Cancel);

        // augenrules --load also applies the control lines of rules.d (-b, -f, -r, --backlog_wait_time): keep them too.
        var status = ctl.Status(context.Cancel);
        facts["status.backlog_limit"] = status.BacklogLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        facts["status.failure"] = status.FailureMode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        facts["status.rate_limit"] = status.RateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        facts["status.backlog_wait_time"] = status.BacklogWaitTime?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Snapshot(facts);
    }

    /// <inheritdoc/>
    public override void Apply(ChangeContext context)
    {
        AuditRulePlanner.EnsureMutable(new AuditCtl(context.Runner).Status(context.Cancel));
        context.Runner.Run(Command, context.Cancel);
    }

    /// <inheritdoc/>
    public override bool Verify(ChangeContext context, Snapshot current, out string? why)
    {
        var sources = new AuditRuleSources(context.Host);
        var expected = AuditRuleSources.BuildAugenrules(sources.PersistentTexts().Select(t => t.Text));
        var actual = context.Host.TryReadAllText(AuditRuleSources.GeneratedFile);
        why = actual == expected ? null : $"{AuditRuleSources.GeneratedFile} is not what rules.d builds";
        return why is null;
    }

    /// <inheritdoc/>
    public override bool IsNoOp(ChangeContext context, Snapshot current) => false;

    /// <inheritdoc/>
    public override void Revert(ChangeContext context, Snapshot before)
    {
        var ctl = new AuditCtl(context.Runner);
        AuditRulePlanner.EnsureMutable(ctl.Status(context.Cancel));
        foreach (var (name, path) in new[] { ("rules", AuditRuleSources.GeneratedFile), ("prev", Prev) })
        {
            var facts = before.Facts.Where(kv => kv.Key.StartsWith(name + ".", StringComparison.Ordinal))
                .ToDictionary(kv => kv.Key.Substring(name.Length + 1), kv => kv.Value, StringComparer.Ordinal);
            FileState.Restore(context, path, new Snapshot(facts), followSymlink: false);
        }

        ctl.Restore(before["listing"] ?? string.Empty, context.Cancel);
        foreach (var (fact, option) in StatusOptions)
        {
            if (before[fact] is { } value)
            {
                ctl.Run(new[] { option, value }, context.Cancel);
            }
        }
    }

    /// <inheritdoc/>
    public override string UndoDescription(Snapshot before)
    {
        var parts = new List<string>();
        foreach (var (name, path) in new[] { ("rules", AuditRuleSources.GeneratedFile), ("prev", Prev) })
        {
            var facts = before.Facts.Where(kv => kv.Key.StartsWith(name + ".", StringComparison.Ordinal))
                .ToDictionary(kv => kv.Key.Substring(name.Length + 1), kv => kv.Value, StringComparer.Ordinal);
            parts.Add(FileUndoText(path, new Snapshot(facts)));
        }

        parts.Add(AuditLiveRulesChange.RestoreListingText(before["listing"]));
        foreach (var (fact, option) in StatusOptions)
        {
            if (before[fact] is { } value)
            {
                parts.Add(new NativeCommand("auditctl", new[] { option, value }).CommandLine);
            }
        }

        return string.Join("; ", parts);
    }

    private static readonly (string Fact, string Option)[] StatusOptions = { ("status.backlog_limit", "-b"), ("status.failure", "-f"), ("status.rate_limit", "-r"), ("status.backlog_wait_time", "--backlog_wait_time") };

    private static string FileUndoText(string path, Snapshot before) => new FileWriteChange(path, Array.Empty<byte>()).UndoDescription(before);
}
