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
/// <para type="synopsis">Adds (or changes) a local file-context rule with semanage fcontext, journaled and undoable.</para>
/// </summary>
[Cmdlet(VerbsCommon.Add, "SeLinuxFileContextRule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "Type")]
[OutputType(typeof(BaselineChangeResult))]
public sealed class AddSeLinuxFileContextRuleCommand : SeLinuxRemediationCmdlet
{
    private readonly List<Change> _changes = new();

    /// <summary>
    /// <para type="description">The path regular expressions (anchored, as in file_contexts), e.g. '/srv/gosvc(/.*)?'; binds from the pipeline.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("RuleSpec")]
    [ValidateNotNullOrEmpty]
    public string[]? Spec { get; set; }

    /// <summary>
    /// <para type="description">The type to give the matching files, e.g. bin_t.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = "Type")]
    [ValidateNotNullOrEmpty]
    public string? Type { get; set; }

    /// <summary>
    /// <para type="description">Instead of a type: label the paths under Spec as the ones under this path are labelled (an equivalence rule, semanage fcontext -a -e), e.g. -Equal /var/www for Spec /srv/www.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = "Equal")]
    [ValidateNotNullOrEmpty]
    public string? Equal { get; set; }

    /// <summary>
    /// <para type="description">The file type the rule applies to (semanage -f); Any by default.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Type")]
    public SeLinuxFileType FileType { get; set; } = SeLinuxFileType.Any;

    /// <summary>
    /// <para type="description">The MLS/MCS range of the rule (semanage -r), e.g. s0.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Type")]
    [ValidateNotNullOrEmpty]
    public string? Range { get; set; }

    /// <summary>
    /// <para type="description">The SELinux user of the rule's context (semanage -s), e.g. system_u; semanage's default (system_u, or the old rule's user for a change) otherwise.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Type")]
    [ValidateNotNullOrEmpty]
    public string? User { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        RequireLive();
        var policy = PolicyName();
        var letter = FileTypeLetter(FileType);
        foreach (var spec in Spec!)
        {
            if (Equal is not null)
            {
                AddEquivalence(spec, policy);
                continue;
            }

            try
            {
                if (Type != SemanageChange.NoneContext)
                {
                    PolicyModuleGenerator.ValidateName(Type!, "type");
                }

                if (User is not null)
                {
                    PolicyModuleGenerator.ValidateName(User, "user");
                }
                var probe = new SemanageChange(SemanageObject.FileContext, spec, letter, Type, true, new NativeCommand("semanage", Array.Empty<string>()), new NativeCommand("semanage", Array.Empty<string>()), policy);
                var (present, detail) = probe.Probe(TargetRoot);
                var local = present && detail is not null && !detail.EndsWith(" (policy)", StringComparison.Ordinal);

                // semanage -a refuses a spec the policy or the local rules already define; -m changes it (a policy
                // rule then gets a local override, which -d removes again).
                var args = new List<string> { "fcontext", present ? "-m" : "-a", "-f", letter };
                if (User is not null)
                {
                    args.AddRange(new[] { "-s", User });
                }

                args.AddRange(new[] { "-t", Type! });
                if (Range is not null)
                {
                    args.AddRange(new[] { "-r", Range });
                }

                args.Add(spec);

                // Undo puts the whole old context back: user, type, range, or <<none>>.
                var revertArgs = new List<string> { "fcontext" };
                if (local)
                {
                    revertArgs.AddRange(new[] { "-m", "-f", letter });
                    revertArgs.AddRange(SemanageChange.FileContextOptions(detail!));
                }
                else
                {
                    revertArgs.AddRange(new[] { "-d", "-f", letter });
                }

                revertArgs.Add(spec);
                _changes.Add(new SemanageChange(SemanageObject.FileContext, spec, letter, Type, true, new NativeCommand("semanage", args), new NativeCommand("semanage", revertArgs), policy, desiredUser: User, desiredRange: Range));
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                ThrowEngineError(ex, spec);
            }
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (_changes.Count > 0)
        {
            Apply(_changes, $"Add-SeLinuxFileContextRule: {_changes.Count} rule(s)", false);
        }
    }

    private void AddEquivalence(string spec, string policy)
    {
        // semanage keeps equivalences in file_contexts.subs as plain paths: -m replaces one, -d removes it.
        var placeholder = new NativeCommand("semanage", Array.Empty<string>());
        var (present, old) = new SemanageChange(SemanageObject.Equivalence, spec, null, Equal, true, placeholder, placeholder, policy).Probe(TargetRoot);
        var apply = new NativeCommand("semanage", new[] { "fcontext", present ? "-m" : "-a", "-e", Equal!, spec });
        var revert = present
            ? new NativeCommand("semanage", new[] { "fcontext", "-m", "-e", old!, spec })
            : new NativeCommand("semanage", new[] { "fcontext", "-d", spec });
        _changes.Add(new SemanageChange(SemanageObject.Equivalence, spec, null, Equal, true, apply, revert, policy));
    }

    /// <summary>The semanage -f letter of a file type.</summary>
    internal static string FileTypeLetter(SeLinuxFileType t) => t switch
    {
        SeLinuxFileType.File => "f",
        SeLinuxFileType.Dir => "d",
        SeLinuxFileType.LnkFile => "l",
        SeLinuxFileType.ChrFile => "c",
        SeLinuxFileType.BlkFile => "b",
        SeLinuxFileType.SockFile => "s",
        SeLinuxFileType.FifoFile => "p",
        _ => "a",
    };
}
