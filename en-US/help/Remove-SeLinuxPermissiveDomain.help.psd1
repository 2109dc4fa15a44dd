@{
    Synopsis    = 'Makes permissive SELinux domains enforcing again (semanage permissive -d), journaled and undoable.'
    Description = @'
Remove-SeLinuxPermissiveDomain runs semanage permissive -d <type>, removing the module permissive_<type>. A domain that is not (locally) permissive is a no-op. Undo-BaselineChange makes it permissive again. -Root is refused.
'@
    Parameters  = @{
        Name = 'The domains; binds from the pipeline and from Get-SeLinuxPermissiveDomain output (Name).'
    }
    Outputs     = @{
        'GoBaseline.BaselineChangeResult' = 'A BaselineChangeResult (Changed, TransactionId, Changes, Diff) for automation; undo it with Undo-BaselineChange -TransactionId.'
    }
    Examples    = @(
        @{
            Title   = 'End the debugging flow'
            Code    = 'Get-SeLinuxPermissiveDomain | Remove-SeLinuxPermissiveDomain'
            Remarks = 'Every locally permissive domain becomes enforcing again, in one transaction.'
        }
        @{
            Title   = 'Preview'
            Code    = 'Remove-SeLinuxPermissiveDomain gosvc_t -WhatIf'
            Remarks = 'What if: ... semanage permissive -d gosvc_t'
        }
    )
    RelatedLinks = @('Set-SeLinuxPermissiveDomain', 'Get-SeLinuxPermissiveDomain')
}
