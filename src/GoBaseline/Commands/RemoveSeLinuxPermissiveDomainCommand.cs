using System;
using System.Collections.Generic;
using System.Management.Automation;
using GoBaseline.Core.Host;
using GoBaseline.Core.Journal;
using GoBaseline.Core.SeLinux;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Makes permissive SELinux domains enforcing again (semanage permissive -d), journaled and undoable.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "SeLinuxPermissiveDomain", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(BaselineChangeResult))]
public sealed class RemoveSeLinuxPermissiveDomainCommand : SeLinuxRemediationCmdlet
{
    private readonly List<Change> _changes = new();

    /// <summary>
    /// <para type="description">The domains; binds from the pipeline and from Get-SeLinuxPermissiveDomain output (Name).</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

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

            _changes.Add(new SemanageChange(SemanageObject.Permissive, n, null, null, false,
                new NativeCommand("semanage", new[] { "permissive", "-d", n }), new NativeCommand("semanage", new[] { "permissive", "-a", n }), policy));
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (_changes.Count > 0)
        {
            Apply(_changes, $"Remove-SeLinuxPermissiveDomain {string.Join(", ", Name!)}", false);
        }
    }
}
