using System;
using System.Collections.Generic;
using System.Management.Automation;
using GoBaseline.Core;
using GoBaseline.Core.Fips;

namespace GoBaseline.Infrastructure;

/// <summary>The shared flow of Enable-FipsMode and Disable-FipsMode: plan, refuse, journal, report.</summary>
public abstract class FipsModeCmdlet : RemediationCmdlet
{
    private readonly List<string> _services = new();

    /// <summary>
    /// <para type="description">Go services (systemd units) that get, or lose, a drop-in setting GODEBUG=fips140=on.
    /// Binds from the pipeline and from ServiceName properties.</para>
    /// </summary>
    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? ServiceName { get; set; }

    /// <summary>
    /// <para type="description">Changes only the named services' drop-ins, not the host (boot configuration, dracut,
    /// crypto policy, OpenSSL).</para>
    /// </summary>
    [Parameter]
    public SwitchParameter ServiceOnly { get; set; }

    /// <summary>
    /// <para type="description">Writes the host's FipsStatus after the change instead of the change result.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>True for Enable-FipsMode.</summary>
    private protected abstract bool Enable { get; }

    /// <summary>True when the admin overrides the platform's "unsupported after install" refusal.</summary>
    private protected virtual bool AllowUnsupported => false;

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (ServiceName is not null)
        {
            _services.AddRange(ServiceName);
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        FipsPlan plan;
        try
        {
            plan = FipsRemediation.Plan(TargetRoot, Enable, _services, includeHost: !ServiceOnly, FipsTools.Find(TargetRoot, Runner));
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowEngineError(ex, Root);
            return;
        }

        if (plan.Refusal is not null)
        {
            // -Force only skips the prompts (automation passes it); overriding the platform takes its own switch.
            if (!AllowUnsupported)
            {
                ThrowEngineError(new GoBaselineException(ErrorIds.FipsEnableUnsupported, FailureKind.InvalidOperation, plan.Refusal + " Pass -AllowUnsupportedPlatform to do it anyway.", Root), Root);
                return;
            }

            WriteWarning(plan.Refusal + " Going on because of -AllowUnsupportedPlatform.");
        }

        if (plan.Changes.Count == 0)
        {
            WriteVerbose("Nothing to change.");
        }

        var verb = Enable ? "Enable" : "Disable";
        var result = ApplyChanges(plan.Changes, $"{verb} FIPS mode" + (_services.Count > 0 ? " (services: " + string.Join(", ", _services) + ")" : string.Empty), Root);
        if (result is null)
        {
            return;
        }

        if (result.Changed)
        {
            foreach (var w in plan.Warnings)
            {
                WriteWarning(w);
            }
        }

        if (!PassThru)
        {
            WriteObject(result);
            return;
        }

        try
        {
            WriteObject(new FipsProbe(TargetRoot, Runner, CancelToken).Probe(new FipsProbeOptions()));
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            WriteEngineError(ex, Root);
        }
    }
}
