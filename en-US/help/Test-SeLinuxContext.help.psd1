@{
    Synopsis    = 'Compares files'' SELinux labels with the labels the policy expects, deciding as restorecon -n -v does.'
    Description = @'
Test-SeLinuxContext reads each file's security.selinux label and the label Get-SeLinuxFileContext computes, and gives restorecon's verdict: NoRule (<<none>> or no rule: restorecon leaves it), Unlabeled (no label: restorecon would label it), Customizable (a type from customizable_types: kept unless -Force), Verified, or Mismatch. Without -Force only the type counts, as for restorecon; with -Force the whole context must be equal (restorecon -F). WouldRelabel says whether restorecon would change the file; VerifiedByMatchpathcon is matchpathcon -V's verdict (role, type and range equal). Use it on GOROOT, GOPATH, Go binaries and service files. By default it returns one SeLinuxLabelCheck per file; with -Quiet one bool, true when restorecon would change nothing.
'@
    Parameters  = @{
        Path             = 'The files to check; binds from the pipeline and from objects with a Path or FullName property.'
        Recurse          = 'Also check everything below the named directories (links are not followed).'
        Force            = 'Compare the whole context (user, role, type, range) and ignore customizable types, as restorecon -F does; without it only the type counts.'
        Quiet            = 'Return one bool: true when restorecon would change nothing.'
        FileContextsPath = 'The file contexts file to use instead of the configured policy''s (matchpathcon -f); a path inside -Root.'
    }
    Outputs     = @{
        'GoBaseline.SeLinuxLabelCheck' = 'One object per file: Path, Actual, Expected (with the deciding rule), ExpectedContext, Status, WouldRelabel, VerifiedByMatchpathcon.'
        'System.Boolean'               = 'With -Quiet: true when restorecon would change nothing.'
    }
    Examples    = @(
        @{
            Title   = 'Files below GOROOT that restorecon would relabel'
            Code    = 'Test-SeLinuxContext -Recurse /usr/local/go | Where-Object WouldRelabel'
            Remarks = @'
Status       Relabel Path                                     Actual                         Expected
------       ------- ----                                     ------                         --------
Mismatch     True    /usr/local/go/bin/go                     system_u:object_r:user_home_t: system_u:object_r:bin_t:s0
'@
        }
        @{
            Title   = 'A gate for a runbook'
            Code    = "if (-not (Test-SeLinuxContext -Quiet /usr/local/bin/gosvc, /etc/systemd/system/gosvc.service)) { Write-Warning 'run restorecon' }"
            Remarks = '-Quiet returns a single bool for the whole input.'
        }
    )
    RelatedLinks = @('Get-SeLinuxFileContext', 'Get-SeLinuxContext')
}
