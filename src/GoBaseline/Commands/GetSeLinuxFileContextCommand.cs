using System;
using System.Management.Automation;
using GoBaseline.Core.Host.Native;
using GoBaseline.Core.SeLinux;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Computes the SELinux label the policy expects for paths (what matchpathcon prints) and names the file_contexts rule that decided it.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "SeLinuxFileContext")]
[OutputType(typeof(SeLinuxExpectedContext))]
public sealed class GetSeLinuxFileContextCommand : SeLinuxLabelCmdlet
{
    /// <summary>
    /// <para type="description">The paths to look up; they need not exist. Binds from the pipeline and from objects with a Path or FullName property.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>
    /// <para type="description">Also look up everything below the named directories (links are not followed).</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary>
    /// <para type="description">Look the paths up as this file type instead of the type on disk (matchpathcon -m).</para>
    /// </summary>
    [Parameter]
    public SeLinuxFileType FileType { get; set; } = SeLinuxFileType.Any;

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var resolver = Resolver;
        UnixFileKind? forced = FileType switch
        {
            SeLinuxFileType.File => UnixFileKind.RegularFile,
            SeLinuxFileType.Dir => UnixFileKind.Directory,
            SeLinuxFileType.LnkFile => UnixFileKind.SymbolicLink,
            SeLinuxFileType.ChrFile => UnixFileKind.CharacterDevice,
            SeLinuxFileType.BlkFile => UnixFileKind.BlockDevice,
            SeLinuxFileType.SockFile => UnixFileKind.Socket,
            SeLinuxFileType.FifoFile => UnixFileKind.Fifo,
            _ => null,
        };
        foreach (var p in Path!)
        {
            try
            {
                var path = ToHostPath(p);
                if (!Recurse)
                {
                    WriteObject(resolver.Resolve(path, forced));
                    continue;
                }

                foreach (var (file, status) in TreeWalker.Walk(TargetRoot, path, true))
                {
                    WriteObject(resolver.Resolve(file, forced, status));
                }
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                WriteEngineError(ex, p);
            }
        }
    }
}
