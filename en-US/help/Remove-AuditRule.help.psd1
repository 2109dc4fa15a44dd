@{
    Synopsis    = 'Removes audit rules (pipe them from Get-AuditRule) from the managed rules.d file (then augenrules --load) and/or the running kernel, journaled and undoable.'
    Description = @'
Remove-AuditRule deletes the rules given (or every rule with one of the -Key keys) from the managed file and, live, from the kernel with auditctl -d / -W. Rules are matched by meaning, so a rule piped from Get-AuditRule -Live removes the same rule written differently in the file. Rules of other rules.d files are not GoBaseline's to rewrite: they are named in a warning and left as they are. A rule found nowhere gives AuditRuleNotFound. Undo-BaselineChange restores the file byte for byte and the kernel's exact previous list (including the removed rules' places in it). Immutable kernel rules stop the cmdlet before anything is touched. With augenrules, -WhatIf names the kernel rules the reload deletes and adds compared with auditctl -l, and a warning names every loaded rule in no rules file that the reload (rules.d starts with -D) drops.
'@
    Parameters  = @{
        InputObject = 'The rules to remove, e.g. from Get-AuditRule -Live -Key go_exec.'
        Key         = 'Remove every rule with one of these keys.'
        Live        = 'Change the rules loaded in the running kernel with auditctl. Default on the live host (together with -Persistent); only -Live leaves the files alone.'
        Persistent  = 'Change the managed rules file in /etc/audit/rules.d, then run augenrules --load (which rebuilds /etc/audit/audit.rules and loads the kernel) where augenrules is installed. The only mode under -Root.'
        ManagedFile = 'The rules.d file GoBaseline owns and rewrites (a path inside -Root). Default /etc/audit/rules.d/50-gobaseline.rules.'
        PassThru    = 'Returns the rules as they are afterwards (AuditRule objects, read back from the kernel or the managed file) instead of the BaselineChangeResult.'
        Force       = 'Skips the extra confirmation of reboot-bound or irreversible changes (none of this cmdlet''s changes is) and, in Undo-BaselineChange, the drift check.'
    }
    Outputs     = @{
        'GoBaseline.BaselineChangeResult' = 'Without -PassThru: Changed, TransactionId, Changes, Diff.'
        'GoBaseline.AuditRule'            = 'With -PassThru: nothing (the rules are gone).'
    }
    Examples    = @(
        @{
            Title   = 'Remove a hand-made live rule'
            Code    = 'Get-AuditRule -Live -Key handmade | Remove-AuditRule -Live -WhatIf'
            Remarks = 'What if: Performing the operation "Remove-AuditRule" on target "auditctl -d always,exit -F arch=b64 -S kill -F key=handmade".'
        }
        @{
            Title   = 'Drop every go_env watch from the managed file and the kernel'
            Code    = 'Remove-AuditRule -Key go_env'
            Remarks = 'One transaction: the managed file without those lines, then augenrules --load.'
        }
    )
    RelatedLinks = @('Get-AuditRule', 'Add-AuditRule', 'Undo-BaselineChange')
}
