using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GoBaseline.Core.Audit;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Adds audit rules to the managed rules.d file (then augenrules --load) and/or the running kernel, journaled and undoable.</para>
/// </summary>
[Cmdlet(VerbsCommon.Add, "AuditRule", DefaultParameterSetName = "Rule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(BaselineChangeResult), typeof(AuditRule))]
public sealed class AddAuditRuleCommand : AuditRemediationCmdlet
{
    /// <summary>
    /// <para type="description">The rules to add, e.g. from New-AuditRule or Get-AuditRule -Path.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Rule", Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public AuditRule[]? InputObject { get; set; }

    /// <summary>
    /// <para type="description">Rule text as in a rules file. All lines are parsed first: one bad line and nothing is added.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Text", Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Text { get; set; }

    private readonly List<AuditRule> _rules = new();

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (InputObject is not null)
        {
            _rules.AddRange(InputObject);
        }

        if (Text is not null)
        {
            try
            {
                _rules.AddRange(AuditRules.Parse(string.Join('\n', Text), null, Sources.Environment, "New").Where(r => r.Kind == AuditRuleKind.Rule));
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                ThrowEngineError(ex, string.Join('\n', Text));
            }
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var rules = _rules.Where(r => r.Kind == AuditRuleKind.Rule && r.Operation != AuditRuleOperation.Delete).GroupBy(r => r.CanonicalText).Select(g => g.First()).ToList();
        if (rules.Count == 0)
        {
            return;
        }

        Preflight();
        var managed = ChangePersistent ? ManagedRules() : new List<AuditRule>();
        // A never rule goes before the first always rule of its list (after it, it would never fire).
        var newManaged = AuditRulePlanner.Place(managed, rules.Where(r => !managed.Any(m => m.CanonicalText == r.CanonicalText)));
        var live = ChangeLive ? LiveRules() : Array.Empty<AuditRule>();
        var liveAdd = rules.Where(r => !live.Any(l => l.CanonicalText == r.CanonicalText)).ToList();
        var changes = BuildChanges(managed, newManaged, liveAdd, Array.Empty<AuditRule>());
        Run(changes, "add audit rules: " + string.Join("; ", rules.Select(r => r.Text)), rules);
    }
}
