using System;
using System.Management.Automation;
using GoBaseline.Core;
using GoBaseline.Core.SeLinux;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Sets SELINUX= in /etc/selinux/config: the SELinux mode after the next boot (reboot-bound, journaled).</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "SeLinuxMode", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(BaselineChangeResult), typeof(SeLinuxStatus))]
public sealed class SetSeLinuxModeCommand : SeLinuxRemediationCmdlet
{
    /// <summary>
    /// <para type="description">The mode after the next boot: Enforcing, Permissive or Disabled.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ConfiguredMode")]
    public SeLinuxMode Mode { get; set; }

    /// <summary>
    /// <para type="description">Return the new status instead of the change result.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var text = TargetRoot.TryReadAllText(SeLinuxConfig.ConfigPath);
        if (text is null)
        {
            ThrowEngineError(new GoBaselineException(ErrorIds.SeLinuxPolicyNotFound, FailureKind.NotFound, $"{SeLinuxConfig.ConfigPath} does not exist under {TargetRoot.Root}: the SELinux userspace is not installed.", SeLinuxConfig.ConfigPath));
        }

        if (Apply(new[] { new SeLinuxModeChange(text!, Mode) }, $"Set-SeLinuxMode {Mode}", PassThru) && PassThru)
        {
            WriteObject(SeLinuxLabels.ReadStatus(TargetRoot));
        }
    }
}
