using System.Management.Automation;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Removes the FIPS mode configuration Enable-FipsMode writes (fips=1, dracut module, FIPS policy,
/// OpenSSL provider lines, the services' GODEBUG drop-ins); journaled, undoable, reboot-bound.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Disable, "FipsMode", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(BaselineChangeResult))]
[OutputType(typeof(FipsStatus))]
public sealed class DisableFipsModeCommand : FipsModeCmdlet
{
    /// <inheritdoc/>
    private protected override bool Enable => false;
}
