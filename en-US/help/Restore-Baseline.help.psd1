@{
    Synopsis    = 'Returns the system to a checkpoint: undoes every journaled change made since, newest first.'
    Description = @'
Restore-Baseline undoes, newest first, every transaction applied after the checkpoint named by -Name (see Checkpoint-Baseline). It asks ShouldProcess once per change (ConfirmImpact High: it asks by default), then checks every target for drift before anything is touched: a target changed since GoBaseline changed it stops the whole restore with ChangeDrifted, unless -Force. Irreversible changes stop it unless -AcceptIrreversible.
'@
    Parameters  = @{
        Name  = 'The checkpoint to return to. Binds from the pipeline by property name (a BaselineCheckpoint).'
        Force = 'Restores even where a target drifted since GoBaseline changed it, and skips the extra confirmation of irreversible changes.'
    }
    Outputs     = @{ 'GoBaseline.BaselineChangeResult' = 'One result per transaction undone; a single result with Changed = False when nothing was changed since the checkpoint. Under -WhatIf a single preview: WhatIf = True, Changed, Planned (every undo step, newest first), Diff; nothing is written.' }
    Examples    = @(
        @{
            Title   = 'Return to a checkpoint without prompts (runbooks, Ansible)'
            Code    = 'Restore-Baseline -Name before-fips -Confirm:$false'
            Remarks = @'
Changed TransactionId               State      Changes Message
------- -------------               -----      ------- -------
True    20261129T045953309Z-5eaec8  RolledBack 1       Transaction 20261129T045953309Z-5eaec8: 1 change(s) undone; tran…

Undoes every transaction applied since the checkpoint "before-fips"; Changed is False in the result when there was nothing to undo.
'@
        }
        @{
            Title   = 'See what a restore would do'
            Code    = 'Restore-Baseline -Name before-fips -WhatIf'
            Remarks = 'Lists each file it would restore or delete and each command it would run, in the order it would do it.'
        }
    )
    RelatedLinks = @('Checkpoint-Baseline', 'Undo-BaselineChange', 'about_GoBaseline_Rollback')
}
