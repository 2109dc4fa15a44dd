@{
    Synopsis    = 'Makes the managed rules file and the running kernel hold exactly the given rules for a key (or for the whole managed file), journaled and undoable.'
    Description = @'
Set-AuditRule is the desired-state cmdlet. With -Key, the rules carrying one of those keys are made to equal the desired rules (missing ones added, others with the key removed) in the managed file and, live, in the kernel; rules with other keys are untouched. Without -Key, the managed file becomes exactly the desired rules, and in the kernel the rules the file held before and no longer wants are deleted. Desired rules come from objects, text or a rules file; they are parsed as a whole first, so one bad line changes nothing. Never rules are placed before the always rules of their list (in the file, and live with auditctl -A). Idempotent (Changed = False on a rerun), -WhatIf shows each auditctl command and file line and, for augenrules --load, the kernel rules the reload adds and deletes (with a warning about loaded rules in no rules file that it drops), Undo-BaselineChange restores files byte for byte and the exact previous kernel list, and an immutable kernel (enabled 2) stops it before anything is touched.
'@
    Parameters  = @{
        InputObject = 'The desired rules, e.g. from New-AuditRule.'
        Text        = 'The desired rules as text. All lines are parsed first: one bad line and nothing changes.'
        Path        = 'A rules file holding the desired rules (a path inside -Root). A bad line anywhere and nothing changes.'
        Key         = 'The scope: rules with one of these keys are made to equal the desired rules; other rules stay. Without -Key the scope is the whole managed file.'
        Live        = 'Change the rules loaded in the running kernel with auditctl. Default on the live host (together with -Persistent); only -Live leaves the files alone.'
        Persistent  = 'Change the managed rules file in /etc/audit/rules.d, then run augenrules --load (which rebuilds /etc/audit/audit.rules and loads the kernel) where augenrules is installed. The only mode under -Root.'
        ManagedFile = 'The rules.d file GoBaseline owns and rewrites (a path inside -Root). Default /etc/audit/rules.d/50-gobaseline.rules.'
        PassThru    = 'Returns the rules as they are afterwards (AuditRule objects, read back from the kernel or the managed file) instead of the BaselineChangeResult.'
        Force       = 'Skips the extra confirmation of reboot-bound or irreversible changes (none of this cmdlet''s changes is) and, in Undo-BaselineChange, the drift check.'
    }
    Outputs     = @{
        'GoBaseline.BaselineChangeResult' = 'Without -PassThru: Changed, TransactionId, Changes, Diff.'
        'GoBaseline.AuditRule'            = 'With -PassThru: the desired rules as they are now held.'
    }
    Examples    = @(
        @{
            Title   = 'Exactly the baseline execve rules under key go_exec'
            Code    = "Set-AuditRule -Key go_exec -Text '-a always,exit -F arch=b64 -S execve -k go_exec', '-a always,exit -F arch=b32 -S execve -k go_exec'"
            Remarks = 'Adds what is missing, removes other go_exec rules (for example one without arch), in the managed file and the kernel.'
        }
        @{
            Title   = 'Remediate from Ansible and report changed'
            Code    = "`$r = Set-AuditRule -Path ./go-audit.rules -Key go_exec, go_env`n@{ changed = `$r.Changed } | ConvertTo-Json"
            Remarks = 'Changed is False when the rules were already in place.'
        }
    )
    RelatedLinks = @('Add-AuditRule', 'Remove-AuditRule', 'Compare-AuditRule', 'Test-AuditRule', 'Undo-BaselineChange')
}
