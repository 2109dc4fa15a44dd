@{
    Synopsis    = 'Names the current point of the change journal, to return to it later with Restore-Baseline.'
    Description = @'
Checkpoint-Baseline records a named checkpoint (checkpoint-<name>.json in the journal) at the current end of the journal. Restore-Baseline -Name <name> later undoes every transaction applied after it, newest first. Take one before a risky runbook step. Taking a checkpoint with a name already used moves it to now.
'@
    Parameters  = @{
        Name = 'The checkpoint''s name: letters, digits, ".", "-" and "_". Binds from the pipeline by property name.'
    }
    Outputs     = @{ 'GoBaseline.BaselineCheckpoint' = 'The checkpoint: Name, Time, Sequence (the last transaction number at that time), User.' }
    Examples    = @(
        @{
            Title   = 'Name a point before a risky step'
            Code    = "Checkpoint-Baseline -Name before-fips`nSet-GoEnvBaseline -Scope System`nRestore-Baseline -Name before-fips"
            Remarks = @'
Name                     Time                Sequence User
----                     ----                -------- ----
before-fips              2026-11-29 04:59:53 3        root

Restore-Baseline undoes everything journaled after the checkpoint, here the Set-GoEnvBaseline transaction.
'@
        }
    )
    RelatedLinks = @('Restore-Baseline', 'Get-BaselineChange', 'about_GoBaseline_Rollback')
}
