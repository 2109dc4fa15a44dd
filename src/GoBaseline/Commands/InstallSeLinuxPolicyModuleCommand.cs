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
/// <para type="synopsis">Installs policy packages (.pp) with semodule -i, journaled; undo removes them (semodule -r).</para>
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

            // The module name is the package's file name, as semodule -i takes it (name.pp → name).
            var name = System.IO.Path.GetFileNameWithoutExtension(file);
            var placeholder = new NativeCommand("semodule", Array.Empty<string>());
            var (present, _) = new SemanageChange(SemanageObject.Module, name, null, null, true, placeholder, placeholder, policy).Probe(TargetRoot);

            // Replacing an installed module of that name cannot be undone byte for byte: its old package is gone.
            _changes.Add(new SemanageChange(SemanageObject.Module, name, null, null, true,
                new NativeCommand("semodule", new[] { "-i", file }) { Timeout = TimeSpan.FromMinutes(10) },
                new NativeCommand("semodule", new[] { "-r", name }) { Timeout = TimeSpan.FromMinutes(10) },
                policy, present ? Reversibility.Irreversible : Reversibility.Reversible));
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
