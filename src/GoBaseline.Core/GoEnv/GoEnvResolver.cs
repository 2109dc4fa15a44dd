using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using GoBaseline.Core.Host;
using GoBaseline.Core.Host.Native;
using GoBaseline.Core.Systemd;

namespace GoBaseline.Core.GoEnv;

/// <summary>What to resolve: the scope and, for User and Service, whom.</summary>
/// <param name="Scope">The scope.</param>
/// <param name="User">The user (User scope; System scope uses it for HOME-derived defaults, default root).</param>
/// <param name="ServiceName">The systemd unit (Service scope).</param>
/// <param name="ProcessEnvironment">The process environment (Process scope); null means this process's.</param>
/// <param name="WorkingDirectory">The directory GOMOD and GOWORK are resolved from.</param>
public sealed record GoEnvRequest(GoEnvScope Scope, string? User = null, string? ServiceName = null, IReadOnlyDictionary<string, string>? ProcessEnvironment = null, string? WorkingDirectory = null);

/// <summary>The resolved environment: every variable with its layer, plus the toolchain it was resolved for.</summary>
public sealed class GoEnvironmentSnapshot
{
    internal GoEnvironmentSnapshot(GoEnvRequest request, IReadOnlyList<GoEnvironmentVariable> variables, GoToolchain? toolchain, string? envFile, IReadOnlyList<string> warnings, IReadOnlyList<UnreadableSource> unreadable, IReadOnlyList<GoEnvLayer> layerOrder)
    {
        Request = request;
        Unreadable = unreadable;
        _layerOrder = layerOrder;
        Variables = variables;
        Toolchain = toolchain;
        EnvFile = envFile;
        Warnings = warnings;
        var map = new Dictionary<string, GoEnvironmentVariable>(StringComparer.Ordinal);
        foreach (var v in variables)
        {
            map[v.Name] = v;
        }

        ByName = map;
    }

    /// <summary>What was asked.</summary>
    public GoEnvRequest Request { get; }

    /// <summary>The variables, sorted by name.</summary>
    public IReadOnlyList<GoEnvironmentVariable> Variables { get; }

    /// <summary>The variables by name.</summary>
    public IReadOnlyDictionary<string, GoEnvironmentVariable> ByName { get; }

    /// <summary>The toolchain whose go command would run in this scope, if any.</summary>
    public GoToolchain? Toolchain { get; }

    /// <summary>The GOENV file consulted (null: none, e.g. GOENV=off or no HOME).</summary>
    public string? EnvFile { get; }

    /// <summary>Things the caller should know (dynamic shell values, unreadable files).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The variable or null.</summary>
    public GoEnvironmentVariable? this[string name] => ByName.TryGetValue(name, out var v) ? v : null;

    /// <summary>Layer files that exist but could not be read: what they set is unknown.</summary>
    public IReadOnlyList<UnreadableSource> Unreadable { get; }

    private readonly IReadOnlyList<GoEnvLayer> _layerOrder;

    /// <summary>
    /// The unreadable files that could have decided <paramref name="name"/>: those of a layer at or above the one
    /// that did (any of them, when the value is the built-in default). Empty when the value is certain.
    /// </summary>
    public IReadOnlyList<UnreadableSource> UnreadableSourcesFor(string name)
    {
        if (Unreadable.Count == 0)
        {
            return Array.Empty<UnreadableSource>();
        }

        var v = this[name];
        var winner = v is null || v.Layer == GoEnvLayer.Default ? int.MaxValue : IndexOf(v.Layer);
        var processOnly = GoEnvCatalog.ProcessOnly.Contains(name);
        var found = new List<UnreadableSource>();
        foreach (var u in Unreadable)
        {
            if (processOnly && u.Layer is GoEnvLayer.UserConfig or GoEnvLayer.GorootConfig)
            {
                continue;
            }

            if (u.Names is not null && !System.Linq.Enumerable.Contains(u.Names, name))
            {
                continue;
            }

            if (IndexOf(u.Layer) <= winner)
            {
                found.Add(u);
            }
        }

        return found;
    }

    private int IndexOf(GoEnvLayer layer)
    {
        for (var i = 0; i < _layerOrder.Count; i++)
        {
            if (_layerOrder[i] == layer)
            {
                return i;
            }
        }

        return int.MaxValue - 1;
    }
}

/// <summary>
/// A layer file that exists but could not be read (permissions, I/O error, a symbolic link loop), or a value in it that
/// a scan cannot know without running something (a command substitution, a condition, the manager's environment under
/// -Root).
/// </summary>
/// <param name="Path">The file, as a path inside the host root.</param>
/// <param name="Layer">The layer it belongs to.</param>
/// <param name="Message">Why it could not be read.</param>
/// <param name="Names">The only variables it could decide (null: any).</param>
public sealed record UnreadableSource(string Path, GoEnvLayer Layer, string Message, IReadOnlyCollection<string>? Names = null);

/// <summary>
/// Resolves the effective Go environment the way the go command does (cmd/go/internal/cfg): the scope's own
/// environment, then the GOENV file, then $GOROOT/go.env, then the built-in default; an empty value falls through.
/// Nothing is executed: it works the same on the live host and under -Root.
/// </summary>
public sealed class GoEnvResolver
{
    /// <summary>The PATH of a login or service that does not set one (Debian's default).</summary>
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private readonly HostRoot _host;

    /// <summary>Creates a resolver for a host root.</summary>
    public GoEnvResolver(HostRoot host) => _host = host;

    private sealed record Layer(GoEnvLayer Kind, Dictionary<string, EnvAssignment> Values);

    /// <summary>Resolves every Go variable for the request.</summary>
    public GoEnvironmentSnapshot Resolve(GoEnvRequest request)
    {
        var warnings = new List<string>();
        var unreadable = new List<UnreadableSource>();
        var layers = new List<Layer>();
        PasswdEntry? account = null;
        string? context = null;
        switch (request.Scope)
        {
            case GoEnvScope.Process:
                if (request.ProcessEnvironment is null && !_host.IsLive)
                {
                    // An image or chroot has no process environment; the auditor's own must not stand in for it.
                    warnings.Add($"The process environment of {_host.Root} is not knowable: the Process scope under -Root uses an empty environment (only go.env and the built-in defaults). Use -Scope System, -Scope User -User <name> or -ServiceName <unit> to read the image's own settings.");
                    layers.Add(ProcessLayer(new Dictionary<string, string>(StringComparer.Ordinal)));
                }
                else
                {
                    layers.Add(ProcessLayer(request.ProcessEnvironment));
                }

                break;
            case GoEnvScope.System:
            case GoEnvScope.User:
                account = FindUser(request.User ?? (request.Scope == GoEnvScope.User ? CurrentUserName() : "root"));
                context = request.Scope == GoEnvScope.User ? account.Name : null;
                layers.AddRange(LoginLayers(account, request.Scope == GoEnvScope.User, warnings, unreadable));
                break;
            case GoEnvScope.Service:
                var name = request.ServiceName ?? throw new GoBaselineException(ErrorIds.ServiceNotFound, FailureKind.InvalidArgument, "The Service scope needs a service name.");
                var unit = SystemdUnit.Load(_host, name) ?? throw new GoBaselineException(ErrorIds.ServiceNotFound, FailureKind.NotFound, $"The unit '{SystemdUnit.NormalizeName(name)}' was not found under {_host.Root} (neither the unit nor, for an instance, its template).", name);
                context = unit.Name;
                layers.AddRange(ServiceLayers(unit, warnings, unreadable, out var serviceUser));
                account = FindUser(serviceUser ?? "root");
                break;
        }

        // The scope's own variables; HOME and friends come from the account where the scope does not set them.
        string? Scoped(string key)
        {
            foreach (var l in layers)
            {
                // A value that is not statically known (e.g. PATH="$HOME/bin:$PATH" under an if in ~/.profile) does
                // not steer the lookup of HOME, PATH or the GOENV file; the next layer's value does.
                if (l.Values.TryGetValue(key, out var a) && a.Value.Length > 0 && !a.IsDynamic)
                {
                    return a.Value;
                }
            }

            return null;
        }

        var home = Scoped("HOME") ?? account?.Home;
        var xdgConfig = Scoped("XDG_CONFIG_HOME");
        var xdgCache = Scoped("XDG_CACHE_HOME");
        var path = Scoped("PATH") ?? DefaultPath;

        // GOENV: only the scope's own environment can name it.
        string? envFile;
        var goenv = Scoped("GOENV");
        if (goenv is not null)
        {
            envFile = goenv == "off" ? null : goenv;
        }
        else
        {
            var configDir = !string.IsNullOrEmpty(xdgConfig) ? xdgConfig : (!string.IsNullOrEmpty(home) ? home + "/.config" : null);
            envFile = configDir is null ? null : configDir + "/go/env";
        }

        if (request.Scope != GoEnvScope.System && envFile is not null)
        {
            var text = SafeRead(envFile, GoEnvLayer.UserConfig, warnings, unreadable);
            if (text is not null)
            {
                layers.Add(ToLayer(GoEnvLayer.UserConfig, EnvFileParsers.ParseGoEnvFile(text, envFile)));
            }
        }
        else if (request.Scope == GoEnvScope.System)
        {
            envFile = null;
        }

        // GOROOT: the scope's own value (or the GOENV file's), else the go command found on the scope's PATH.
        string? Layered(string key, bool includeUser)
        {
            foreach (var l in layers)
            {
                if (!includeUser && l.Kind == GoEnvLayer.UserConfig)
                {
                    continue;
                }

                if (l.Values.TryGetValue(key, out var a) && a.Value.Length > 0)
                {
                    return a.Value;
                }
            }

            return null;
        }

        var locator = new GoToolchainLocator(_host);
        var explicitRoot = Layered("GOROOT", includeUser: true);
        var toolchain = explicitRoot is not null ? locator.Inspect(HostRoot.Normalize(explicitRoot), null) : locator.FindOnPath(path);
        var goroot = explicitRoot is not null ? HostRoot.Normalize(explicitRoot) : toolchain?.GoRoot;
        var minor = toolchain?.Version?.Major == 1 ? toolchain.Version.Minor : (int?)null;

        // $GOROOT/go.env is read by Go 1.21 and later only.
        if (goroot is not null && (minor is null || minor >= 21))
        {
            var goEnvPath = goroot + "/go.env";
            var text = SafeRead(goEnvPath, GoEnvLayer.GorootConfig, warnings, unreadable);
            if (text is not null)
            {
                layers.Add(ToLayer(GoEnvLayer.GorootConfig, EnvFileParsers.ParseGoEnvFile(text, goEnvPath)));
            }
        }

        var defaults = new GoEnvDefaults(_host, home, xdgCache, xdgConfig, envFile, goroot, toolchain, path, request.WorkingDirectory);
        var names = new SortedSet<string>(GoEnvCatalog.For(minor), StringComparer.Ordinal);

        // go env lists the one architecture variable of the target GOARCH (GOAMD64, GOARM, GO386, ...).
        var goarch = Layered("GOARCH", includeUser: true) ?? HostArch();
        if (GoEnvCatalog.ArchVariable(goarch) is { } archVar && (minor is null || minor >= archVar.Since))
        {
            names.Add(archVar.Name);
        }

        foreach (var extra in GoEnvCatalog.Extra)
        {
            if (Scoped(extra) is not null)
            {
                names.Add(extra);
            }
        }

        var resolved = new Dictionary<string, GoEnvironmentVariable>(StringComparer.Ordinal);
        var result = new List<GoEnvironmentVariable>();

        // GOPRIVATE first: GONOPROXY and GONOSUMDB default to it.
        foreach (var name in Order(names))
        {
            var processOnly = GoEnvCatalog.ProcessOnly.Contains(name);
            GoEnvironmentVariable? winner = null;
            var shadowed = new List<GoEnvironmentVariable>();
            foreach (var l in layers)
            {
                if (processOnly && l.Kind is GoEnvLayer.UserConfig or GoEnvLayer.GorootConfig)
                {
                    continue;
                }

                if (!l.Values.TryGetValue(name, out var a) || a.Value.Length == 0)
                {
                    // An empty value falls through to the next layer.
                    continue;
                }

                var v = new GoEnvironmentVariable(name, a.Value, l.Kind, a.File, a.Line, request.Scope, context);
                if (winner is null)
                {
                    winner = v;
                }
                else
                {
                    shadowed.Add(v);
                }

                if (a.IsDynamic && ReferenceEquals(winner, v))
                {
                    var why = a.Why ?? "it is computed when the environment is built, which a scan does not do";
                    warnings.Add($"{a.File}:{a.Line}: {name}={a.Value}: the value is unknown: {why}; the value shown is as written, and checks of {name} are Error.");
                    unreadable.Add(new UnreadableSource($"{a.File}:{GoEnvResolver.Invariant(a.Line)}", l.Kind, $"{name} is not statically known: {why}", new[] { name }));
                }
            }

            if (winner is null)
            {
                var def = name switch
                {
                    "GONOPROXY" or "GONOSUMDB" => resolved.TryGetValue("GOPRIVATE", out var gp) ? gp.Value : string.Empty,
                    "GOENV" => envFile ?? string.Empty,
                    "GOROOT" => goroot ?? string.Empty,
                    _ => defaults.Get(name, resolved),
                };
                winner = new GoEnvironmentVariable(name, def, GoEnvLayer.Default, "default", 0, request.Scope, context);
            }
            else if (name == "GOENV" && winner.Value == "off")
            {
                // GOENV=off means "no file"; go env reports the file it uses, i.e. none.
                winner = new GoEnvironmentVariable(name, string.Empty, winner.Layer, winner.Source, winner.Line, winner.Scope, winner.Context, shadowed);
            }
            else if (shadowed.Count > 0)
            {
                winner = new GoEnvironmentVariable(winner.Name, winner.Value, winner.Layer, winner.Source, winner.Line, winner.Scope, winner.Context, shadowed);
            }

            resolved[name] = winner;
            result.Add(winner);
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        // Precedence of the layers consulted, highest first, whether or not their files could be read.
        var order = request.Scope switch
        {
            GoEnvScope.Process => new[] { GoEnvLayer.Process, GoEnvLayer.UserConfig, GoEnvLayer.GorootConfig },
            GoEnvScope.Service => new[] { GoEnvLayer.ServiceEnvironmentFile, GoEnvLayer.ServiceEnvironment, GoEnvLayer.ServicePassEnvironment, GoEnvLayer.ServiceDefaultEnvironment, GoEnvLayer.UserConfig, GoEnvLayer.GorootConfig },
            GoEnvScope.User => new[] { GoEnvLayer.UserStartupFile, GoEnvLayer.ProfileScript, GoEnvLayer.EnvironmentD, GoEnvLayer.EtcEnvironment, GoEnvLayer.UserConfig, GoEnvLayer.GorootConfig },
            _ => new[] { GoEnvLayer.ProfileScript, GoEnvLayer.EtcEnvironment, GoEnvLayer.UserConfig, GoEnvLayer.GorootConfig },
        };
        return new GoEnvironmentSnapshot(request, result, toolchain, envFile, warnings, unreadable, order);
    }

    private static IEnumerable<string> Order(SortedSet<string> names)
    {
        // Variables whose defaults depend on others come after them.
        string[] first = { "GOPRIVATE", "GOROOT", "GOOS", "GOARCH", "GOHOSTOS", "GOHOSTARCH", "GOPATH", "GO111MODULE", "CC" };
        foreach (var f in first)
        {
            if (names.Contains(f))
            {
                yield return f;
            }
        }

        foreach (var n in names)
        {
            if (Array.IndexOf(first, n) < 0)
            {
                yield return n;
            }
        }
    }

    private string? SafeRead(string path, GoEnvLayer layer, List<string> warnings, List<UnreadableSource> unreadable)
    {
        try
        {
            if (path == "/dev/null")
            {
                // GOENV=/dev/null: an empty file, as the go command reads it.
                return string.Empty;
            }

            // A FIFO, socket or device would block or never end: it is not read, and what it holds is unknown.
            if (_host.Stat(path) is { Kind: UnixFileKind.Fifo or UnixFileKind.Socket or UnixFileKind.CharacterDevice or UnixFileKind.BlockDevice } special)
            {
                throw new System.IO.IOException($"{path}: not a regular file ({special.Kind}); not read.");
            }

            return _host.TryReadAllText(path);
        }
        catch (Exception ex) when (ex is GoBaselineException or System.IO.IOException or UnauthorizedAccessException)
        {
            // Not knowing what a layer file sets is not the same as it setting nothing.
            var message = ex.Message.Contains(path, StringComparison.Ordinal) ? ex.Message : $"{path}: {ex.Message}";
            warnings.Add($"{message} What it sets is unknown; checks of the variables it could decide are Error.");
            unreadable.Add(new UnreadableSource(path, layer, ex.Message));
            return null;
        }
    }

    private static Layer ToLayer(GoEnvLayer kind, IEnumerable<EnvAssignment> assignments)
    {
        var map = new Dictionary<string, EnvAssignment>(StringComparer.Ordinal);
        foreach (var a in assignments)
        {
            map[a.Name] = a;
        }

        return new Layer(kind, map);
    }

    private static Layer ProcessLayer(IReadOnlyDictionary<string, string>? env)
    {
        var map = new Dictionary<string, EnvAssignment>(StringComparer.Ordinal);
        if (env is null)
        {
            foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
            {
                var k = (string)e.Key;
                map[k] = new EnvAssignment(k, (string?)e.Value ?? string.Empty, "process", 0);
            }
        }
        else
        {
            foreach (var (k, v) in env)
            {
                map[k] = new EnvAssignment(k, v, "process", 0);
            }
        }

        return new Layer(GoEnvLayer.Process, map);
    }

    /// <summary>The login startup files bash reads (the first that exists), or the one sh, dash and ksh read.</summary>
    public static IReadOnlyList<string> StartupFileCandidates(PasswdEntry account)
    {
        var home = account.Home.TrimEnd('/');
        var shell = account.Shell[(account.Shell.LastIndexOf('/') + 1)..];
        return shell == "bash"
            ? new[] { home + "/.bash_profile", home + "/.bash_login", home + "/.profile" }
            : new[] { home + "/.profile" };
    }

    /// <summary>environment.d(5) directories, highest precedence first; files apply in file name order across them.</summary>
    public static IReadOnlyList<string> EnvironmentDDirectories(PasswdEntry account) => new[]
    {
        account.Home.TrimEnd('/') + "/.config/environment.d",
        "/etc/environment.d",
        "/run/environment.d",
        "/usr/local/lib/environment.d",
        "/usr/lib/environment.d",
    };

    private IEnumerable<Layer> LoginLayers(PasswdEntry account, bool userFiles, List<string> warnings, List<UnreadableSource> unreadable)
    {
        // pam_env reads /etc/environment first; /etc/profile then sources /etc/profile.d/*.sh in glob order, so a
        // profile.d assignment overrides /etc/environment; the user's startup file runs after /etc/profile and
        // overrides both. environment.d sets the user manager's environment (user services, the desktop session)
        // that a session's shell starts from. Highest precedence first.
        var etcEnv = SafeRead("/etc/environment", GoEnvLayer.EtcEnvironment, warnings, unreadable);
        var etcAssignments = etcEnv is null ? new List<EnvAssignment>() : new List<EnvAssignment>(EnvFileParsers.ParseEtcEnvironment(etcEnv, "/etc/environment"));
        var known = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOME"] = account.Home,
            ["USER"] = account.Name,
            ["LOGNAME"] = account.Name,
            ["SHELL"] = account.Shell,
        };

        // /etc/profile sets PATH before profile.d and the startup file run; "$PATH" in them expands from it.
        known["PATH"] = DefaultPath;
        foreach (var a in etcAssignments)
        {
            known[a.Name] = a.Value;
        }

        var environmentD = new List<EnvAssignment>();
        if (userFiles)
        {
            var byName = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var dir in EnvironmentDDirectories(account))
            {
                foreach (var path in _host.ListDirectory(dir, "*.conf"))
                {
                    byName.TryAdd(path[(path.LastIndexOf('/') + 1)..], path);
                }
            }

            var managerKnown = new Dictionary<string, string>(known, StringComparer.Ordinal);
            foreach (var path in byName.Values)
            {
                // A file linked to /dev/null masks the one of that name in a lower directory.
                if (SystemdManagerConfig.IsMasked(_host, path))
                {
                    continue;
                }

                var text = SafeRead(path, GoEnvLayer.EnvironmentD, warnings, unreadable);
                if (text is null)
                {
                    continue;
                }

                foreach (var a in EnvFileParsers.ParseEnvironmentD(text, path, managerKnown))
                {
                    environmentD.Add(a);
                    managerKnown[a.Name] = a.Value;
                }
            }

            foreach (var a in environmentD)
            {
                known[a.Name] = a.Value;
            }
        }

        var profile = new List<EnvAssignment>();
        foreach (var script in _host.ListDirectory("/etc/profile.d", "*.sh"))
        {
            var text = SafeRead(script, GoEnvLayer.ProfileScript, warnings, unreadable);
            if (text is null)
            {
                continue;
            }

            foreach (var a in EnvFileParsers.ParseShellAssignments(text, script, known))
            {
                profile.Add(a);
                known[a.Name] = a.Value;
            }
        }

        if (userFiles)
        {
            var startup = new List<EnvAssignment>();
            foreach (var candidate in StartupFileCandidates(account))
            {
                var text = SafeRead(candidate, GoEnvLayer.UserStartupFile, warnings, unreadable);
                if (text is null)
                {
                    // bash reads the first one that exists (and is readable); an unreadable one is reported as unknown.
                    if (unreadable.Count > 0 && unreadable[^1].Path == candidate)
                    {
                        break;
                    }

                    continue;
                }

                // Files it sources (". ~/.bashrc") are followed, under the sourcing line's condition.
                startup.AddRange(EnvFileParsers.ParseShellAssignments(text, candidate, known, p => SafeRead(p, GoEnvLayer.UserStartupFile, warnings, unreadable)));
                break;
            }

            yield return ToLayer(GoEnvLayer.UserStartupFile, startup);
        }

        yield return ToLayer(GoEnvLayer.ProfileScript, profile);
        if (userFiles)
        {
            yield return ToLayer(GoEnvLayer.EnvironmentD, environmentD);
        }

        yield return ToLayer(GoEnvLayer.EtcEnvironment, etcAssignments);
    }

    private IEnumerable<Layer> ServiceLayers(SystemdUnit unit, List<string> warnings, List<UnreadableSource> unreadable, out string? user)
    {
        // systemd builds the environment of a service from, lowest precedence first: the manager's
        // DefaultEnvironment=, the variables it sets itself (HOME, USER, ...), PassEnvironment=, Environment=,
        // EnvironmentFile=; a later one replaces an earlier one (even with an empty value), and UnsetEnvironment=
        // removes what any of them set as the last step (systemd.exec(5)).
        var defaults = new List<EnvAssignment>();
        foreach (var file in SystemdManagerConfig.Files(_host))
        {
            var text = SafeRead(file, GoEnvLayer.ServiceDefaultEnvironment, warnings, unreadable);
            if (text is null)
            {
                continue;
            }

            var directives = new List<UnitDirective>();
            SystemdUnit.Parse(text, file, directives);
            foreach (var d in directives)
            {
                if (d.Section != "Manager" || d.Key != "DefaultEnvironment")
                {
                    continue;
                }

                if (d.Value.Length == 0)
                {
                    defaults.Clear();
                    continue;
                }

                foreach (var (k, v) in EnvFileParsers.ParseSystemdEnvironment(d.Value))
                {
                    defaults.Add(new EnvAssignment(k, v, d.File, d.Line));
                }
            }
        }

        var environment = new List<EnvAssignment>();
        var files = new List<EnvAssignment>();
        var passed = new List<UnitDirective>();
        var passNames = new List<string>();
        var unset = new List<(string Entry, UnitDirective At)>();
        user = null;
        foreach (var d in unit.Directives)
        {
            if (d.Section != "Service")
            {
                continue;
            }

            var value = unit.ExpandSpecifiers(d.Value, out var unresolved);
            switch (d.Key)
            {
                case "User":
                    user = value.Length > 0 ? value : null;
                    break;
                case "Environment":
                    if (value.Length == 0)
                    {
                        // An empty assignment resets the list.
                        environment.Clear();
                        break;
                    }

                    foreach (var (k, v) in EnvFileParsers.ParseSystemdEnvironment(value))
                    {
                        environment.Add(unresolved
                            ? new EnvAssignment(k, v, d.File, d.Line, true, "it uses a unit specifier that depends on the host (only %n %N %p %P %i %I %j %J %f are resolved)")
                            : new EnvAssignment(k, v, d.File, d.Line));
                    }

                    break;
                case "EnvironmentFile":
                    if (value.Length == 0)
                    {
                        files.Clear();
                        break;
                    }

                    var optional = value.StartsWith('-');
                    var file = optional ? value.Substring(1) : value;
                    if (unresolved)
                    {
                        // e.g. %h or %H: which file systemd reads depends on the running host.
                        warnings.Add($"{d.File}:{d.Line}: EnvironmentFile={d.Value} uses a specifier that depends on the running host; what that file sets is unknown, and checks are Error.");
                        unreadable.Add(new UnreadableSource($"{d.File}:{GoEnvResolver.Invariant(d.Line)}", GoEnvLayer.ServiceEnvironmentFile, $"EnvironmentFile={d.Value} uses a specifier a scan does not resolve"));
                        break;
                    }

                    var before = unreadable.Count;
                    var text = SafeRead(file, GoEnvLayer.ServiceEnvironmentFile, warnings, unreadable);
                    if (text is null)
                    {
                        if (!optional && unreadable.Count == before)
                        {
                            warnings.Add($"{d.File}:{d.Line}: EnvironmentFile={file} does not exist; systemd would refuse to start the unit.");
                        }

                        break;
                    }

                    files.AddRange(EnvFileParsers.ParseSystemdEnvironmentFile(text, file));
                    break;
                case "PassEnvironment":
                    if (value.Length == 0)
                    {
                        passNames.Clear();
                        passed.Clear();
                        break;
                    }

                    foreach (var n in value.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (EnvFileParsers.IsName(n))
                        {
                            passNames.Add(n);
                            passed.Add(d);
                        }
                    }

                    break;
                case "UnsetEnvironment":
                    if (value.Length == 0)
                    {
                        unset.Clear();
                        break;
                    }

                    foreach (var entry in value.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries))
                    {
                        unset.Add((entry.Trim('"', '\''), d));
                    }

                    break;
            }
        }

        // PassEnvironment=: the manager's own environment, i.e. PID 1's for a system unit.
        var pass = new List<EnvAssignment>();
        if (passNames.Count > 0)
        {
            Dictionary<string, string>? managerEnv = null;
            if (_host.IsLive)
            {
                var text = SafeRead("/proc/1/environ", GoEnvLayer.ServicePassEnvironment, warnings, unreadable);
                if (text is not null)
                {
                    managerEnv = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var entry in text.Split('\0', StringSplitOptions.RemoveEmptyEntries))
                    {
                        var eq = entry.IndexOf('=', StringComparison.Ordinal);
                        if (eq > 0)
                        {
                            managerEnv[entry[..eq]] = entry[(eq + 1)..];
                        }
                    }
                }
                else if (unreadable.Count > 0 && unreadable[^1].Path == "/proc/1/environ")
                {
                    // Unreadable (not root): only the passed variables are unknown, not every one.
                    unreadable[^1] = unreadable[^1] with { Names = passNames.ToArray() };
                }
            }
            else
            {
                var at = passed[0];
                warnings.Add($"{at.File}:{at.Line}: PassEnvironment={string.Join(' ', passNames)} passes the service manager's own environment, which is not knowable under -Root {_host.Root}: these variables are unknown, and checks of them are Error.");
                unreadable.Add(new UnreadableSource($"{at.File}:{GoEnvResolver.Invariant(at.Line)}", GoEnvLayer.ServicePassEnvironment, "PassEnvironment= passes the service manager's environment (PID 1's), which is not knowable for an image or chroot", passNames.ToArray()));
            }

            if (managerEnv is not null)
            {
                for (var i = 0; i < passNames.Count; i++)
                {
                    if (managerEnv.TryGetValue(passNames[i], out var v))
                    {
                        pass.Add(new EnvAssignment(passNames[i], v, passed[i].File, passed[i].Line));
                    }
                }
            }
        }

        // Highest precedence first. Settings from EnvironmentFile= override Environment= (systemd.exec(5)).
        var layers = new[]
        {
            ToLayer(GoEnvLayer.ServiceEnvironmentFile, files),
            ToLayer(GoEnvLayer.ServiceEnvironment, environment),
            ToLayer(GoEnvLayer.ServicePassEnvironment, pass),
            ToLayer(GoEnvLayer.ServiceDefaultEnvironment, defaults),
        };

        // systemd merges the lists: a variable set in a higher one replaces the lower one's. A non-empty value shadows
        // it (and is listed as such); an empty one replaces it too, and then falls through to the GOENV file as any
        // empty value does, so the lower one is removed.
        for (var i = 0; i < layers.Length; i++)
        {
            foreach (var (name, higher) in layers[i].Values)
            {
                if (higher.Value.Length > 0)
                {
                    continue;
                }

                for (var j = i + 1; j < layers.Length; j++)
                {
                    if (layers[j].Values.Remove(name, out var lower))
                    {
                        warnings.Add($"{higher.File}:{higher.Line}: {name}= (empty, {layers[i].Kind}) replaces {name}={lower.Value} of {lower.File}:{lower.Line} ({layers[j].Kind}).");
                    }
                }
            }
        }

        // UnsetEnvironment= is applied last: NAME removes the variable, NAME=VALUE only that exact assignment.
        foreach (var (entry, at) in unset)
        {
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? entry[..eq] : entry;
            foreach (var l in layers)
            {
                if (l.Values.TryGetValue(name, out var a) && (eq < 0 || a.Value == entry[(eq + 1)..]))
                {
                    l.Values.Remove(name);
                    warnings.Add($"{at.File}:{at.Line}: UnsetEnvironment={entry} removes {name}={a.Value} set at {a.File}:{a.Line} ({l.Kind}).");
                }
            }
        }

        return layers;
    }

    private PasswdEntry FindUser(string name)
    {
        var user = _host.GetUser(name);
        if (user is not null)
        {
            return user;
        }

        if (name == "root")
        {
            // An image without /etc/passwd still has a root.
            return new PasswdEntry("root", 0, 0, "/root", "/bin/sh");
        }

        throw new GoBaselineException(ErrorIds.UserNotFound, FailureKind.NotFound, $"The user '{name}' is not in {_host.Root.TrimEnd('/')}/etc/passwd.", name);
    }

    private static string CurrentUserName() => Environment.UserName is { Length: > 0 } n ? n : "root";

    /// <summary>The go command's GOARCH name for this machine.</summary>
    public static string HostArch() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.X86 => "386",
        Architecture.Arm => "arm",
        Architecture.S390x => "s390x",
        Architecture.Ppc64le => "ppc64le",
        Architecture.LoongArch64 => "loong64",
        _ => RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
    };

    internal static string Invariant(int n) => n.ToString(CultureInfo.InvariantCulture);
}
