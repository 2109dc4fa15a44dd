@{
    Synopsis    = 'Checks the Go environment against the baseline and says, for every finding, which layer the value came from.'
    Description = @'
Test-GoEnvBaseline evaluates the Go environment controls of a profile (the embedded default unless -Profile names a YAML file): GO111MODULE=on, CGO_ENABLED=0, a controlled GOCACHE and the trusted GOPROXY chain, each set explicitly in the scope (a value that is only the go command's default, or that comes from the toolchain's go.env, fails "set explicitly", which is the point of the baseline); a toolchain of at least Go 1.21; GOSUMDB not off; GOFLAGS without -insecure or -mod=mod; GOINSECURE, GONOSUMDB and GONOSUMCHECK empty unless allowed; GOTOOLCHAIN pinned; and a GOCACHE directory that nobody else can write, create first or replace (GOENV-012: the owner must be the scope's builder: this process's effective user in the Process scope on the live host, the -User or root in User and System, the unit's User= (default root) in Service; under -Root the Process scope's user is unknown and only the mode and parent are judged. A GOCACHE that does not exist yet fails when its nearest existing parent lets another user create it, as a world-writable /tmp does even with the sticky bit, because whoever creates /tmp/go-build first owns the cache).

Each result is a CheckResult with Status (Pass, Fail, Warn, NotApplicable, NotChecked, Error), Expected, Actual, Evidence (the layer and file:line the value came from) and a Remediation. A check that could not look is Error, never Pass. -Quiet returns one bool instead (true when nothing is Fail or Error), which is the module's convention for every Test- cmdlet.
'@
    DefaultValues = @{ Scope = 'Process' }
    Parameters  = @{
        Scope       = 'The environment to check: Process (this session, the default), User, System (the login files) or Service (with -ServiceName, which alone implies it). Under -Root the Process scope uses an empty environment: the process environment of an image is not knowable, so use -Scope System, -Scope User -User <name> or -ServiceName <unit> there.'
        User        = 'The user whose login environment to check (User scope): /etc/environment, environment.d (~/.config/environment.d/*.conf and the system environment.d directories), /etc/profile.d/*.sh, the login startup file (bash: the first of ~/.bash_profile, ~/.bash_login, ~/.profile; other shells: ~/.profile) with the files it sources, and the GOENV file. Files are parsed, never executed; a value set under a condition or by a command is unknown and its checks are Error. See Get-Help Get-GoEnvironment for the order.'
        ServiceName = 'The systemd unit(s) to check; binds from the pipeline. A template instance (build@x) is read from its template when it has no unit file of its own. DefaultEnvironment= of system.conf, PassEnvironment=, Environment=, EnvironmentFile= and UnsetEnvironment= of the unit and all its drop-ins count; see Get-Help Get-GoEnvironment for the order.'
        Profile     = 'A profile YAML file to check against instead of the embedded default. Unknown keys and wrong types stop the cmdlet with the file, line and column.'
        ControlId   = 'Only the controls with these ids; wildcards are allowed (e.g. GOENV-00*).'
    }
    Outputs     = @{
        'GoBaseline.CheckResult' = 'One result per control (per toolchain for the toolchain control).'
        'System.Boolean'         = 'With -Quiet: true when no result is Fail or Error.'
    }
    Examples    = @(
        @{
            Title   = 'The findings on this host, with the layer each value came from'
            Code    = @'
Test-GoEnvBaseline | Where-Object Status -ne Pass | Format-Table

Status        ControlId Target       Evidence                 Actual
------        --------- ------       --------                 ------
Fail          GOENV-001 GO111MODULE  go command default       (empty)
Fail          GOENV-002 CGO_ENABLED  go command default       1
Fail          GOENV-003 GOCACHE      go command default       /root/.cache/go-b…
Fail          GOENV-004 GOPROXY      go command default       https://proxy.gol…
Warn          GOENV-005 /usr/lib/go… /usr/lib/go-1.19/VERSION go1.19.8
Fail          GOENV-011 GOTOOLCHAIN  go command default       (empty)
NotApplicable GOENV-012 /root/.cach… stat /root/.cache/go-bu… (does not exist)
'@
            Remarks = 'Output of a Debian host with golang-1.19 installed but not on PATH and nothing configured: every value is the go command''s default (Evidence names the layer, or the file and line that set it). GOENV-005 is Warn because the old toolchain is installed but is not the one "go" runs. A layer file that exists but cannot be read makes the controls it could decide Error, naming the file.'
        }
        @{
            Title   = 'Gate a CI job'
            Code    = "if (-not (Test-GoEnvBaseline -Quiet)) { throw 'Go environment is not at baseline' }"
            Remarks = 'Returns $true only when no control is Fail or Error.'
        }
        @{
            Title   = 'Check the environment of every Go service'
            Code    = "'builder', 'api' | Test-GoEnvBaseline | Where-Object Status -eq Fail"
            Remarks = 'Service names bind from the pipeline; each unit is resolved from its unit file and drop-ins.'
        }
    )
    Notes       = 'Exit-code contract for scripts and Ansible: run Invoke-GoBaselineScan.ps1 from the module folder (0 compliant, 1 non-compliant, 2 could not check).'
    RelatedLinks = @('Get-GoEnvironment', 'Get-GoToolchain', 'about_GoBaseline')
}
