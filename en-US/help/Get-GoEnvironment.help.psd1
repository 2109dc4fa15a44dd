@{
    Synopsis    = 'Gets the effective value of every Go environment variable and the layer that decided it.'
    Description = @'
Get-GoEnvironment resolves each variable that 'go env' knows the way the go command does: the scope's own environment first, then the GOENV file ('go env -w' writes it: $GOENV, else $XDG_CONFIG_HOME/go/env, else ~/.config/go/env), then $GOROOT/go.env (Go 1.21 and later), then the built-in default. An empty value falls through to the next layer. Each result says which layer won (Layer), the file and line (Source, Line), whether the value was set on purpose (IsExplicit: false for go.env and defaults), and which lower layers it shadowed.

Scopes: Process is this session's environment.

System is the login environment everyone gets: /etc/environment, then the assignments in /etc/profile.d/*.sh (parsed, never executed), which override it.

User is a user's login environment, highest precedence first: the user's login startup file (for a user whose shell is bash the first of ~/.bash_profile, ~/.bash_login and ~/.profile that exists, as bash reads it; for any other shell ~/.profile), /etc/profile.d/*.sh, environment.d (~/.config/environment.d/*.conf with /etc/environment.d, /run/environment.d, /usr/local/lib/environment.d and /usr/lib/environment.d: the files in file name order, the user's masking a system file of the same name; KEY=VALUE with $VAR, ${VAR}, ${VAR:-default}, ${VAR:+alternate}), /etc/environment, then the user's GOENV file. Shell files are parsed, never executed: an assignment under a condition (if, case, a loop, a function, after && or ||), from a command substitution or from a variable the scan cannot know is reported with a warning as unknown, and the checks of that variable are Error. A file the startup file sources with a static path (. ~/.bashrc, source "$HOME/.goenv") is followed, under the condition of the line that sources it. Not read: /etc/profile itself, ~/.bashrc unless the startup file sources it, zsh's files, ~/.pam_environment.

Service is a systemd unit (for an instance such as build@x.service the instance's own unit file, else its template build@.service): DefaultEnvironment= of /etc/systemd/system.conf (or the first of /run, /usr/local/lib, /usr/lib) and the system.conf.d/*.conf drop-ins in /etc, /run, /usr/local/lib and /usr/lib (in file name order; a name in /etc masks the same name below it); variables passed from the manager's environment with PassEnvironment= (PID 1's /proc/1/environ on the live host; unknown under -Root, so checks of those variables are Error); Environment= and EnvironmentFile= (which wins over Environment=) of the unit and its drop-ins (<unit>.d, the template's <template>.d, the dash prefixes' <prefix>-.service.d and service.d for every service, in /etc, /run, /usr/local/lib and /usr/lib; in file name order, the same name in a higher directory or a more specific unit name masks the other; a drop-in linked to /dev/null applies nothing); %n %N %p %P %i %I %j %J %f are expanded, and a value or EnvironmentFile= that uses another specifier (%H, %h, ...) is unknown; an empty Environment=, EnvironmentFile=, PassEnvironment= or DefaultEnvironment= resets its list; UnsetEnvironment= removes what any of these set (NAME=VALUE only that exact assignment), with a warning naming both lines. Then the GOENV file of the unit's User=.

Nothing is executed, so the cmdlet works the same under -Root on a container image or chroot, with or without a Go toolchain installed.
'@
    DefaultValues = @{ Scope = 'Process'; Name = '*' }
    Parameters  = @{
        Name        = 'Names of the variables to return; wildcards are allowed. All variables by default.'
        Scope       = 'The environment to resolve: Process (the default), User (with -User), System or Service (with -ServiceName, which alone implies it). Under -Root the Process scope uses an empty environment, because the process environment of an image is not knowable; use -Scope System, -Scope User -User <name> or -ServiceName <unit> there.'
        User        = 'The user whose login environment to resolve (User scope): /etc/environment, environment.d (~/.config/environment.d/*.conf and the system environment.d directories), /etc/profile.d/*.sh, the login startup file (bash: the first of ~/.bash_profile, ~/.bash_login, ~/.profile; other shells: ~/.profile) with the files it sources, and the GOENV file (~/.config/go/env unless these set GOENV or XDG_CONFIG_HOME). Files are parsed, never executed.'
        ServiceName = 'The systemd unit(s) whose environment to resolve; a bare name gets ".service". A template instance (build@x) is loaded from its template (build@.service) when it has no unit file of its own, with %i and %I expanded to the instance. Binds from the pipeline by value and by the property ServiceName.'
        Explicit    = 'Returns only variables set on purpose in the scope, like "go env -changed": not the toolchain''s go.env and not built-in defaults.'
    }
    Outputs     = @{ 'GoBaseline.GoEnvironmentVariable' = 'One object per variable: Name, Value, Layer, Source, Line, IsExplicit, Scope, Context and Shadowed.' }
    Examples    = @(
        @{
            Title   = 'What a user''s ~/.profile sets'
            Code    = "Get-GoEnvironment -Root /mnt/image -User dev -Explicit | Format-Table Name, Value, Layer, Source, Line"
            Remarks = 'Resolves dev''s login environment from the image: a GO111MODULE=off exported in /home/dev/.profile shows as Layer UserStartupFile, Source /home/dev/.profile and its line, with the /etc/environment value it overrides in Shadowed.'
        }
        @{
            Title   = 'A template instance'
            Code    = "Get-GoEnvironment -ServiceName build@web-api -Name GOCACHE, GOPROXY"
            Remarks = 'build@web-api.service has no unit file of its own: the values come from build@.service (with %i as web-api) and the drop-ins in build@.service.d and build@web-api.service.d.'
        }
        @{
            Title   = 'Where does GOPROXY come from?'
            Code    = @'
Get-GoEnvironment GOPROXY, GOSUMDB, GOTOOLCHAIN

Name           Layer                     Source               Value
----           -----                     ------               -----
GOPROXY        Default                   default              https://proxy.gol…
GOSUMDB        Default                   default              sum.golang.org
GOTOOLCHAIN    Default                   default
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
