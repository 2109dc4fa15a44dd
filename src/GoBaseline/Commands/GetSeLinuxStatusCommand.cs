using System;
using System.Management.Automation;
using GoBaseline.Core.SeLinux;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Reports SELinux's state like sestatus: enabled, running and configured mode, policy, MLS, policy version, deny_unknown.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "SeLinuxStatus")]
[OutputType(typeof(SeLinuxStatus))]
public sealed class GetSeLinuxStatusCommand : HostReadingCmdlet
{
    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        try
        {
            WriteObject(SeLinuxLabels.ReadStatus(TargetRoot));
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowEngineError(ex, Root);
        }
    }
}
