using System;
using System.Collections.Generic;
using System.Management.Automation;
using GoBaseline.Core.Fips;
using GoBaseline.Core.Host;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Gives one FIPS 140 verdict over every signal of a host: kernel, boot configuration, dracut,
/// crypto policy, OpenSSL and Go, naming each contradiction.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "FipsMode")]
[OutputType(typeof(FipsStatus))]
[OutputType(typeof(bool))]
public sealed class TestFipsModeCommand : HostReadingCmdlet
{
    private readonly List<string> _binaries = new();

    /// <summary>
    /// <para type="description">Go binaries whose FIPS mode is part of the verdict (paths inside -Root). Binds from the Path
    /// of Get-GoBinaryInfo output.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Path")]
    [ValidateNotNullOrEmpty]
    public string[]? GoBinaryPath { get; set; }

    /// <summary>
    /// <para type="description">Accepts cgo-based FIPS backends (BoringCrypto, OpenSSL); by default the baseline's
    /// CGO_ENABLED=0 makes them a contradiction.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter AllowCgo { get; set; }

    /// <summary>
    /// <para type="description">Returns one bool instead of the status: true only when the verdict is Enabled.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (GoBinaryPath is null)
        {
            return;
        }

        foreach (var p in GoBinaryPath)
        {
            _binaries.Add(TargetRoot.IsLive ? ResolveUserPath(p) : HostRoot.Normalize(p));
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        try
        {
            var status = new FipsProbe(TargetRoot, Runner, CancelToken).Probe(new FipsProbeOptions { GoBinaryPaths = _binaries, AllowCgo = AllowCgo });
            foreach (var c in status.Contradictions)
            {
                WriteVerbose("Contradiction: " + c);
            }

            foreach (var n in status.Notes)
            {
                WriteVerbose("Note: " + n);
            }

            WriteObject(Quiet ? status.IsEnabled : status);
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowEngineError(ex, Root);
        }
    }
}
