@{
    Synopsis    = 'Gets the effective value of every Go environment variable and the layer that decided it.'
    Description = @'
Get-GoEnvironment resolves each variable that 'go env' knows the way the go command does: the scope's own environment first, then the GOENV file ('go env -w' writes it: $GOENV, else $XDG_CONFIG_HOME/go/env, else ~/.config/go/env), then $GOROOT/go.env (Go 1.21 and later), then the built-in default. An empty value falls through to the next layer. Each result says which layer won (Layer), the file and line (Source, Line), whether the value was set on purpose (IsExplicit: false for go.env and defaults), and which lower layers it shadowed.

Scopes: Process is this session's environment. User is a user's login environment and their GOENV file. System is the login environment everyone gets (/etc/environment, then /etc/profile.d/*.sh assignments: parsed, never executed). Service is a systemd unit: Environment= and EnvironmentFile= of the unit and its drop-ins, and the GOENV file of the unit's User=.

Nothing is executed, so the cmdlet works the same under -Root on a container image or chroot, with or without a Go toolchain installed.
'@
    DefaultValues = @{ Scope = 'Process'; Name = '*' }
    Parameters  = @{
        Name        = 'Names of the variables to return; wildcards are allowed. All variables by default.'
        Scope       = 'The environment to resolve: Process (the default), User (with -User), System or Service (with -ServiceName, which alone implies it). Under -Root the Process scope uses an empty environment, because the process environment of an image is not knowable; use -Scope System, -Scope User -User <name> or -ServiceName <unit> there.'
        User        = 'The user whose login environment and GOENV file to resolve (User scope).'
        ServiceName = 'The systemd unit(s) whose environment to resolve; a bare name gets ".service". Binds from the pipeline by value and by the property ServiceName.'
        Explicit    = 'Returns only variables set on purpose in the scope, like "go env -changed": not the toolchain''s go.env and not built-in defaults.'
    }
    Outputs     = @{ 'GoBaseline.GoEnvironmentVariable' = 'One object per variable: Name, Value, Layer, Source, Line, IsExplicit, Scope, Context and Shadowed.' }
    Examples    = @(
        @{
            Title   = 'Where does GOPROXY come from?'
            Code    = @'
Get-GoEnvironment GOPROXY, GOSUMDB, GOTOOLCHAIN

Name           Layer                  Source               Value
----           -----                  ------               -----
GOPROXY        Default                default              https://proxy.golang…
GOSUMDB        Default                default              sum.golang.org
GOTOOLCHAIN    Default                default
'@
            Remarks = 'Output of a host whose only Go is Debian''s golang-1.19 (no go.env): all three are built-in defaults. With Go 1.21 and later GOTOOLCHAIN usually comes from the toolchain''s go.env (Layer GorootConfig, Source /usr/local/go/go.env:<line>); IsExplicit is false for both.'
        }
        @{
            Title   = 'What a systemd service really builds with'
            Code    = "Get-GoEnvironment -ServiceName builder -Explicit | Format-Table Name, Value, Source, Line"
            Remarks = 'Shows only the variables the unit or its drop-ins set, with the file and line of each Environment= or EnvironmentFile= entry.'
        }
        @{
            Title   = 'Audit a container image without running anything in it'
            Code    = "Get-GoEnvironment -Root /mnt/image -Scope System -Name GO*"
            Remarks = 'Resolves the login environment of the image mounted at /mnt/image from its own /etc/environment, /etc/profile.d and Go toolchain.'
        }
    )
    Notes       = 'GODEBUG and GOENV are read only from the environment itself, never from the GOENV file or go.env, exactly as the go command does.'
    RelatedLinks = @('Test-GoEnvBaseline', 'Get-GoToolchain', 'about_GoBaseline')
}
