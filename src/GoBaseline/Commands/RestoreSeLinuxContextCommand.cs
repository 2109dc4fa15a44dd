using System;
using System.Collections.Generic;
using System.Management.Automation;
using GoBaseline.Core;
using GoBaseline.Core.Journal;
using GoBaseline.Core.SeLinux;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Puts files back to the label the policy expects (like restorecon), journaled and undoable.</para>
/// </summary>
[Cmdlet(VerbsData.Restore, "SeLinuxContext", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(BaselineChangeResult), typeof(SeLinuxLabelCheck))]
public sealed class RestoreSeLinuxContextCommand : SeLinuxRemediationCmdlet
{
    private readonly List<Change> _changes = new();
    private readonly List<string> _paths = new();
    private LabelChecker? _checker;

    /// <summary>
    /// <para type="description">The files to restore; binds from the pipeline and from objects with a Path or FullName property (e.g. Test-SeLinuxContext output).</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>
    /// <para type="description">Also restore everything below the named directories (restorecon -R; links are not followed).</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary>
    /// <para type="description">Set the whole expected context and relabel customizable types too (restorecon -F); without it only a wrong type is fixed.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter WholeContext { get; set; }

    /// <summary>
    /// <para type="description">The file contexts file to use instead of the configured policy's; a path inside -Root.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? FileContextsPath { get; set; }

    /// <summary>
    /// <para type="description">Return the files' new verdicts (Test-SeLinuxContext objects) instead of the change result.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        try
        {
            if (_checker is null)
            {
                var resolver = ExpectedLabelResolver.ForPolicy(TargetRoot, FileContextsPath is null ? null : ToHostPath(FileContextsPath));
                const string suffix = "/contexts/files/file_contexts";
                var fc = resolver.Database.Files[0];
                var customizable = fc.EndsWith(suffix, StringComparison.Ordinal) ? SeLinuxFiles.CustomizableTypes(TargetRoot, fc.Substring(0, fc.Length - suffix.Length)) : new HashSet<string>();
                _checker = new LabelChecker(TargetRoot, resolver, customizable);
            }

            foreach (var p in Path!)
            {
                foreach (var (file, status) in TreeWalker.Walk(TargetRoot, ToHostPath(p), Recurse))
                {
                    if (status is null)
                    {
                        throw new GoBaselineException(ErrorIds.PathNotFound, FailureKind.NotFound, $"{file}: not found under {TargetRoot.Root}.", file);
                    }

                    _paths.Add(file);
                    var check = _checker.Check(file, status, WholeContext);
                    if (check.WouldRelabel && check.Expected.Context is not null)
                    {
                        _changes.Add(LabelChange(file, check.Expected.Context.Raw));
                    }
                }
            }
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowEngineError(ex, Path);
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (_changes.Count == 0)
        {
            WriteVerbose("Nothing to restore: every label is what restorecon would leave.");
            if (!PassThru)
            {
                WriteObject(new BaselineChangeResult(MyInvocation.MyCommand.Name, false, null, null, Array.Empty<BaselineChange>(), _paths, string.Empty, "Nothing to change: every label is what restorecon would leave."));
            }
        }
        else if (!Apply(_changes, $"Restore-SeLinuxContext: {_changes.Count} label(s)", PassThru))
        {
            return;
        }

        if (PassThru)
        {
            foreach (var f in _paths)
            {
                WriteObject(_checker!.Check(f, TargetRoot.Stat(f, false), WholeContext));
            }
        }
    }
}
