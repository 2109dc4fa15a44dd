@{
    Synopsis    = 'Checks the Go environment against the baseline and says, for every finding, which layer the value came from.'
    Description = @'
Test-GoEnvBaseline evaluates the Go environment controls of a profile (the embedded default unless -Profile names a YAML file): GO111MODULE=on, CGO_ENABLED=0, a controlled GOCACHE and the trusted GOPROXY chain, each set explicitly in the scope (a value that is only the go command's default, or that comes from the toolchain's go.env, fails "set explicitly", which is the point of the baseline); a toolchain of at least Go 1.21; GOSUMDB not off; GOFLAGS without -insecure or -mod=mod; GOINSECURE, GONOSUMDB and GONOSUMCHECK empty unless allowed; GOTOOLCHAIN pinned; and a GOCACHE directory that nobody else can write.

Each result is a CheckResult with Status (Pass, Fail, Warn, NotApplicable, NotChecked, Error), Expected, Actual, Evidence (the layer and file:line the value came from) and a Remediation. A check that could not look is Error, never Pass. -Quiet returns one bool instead (true when nothing is Fail or Error), which is the module's convention for every Test- cmdlet.
'@
    Parameters  = @{
        Scope       = 'The environment to check: Process (this session, the default), User, System (the login files) or Service.'
        User        = 'The user whose login environment and GOENV file to check (User scope).'
        ServiceName = 'The systemd unit(s) to check; binds from the pipeline.'
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
            Code    = 'Test-GoEnvBaseline | Where-Object Status -ne Pass | Format-Table'
            Remarks = @'
Status   ControlId  Severity Target         Actual                           Evidence
------   ---------  -------- ------         ------                           --------
Fail     GOENV-001  High     GO111MODULE    (empty)                          go command default
Fail     GOENV-002  High     CGO_ENABLED    1                                go command default
Fail     GOENV-005  High     /usr/lib/go-1… go1.19.8                         /usr/lib/go-1.19/VERSION
'@
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
