@{
    Synopsis    = 'Archives audit logs into verified gzip files, one per day or per size, with a SHA-256 manifest and retention.'
    Description = @'
Export-AuditLogArchive reads the source logs in time order (by default the rotated logs audit.log.N ... audit.log.1 of log_file in /etc/audit/auditd.conf under -Root; never the log auditd is writing) and writes their lines, unchanged, into gzip archives in -Destination: audit-YYYYMMDD.log.gz per UTC day of the events, or audit-YYYYMMDD-NNN.log.gz per -MaximumSize with -SplitBy Size. Each archive is written under a temporary name, flushed to disk (fsync), read back and compared by SHA-256 with the source lines, and only then renamed into place and listed in the SHA256SUMS manifest (sha256sum -c format). With -RemoveSource a source log is deleted only after every archive holding its lines has been verified; if any archive fails, the sources are kept. -RetentionDays deletes archives older than that many days and drops them from the manifest. -WhatIf shows each archive that would be written and each file that would be deleted.
'@
    Parameters  = @{
        Path          = 'The logs to archive, oldest first, or a directory (its rotated audit.log.N files). Default: the rotated logs of the configured log_file under -Root.'
        Destination   = 'The directory that receives the archives and the SHA256SUMS manifest.'
        SplitBy       = 'Day (the default): one archive per UTC day of the events. Size: a new archive whenever -MaximumSize would be passed.'
        MaximumSize   = 'With -SplitBy Size: the largest uncompressed size of one archive, in bytes (default 64 MB).'
        RemoveSource  = 'Delete each source log once every archive holding its lines is written, fsynced and verified.'
        RetentionDays = 'Delete archives in -Destination whose day is more than this many days ago, and drop them from the manifest.'
    }
    Outputs     = @{ 'GoBaseline.AuditLogArchive' = 'One object per archive written: Path, FirstEvent, LastEvent, Lines, sizes, Sha256 (of the file), Sha256Content (of the lines), Sources, Verified.' }
    Examples    = @(
        @{
            Title   = 'Preview the nightly archiving'
            Code    = 'Export-AuditLogArchive -Destination /srv/audit-archive -RemoveSource -RetentionDays 365 -WhatIf'
            Remarks = 'Shows the archives that would be written and the rotated logs and old archives that would be deleted.'
        }
        @{
            Title   = 'Archive and check the manifest with coreutils'
            Code    = 'Export-AuditLogArchive -Destination /srv/audit-archive | Format-Table; Push-Location /srv/audit-archive; sha256sum -c SHA256SUMS; Pop-Location'
            Remarks = 'SHA256SUMS lists the SHA-256 of each archive file.'
        }
        @{
            Title   = 'Search archived logs later'
            Code    = 'Search-AuditLog -Path (Get-ChildItem /srv/audit-archive/audit-2026*.log.gz) -Key go_env'
            Remarks = 'Search-AuditLog reads .gz archives directly.'
        }
    )
    RelatedLinks = @('Search-AuditLog', 'Get-AuditReport')
}
