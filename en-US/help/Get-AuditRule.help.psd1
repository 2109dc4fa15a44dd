@{
    Synopsis    = 'Reads audit rules from the running kernel, the persistent rules.d files or any rules file, normalised to exactly the line auditctl -l prints.'
    Description = @'
Get-AuditRule parses rules with the grammar of auditctl 3.0.9 (both "-a always,exit" and "-a exit,always", -A, -d, syscall names, numbers, "all", comma lists and repeated -S, every -F operator, -C comparisons, -k and -F key=, several keys, -w/-W watches, errno names, user and group names) and gives each rule the exact text auditctl -l prints once it is loaded (Text), the auditctl arguments that perform its line (Command), and its meaning independent of field order, key spelling and syscall order (CanonicalText).

-Live reads the kernel with auditctl -l (the default on the live host); -Persistent reads /etc/audit/rules.d/*.rules in augenrules order, each rule with its file and line (the default under -Root); -Path reads any rules file. A file with a bad line gives an error with file, line and column, and none of its rules: auditctl -R would stop half way through it.
'@
    Parameters  = @{
        Live           = 'Read the rules loaded in the kernel (auditctl -l). The default on the live host.'
        Persistent     = 'Read /etc/audit/rules.d/*.rules in augenrules order (or /etc/audit/audit.rules when rules.d is empty). The default under -Root.'
        Generated      = 'With -Persistent: read the generated /etc/audit/audit.rules (what auditd loads at start) instead of the rules.d sources.'
        Path           = 'Read these rules files (paths inside -Root). A file with a bad line gives an error with file, line and column, and none of its rules.'
        Key            = 'Only rules with a key matching one of these (wildcards allowed).'
        Syscall        = 'Only rules that audit one of these system calls (wildcards allowed); rules for all syscalls match too.'
        WatchPath      = 'Only watches and path/dir rules on a path matching one of these (wildcards allowed).'
        IncludeControl = 'Also return the control lines of files (-D, -b, -f, -e, --backlog_wait_time, --loginuid-immutable, -i, -c).'
    }
    Outputs     = @{ 'GoBaseline.AuditRule' = 'One object per rule: Kind, Operation, List, Action, Arch, Syscall, Fields, Keys, Key, IsWatch, Path, Permission, Text (the auditctl -l line), Command, CanonicalText, Source and Line.' }
    Examples    = @(
        @{
            Title   = 'The Go execve rules loaded in the kernel'
            Code    = 'Get-AuditRule -Live -Key go_exec'
            Remarks = @'
Source                     Text
------                     ----
auditctl -l:1              -a always,exit -F arch=b64 -S execve -F key=go_exec
auditctl -l:2              -a always,exit -F arch=b32 -S execve -F key=go_exec
'@
        }
        @{
            Title   = 'Which persistent rules watch files under /etc/profile.d, and where they are written'
            Code    = "Get-AuditRule -Persistent -WatchPath '/etc/profile.d*' | Select-Object Source, Line, Text"
            Remarks = 'Source and Line point into the rules.d file that holds the rule.'
        }
        @{
            Title   = 'Read a rules file from a container image'
            Code    = 'Get-AuditRule -Root /mnt/image -Path /etc/audit/rules.d/30-stig.rules -Syscall execve'
            Remarks = 'User names in the file are resolved with the image''s own /etc/passwd.'
        }
    )
    RelatedLinks = @('Get-AuditStatus', 'New-AuditRule', 'Compare-AuditRule', 'Test-AuditRule')
}
