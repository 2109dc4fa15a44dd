using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GoBaseline.Core.Audit;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Removes audit rules (pipe them from Get-AuditRule) from the managed rules.d file (then augenrules --load) and/or the running kernel, journaled and undoable.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "AuditRule", DefaultParameterSetName = "Rule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(BaselineChangeResult), typeof(AuditRule))]
public sealed class RemoveAuditRuleCommand : AuditRemediationCmdlet
{
    /// <summary>
    /// <para type="description">The rules to remove, e.g. from Get-AuditRule -Live -Key go_exec. A rule counts as the same when it means the same (key spelling, field and syscall order do not matter).</para>
    /// </summary>
    [Parameter(ParameterSetName = "Rule", Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public AuditRule[]? InputObject { get; set; }

    /// <summary>
    /// <para type="description">Remove every rule with one of these keys.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Key", Mandatory = true)]
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
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        Preflight();
        var managed = ChangePersistent ? ManagedRules() : new List<AuditRule>();
        var live = ChangeLive ? LiveRules() : Array.Empty<AuditRule>();
        bool Selected(AuditRule r) => Key is not null ? r.Keys.Any(Key.Contains) : _rules.Any(x => x.CanonicalText == r.CanonicalText);
        var newManaged = managed.Where(r => !Selected(r)).ToList();
        var liveDelete = live.Where(Selected).ToList();
        var subject = Key is not null ? managed.Where(Selected).Concat(liveDelete).ToList() : _rules;
        if (ChangePersistent)
        {
            // Rules of other rules.d files are not GoBaseline's to rewrite: say so instead of silently keeping them.
            foreach (var f in Sources.ReadPersistent().Where(f => f.Path != ManagedFile))
            {
                foreach (var r in f.Rules.Where(r => r.Kind == AuditRuleKind.Rule && Selected(r)))
                {
                    WriteWarning($"{AuditRuleSources.Where(r)} also holds '{r.Text}'; it is not the managed file {ManagedFile} and is left as it is.");
                }
            }
        }

        if (subject.Count == 0 || (newManaged.Count == managed.Count && liveDelete.Count == 0))
        {
            foreach (var r in _rules)
            {
                WriteError(new ErrorRecord(new ItemNotFoundException($"'{r.Text}' is in none of the places to change."), Core.ErrorIds.AuditRuleNotFound, ErrorCategory.ObjectNotFound, r.Text));
            }

            if (Key is not null)
            {
                WriteVerbose("No rule with the key(s) " + string.Join(", ", Key) + ".");
            }

            return;
        }

        var changes = BuildChanges(managed, newManaged, Array.Empty<AuditRule>(), liveDelete);
        Run(changes, "remove audit rules: " + string.Join("; ", subject.Select(r => r.Text).Distinct()), Array.Empty<AuditRule>());
    }
}
