using System;
using System.Collections.Generic;
using System.Management.Automation;
using GoBaseline.Core;
using GoBaseline.Core.Host;
using GoBaseline.Core.Journal;
using GoBaseline.Core.SeLinux;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Removes a local file-context rule with semanage fcontext -d, journaled and undoable.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "SeLinuxFileContextRule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(BaselineChangeResult))]
public sealed class RemoveSeLinuxFileContextRuleCommand : SeLinuxRemediationCmdlet
{
    private readonly List<Change> _changes = new();

    /// <summary>
    /// <para type="description">The path regular expressions of the rules, exactly as in file_contexts.local; binds from the pipeline and from Get-SeLinuxFileContext output (RuleSpec).</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("RuleSpec")]
    [ValidateNotNullOrEmpty]
    public string[]? Spec { get; set; }

    /// <summary>
    /// <para type="description">The file type of the rule (semanage -f); Any by default.</para>
    /// </summary>
    [Parameter]
    public SeLinuxFileType FileType { get; set; } = SeLinuxFileType.Any;

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        RequireLive();
        var policy = PolicyName();
        var letter = AddSeLinuxFileContextRuleCommand.FileTypeLetter(FileType);
        foreach (var spec in Spec!)
        {
            var placeholder = new NativeCommand("semanage", Array.Empty<string>());

            // An equivalence rule (file_contexts.subs) of that path: semanage fcontext -d removes it, -a -e puts it back.
            var (equivalent, target) = new SemanageChange(SemanageObject.Equivalence, spec, null, null, false, placeholder, placeholder, policy).Probe(TargetRoot);
            if (equivalent)
            {
                _changes.Add(new SemanageChange(SemanageObject.Equivalence, spec, null, null, false,
                    new NativeCommand("semanage", new[] { "fcontext", "-d", spec }), new NativeCommand("semanage", new[] { "fcontext", "-a", "-e", target!, spec }), policy));
                continue;
            }

            var (present, detail) = new SemanageChange(SemanageObject.FileContext, spec, letter, null, false, placeholder, placeholder, policy).Probe(TargetRoot);
            if (!present)
            {
                WriteVerbose($"No rule '{spec}' ({letter}): nothing to remove.");
            }

            // A rule of the policy itself is planned too: semanage refuses to delete it, and says why. Undo adds the
            // rule back with its whole context (user, type, range, or <<none>>).
            var revertArgs = new List<string> { "fcontext", "-a", "-f", letter };
            revertArgs.AddRange(detail is null ? new[] { "-t", SemanageChange.NoneContext } : SemanageChange.FileContextOptions(detail));
            revertArgs.Add(spec);
            _changes.Add(new SemanageChange(SemanageObject.FileContext, spec, letter, null, false,
                new NativeCommand("semanage", new[] { "fcontext", "-d", "-f", letter, spec }), new NativeCommand("semanage", revertArgs), policy));
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (_changes.Count > 0)
        {
            Apply(_changes, $"Remove-SeLinuxFileContextRule: {_changes.Count} rule(s)", false);
        }
    }
}
