using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GoBaseline.Core.Audit;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Makes the managed rules file and the running kernel hold exactly the given rules for a key (or for the whole managed file), journaled and undoable.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "AuditRule", DefaultParameterSetName = "Rule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(BaselineChangeResult), typeof(AuditRule))]
public sealed class SetAuditRuleCommand : AuditRemediationCmdlet
{
    /// <summary>
    /// <para type="description">The desired rules, e.g. from New-AuditRule.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Rule", Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public AuditRule[]? InputObject { get; set; }

    /// <summary>
    /// <para type="description">The desired rules as text. All lines are parsed first: one bad line and nothing changes.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Text", Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Text { get; set; }

    /// <summary>
    /// <para type="description">A rules file holding the desired rules (a path inside -Root). A bad line anywhere and nothing changes.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Path", Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>
    /// <para type="description">The scope: rules with one of these keys are made to equal the desired rules; other rules stay. Without -Key the scope is the whole managed file (and, live, the rules it held).</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Key { get; set; }

    private readonly List<AuditRule> _rules = new();

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (InputObject is not null)
        {
            _rules.AddRange(InputObject.Where(r => r.Kind == AuditRuleKind.Rule));
        }

        try
        {
            if (Text is not null)
            {
                _rules.AddRange(AuditRules.Parse(string.Join('\n', Text), null, Sources.Environment, "New").Where(r => r.Kind == AuditRuleKind.Rule));
            }

            if (Path is not null)
            {
                var file = TargetRoot.IsLive ? ResolveUserPath(Path) : Path;
                _rules.AddRange(AuditRules.Parse(TargetRoot.ReadAllText(file), file, Sources.Environment, "File").Where(r => r.Kind == AuditRuleKind.Rule));
            }
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowEngineError(ex, Path ?? string.Join('\n', Text ?? Array.Empty<string>()));
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var desired = _rules.Where(r => r.Operation != AuditRuleOperation.Delete).GroupBy(r => r.CanonicalText).Select(g => g.First()).ToList();
        if (Key is not null)
        {
            foreach (var r in desired.Where(r => !r.Keys.Any(Key.Contains)))
            {
                WriteWarning($"'{r.Text}' has none of the keys {string.Join(", ", Key)}: a later Set-AuditRule -Key would not see it.");
            }
        }

        Preflight();
        var managed = ChangePersistent ? ManagedRules() : new List<AuditRule>();
        var (_, managedDelete) = AuditRulePlanner.Plan(desired, managed, Key);
        var keep = managed.Where(m => !managedDelete.Any(d => d.CanonicalText == m.CanonicalText)).ToList();
        var newManaged = AuditRulePlanner.Place(keep, desired.Where(d => !keep.Any(k => k.CanonicalText == d.CanonicalText)));

        var live = ChangeLive ? LiveRules() : Array.Empty<AuditRule>();
        IReadOnlyList<AuditRule> liveAdd = Array.Empty<AuditRule>();
        IReadOnlyList<AuditRule> liveDelete = Array.Empty<AuditRule>();
        if (ChangeLive)
        {
            if (Key is not null)
            {
                (liveAdd, liveDelete) = AuditRulePlanner.Plan(desired, live, Key);
            }
            else
            {
                // The managed file's scope, live: what it held before and is no longer desired goes; what is desired comes.
                var previous = TargetRoot.FileExists(ManagedFile) ? ManagedRules() : new List<AuditRule>();
                var wanted = new HashSet<string>(desired.Select(d => d.CanonicalText), StringComparer.Ordinal);
                liveDelete = live.Where(l => previous.Any(p => p.CanonicalText == l.CanonicalText) && !wanted.Contains(l.CanonicalText)).ToList();
                liveAdd = desired.Where(d => !live.Any(l => l.CanonicalText == d.CanonicalText)).ToList();
            }
        }

        var changes = BuildChanges(managed, newManaged, liveAdd, liveDelete);
        Run(changes, (Key is null ? "set the managed audit rules" : "set the audit rules of key " + string.Join(", ", Key)) + ": " + string.Join("; ", desired.Select(r => r.Text)), desired);
    }
}
