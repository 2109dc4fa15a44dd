using System;
using System.Management.Automation;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Reports the kernel audit status (auditctl -s): enabled or immutable, failure mode, backlog, lost records and the audit daemon's pid.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AuditStatus")]
[OutputType(typeof(AuditStatus))]
public sealed class GetAuditStatusCommand : AuditCmdletBase
{
    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        RequireLiveHost("Get-AuditStatus");
        try
        {
            WriteObject(AuditCtl.Status(CancelToken));
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowEngineError(ex, "auditctl -s");
        }
    }
}
