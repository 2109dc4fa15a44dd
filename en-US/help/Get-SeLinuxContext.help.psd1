@{
    Synopsis    = 'Reads the SELinux context of files (the security.selinux attribute) or of processes (/proc/PID/attr/current).'
    Description = @'
Get-SeLinuxContext returns an SeLinuxContext for each file or process: User, Role, Type, Range and the Raw text, plus the Path or ProcessId it was read from. The Range is an SeLinuxRange of SeLinuxLevel objects, so "s0:c0.c2" and "s0:c0,c1,c2" compare equal and a range can be tested with Contains and Dominates. Files are read without following a final symbolic link (lgetfilecon). A named file without a label is an error (SeLinuxLabelMissing); with -Recurse, unlabelled files below it are skipped. On a kernel without SELinux a process has no context; the error says so.
'@
    Parameters  = @{
        Path      = 'The files to read; binds from the pipeline and from objects with a Path or FullName property.'
        Recurse   = 'Also read everything below the named directories (links are not followed). Files below without a label are skipped silently; a named path without one is an error.'
        ProcessId = 'The processes to read; binds from Get-Process output (Id).'
    }
    Outputs     = @{ 'GoBaseline.SeLinuxContext' = 'One object per labelled file or process: User, Role, Type, Range, Raw, Path, ProcessId.' }
    Examples    = @(
        @{
            Title   = 'The label of a Go binary'
            Code    = 'Get-SeLinuxContext /usr/local/bin/gosvc'
            Remarks = @'
User         Role       Type                       Range              Source
----         ----       ----                       -----              ------
system_u     object_r   bin_t                      s0                 /usr/local/bin/gosvc
'@
        }
        @{
            Title   = 'Every file below GOROOT whose type is not usr_t or bin_t'
            Code    = "Get-SeLinuxContext -Recurse /usr/local/go | Where-Object Type -notin 'usr_t','bin_t'"
            Remarks = 'Links below GOROOT are not followed; unlabelled files below it are skipped.'
        }
        @{
            Title   = 'The domain of running Go services'
            Code    = 'Get-Process gosvc | Get-SeLinuxContext'
            Remarks = 'Get-Process objects bind by their Id property.'
        }
    )
    RelatedLinks = @('Get-SeLinuxFileContext', 'Test-SeLinuxContext')
}
