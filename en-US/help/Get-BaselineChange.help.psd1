@{
    Synopsis    = 'Gets the changes GoBaseline made, from its change journal.'
    Description = @'
Every change a GoBaseline cmdlet makes is recorded in the change journal (<root>/var/lib/gobaseline/journal) before and after it is applied. Get-BaselineChange reads it (without taking the writer lock) and returns one BaselineChange per change: Id ("<transaction id>#<index>"), Time, User, Cmdlet, Target, Kind, Description (the exact file and line, or the command line), the transaction's Summary and State (Applied, RolledBack, Failed, Interrupted; Pending while a writer runs), the change's own ChangeState and its Reversibility.

-Detailed adds the facts recorded before and after (content hash, mode, owner, group, SELinux label, probe output) and, for files, a unified diff of the content read from the journal's content store, and shows each change as a list (Id, Time, User, Cmdlet, Summary, Target, Description, states, Error, Note, the facts that changed, Diff). Note says what the journal could not check, e.g. that a command pair without a probe was reverted without a drift check.

Pipe the output to Undo-BaselineChange to revert changes.
'@
    Parameters  = @{
        Id            = 'Change ids ("<transaction id>#<index>") or transaction ids; wildcards are allowed. Binds from the pipeline by property name.'
        TransactionId = 'Transaction ids: every change of these transactions. Binds from the pipeline by property name, e.g. from the BaselineChangeResult of a Set- cmdlet.'
        Since         = 'Only changes of transactions started at or after this time.'
        Before        = 'Only changes of transactions started before this time.'
        Target        = 'Only changes whose target (a path inside -Root, a rule, a module) matches one of these wildcard patterns.'
        Last          = 'Only the newest N transactions, after the other filters.'
        Detailed      = 'Adds the facts before and after (Facts) and a unified diff of file contents (Diff).'
    }
    Outputs     = @{ 'GoBaseline.BaselineChange' = 'One object per journaled change.' }
    Examples    = @(
        @{
            Title   = 'What did GoBaseline change today?'
            Code    = 'Get-BaselineChange -Since (Get-Date).Date'
            Remarks = @'
Id                           State       Target               Description
--                           -----       ------               -----------
20261129T050616515Z-e88cef#0 Applied     /etc/profile.d       Create directory /etc/profile.d (mode 0755)
20261129T050616515Z-e88cef#1 Applied     /etc/profile.d/gobas Write /etc/profile.d/gobaseline-go.sh: export GO111MODULE=on; …
20261129T050616515Z-e88cef#2 Applied     /etc/environment     Write /etc/environment: line 2: GO111MODULE=auto -> GO111MODULE=on; …

The Id starts with the transaction's UTC time. Time, User, Cmdlet and Summary are properties too: Format-List shows them.
'@
        }
        @{
            Title   = 'Show the diff of every change to /etc/environment'
            Code    = "Get-BaselineChange -Target /etc/environment -Detailed"
            Remarks = 'Diff is a unified diff (--- a/etc/environment, +++ b/etc/environment) of the content before and after, as Ansible''s --diff shows it.'
        }
        @{
            Title   = 'Undo the newest change to a file'
            Code    = "Get-BaselineChange -Target '/etc/profile.d/*' -Last 1 | Undo-BaselineChange -WhatIf"
            Remarks = 'Undo-BaselineChange binds Id from the pipeline; -WhatIf shows the file it would restore.'
        }
    )
    Notes       = 'Reading the journal needs read access to <root>/var/lib/gobaseline/journal (mode 0700: root).'
    RelatedLinks = @('Undo-BaselineChange', 'Checkpoint-Baseline', 'Restore-Baseline', 'about_GoBaseline_Rollback')
}
