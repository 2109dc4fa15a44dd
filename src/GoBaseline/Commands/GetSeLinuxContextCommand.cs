using System;
using System.Management.Automation;
using GoBaseline.Core;
using GoBaseline.Core.SeLinux;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Reads the SELinux context of files (the security.selinux attribute) or of processes (/proc/PID/attr/current).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "SeLinuxContext", DefaultParameterSetName = "Path")]
[OutputType(typeof(SeLinuxContext))]
public sealed class GetSeLinuxContextCommand : SeLinuxPathCmdlet
{
    /// <summary>
    /// <para type="description">The files to read; binds from the pipeline and from objects with a Path or FullName property.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Path", Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>
    /// <para type="description">Also read everything below the named directories (links are not followed). Files below without a label are skipped silently; a named path without one is an error.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Path")]
    public SwitchParameter Recurse { get; set; }

    /// <summary>
    /// <para type="description">The processes to read; binds from Get-Process output (Id).</para>
    /// </summary>
    [Parameter(ParameterSetName = "Process", Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "Pid")]
    public int[]? ProcessId { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (ProcessId is not null)
        {
            foreach (var pid in ProcessId)
            {
                try
                {
                    var ctx = SeLinuxLabels.ReadProcessContext(TargetRoot, pid);
                    if (ctx is null)
                    {
                        WriteError(new ErrorRecord(
                            new InvalidOperationException($"Process {pid} has no SELinux context: the kernel has no SELinux or SELinux is disabled."),
                            ErrorIds.SeLinuxLabelMissing, ErrorCategory.NotEnabled, pid));
                        continue;
                    }

                    WriteObject(ctx);
                }
                catch (Exception ex) when (ex is not PipelineStoppedException)
                {
                    WriteEngineError(ex, pid);
                }
            }

            return;
        }

        foreach (var p in Path!)
        {
            string path;
            try
            {
                path = ToHostPath(p);
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                WriteEngineError(ex, p);
                continue;
            }

            var first = true;
            foreach (var (file, status) in TreeWalker.Walk(TargetRoot, path, Recurse))
            {
                var named = first;
                first = false;
                if (status is null)
                {
                    WriteEngineError(new GoBaselineException(ErrorIds.PathNotFound, FailureKind.NotFound, $"{file}: not found under {TargetRoot.Root}.", file), file);
                    break;
                }

                try
                {
                    var ctx = SeLinuxLabels.ReadFileContext(TargetRoot, file);
                    if (ctx is not null)
                    {
                        WriteObject(ctx);
                    }
                    else if (named)
                    {
                        WriteError(new ErrorRecord(new InvalidOperationException($"{file} has no SELinux label (no security.selinux attribute)."), ErrorIds.SeLinuxLabelMissing, ErrorCategory.ObjectNotFound, file));
                    }
                }
                catch (Exception ex) when (ex is not PipelineStoppedException)
                {
                    WriteEngineError(ex, file);
                }
            }
        }
    }
}
