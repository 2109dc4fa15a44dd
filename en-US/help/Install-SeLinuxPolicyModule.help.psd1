@{
    Synopsis    = 'Installs policy packages (.pp) with semodule -i, journaled; undo removes them (semodule -r).'
    Description = @'
Install-SeLinuxPolicyModule runs semodule -i <package> for each package, as one transaction: if a package does not link into the policy, the ones installed before it are removed again. The module name is the package's file name. Undo-BaselineChange runs semodule -r <name>. Replacing a module that is already installed cannot be undone (its old package is not kept), so it is typed Irreversible and needs -AcceptIrreversible. -Root is refused.
'@
    Parameters  = @{
        Path = 'The policy packages; binds from New-SeLinuxPolicyModule output (Path) and from the pipeline.'
    }
    Outputs     = @{
        'GoBaseline.BaselineChangeResult' = 'A BaselineChangeResult (Changed, TransactionId, Changes, Diff) for automation; undo it with Undo-BaselineChange -TransactionId.'
    }
    Examples    = @(
        @{
            Title   = 'Generate and install a Go service module'
            Code    = 'New-SeLinuxPolicyModule gosvc /usr/local/bin/gosvc -Network | Install-SeLinuxPolicyModule -Confirm:$false'
            Remarks = 'Then Restore-SeLinuxContext /usr/local/bin/gosvc gives the binary its exec type.'
        }
        @{
            Title   = 'Preview'
            Code    = 'Install-SeLinuxPolicyModule ./gosvc.pp -WhatIf'
            Remarks = 'What if: ... semodule -i /home/dev/gosvc.pp'
        }
    )
    RelatedLinks = @('New-SeLinuxPolicyModule', 'Undo-BaselineChange')
}
