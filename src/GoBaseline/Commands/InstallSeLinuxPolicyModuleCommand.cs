using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using GoBaseline.Core.Host;
using GoBaseline.Core.Journal;
using GoBaseline.Core.SeLinux;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Installs or upgrades policy packages (.pp) with semodule -i, journaled; undo removes them or reinstalls the old package.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Install, "SeLinuxPolicyModule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(BaselineChangeResult))]
public sealed class InstallSeLinuxPolicyModuleCommand : SeLinuxRemediationCmdlet
{
    private readonly List<Change> _changes = new();

    /// <summary>
    /// <para type="description">The policy packages; binds from New-SeLinuxPolicyModule output (Path) and from the pipeline.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PackagePath", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        RequireLive();
        var policy = PolicyName();
        foreach (var p in Path!)
        {
            var file = ResolveUserPath(p);
            if (!File.Exists(file))
            {
                ThrowEngineError(new FileNotFoundException($"{file}: no such policy package.", file), file);
            }

            try
            {
                // The module name is the one the package declares (semodule -i installs it under that name, whatever
                // the file is called); a CIL module is named by its file.
                var package = ModulePackage.Expand(Runner, File.ReadAllBytes(file), CancelToken);
                var name = ModulePackage.ReadName(package) ?? System.IO.Path.GetFileNameWithoutExtension(file);

                // Installing over a module of that name is an upgrade: the journal keeps the old package (Capture), and
                // undo installs it again, or removes the new one when the old one lives at another priority.
                _changes.Add(new SemanageChange(name, BlobStore.Hash(package),
                    new NativeCommand("semodule", new[] { "-i", file }) { Timeout = TimeSpan.FromMinutes(10) },
                    new NativeCommand("semodule", new[] { "-X", ModulePackage.InstallPriority, "-r", name }) { Timeout = TimeSpan.FromMinutes(10) },
                    policy));
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                ThrowEngineError(ex, file);
            }
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (_changes.Count > 0)
        {
            Apply(_changes, $"Install-SeLinuxPolicyModule: {_changes.Count} module(s)", false);
        }
    }
}
