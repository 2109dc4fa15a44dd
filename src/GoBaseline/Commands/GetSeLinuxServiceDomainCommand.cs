using System;
using System.Management.Automation;
using GoBaseline.Core.SeLinux;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Shows the SELinux domain a systemd service runs in (or would run in) and flags the bin_t → unconfined_service_t trap.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "SeLinuxServiceDomain")]
[OutputType(typeof(SeLinuxServiceDomain))]
public sealed class GetSeLinuxServiceDomainCommand : SeLinuxLabelCmdlet
{
    /// <summary>
    /// <para type="description">The systemd services (".service" may be left out); binds from the pipeline and from objects with a Name or ServiceName property.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ServiceName")]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        ExpectedLabelResolver? resolver = null;
        try
        {
            resolver = ExpectedLabelResolver.ForPolicy(TargetRoot, FileContextsPath is null ? null : ToHostPath(FileContextsPath));
        }
        catch (Core.GoBaselineException ex) when (ex.ErrorId == Core.ErrorIds.SeLinuxPolicyNotFound)
        {
            // Without an installed policy the expected label is unknown; the actual label still decides.
            WriteVerbose(ex.Message);
        }

        foreach (var n in Name!)
        {
            try
            {
                WriteObject(SeLinuxDomains.ServiceDomain(TargetRoot, n, resolver, Runner, CancelToken));
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                WriteEngineError(ex, n);
            }
        }
    }
}
