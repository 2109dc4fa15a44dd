using System;
using System.Collections.Generic;
using System.Management.Automation;
using GoBaseline.Core.Checks;
using GoBaseline.Core.GoEnv;
using GoBaseline.Core.Host;
using GoBaseline.Core.Profiles;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Checks the Go environment against the baseline: explicit GO111MODULE, CGO_ENABLED, GOCACHE and
/// GOPROXY, toolchain 1.21 or later, and supply-chain hygiene.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "GoEnvBaseline", DefaultParameterSetName = "Process")]
[OutputType(typeof(CheckResult))]
[OutputType(typeof(bool))]
public sealed class TestGoEnvBaselineCommand : HostReadingCmdlet
{
    /// <summary>
    /// <para type="description">The environment to check: Process (this session, the default), User, System or Service.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Process")]
    [Parameter(ParameterSetName = "User")]
    [Parameter(ParameterSetName = "Service")]
    public GoEnvScope Scope { get; set; } = GoEnvScope.Process;

    /// <summary>
    /// <para type="description">The user whose environment to check (User scope).</para>
    /// </summary>
    [Parameter(ParameterSetName = "User", Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? User { get; set; }

    /// <summary>
    /// <para type="description">The systemd service(s) to check; binds from the pipeline.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Service", Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? ServiceName { get; set; }

    /// <summary>
    /// <para type="description">A profile YAML file to check against instead of the embedded default.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProfilePathCompleter))]
    public string? Profile { get; set; }

    /// <summary>
    /// <para type="description">Only these controls (ids, wildcards allowed).</para>
    /// </summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ControlIdCompleter))]
    public string[]? ControlId { get; set; }

    /// <summary>
    /// <para type="description">Return one bool: true when no control is Fail or Error.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    private List<ControlDefinition>? _controls;
    private bool _allGood = true;

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        try
        {
            var profile = ProfileLoader.Load(Profile is null ? null : ResolveUserPath(Profile));
            var patterns = new List<WildcardPattern>();
            foreach (var id in ControlId ?? new[] { "*" })
            {
                patterns.Add(WildcardPattern.Get(id, WildcardOptions.IgnoreCase));
            }

            _controls = profile.Controls.FindAll(c => GoEnvBaselineChecker.Handles(c) && patterns.Exists(p => p.IsMatch(c.Id)));
        }
        catch (Exception ex)
        {
            ThrowEngineError(ex, Profile);
        }
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (ParameterSetName == "Service")
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Scope)) && Scope != GoEnvScope.Service)
            {
                ThrowEngineError(new ArgumentException($"-ServiceName resolves the Service scope; it cannot be combined with -Scope {Scope}."), Scope);
            }

            foreach (var s in ServiceName!)
            {
                Check(new GoEnvRequest(GoEnvScope.Service, ServiceName: s), s);
            }

            return;
        }

        var scope = ParameterSetName == "User" && !MyInvocation.BoundParameters.ContainsKey(nameof(Scope)) ? GoEnvScope.User : Scope;
        if (scope == GoEnvScope.Service)
        {
            ThrowEngineError(new ArgumentException("The Service scope needs -ServiceName."), Scope);
        }

        Check(new GoEnvRequest(scope, User, WorkingDirectory: TargetRoot.IsLive ? SessionState.Path.CurrentFileSystemLocation.ProviderPath : null), scope);
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (Quiet)
        {
            WriteObject(_allGood);
        }

        base.EndProcessing();
    }

    private void Check(GoEnvRequest request, object target)
    {
        GoEnvironmentSnapshot snapshot;
        IReadOnlyList<GoToolchain> toolchains;
        try
        {
            snapshot = new GoEnvResolver(TargetRoot).Resolve(request);
            var homes = GoToolchainLocator.SearchHomes(TargetRoot);
            var caches = GoToolchainLocator.ModuleCaches(homes, snapshot["GOMODCACHE"]?.Value, snapshot["GOPATH"]?.Value);

            var path = request.Scope == GoEnvScope.Process && TargetRoot.IsLive ? Environment.GetEnvironmentVariable("PATH") ?? string.Empty : GoEnvResolver.DefaultPath;
            var found = new List<GoToolchain>();
            if (snapshot.Toolchain is not null)
            {
                found.Add(snapshot.Toolchain);
            }

            foreach (var t in new GoToolchainLocator(TargetRoot).FindAll(path, snapshot["GOROOT"]?.Value, homes, caches))
            {
                if (!found.Exists(f => f.GoRoot == t.GoRoot))
                {
                    found.Add(t);
                }
            }

            toolchains = found;
        }
        catch (Exception ex)
        {
            _allGood = false;
            WriteEngineError(ex, target);
            return;
        }

        foreach (var w in snapshot.Warnings)
        {
            WriteWarning(w);
        }

        foreach (var r in new GoEnvBaselineChecker(TargetRoot).Evaluate(_controls!, snapshot, toolchains))
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
}
