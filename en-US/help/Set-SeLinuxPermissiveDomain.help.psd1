@{
    Synopsis    = 'Makes SELinux domains permissive (semanage permissive -a), journaled and undoable.'
    Description = @'
Set-SeLinuxPermissiveDomain runs semanage permissive -a <type>, which installs the module permissive_<type>: the domain's denials are logged but not enforced (the seed's debugging flow for a new Go service domain). Already permissive is a no-op. Several domains are one transaction; Undo-BaselineChange (or Remove-SeLinuxPermissiveDomain) makes them enforcing again. ConfirmImpact is High: a permissive domain has no SELinux protection. -Root is refused.
'@
    Parameters  = @{
        Name = 'The domains, e.g. gosvc_t; binds from the pipeline and from objects with a Name property.'
        PassThru = 'Return the permissive domains instead of the change result.'
    }
    Outputs     = @{
        'GoBaseline.BaselineChangeResult' = 'A BaselineChangeResult (Changed, TransactionId, Changes, Diff) for automation; undo it with Undo-BaselineChange -TransactionId.'
        'GoBaseline.SeLinuxPermissiveDomain' = 'With -PassThru: the domains now permissive.'
    }
    Examples    = @(
        @{
            Title   = 'Debug a new Go service domain'
            Code    = 'Set-SeLinuxPermissiveDomain gosvc_t -Confirm:$false'
            Remarks = 'Then collect the denials with Get-SeLinuxDenial and make it enforcing again with Remove-SeLinuxPermissiveDomain.'
        }
        @{
            Title   = 'Preview'
            Code    = 'Set-SeLinuxPermissiveDomain gosvc_t -WhatIf'
            Remarks = 'What if: ... semanage permissive -a gosvc_t'
        }
    )
    RelatedLinks = @('Remove-SeLinuxPermissiveDomain', 'Get-SeLinuxPermissiveDomain')
}
