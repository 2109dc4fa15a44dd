@{
    Synopsis    = 'Adds audit rules to the managed rules.d file (then augenrules --load) and/or the running kernel, journaled and undoable.'
    Description = @'
Add-AuditRule adds the rules that are not there yet (by meaning: key spelling, field and syscall order do not matter) and leaves the rest alone, so a rerun changes nothing and says Changed = False. With -Persistent (the default, with -Live, on the live host) it rewrites the managed file /etc/audit/rules.d/50-gobaseline.rules and runs augenrules --load, which rebuilds /etc/audit/audit.rules (keeping audit.rules.prev) and loads the kernel; with -Live only, it calls auditctl for each rule. A never rule goes where it works: in the file just before the first always rule of its list, and in the kernel with auditctl -A (the front of the list), since the first matching rule decides and a never rule after an always rule never fires.

Every call is one transaction of the change journal: Undo-BaselineChange puts back the managed file and audit.rules byte for byte and the kernel's exact previous auditctl -l list. Rule text is parsed as a whole first: one bad line and nothing is added. When the kernel rules are immutable (auditctl -s: enabled 2) the cmdlet stops before touching anything (AuditRulesImmutable). -WhatIf prints the exact auditctl command or the file and line it would write, and for augenrules --load the kernel rules the reload adds (+) and deletes (-) compared with auditctl -l; rules.d usually starts with -D, so a warning names every loaded rule that is in no rules file and that the reload drops.
'@
    Parameters  = @{
        InputObject = 'The rules to add, e.g. from New-AuditRule or Get-AuditRule -Path.'
        Text        = 'Rule text as in a rules file. All lines are parsed first: one bad line and nothing is added.'
        Live        = 'Change the rules loaded in the running kernel with auditctl. Default on the live host (together with -Persistent); only -Live leaves the files alone.'
        Persistent  = 'Change the managed rules file in /etc/audit/rules.d, then run augenrules --load (which rebuilds /etc/audit/audit.rules and loads the kernel) where augenrules is installed. The only mode under -Root.'
        ManagedFile = 'The rules.d file GoBaseline owns and rewrites (a path inside -Root). Default /etc/audit/rules.d/50-gobaseline.rules.'
        PassThru    = 'Returns the rules as they are afterwards (AuditRule objects, read back from the kernel or the managed file) instead of the BaselineChangeResult.'
        Force       = 'Skips the extra confirmation of reboot-bound or irreversible changes (none of this cmdlet''s changes is) and, in Undo-BaselineChange, the drift check.'
    }
    Outputs     = @{
        'GoBaseline.BaselineChangeResult' = 'Without -PassThru: Changed, TransactionId (for Undo-BaselineChange), Changes, Diff.'
        'GoBaseline.AuditRule'            = 'With -PassThru: the added rules as the kernel (or the managed file) now holds them.'
    }
    Examples    = @(
        @{
            Title   = 'Preview the Go execve rules in the kernel only'
            Code    = 'New-AuditRule -Syscall execve -Arch b64, b32 -Key go_exec | Add-AuditRule -Live -WhatIf'
            Remarks = 'What if: Performing the operation "Add-AuditRule" on target "auditctl -a always,exit -F arch=b64 -S execve -F key=go_exec; auditctl -a always,exit -F arch=b32 -S execve -F key=go_exec".'
        }
        @{
            Title   = 'Make them persistent and loaded, then undo'
            Code    = "`$r = New-AuditRule -Syscall execve -Arch b64, b32 -Key go_exec | Add-AuditRule`nUndo-BaselineChange -TransactionId `$r.TransactionId"
            Remarks = 'The managed file gets the two lines, augenrules --load loads them; the undo restores the files and the previous kernel list exactly.'
        }
    )
    RelatedLinks = @('Remove-AuditRule', 'Set-AuditRule', 'New-AuditRule', 'Undo-BaselineChange')
}
