@{
    Synopsis    = 'Installs or upgrades policy packages (.pp) with semodule -i, journaled; undo removes them or reinstalls the old package.'
    Description = @'
Install-SeLinuxPolicyModule runs semodule -i <package> for each package, as one transaction: if a package does not link into the policy, the ones installed before it are removed again. The module name is the one the package declares (its module statement, read from the .pp header), whatever the file is called; a CIL module is named by its file. A module of that name installed from the same package (same bytes as the store's copy, active/modules/<priority>/<name>/hll) is a no-op; a changed package is an upgrade. Undo-BaselineChange removes the module (semodule -X 400 -r <name>), or, after an upgrade, installs the old package again: the journal keeps a copy of it. When the old module lives at another priority (e.g. the policy's own at 100), undo removes the priority-400 copy and the old one is active again. -Root is refused.
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
