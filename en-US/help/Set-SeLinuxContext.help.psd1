@{
    Synopsis    = 'Sets the SELinux label of files (like chcon), journaled and undoable.'
    Description = @'
Set-SeLinuxContext writes the security.selinux attribute of each file (lsetxattr: a final symbolic link is labelled itself, as chcon -h does), either the whole -Context or parts of the current label (-Type, -User, -Role, -Range, like chcon -t/-u/-r/-l). All files are one journaled transaction: the label before is recorded first, a failure on any file puts back every label already changed, and Undo-BaselineChange restores the labels byte for byte (and refuses when a label was changed since, unless -Force). -WhatIf prints the exact equivalent command (setfattr -h -n security.selinux -v <context> <path>). Labels set this way are what chcon sets: a full relabel or Restore-SeLinuxContext puts the policy's label back unless a file-context rule (Add-SeLinuxFileContextRule) makes it permanent.
'@
    Parameters  = @{
        Path = 'The files to label; binds from the pipeline and from objects with a Path or FullName property. A final symbolic link is labelled itself, not followed (chcon -h).'
        Context = 'The whole new context, e.g. system_u:object_r:bin_t:s0.'
        Type = 'The new type; the other parts of the current label are kept (chcon -t).'
        User = 'The new SELinux user (chcon -u).'
        Role = 'The new role (chcon -r).'
        Range = 'The new MLS/MCS range (chcon -l).'
        Recurse = 'Also label everything below the named directories (links are not followed).'
        PassThru = 'Return the files'' new labels (SeLinuxContext) instead of the change result.'
    }
    Outputs     = @{
        'GoBaseline.BaselineChangeResult' = 'A BaselineChangeResult (Changed, TransactionId, Changes, Diff) for automation; undo it with Undo-BaselineChange -TransactionId.'
        'GoBaseline.SeLinuxContext' = 'With -PassThru: the new label of each file.'
    }
    Examples    = @(
        @{
            Title   = 'Label a Go binary as a binary'
            Code    = 'Set-SeLinuxContext /usr/local/bin/gosvc -Type bin_t -WhatIf'
            Remarks = 'What if: Performing the operation "Set-SeLinuxContext" on target "/usr/local/bin/gosvc": setfattr -h -n security.selinux -v system_u:object_r:bin_t:s0 /usr/local/bin/gosvc'
        }
        @{
            Title   = 'Relabel and roll back'
            Code    = '$r = Set-SeLinuxContext /srv/gosvc -Recurse -Type gosvc_var_t; Undo-BaselineChange -TransactionId $r.TransactionId'
            Remarks = 'Undo puts every previous label back.'
        }
    )
    RelatedLinks = @('Restore-SeLinuxContext', 'Get-SeLinuxContext', 'Undo-BaselineChange')
}
