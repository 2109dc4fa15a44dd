@{
    Synopsis    = 'Checks Go binaries against the baseline: Go version, static build without cgo, FIPS-capable cryptography, clean checkout, no insecure flags, and no fips140=off in DefaultGODEBUG or a running process''s GODEBUG.'
    Description = @'
Test-GoBinaryCompliance reads each binary's embedded build info (as Get-GoBinaryInfo does, without a Go toolchain) and evaluates seven controls, returning one CheckResult per control and binary:

GOBIN-001 the Go release is at least -MinimumVersion (the baseline's 1.21). GOBIN-002 built with CGO_ENABLED=0 and statically linked, unless -AllowCgo; when a BoringCrypto or OpenSSL FIPS backend is what makes the binary use cgo, the message names the contradiction between the baseline's CGO_ENABLED=0 and that backend (GOFIPS140 with Go 1.24+ satisfies both). GOBIN-003 with -RequireFips, a FIPS-capable build: the Go Cryptographic Module selected with GOFIPS140, BoringCrypto or an OpenSSL backend (Go 1.24+ without GOFIPS140 is Warn: FIPS mode is possible with GODEBUG=fips140=on but not with a validated module version). GOBIN-004 vcs.modified=false (Warn when no VCS information was stamped). GOBIN-005 no -ForbiddenFlag (by default -insecure, --insecure, -mod=mod) in the recorded build flags. GOBIN-006 DefaultGODEBUG does not contain fips140=off (fips140=only is Warn: Go documents it as not for production). GOBIN-007, for binaries read with -ProcessId, the runtime GODEBUG from /proc/PID/environ: fips140=off fails, with -RequireFips FIPS mode must be on; switches the binary does not read are named with the one it reads (GODEBUG=fips=1 is not a Go setting; GOLANG_FIPS is read only by Red Hat's and Microsoft's Go; GOFIPS by Microsoft's; GOFIPS140 is build-time only).

A check that could not look is Error, never Pass. -Quiet returns one bool instead (true when nothing is Fail or Error).
'@
    Parameters  = @{
        Path           = 'Files or directories to check; wildcards are allowed. Directories are read one level deep, or entirely with -Recurse.'
        LiteralPath    = 'Files or directories to check, taken literally; binds from FullName and PSPath of Get-ChildItem output.'
        ProcessId      = 'Checks the binaries behind running processes (/proc/PID/exe) and their runtime GODEBUG (/proc/PID/environ). Binds from the Id of Get-Process output. Live host only.'
        InputObject    = 'GoBinaryInfo objects from Get-GoBinaryInfo.'
        Recurse        = 'Walks directories entirely, as go version -m does; files that are not Go are skipped quietly.'
        MinimumVersion = 'The lowest acceptable Go release, e.g. 1.21 (the default) or go1.22.3.'
        AllowCgo       = 'Accepts cgo and dynamic linking (the baseline requires CGO_ENABLED=0).'
        RequireFips    = 'Requires a FIPS-capable build and, for processes, FIPS mode on at run time.'
        ForbiddenFlag  = 'Flags that must not appear in any recorded build flag; by default -insecure, --insecure and -mod=mod.'
    }
    Outputs     = @{
        'GoBaseline.CheckResult' = 'One result per control and binary; Target is the binary (and pid), Properties carry Path, GoVersion and CryptoMode.'
        'System.Boolean'         = 'With -Quiet: true when no result is Fail or Error.'
    }
    Examples    = @(
        @{
            Title   = 'What fails in the binaries under /usr/local/bin'
            Code    = 'Test-GoBinaryCompliance /usr/local/bin | Where-Object Status -in Fail, Warn | Format-Table Status, ControlId, Target, Actual'
            Remarks = @'
Status ControlId Target                   Actual
------ --------- ------                   ------
Fail   GOBIN-002 /usr/local/bin/docker    CGO_ENABLED=1, static
Warn   GOBIN-004 /usr/local/bin/docker    not recorded
Warn   GOBIN-004 /usr/local/bin/terraform not recorded
'@
        }
        @{
            Title   = 'Is every running Go service in FIPS mode?'
            Code    = 'Get-Process | Get-GoBinaryInfo -ErrorAction SilentlyContinue | Test-GoBinaryCompliance -RequireFips | Where-Object ControlId -eq GOBIN-007'
            Remarks = 'The runtime GODEBUG is read from /proc/PID/environ; a unit that sets GODEBUG=fips=1 or GOLANG_FIPS=1 for a binary that reads GODEBUG=fips140 is named.'
        }
        @{
            Title   = 'Gate a pipeline on the built artifact'
            Code    = "if (-not (Test-GoBinaryCompliance ./bin/server -RequireFips -Quiet)) { throw 'server binary is not compliant' }"
            Remarks = '-Quiet returns one bool, the module''s convention for every Test- cmdlet.'
        }
    )
    RelatedLinks = @('Get-GoBinaryInfo', 'Test-FipsMode', 'Test-GoEnvBaseline')
}
