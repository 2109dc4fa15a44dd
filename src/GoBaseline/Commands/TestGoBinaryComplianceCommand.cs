using System;
using System.Collections.Generic;
using System.Management.Automation;
using GoBaseline.Core;
using GoBaseline.Core.GoBinary;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Checks Go binaries against the baseline: Go version, static build without cgo, FIPS-capable
/// cryptography, clean checkout, no insecure flags, and no fips140=off in DefaultGODEBUG or a process's GODEBUG.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "GoBinaryCompliance", DefaultParameterSetName = PathSet)]
[OutputType(typeof(CheckResult))]
[OutputType(typeof(bool))]
public sealed class TestGoBinaryComplianceCommand : GoBinaryReadingCmdlet
{
    private const string InputObjectSet = "InputObject";
    private GoBinaryPolicy? _policy;
    private bool _allGood = true;

    /// <summary>
    /// <para type="description">GoBinaryInfo objects from Get-GoBinaryInfo. For objects read with -ProcessId the process's
    /// environment is read again from /proc.</para>
    /// </summary>
    [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public GoBinaryInfo[]? InputObject { get; set; }

    /// <summary>
    /// <para type="description">The lowest acceptable Go release; the baseline's 1.21 by default.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string MinimumVersion { get; set; } = "go1.21";

    /// <summary>
    /// <para type="description">Accepts cgo and dynamic linking (the baseline requires CGO_ENABLED=0 and static binaries).</para>
    /// </summary>
    [Parameter]
    public SwitchParameter AllowCgo { get; set; }

    /// <summary>
    /// <para type="description">Requires FIPS 140: a FIPS-capable build (GOFIPS140, BoringCrypto or an OpenSSL backend)
    /// and, for processes, FIPS mode on at run time.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter RequireFips { get; set; }

    /// <summary>
    /// <para type="description">Flags that must not appear in any recorded build flag (-ldflags, -gcflags, -tags…); by default
    /// -insecure, --insecure and -mod=mod.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    public string[]? ForbiddenFlag { get; set; }

    /// <summary>
    /// <para type="description">Returns one bool instead of results: true when no result is Fail or Error.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        if (!GoVersion.TryParse(MinimumVersion.StartsWith("go", StringComparison.Ordinal) ? MinimumVersion : "go" + MinimumVersion, out var min))
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException($"'{MinimumVersion}' is not a Go version (e.g. 1.21 or go1.22.3)."), ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, MinimumVersion));
        }

        _policy = new GoBinaryPolicy
        {
            MinimumVersion = min!,
            RequireStatic = !AllowCgo,
            RequireFips = RequireFips,
            ForbiddenFlags = ForbiddenFlag ?? new GoBinaryPolicy().ForbiddenFlags,
        };
        base.BeginProcessing();
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var info in InputObject!)
            {
                OnBinary(info);
            }

            return;
        }

        base.ProcessRecord();
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        base.EndProcessing();
        if (Quiet)
        {
            WriteObject(_allGood);
        }
    }

    /// <inheritdoc/>
    protected override void OnBinary(GoBinaryInfo info)
    {
        IReadOnlyDictionary<string, string>? environment = null;
        if (info.ProcessId is { } pid)
        {
            try
            {
                environment = ProcessInspector.Environment(pid);
            }
            catch (GoBaselineException ex)
            {
                _allGood = false;
                WriteEngineError(ex, pid);
            }
        }

        foreach (var r in GoBinaryComplianceChecker.Evaluate(info, _policy!, environment))
        {
            if (r.Status is CheckStatus.Fail or CheckStatus.Error)
            {
                _allGood = false;
            }

            if (!Quiet)
            {
                WriteObject(r);
            }
        }
    }

    /// <inheritdoc/>
    protected override void OnReadFailed() => _allGood = false;
}
