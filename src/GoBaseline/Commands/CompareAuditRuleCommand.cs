using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GoBaseline.Core.Audit;
using GoBaseline.Core.GoEnv;
using GoBaseline.Core.Host;
using GoBaseline.Core.Profiles;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Compares desired, persistent and live audit rules by meaning: field order, -k versus -F key= and syscall order do not matter, the order of never and always rules does.</para>
/// </summary>
[Cmdlet(VerbsData.Compare, "AuditRule", DefaultParameterSetName = "Baseline")]
[OutputType(typeof(AuditRuleDifference))]
public sealed class CompareAuditRuleCommand : AuditCmdletBase
{
    /// <summary>
    /// <para type="description">The desired rules, e.g. from New-AuditRule or Get-AuditRule -Path.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Rules", Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public AuditRule[]? Desired { get; set; }

    /// <summary>
    /// <para type="description">A rules file holding the desired rules (a path inside -Root).</para>
    /// </summary>
    [Parameter(ParameterSetName = "File", Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? DesiredPath { get; set; }

    /// <summary>
    /// <para type="description">Compare against the Go baseline's rules (the default).</para>
    /// </summary>
    [Parameter(ParameterSetName = "Baseline")]
    public SwitchParameter Baseline { get; set; }

    /// <summary>
    /// <para type="description">A profile YAML file whose AuditRule controls are the desired rules, instead of the embedded default profile (the Go baseline).</para>
    /// </summary>
    [Parameter(ParameterSetName = "Baseline")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProfilePathCompleter))]
    public string? Profile { get; set; }

    /// <summary>
    /// <para type="description">Compare only persistent with live rules (no desired set).</para>
    /// </summary>
    [Parameter(ParameterSetName = "NoDesired", Mandatory = true)]
    public SwitchParameter PersistentOnly { get; set; }

    /// <summary>
    /// <para type="description">Only return rows that are not InSync.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter DifferentOnly { get; set; }

    private readonly List<AuditRule> _desired = new();

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (Desired is not null)
        {
            _desired.AddRange(Desired);
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        try
        {
            List<AuditRule>? desired = ParameterSetName switch
            {
                "Rules" => _desired,
                "File" => ReadFiles(new[] { Sources.ReadFile(TargetRoot.IsLive ? ResolveUserPath(DesiredPath!) : DesiredPath!) }),
                "NoDesired" => null,
                _ => BaselineRules(TargetRoot, TestAuditRuleCommand.LoadProfile(this, Profile), Sources.Environment).ToList(),
            };
            var persistent = ReadFiles(Sources.ReadPersistent());
            var texts = Sources.PersistentTexts();
            var generated = TargetRoot.TryReadAllText(AuditRuleSources.GeneratedFile);
            if (texts.Count > 0 && generated != AuditRuleSources.BuildAugenrules(texts.Select(t => t.Text)))
            {
                WriteWarning($"{AuditRuleSources.GeneratedFile} is not what augenrules builds from {AuditRuleSources.RulesDirectory}: auditd loads the old rules at the next start until 'augenrules --load' runs.");
            }

            // Under -Root there is no kernel to read: live stays null and persistent rules are LiveNotChecked, not "not loaded".
            var live = TargetRoot.IsLive ? Sources.ReadLive(AuditCtl, CancelToken) : null;
            foreach (var d in AuditRuleComparer.Compare(desired, persistent, live))
            {
                if (!DifferentOnly || d.Status != "InSync")
                {
                    WriteObject(d);
                }
            }
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowEngineError(ex, DesiredPath ?? Profile ?? Root);
        }
    }

    /// <summary>The baseline's rules for this host (without the watches whose directory does not exist: the kernel would refuse them).</summary>
    internal static IEnumerable<AuditRule> BaselineRules(HostRoot host, BaselineProfile profile, IAuditRuleEnvironment env) =>
        TestAuditRuleCommand.Expectations(host, profile).Where(e => e.Blocker is null).Select(e => e.Parse(env));
}
