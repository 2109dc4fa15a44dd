@{
    Synopsis    = 'Puts files back to the label the policy expects (like restorecon), journaled and undoable.'
    Description = @'
Restore-SeLinuxContext decides per file exactly as Test-SeLinuxContext (restorecon's rules): files without a rule (<<none>>) are left alone, an unlabelled file gets the expected label, a customizable type is kept, and without -WholeContext only a wrong type is fixed (the whole expected context is then written, as restorecon does). The relabelling is one journaled transaction of security.selinux writes: -WhatIf prints each exact command, a failure puts back what was changed, and Undo-BaselineChange restores the old labels. Use it after Add-SeLinuxFileContextRule or Install-SeLinuxPolicyModule, for GOROOT, GOPATH, Go binaries and unit files.
'@
    Parameters  = @{
        Path = 'The files to restore; binds from the pipeline and from objects with a Path or FullName property (e.g. Test-SeLinuxContext output).'
        Recurse = 'Also restore everything below the named directories (restorecon -R; links are not followed).'
        WholeContext = 'Set the whole expected context and relabel customizable types too (restorecon -F); without it only a wrong type is fixed.'
        FileContextsPath = 'The file contexts file to use instead of the configured policy''s; a path inside -Root.'
        PassThru = 'Return the files'' new verdicts (SeLinuxLabelCheck objects) instead of the change result.'
    }
    Outputs     = @{
        'GoBaseline.BaselineChangeResult' = 'A BaselineChangeResult (Changed, TransactionId, Changes, Diff) for automation; undo it with Undo-BaselineChange -TransactionId.'
        'GoBaseline.SeLinuxLabelCheck' = 'With -PassThru: each file''s verdict after the change.'
    }
    Examples    = @(
        @{
            Title   = 'Fix the labels of GOROOT'
            Code    = 'Restore-SeLinuxContext -Recurse /usr/local/go'
            Remarks = 'Only files whose type is wrong (or that have no label) change.'
        }
        @{
            Title   = 'Restore what Test-SeLinuxContext found'
            Code    = 'Test-SeLinuxContext -Recurse /srv/gopath | Where-Object WouldRelabel | Restore-SeLinuxContext -WhatIf'
            Remarks = 'The check objects bind by their Path property.'
        }
    )
    RelatedLinks = @('Test-SeLinuxContext', 'Set-SeLinuxContext', 'Undo-BaselineChange')
}
