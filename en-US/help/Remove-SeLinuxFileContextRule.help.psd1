@{
    Synopsis    = 'Removes a local file-context rule with semanage fcontext -d, journaled and undoable.'
    Description = @'
Remove-SeLinuxFileContextRule runs semanage fcontext -d -f <type letter> <spec>; for an equivalence rule of that path (file_contexts.subs, Add-SeLinuxFileContextRule -Equal) semanage fcontext -d <spec>, and undo adds the equivalence back. A rule that exists nowhere is a no-op. A rule of the policy itself is attempted too and semanage refuses it (the transaction then puts back any local rule removed before it). Undo-BaselineChange adds the rule again with the whole context it had: user, type and range (semanage -s, -t, -r), or <<none>>. -Root is refused: semanage edits only the live store.
'@
    Parameters  = @{
        Spec = 'The path regular expressions of the rules, exactly as in file_contexts.local; binds from the pipeline and from Get-SeLinuxFileContext output (RuleSpec).'
        FileType = 'The file type of the rule (semanage -f); Any by default.'
    }
    Outputs     = @{
        'GoBaseline.BaselineChangeResult' = 'A BaselineChangeResult (Changed, TransactionId, Changes, Diff) for automation; undo it with Undo-BaselineChange -TransactionId.'
    }
    Examples    = @(
        @{
            Title   = 'Remove a local rule'
            Code    = 'Remove-SeLinuxFileContextRule ''/srv/gosvc(/.*)?'' -WhatIf'
            Remarks = 'What if: ... semanage fcontext -d -f a ''/srv/gosvc(/.*)?'''
        }
        @{
            Title   = 'Remove the local rule that decides a path'
            Code    = 'Get-SeLinuxFileContext /srv/gosvc/data | Where-Object RuleFile -like ''*.local'' | Remove-SeLinuxFileContextRule'
            Remarks = 'The expected-context object binds by its RuleSpec property.'
        }
    )
    RelatedLinks = @('Add-SeLinuxFileContextRule', 'Get-SeLinuxFileContext')
}
