using System;
using System.Collections.Generic;
using System.Management.Automation;
using GoBaseline.Core;
using GoBaseline.Core.Journal;
using GoBaseline.Core.SeLinux;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Sets the SELinux label of files (like chcon), journaled and undoable.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "SeLinuxContext", DefaultParameterSetName = "Parts", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(BaselineChangeResult), typeof(SeLinuxContext))]
public sealed class SetSeLinuxContextCommand : SeLinuxRemediationCmdlet
{
    private readonly List<Change> _changes = new();
    private readonly List<string> _paths = new();

    /// <summary>
    /// <para type="description">The files to label; binds from the pipeline and from objects with a Path or FullName property. A final symbolic link is labelled itself, not followed (chcon -h).</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>
    /// <para type="description">The whole new context, e.g. system_u:object_r:bin_t:s0.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Context", Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Context { get; set; }

    /// <summary>
    /// <para type="description">The new type; the other parts of the current label are kept (chcon -t).</para>
    /// </summary>
    [Parameter(ParameterSetName = "Parts")]
    [ValidateNotNullOrEmpty]
    public string? Type { get; set; }

    /// <summary>
    /// <para type="description">The new SELinux user (chcon -u).</para>
    /// </summary>
    [Parameter(ParameterSetName = "Parts")]
    [ValidateNotNullOrEmpty]
    public string? User { get; set; }

    /// <summary>
    /// <para type="description">The new role (chcon -r).</para>
    /// </summary>
    [Parameter(ParameterSetName = "Parts")]
    [ValidateNotNullOrEmpty]
    public string? Role { get; set; }

    /// <summary>
    /// <para type="description">The new MLS/MCS range (chcon -l).</para>
    /// </summary>
    [Parameter(ParameterSetName = "Parts")]
    [ValidateNotNullOrEmpty]
    public string? Range { get; set; }

    /// <summary>
    /// <para type="description">Also label everything below the named directories (links are not followed).</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary>
    /// <para type="description">Return the files' new labels instead of the change result.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (ParameterSetName == "Parts" && Type is null && User is null && Role is null && Range is null)
        {
            ThrowEngineError(new ArgumentException("Give -Context, or at least one of -Type, -User, -Role, -Range."), null);
        }

        foreach (var p in Path!)
        {
            try
            {
                foreach (var (file, status) in TreeWalker.Walk(TargetRoot, ToHostPath(p), Recurse))
                {
                    if (status is null)
                    {
                        throw new GoBaselineException(ErrorIds.PathNotFound, FailureKind.NotFound, $"{file}: not found under {TargetRoot.Root}.", file);
                    }

                    var context = Context ?? Compose(SeLinuxLabels.ReadFileContext(TargetRoot, file), file);
                    SeLinuxContext.Parse(context);
                    _changes.Add(LabelChange(file, context));
                    _paths.Add(file);
                }
            }
            catch (FormatException ex)
            {
                ThrowEngineError(new GoBaselineException(ErrorIds.SeLinuxContextInvalid, FailureKind.InvalidArgument, ex.Message, p, ex), p);
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                ThrowEngineError(ex, p);
            }
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (_changes.Count > 0 && Apply(_changes, $"Set-SeLinuxContext on {_changes.Count} file(s)", PassThru) && PassThru)
        {
            foreach (var f in _paths)
            {
                WriteObject(SeLinuxLabels.ReadFileContext(TargetRoot, f));
            }
        }
    }

    private string Compose(SeLinuxContext? current, string file)
    {
        if (current is null && (User is null || Role is null || Type is null))
        {
            throw new GoBaselineException(ErrorIds.SeLinuxLabelMissing, FailureKind.InvalidOperation, $"{file} has no label to change parts of; give -Context.", file);
        }

        var parts = current?.Raw.Split(':', 4);
        var range = Range ?? (parts is { Length: 4 } ? parts[3] : null);
        return (User ?? current!.User) + ":" + (Role ?? current!.Role) + ":" + (Type ?? current!.Type) + (range is null ? string.Empty : ":" + range);
    }
}
