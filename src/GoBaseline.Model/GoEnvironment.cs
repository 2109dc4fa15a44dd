using System.Collections.Generic;

namespace GoBaseline;

/// <summary>Which environment a Go setting is resolved for.</summary>
public enum GoEnvScope
{
    /// <summary>This process's environment (what <c>go env</c> in this shell would say).</summary>
    Process,
    /// <summary>
    /// A user's login environment: /etc/environment, ~/.config/environment.d, /etc/profile.d/*.sh, the user's login
    /// startup file (~/.bash_profile, ~/.bash_login or ~/.profile), then the user's GOENV file.
    /// </summary>
    User,
    /// <summary>The system login environment: /etc/environment and /etc/profile.d/*.sh assignments.</summary>
    System,
    /// <summary>
    /// A systemd service: DefaultEnvironment= of system.conf, PassEnvironment=, Environment= and EnvironmentFile= of the
    /// unit (or its template) and its drop-ins, less UnsetEnvironment=.
    /// </summary>
    Service,
}

/// <summary>The layer that decided a Go setting, highest precedence first.</summary>
public enum GoEnvLayer
{
    /// <summary>The process environment.</summary>
    Process,
    /// <summary>/etc/environment (pam_env).</summary>
    EtcEnvironment,
    /// <summary>An assignment in a /etc/profile.d/*.sh script.</summary>
    ProfileScript,
    /// <summary>Environment= in a systemd unit or drop-in.</summary>
    ServiceEnvironment,
    /// <summary>A file named by EnvironmentFile= in a systemd unit or drop-in.</summary>
    ServiceEnvironmentFile,
    /// <summary>An assignment in the user's login startup file: ~/.bash_profile, ~/.bash_login or ~/.profile.</summary>
    UserStartupFile,
    /// <summary>A KEY=VALUE line of environment.d(5) (~/.config/environment.d/*.conf and the system's environment.d directories).</summary>
    EnvironmentD,
    /// <summary>A variable a unit passes from the service manager's own environment with PassEnvironment= (PID 1's for a system unit).</summary>
    ServicePassEnvironment,
    /// <summary>DefaultEnvironment= of /etc/systemd/system.conf or a system.conf.d drop-in.</summary>
    ServiceDefaultEnvironment,
    /// <summary>The GOENV file that <c>go env -w</c> writes ($GOENV, $XDG_CONFIG_HOME/go/env, ~/.config/go/env).</summary>
    UserConfig,
    /// <summary>$GOROOT/go.env, shipped with the toolchain (Go 1.21 and later).</summary>
    GorootConfig,
    /// <summary>The go command's built-in default.</summary>
    Default,
}

/// <summary>One Go environment variable with its effective value and the layer that decided it.</summary>
public sealed class GoEnvironmentVariable
{
    /// <summary>Creates a variable.</summary>
    public GoEnvironmentVariable(string name, string value, GoEnvLayer layer, string? source, int line, GoEnvScope scope, string? context, IReadOnlyList<GoEnvironmentVariable>? shadowed = null)
    {
        Name = name;
        Value = value;
        Layer = layer;
        Source = source;
        Line = line;
        Scope = scope;
        Context = context;
        Shadowed = shadowed ?? new List<GoEnvironmentVariable>();
    }

    /// <summary>The variable's name, e.g. GOPROXY.</summary>
    public string Name { get; }

    /// <summary>The effective value (empty when unset and without default).</summary>
    public string Value { get; }

    /// <summary>The layer that decided the value.</summary>
    public GoEnvLayer Layer { get; }

    /// <summary>The file that set it (or the process, or "default").</summary>
    public string? Source { get; }

    /// <summary>The line in <see cref="Source"/>, 0 where there is none.</summary>
    public int Line { get; }

    /// <summary>The scope the value was resolved for.</summary>
    public GoEnvScope Scope { get; }

    /// <summary>The user or service the scope names, if any.</summary>
    public string? Context { get; }

    /// <summary>
    /// True when somebody set the value on purpose in this scope; false when it is the go command's built-in default
    /// or comes from the toolchain's own go.env, i.e. inherited by accident.
    /// </summary>
    public bool IsExplicit => Layer is not GoEnvLayer.Default and not GoEnvLayer.GorootConfig;

    /// <summary>Lower-precedence layers that also set the variable and lost.</summary>
    public IReadOnlyList<GoEnvironmentVariable> Shadowed { get; }

    /// <inheritdoc/>
    public override string ToString() => Name + "=" + Value;
}

/// <summary>Where a toolchain was found.</summary>
public enum GoToolchainSource
{
    /// <summary>The go command on PATH.</summary>
    Path,
    /// <summary>Named by GOROOT.</summary>
    GoRoot,
    /// <summary>/usr/local/go.</summary>
    UsrLocalGo,
    /// <summary>/usr/lib/go-* (Debian and Ubuntu packages).</summary>
    UsrLibGo,
    /// <summary>~/sdk/go* (golang.org/dl downloads).</summary>
    UserSdk,
    /// <summary>A toolchain module in the module cache (golang.org/toolchain@v0.0.1-go1.X.Y.linux-amd64).</summary>
    ModuleCache,
}

/// <summary>One Go toolchain installed on the host.</summary>
public sealed class GoToolchain
{
    /// <summary>Creates a toolchain record.</summary>
    public GoToolchain(GoVersion? version, string goRoot, string? goBinary, GoToolchainSource source, string versionSource, bool isDefault, string? goToolchainSetting, bool maySwitch, string? note)
    {
        Version = version;
        GoRoot = goRoot;
        GoBinary = goBinary;
        Source = source;
        VersionSource = versionSource;
        IsDefault = isDefault;
        GoToolchainSetting = goToolchainSetting;
        MaySwitch = maySwitch;
        Note = note;
    }

    /// <summary>The toolchain's version, null when it could not be read.</summary>
    public GoVersion? Version { get; }

    /// <summary>The GOROOT directory.</summary>
    public string GoRoot { get; }

    /// <summary>The go binary, if present.</summary>
    public string? GoBinary { get; }

    /// <summary>Where it was found.</summary>
    public GoToolchainSource Source { get; }

    /// <summary>Where the version came from (VERSION file, build info of bin/go).</summary>
    public string VersionSource { get; }

    /// <summary>True for the toolchain that <c>go</c> on PATH runs.</summary>
    public bool IsDefault { get; }

    /// <summary>The effective GOTOOLCHAIN for the default toolchain.</summary>
    public string? GoToolchainSetting { get; }

    /// <summary>True when GOTOOLCHAIN lets the go command run a different toolchain than this one.</summary>
    public bool MaySwitch { get; }

    /// <summary>A remark (why the version is unknown, why it may switch).</summary>
    public string? Note { get; }
}
