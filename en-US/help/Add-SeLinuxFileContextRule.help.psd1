@{
    Synopsis    = 'Adds (or changes) a local file-context rule with semanage fcontext, journaled and undoable.'
    Description = @'
Add-SeLinuxFileContextRule runs semanage fcontext -a -f <type letter> -t <type> [-r <range>] <spec> (or -m when a local rule for the same spec and file type exists with another type) on the live policy store. Rules given together are one transaction: if semanage refuses one (an unknown type, a spec the policy already defines), the rules already added are removed again. A rule already present with that type is a no-op (Changed=False). Undo-BaselineChange removes the rule (or puts the old type back). The rule lands in file_contexts.local, which Get-SeLinuxFileContext reads, so the next Restore-SeLinuxContext applies it. semanage edits only the live store: -Root is refused (SeLinuxPolicyStoreNotLive).
'@
    Parameters  = @{
        Spec = 'The path regular expressions (anchored, as in file_contexts), e.g. ''''/srv/gosvc(/.*)?''''; binds from the pipeline.'
        Type = 'The type to give the matching files, e.g. bin_t.'
        FileType = 'The file type the rule applies to (semanage -f); Any by default.'
        Range = 'The MLS/MCS range of the rule (semanage -r), e.g. s0.'
    }
    Outputs     = @{
        'GoBaseline.BaselineChangeResult' = 'A BaselineChangeResult (Changed, TransactionId, Changes, Diff) for automation; undo it with Undo-BaselineChange -TransactionId.'
    }
    Examples    = @(
        @{
            Title   = 'Label a Go service''''s data directory'
            Code    = 'Add-SeLinuxFileContextRule ''/srv/gosvc(/.*)?'' var_lib_t -WhatIf'
            Remarks = 'What if: ... semanage fcontext -a -f a -t var_lib_t ''/srv/gosvc(/.*)?'''
        }
        @{
            Title   = 'Add, then relabel'
            Code    = 'Add-SeLinuxFileContextRule ''/opt/gosvc/bin/gosvc'' bin_t -FileType File; Restore-SeLinuxContext /opt/gosvc/bin/gosvc'
            Remarks = 'Get-SeLinuxFileContext shows file_contexts.local as the deciding rule afterwards.'
        }
    )
    RelatedLinks = @('Remove-SeLinuxFileContextRule', 'Get-SeLinuxFileContext', 'Restore-SeLinuxContext')
}
