@{
    Synopsis    = 'Undoes journaled changes: single changes, whole transactions, or the last N transactions.'
    Description = @'
Undo-BaselineChange reverts changes GoBaseline made, newest transaction first and, inside a transaction, in reverse order. Files come back byte for byte with their mode, owner, group and SELinux label; files GoBaseline created are deleted; native changes run their revert command (e.g. auditctl -d for auditctl -a).

Before anything is touched, every selected change is checked against the state the journal recorded after it: if someone (or a later GoBaseline run) changed the target since, nothing is undone and the error ChangeDrifted names each target and fact that drifted. -Force restores the recorded state anyway.

Changes typed Irreversible are refused without -AcceptIrreversible; RebootBound changes are undone in configuration, and the behaviour follows at the next boot.

ShouldProcess is asked once per change, with the exact file it restores or the command it runs. The result is a BaselineChangeResult per transaction (Changed, TransactionId, State, Changes, Diff from after back to before).
'@
    Parameters  = @{
        Id            = 'Change ids ("<transaction id>#<index>") as Get-BaselineChange shows them; a bare transaction id means the whole transaction. Binds from the pipeline by property name.'
        TransactionId = 'Transaction ids: every applied change of these transactions. Binds from the pipeline by property name (the BaselineChangeResult of a Set- cmdlet).'
        Last          = 'Undoes the newest N transactions that are still applied, newest first.'
        Force         = 'Undoes even when the target changed since GoBaseline changed it (drift), restoring the recorded state; also skips the extra confirmation of irreversible changes.'
    }
    Outputs     = @{ 'GoBaseline.BaselineChangeResult' = 'One object per transaction undone: Changed, TransactionId, State (RolledBack when all of it is undone), Changes, Diff. Under -WhatIf one preview per transaction that would be undone: WhatIf = True, Changed, Planned (the exact steps), Diff (from after back to before); nothing is written.' }
    Examples    = @(
        @{
            Title   = 'Undo the last remediation'
            Code    = 'Undo-BaselineChange -Last 1'
            Remarks = 'Reverts the newest applied transaction, whatever cmdlet made it.'
        }
        @{
            Title   = 'Undo what a Set- cmdlet just did'
            Code    = "`$r = Set-GoEnvBaseline -Scope System`n`$r | Undo-BaselineChange -Confirm"
            Remarks = 'The result''s TransactionId binds to -TransactionId; -Confirm asks once per file.'
        }
        @{
            Title   = 'Someone edited the file since: see the drift, then force'
            Code    = "Get-BaselineChange -Target /etc/environment -Last 1 | Undo-BaselineChange`nGet-BaselineChange -Target /etc/environment -Last 1 | Undo-BaselineChange -Force"
            Remarks = 'The first command fails with ChangeDrifted ("/etc/environment (sha256: ... -> ...)") and changes nothing; the second restores the content recorded before the change.'
        }
    )
    Notes       = 'Undo takes the journal''s writer lock; a second writer waits up to -LockTimeout seconds, then fails with JournalBusy.'
    RelatedLinks = @('Get-BaselineChange', 'Restore-Baseline', 'about_GoBaseline_Rollback')
}
