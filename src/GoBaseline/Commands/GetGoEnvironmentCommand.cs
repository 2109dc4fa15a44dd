using System;
using System.Collections.Generic;
using System.Management.Automation;
using GoBaseline.Core.GoEnv;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Gets the effective value of every Go environment variable and the layer that decided it.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "GoEnvironment", DefaultParameterSetName = "Process")]
[OutputType(typeof(GoEnvironmentVariable))]
public sealed class GetGoEnvironmentCommand : HostReadingCmdlet
{
    /// <summary>
    /// <para type="description">Names of the variables to return; wildcards allowed. All variables by default.</para>
    /// </summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>
    /// <para type="description">The environment to resolve: Process (this session), User, System (login files) or Service.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Process")]
    [Parameter(ParameterSetName = "User")]
    [Parameter(ParameterSetName = "Service")]
    public GoEnvScope Scope { get; set; } = GoEnvScope.Process;

    /// <summary>
    /// <para type="description">The user whose GOENV file and home directory to use (User scope; System scope uses it for defaults).</para>
    /// </summary>
    [Parameter(ParameterSetName = "User", Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? User { get; set; }

    /// <summary>
    /// <para type="description">The systemd service(s) to resolve; implies -Scope Service. Binds from the pipeline.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Service", Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? ServiceName { get; set; }

    /// <summary>
    /// <para type="description">Return only variables set explicitly in the scope (not the toolchain's go.env, not defaults),
    /// like 'go env -changed'.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Explicit { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (ParameterSetName == "Service")
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Scope)) && Scope != GoEnvScope.Service)
            {
                ThrowEngineError(new ArgumentException($"-ServiceName resolves the Service scope; it cannot be combined with -Scope {Scope}."), Scope);
            }

            foreach (var service in ServiceName!)
            {
                Emit(new GoEnvRequest(GoEnvScope.Service, ServiceName: service), service);
            }

            return;
        }

        var scope = ParameterSetName == "User" && !MyInvocation.BoundParameters.ContainsKey(nameof(Scope)) ? GoEnvScope.User : Scope;
        if (scope == GoEnvScope.Service)
        {
            ThrowEngineError(new ArgumentException("The Service scope needs -ServiceName."), Scope);
        }

        Emit(new GoEnvRequest(scope, User, WorkingDirectory: TargetRoot.IsLive ? SessionState.Path.CurrentFileSystemLocation.ProviderPath : null), scope);
    }

    private void Emit(GoEnvRequest request, object target)
    {
        GoEnvironmentSnapshot snapshot;
        try
        {
            snapshot = new GoEnvResolver(TargetRoot).Resolve(request);
        }
        catch (Exception ex)
        {
            WriteEngineError(ex, target);
            return;
        }

        foreach (var w in snapshot.Warnings)
        {
            WriteWarning(w);
        }

        var patterns = new List<WildcardPattern>();
        foreach (var n in Name ?? new[] { "*" })
        {
            patterns.Add(WildcardPattern.Get(n, WildcardOptions.IgnoreCase));
        }

        foreach (var v in snapshot.Variables)
        {
            if (Explicit && !v.IsExplicit)
            {
                continue;
            }

            if (patterns.Exists(p => p.IsMatch(v.Name)))
            {
                WriteObject(v);
            }
        }
    }
}
