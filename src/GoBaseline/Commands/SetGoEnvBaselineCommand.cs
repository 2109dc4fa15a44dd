using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GoBaseline.Core.GoEnv;
using GoBaseline.Core.Journal;
using GoBaseline.Core.Profiles;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Makes the Go environment of a scope match the baseline, through the change journal.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "GoEnvBaseline", DefaultParameterSetName = "System", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(BaselineChangeResult), typeof(GoEnvironmentVariable))]
public sealed class SetGoEnvBaselineCommand : RemediationCmdlet
{
    /// <summary>
    /// <para type="description">Where to set the values: System (the managed /etc/profile.d/gobaseline-go.sh and the
    /// lines of /etc/environment), User (the user's GOENV file, as 'go env -w' writes it) or Service (a systemd
    /// drop-in). Default System; -User and -ServiceName imply their scope.</para>
    /// </summary>
    [Parameter]
    public GoEnvScope Scope { get; set; } = GoEnvScope.System;

    /// <summary>
    /// <para type="description">The user whose GOENV file to write (User scope).</para>
    /// </summary>
    [Parameter(ParameterSetName = "User", Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? User { get; set; }

    /// <summary>
    /// <para type="description">The systemd unit(s) to give a drop-in (Service scope); a bare name gets ".service". Binds from the pipeline.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Service", Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? ServiceName { get; set; }

    /// <summary>
    /// <para type="description">Variables to set instead of the baseline's (pairs with -Value by position).</para>
    /// </summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>
    /// <para type="description">The values for -Name, in the same order.</para>
    /// </summary>
    [Parameter(Position = 1)]
    [AllowEmptyString]
    public string[]? Value { get; set; }

    /// <summary>
    /// <para type="description">The profile whose explicit values to set: a name of an embedded profile or a path to a YAML file. Default: the embedded default profile.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProfilePathCompleter))]
    public string? Profile { get; set; }

    /// <summary>
    /// <para type="description">Returns the resolved GoEnvironmentVariable objects of the variables set (the new state) instead of the change result.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var settings = Settings();
        var scope = ParameterSetName switch
        {
            "User" => GoEnvScope.User,
            "Service" => GoEnvScope.Service,
            _ => Scope,
        };
        if (scope is GoEnvScope.Process or GoEnvScope.Service or GoEnvScope.User && ParameterSetName == "System")
        {
            ThrowEngineError(new ArgumentException($"The {scope} scope cannot be set here: use -Scope System, -User <name> or -ServiceName <unit> (a process's environment is its parent's to set)."), scope);
        }

        if (scope == GoEnvScope.Service)
        {
            foreach (var service in ServiceName!)
            {
                Set(settings, scope, service);
            }
        }
        else
        {
            Set(settings, scope, User);
        }
    }

    private List<GoEnvSetting> Settings()
    {
        if (Name is null)
        {
            if (Value is not null)
            {
                ThrowEngineError(new ArgumentException("-Value needs -Name."), Value);
            }

            try
            {
                return GoEnvWriter.BaselineValues(Profile is null ? ProfileLoader.LoadDefault() : ProfileLoader.Load(Profile.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || Profile.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) ? ResolveUserPath(Profile) : Profile)).ToList();
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                ThrowEngineError(ex, Profile);
                throw;
            }
        }

        if (Value is null || Value.Length != Name.Length)
        {
            ThrowEngineError(new ArgumentException($"-Name has {Name.Length} variable(s) and -Value {Value?.Length ?? 0} value(s): give one value per name."), Name);
        }

        return Name.Select((n, i) => new GoEnvSetting(n, Value![i])).ToList();
    }

    private void Set(List<GoEnvSetting> settings, GoEnvScope scope, string? context)
    {
        IReadOnlyList<Change> changes;
        string where;
        try
        {
            switch (scope)
            {
                case GoEnvScope.User:
                    changes = GoEnvWriter.PlanUser(TargetRoot, context!, settings, out where);
                    break;
                case GoEnvScope.Service:
                    changes = GoEnvWriter.PlanService(TargetRoot, context!, settings, out where);
                    context = where;
                    break;
                default:
                    changes = GoEnvWriter.PlanSystem(TargetRoot, settings);
                    where = "the system login environment";
                    if (GoEnvWriter.MissingCacheDirectory(TargetRoot, settings) is { } cache)
                    {
                        // Every user builds with a system-wide GOCACHE, so there is no one owner to create it for.
                        WriteWarning($"GOCACHE {cache} does not exist: whoever creates it first owns the cache every later build trusts, and GOENV-012 fails until the building user creates it (install -d -m 0700 -o <user> {cache}). Set GOCACHE per user (-User) or per service (-ServiceName) to have it created.");
                    }

                    break;
            }
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            WriteEngineError(ex, context ?? scope.ToString());
            return;
        }

        var result = ApplyChanges(changes, $"Go environment baseline ({scope}{(context is null ? string.Empty : " " + context)}): {string.Join(", ", settings.Select(s => s.Name + "=" + s.Value))}", context);
        if (result is null)
        {
            return;
        }

        if (scope == GoEnvScope.Service && result.Changed)
        {
            WriteWarning($"systemd reads the drop-in at the next 'systemctl daemon-reload'; restart {where} to give it the new environment.");
        }

        // Read the scope back as the go command would: a value written but shadowed by a higher layer (the
        // process or login environment beats the GOENV file; EnvironmentFile= beats Environment=) is reported.
        GoEnvironmentSnapshot? snapshot = null;
        try
        {
            snapshot = new GoEnvResolver(TargetRoot).Resolve(new GoEnvRequest(scope, scope == GoEnvScope.User ? context : null, scope == GoEnvScope.Service ? context : null));
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            WriteEngineError(ex, context ?? scope.ToString());
        }

        foreach (var s in settings)
        {
            if (snapshot?[s.Name] is { } v && v.Value != s.Value)
            {
                WriteWarning($"{s.Name}={s.Value} is set, but the effective value in the {scope} scope{(context is null ? string.Empty : " of " + context)} is '{v.Value}' from {v.Source}{(v.Line > 0 ? ":" + v.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty)} ({v.Layer}), which takes precedence.");
            }
        }

        if (!PassThru)
        {
            WriteObject(result);
            return;
        }

        foreach (var s in settings)
        {
            if (snapshot?[s.Name] is { } v)
            {
                WriteObject(v);
            }
        }
    }
}
