using System;
using System.Management.Automation;
using GoBaseline.Core.SeLinux;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Compares files' SELinux labels with the labels the policy expects, deciding as restorecon -n -v does.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SeLinuxContext")]
[OutputType(typeof(SeLinuxLabelCheck))]
[OutputType(typeof(bool))]
public sealed class TestSeLinuxContextCommand : SeLinuxLabelCmdlet
{
    private LabelChecker? _checker;
    private bool _allGood = true;

    /// <summary>
    /// <para type="description">The files to check; binds from the pipeline and from objects with a Path or FullName property.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>
    /// <para type="description">Also check everything below the named directories (links are not followed).</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary>
    /// <para type="description">Compare the whole context (user, role, type, range) and ignore customizable types, as restorecon -F does; without it only the type counts.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>
    /// <para type="description">Return one bool: true when restorecon would change nothing.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (_checker is null)
        {
            // customizable_types sits in the policy directory: the configured one, or the one holding -FileContextsPath.
            const string suffix = "/contexts/files/file_contexts";
            var fc = Resolver.Database.Files[0];
            var policyDir = fc.EndsWith(suffix, StringComparison.Ordinal) ? fc.Substring(0, fc.Length - suffix.Length) : null;
            var customizable = policyDir is null ? new System.Collections.Generic.HashSet<string>() : SeLinuxFiles.CustomizableTypes(TargetRoot, policyDir);
            _checker = new LabelChecker(TargetRoot, Resolver, customizable);
        }

        foreach (var p in Path!)
        {
            try
            {
                var path = ToHostPath(p);
                foreach (var (file, status) in TreeWalker.Walk(TargetRoot, path, Recurse))
                {
                    if (status is null)
                    {
                        WriteEngineError(new Core.GoBaselineException(Core.ErrorIds.PathNotFound, Core.FailureKind.NotFound, $"{file}: not found under {TargetRoot.Root}.", file), file);
                        break;
                    }

                    var check = _checker.Check(file, status, Force);
                    if (check.WouldRelabel)
                    {
                        _allGood = false;
                    }

                    if (!Quiet)
                    {
                        WriteObject(check);
                    }
                }
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                _allGood = false;
                WriteEngineError(ex, p);
            }
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (Quiet)
        {
            WriteObject(_allGood);
        }
    }
}
