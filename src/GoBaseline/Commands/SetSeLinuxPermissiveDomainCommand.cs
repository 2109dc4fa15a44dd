using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GoBaseline.Core.Host;
using GoBaseline.Core.Journal;
using GoBaseline.Core.SeLinux;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Makes SELinux domains permissive (semanage permissive -a), journaled and undoable.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "SeLinuxPermissiveDomain", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(BaselineChangeResult), typeof(SeLinuxPermissiveDomain))]
public sealed class SetSeLinuxPermissiveDomainCommand : SeLinuxRemediationCmdlet
{
    private readonly List<Change> _changes = new();

    /// <summary>
    /// <para type="description">The domains, e.g. gosvc_t; binds from the pipeline and from objects with a Name property.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>
    /// <para type="description">Return the permissive domains instead of the change result.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        RequireLive();
        var policy = PolicyName();
        foreach (var n in Name!)
        {
            try
            {
                PolicyModuleGenerator.ValidateName(n, "domain");
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                ThrowEngineError(ex, n);
            }

            _changes.Add(new SemanageChange(SemanageObject.Permissive, n, null, null, true,
                new NativeCommand("semanage", new[] { "permissive", "-a", n }), new NativeCommand("semanage", new[] { "permissive", "-d", n }), policy));
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (_changes.Count > 0 && Apply(_changes, $"Set-SeLinuxPermissiveDomain {string.Join(", ", Name!)}", PassThru) && PassThru)
        {
            var names = new HashSet<string>(Name!, StringComparer.Ordinal);
            WriteObject(SeLinuxDomains.CustomizedPermissive(TargetRoot, PolicyName()).Where(d => names.Contains(d.Name)), true);
        }
    }
}
