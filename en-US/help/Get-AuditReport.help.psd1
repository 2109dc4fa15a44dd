@{
    Synopsis    = 'Summarises audit logs like aureport: the --summary counts, or events per key, executable, syscall, user, file, comm or pid.'
    Description = @'
Get-AuditReport counts the events of the audit log (by default log_file of /etc/audit/auditd.conf under -Root and its rotations) the way aureport does and returns objects with the same numbers. Without -Report it returns one AuditSummaryReport (aureport --summary); with -Report it returns one AuditReportItem per key, executable, syscall, user (login uid), file, comm, pid or event type, most frequent first (aureport -k/-x/-s/-u/-f/-c/-p --summary). -Failed and -Success restrict the counts as aureport --failed and --success do; -Start, -End and -Node restrict the events read.
'@
    Parameters  = @{
        Path      = 'Audit log files or directories to read. A directory means its audit.log and rotations. Default: the configured log_file under -Root and its rotations.'
        Summary   = 'Return the overall counts of aureport --summary (the default).'
        Report    = 'A per-item summary: Key, Executable, Syscall, User, File, Comm, ProcessId or Event.'
        Failed    = 'Count only failed events (aureport --failed).'
        Success   = 'Count only successful events (aureport --success).'
        Interpret = 'Give syscalls and users as names instead of numbers (aureport -i).'
        Start     = 'Only events at or after this time (aureport -ts). The reader seeks to it.'
        End       = 'Only events at or before this time (aureport -te).'
        Node      = 'Only events from these nodes (aureport --node).'
    }
    Outputs     = @{
        'GoBaseline.AuditSummaryReport' = 'Without -Report: the summary counts.'
        'GoBaseline.AuditReportItem'    = 'With -Report: one row per item with its event count.'
    }
    Examples    = @(
        @{
            Title   = 'The summary of the live log'
            Code    = 'Get-AuditReport | Select-Object Events, FailedSyscalls, Keys, Executables'
            Remarks = 'Same numbers as aureport --summary.'
        }
        @{
            Title   = 'Which keys fire most, failed events only'
            Code    = 'Get-AuditReport -Report Key -Failed | Select-Object -First 5'
            Remarks = 'Same rows as aureport -k --summary --failed.'
        }
        @{
            Title   = 'Syscalls by name in rotated and archived logs'
            Code    = 'Get-AuditReport -Path /var/log/audit -Report Syscall -Interpret | Format-Table Count, Value'
            Remarks = 'A directory reads audit.log and its rotations (including .gz) in time order.'
        }
    )
    RelatedLinks = @('Search-AuditLog')
}
