@{
    Synopsis    = 'Sets SELINUX= in /etc/selinux/config: the SELinux mode after the next boot (reboot-bound, journaled).'
    Description = @'
Set-SeLinuxMode rewrites the SELINUX= line of /etc/selinux/config (every other byte kept, the file replaced atomically with its mode, owner and label). The change is typed RebootBound: it takes effect at the next boot, and so does its undo, so it needs -AcceptIrreversible (and, without -Force, a confirmation saying so). The running mode (setenforce) is not touched. Works under -Root (an image's configuration). A mode already configured is a no-op.
'@
    Parameters  = @{
        Mode = 'The mode after the next boot: Enforcing, Permissive or Disabled.'
        PassThru = 'Return the new status (SeLinuxStatus) instead of the change result.'
    }
    Outputs     = @{
        'GoBaseline.BaselineChangeResult' = 'A BaselineChangeResult (Changed, TransactionId, Changes, Diff) for automation; undo it with Undo-BaselineChange -TransactionId.'
        'GoBaseline.SeLinuxStatus' = 'With -PassThru: the status afterwards (ConfiguredMode, ModeChangePending).'
    }
    Examples    = @(
        @{
            Title   = 'Enforce after the next boot'
            Code    = 'Set-SeLinuxMode Enforcing -AcceptIrreversible -Force'
            Remarks = 'ModeChangePending in Get-SeLinuxStatus stays true until the reboot.'
        }
        @{
            Title   = 'Preview'
            Code    = 'Set-SeLinuxMode Enforcing -WhatIf'
            Remarks = 'What if: ... /etc/selinux/config: SELINUX=enforcing (takes effect at the next boot)'
        }
    )
    RelatedLinks = @('Get-SeLinuxStatus', 'Undo-BaselineChange')
}
