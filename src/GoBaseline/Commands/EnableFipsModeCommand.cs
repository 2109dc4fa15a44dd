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
    /// <inheritdoc/>
    private protected override bool Enable => true;
}
