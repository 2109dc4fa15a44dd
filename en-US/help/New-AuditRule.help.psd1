@{
    Synopsis    = 'Builds an audit rule from parameters (a syscall rule or a file watch) or from rule text, checked by the same grammar auditctl uses.'
    Description = @'
New-AuditRule makes AuditRule objects without touching the kernel or any file. From parameters it writes the rule text (-Syscall with -Arch b64,b32 gives one rule per ABI, as the rules need; -WatchPath gives a watch) and parses it; from -Text it parses what you give. A rule auditctl would refuse (unknown syscall, unknown user, arch after -S, a syscall on the task list) gives a parse error with its column. Pipe the result to Compare-AuditRule or to the change cmdlets.
'@
    Parameters  = @{
        Syscall    = 'The system calls (names or numbers; "all").'
        Arch       = 'The ABIs: b64, b32 or both (one rule each). Syscall rules without an arch miss the other ABI; give both.'
        List       = 'The filter list: Exit (the default), Task, User, Exclude, Filesystem or IoUring.'
        Action     = 'Always (the default) or Never.'
        Field      = 'Field conditions as auditctl writes them after -F, e.g. ''auid>=1000'', ''exit=-EACCES''.'
        WatchPath  = 'The path to watch (a file or a directory).'
        Permission = 'The watch permissions: any of r, w, x, a (default rwxa).'
        Key        = 'The rule''s keys (-k).'
        Text       = 'Rule text as in a rules file, e.g. ''-a always,exit -F arch=b64 -S execve -k go_exec''.'
    }
    Outputs     = @{ 'GoBaseline.AuditRule' = 'The rule, with Text as auditctl -l will print it once loaded.' }
    Examples    = @(
        @{
            Title   = 'The baseline''s execve rules for both ABIs'
            Code    = 'New-AuditRule -Syscall execve -Arch b64, b32 -Key go_exec | Select-Object -ExpandProperty Text'
            Remarks = @'
-a always,exit -F arch=b64 -S execve -F key=go_exec
-a always,exit -F arch=b32 -S execve -F key=go_exec
'@
        }
        @{
            Title   = 'A watch on a directory'
            Code    = 'New-AuditRule -WatchPath /etc/profile.d/ -Permission wa -Key go_env'
            Remarks = 'auditctl drops the trailing slash and watches the directory: the Text is "-w /etc/profile.d -p wa -k go_env".'
        }
        @{
            Title   = 'Check rule text before it goes into a file'
            Code    = "'-a always,exit -S execve -F arch=b64' | New-AuditRule"
            Remarks = 'Fails with AuditRuleParseError at column 29: auditctl needs -F arch before -S.'
        }
    )
    RelatedLinks = @('Get-AuditRule', 'Compare-AuditRule')
}
