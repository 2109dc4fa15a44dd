using System.Management.Automation;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Configures FIPS mode: fips=1 in the boot configuration, the dracut fips module, the FIPS crypto
/// policy, the OpenSSL FIPS provider, and GODEBUG=fips140=on for named Go services; journaled, undoable, reboot-bound.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Enable, "FipsMode", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(BaselineChangeResult))]
[OutputType(typeof(FipsStatus))]
public sealed class EnableFipsModeCommand : FipsModeCmdlet
{
    /// <summary>
    /// <para type="description">Enables FIPS mode even where the platform says enabling after installation is
    /// unsupported (RHEL 10 and later, OSTree/bootc images, unified kernel images). -Force does not do this; it only
    /// skips the confirmation prompts.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter AllowUnsupportedPlatform { get; set; }

    /// <inheritdoc/>
    private protected override bool Enable => true;

    /// <inheritdoc/>
    private protected override bool AllowUnsupported => AllowUnsupportedPlatform;
}
