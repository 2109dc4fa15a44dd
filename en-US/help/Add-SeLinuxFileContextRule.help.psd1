@{
    Synopsis    = 'Adds (or changes) a local file-context rule with semanage fcontext, journaled and undoable.'
    Description = @'
Add-SeLinuxFileContextRule runs semanage fcontext -a -f <type letter> [-s <user>] -t <type> [-r <range>] <spec> on the live policy store, or -m when a rule for the same spec and file type already exists (a local rule, or a policy rule that then gets a local override). -Type '<<none>>' makes a rule that leaves matching files unlabelled. Rules given together are one transaction: if semanage refuses one (an unknown type), the rules already added are removed again. A rule already present with that type, and with the -User and -Range given, is a no-op (Changed=False); changing only the range or the user is a change. Undo-BaselineChange removes the rule, or puts the old local rule back exactly: its user, type and range, or <<none>>. The rule lands in file_contexts.local, which Get-SeLinuxFileContext reads, so the next Restore-SeLinuxContext applies it. With -Equal, the rule is an equivalence instead (semanage fcontext -a -e <path> <spec>, or -m when one exists for the spec; file_contexts.subs): files under the spec are labelled as the same paths under -Equal; undo removes it or puts the old equivalent path back, and Remove-SeLinuxFileContextRule removes it. semanage edits only the live store: -Root is refused (SeLinuxPolicyStoreNotLive).
'@
    Parameters  = @{
        Spec = 'The path regular expressions (anchored, as in file_contexts), e.g. ''''/srv/gosvc(/.*)?''''; binds from the pipeline.'
        Type = 'The type to give the matching files, e.g. bin_t.'
        FileType = 'The file type the rule applies to (semanage -f); Any by default.'
        Range = 'The MLS/MCS range of the rule (semanage -r), e.g. s0.'
        Equal = 'Instead of a type: label the paths under Spec as the ones under this path are labelled (an equivalence rule, semanage fcontext -a -e), e.g. -Equal /var/www for Spec /srv/www.'
        User = 'The SELinux user of the rule''''s context (semanage -s), e.g. system_u; semanage''''s default (system_u, or the old rule''''s user for a change) otherwise.'
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
        @{
            Title   = 'Serve a Go web service''''s files from /srv/www labelled like /var/www'
            Code    = 'Add-SeLinuxFileContextRule /srv/www -Equal /var/www; Restore-SeLinuxContext -Recurse /srv/www'
            Remarks = 'semanage fcontext -a -e /var/www /srv/www'
        }
        @{
            Title   = 'Change only the range of an existing local rule'
            Code    = 'Add-SeLinuxFileContextRule ''/srv/gosvc(/.*)?'' var_lib_t -Range s0:c1 | Select-Object Changed, TransactionId'
            Remarks = 'semanage fcontext -m ... -r s0:c1; undo puts the old range back.'
        }
    )
    RelatedLinks = @('Remove-SeLinuxFileContextRule', 'Get-SeLinuxFileContext', 'Restore-SeLinuxContext')
}
