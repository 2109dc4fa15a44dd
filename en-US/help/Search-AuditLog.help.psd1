@{
    Synopsis    = 'Searches audit logs like ausearch and returns typed AuditEvent objects (or the raw lines).'
    Description = @'
Search-AuditLog reads the audit log (by default log_file of /etc/audit/auditd.conf under -Root, with its rotations audit.log.N ... audit.log.1 and audit.log in time order; .gz files are read compressed) and returns one AuditEvent per matching event. Records of one event are grouped by node, time and serial even when other events are interleaved or the event continues in the next rotated file. Raw and ENRICHED logs (the interpreted section after byte 0x1D) and node= prefixes are understood.

The filters are those of ausearch and are combined with AND; several values of one filter are combined with OR. -Key, -Executable, -Comm and -File match substrings, as ausearch does without --exact-match. -Start/-End make the reader seek by binary search on file offsets instead of scanning the whole file.

Each AuditEvent carries the values ausearch -i shows: Syscall and Arch names, Success, Exit and ExitName, ProcessId, ParentProcessId, Uid/UserName, LoginUid/LoginUserName (from the root's passwd, or the ENRICHED section), Session, Executable, Comm, ProcessTitle (NULs as spaces), Cwd, File (PATH names), Arguments (EXECVE aN decoded), and the AuditRecords with raw and interpreted fields.

Malformed lines (truncated, binary garbage, missing msg=, overlong) never stop the search: each is skipped, counted and reported once as a warning with its file and line.
'@
    Parameters  = @{
        Path            = 'Audit log files or directories to read. A directory means its audit.log and rotations. Default: the configured log_file under -Root and its rotations.'
        Key             = 'Rule keys (key=); an event matches when one of its keys contains one of these (ausearch -k).'
        MessageType     = 'Record types such as SYSCALL or USER_LOGIN; an event matches when one of its records has one (ausearch -m).'
        Start           = 'Only events at or after this time (ausearch -ts). The reader seeks to it.'
        End             = 'Only events at or before this time (ausearch -te).'
        EventId         = 'Events with this serial number (ausearch -a).'
        ProcessId       = 'pid= of the event (ausearch -p).'
        ParentProcessId = 'ppid= of the event (ausearch -pp).'
        Executable      = 'exe= contains this text (ausearch -x).'
        Comm            = 'comm= contains this text (ausearch -c).'
        Syscall         = 'Syscall names or numbers, interpreted for each event''s architecture (ausearch -sc).'
        Success         = 'Only successful events (ausearch -sv yes).'
        Failed          = 'Only failed events (ausearch -sv no).'
        ExitCode        = 'exit= values as numbers or errno names; EACCES means -13 (ausearch -e).'
        Uid             = 'uid= as a user name or number, resolved in the passwd under -Root (ausearch -ui).'
        LoginUid        = 'auid= (login uid) as a user name, number or "unset" (ausearch -ul).'
        Session         = 'ses= login session ids (ausearch --session).'
        File            = 'A file name the event touched (PATH name=, cwd, unix socket path) contains this text (ausearch -f).'
        Node            = 'Only events from these nodes (node= prefix) (ausearch -n).'
        Raw             = 'Write the original log lines of the matching events (ENRICHED section included) instead of objects, like ausearch --format raw.'
        Wait            = 'After the existing events, keep following the log as auditd appends to it, across log rotation, until Ctrl+C (like Get-Content -Wait).'
    }
    Outputs     = @{
        'GoBaseline.AuditEvent' = 'One object per matching event.'
        'System.String'         = 'With -Raw: the original lines of each matching event.'
    }
    Examples    = @(
        @{
            Title   = 'Who ran Go binaries, with their arguments'
            Code    = 'Search-AuditLog -Key go_exec | Select-Object Time, LoginUserName, Executable, @{ n = ''Args''; e = { $_.Arguments -join '' '' } }'
            Remarks = 'Key matches the rule key given with auditctl -k or -F key=.'
        }
        @{
            Title   = 'Denied opens in the last hour, grouped by file'
            Code    = 'Search-AuditLog -Start (Get-Date).AddHours(-1) -ExitCode EACCES, EPERM | ForEach-Object File | Group-Object | Sort-Object Count -Descending'
            Remarks = '-Start seeks in the log, so a query about the last hour does not read the whole file.'
        }
        @{
            Title   = 'React to changes of the Go environment as they happen'
            Code    = 'Search-AuditLog -Key go_env -Wait | ForEach-Object { Write-Warning "$($_.LoginUserName) changed $($_.File -join '','') with $($_.Executable)" }'
            Remarks = 'Follows /var/log/audit/audit.log across rotations until Ctrl+C.'
        }
        @{
            Title   = 'Feed the original lines to other audit tools'
            Code    = 'Search-AuditLog -Path ./audit.log -Failed -Raw | Set-Content failed.log; aureport -if failed.log --summary'
            Remarks = 'The raw lines are unchanged, ENRICHED section included.'
        }
    )
    RelatedLinks = @('Get-AuditReport')
}
