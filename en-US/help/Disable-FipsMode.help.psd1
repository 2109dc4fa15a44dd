@{
    Synopsis    = 'Removes the FIPS mode configuration: fips=1 from the boot configuration, the dracut fips module file, the FIPS crypto policy, the OpenSSL provider lines Enable-FipsMode wrote, and the services'' GODEBUG drop-ins; journaled, undoable, reboot-bound.'
    Description = @'
Disable-FipsMode is the inverse of Enable-FipsMode (fips-mode-setup --disable, which Red Hat calls unsupported): fips= is removed from every BLS entry, GRUB_CMDLINE_LINUX and /etc/kernel/cmdline; /etc/dracut.conf.d/40-fips.conf is deleted; the crypto policy goes back to DEFAULT; the openssl.cnf lines marked "# gobaseline: FIPS provider" are removed; and the 50-gobaseline-fips.conf drop-in of every -ServiceName is deleted. Boot changes are RebootBound and need -AcceptIrreversible. Every change goes through ShouldProcess (ConfirmImpact High) and the change journal, and Undo-BaselineChange restores the files byte for byte.
'@
    Parameters  = @{
        ServiceName = 'Go services whose GODEBUG=fips140=on drop-in is removed. Binds from the pipeline and from ServiceName properties.'
        ServiceOnly = 'Changes only the named services'' drop-ins, not the host.'
        PassThru    = 'Writes the host''s FipsStatus after the change instead of the change result.'
    }
    Outputs     = @{
        'GoBaseline.BaselineChangeResult' = 'What changed, with the journal transaction id and a diff.'
        'GoBaseline.FipsStatus'           = 'With -PassThru: the host''s FIPS state after the change.'
    }
    Examples    = @(
        @{
            Title   = 'Take one service out of FIPS mode, leaving the host alone'
            Code    = 'Disable-FipsMode -ServiceName legacy-api -ServiceOnly -Confirm:$false'
            Remarks = 'Restart the service afterwards for it to start without GODEBUG=fips140=on.'
        }
        @{
            Title   = 'Preview the full host change'
            Code    = 'Disable-FipsMode -WhatIf'
            Remarks = 'Shows each file and what is removed from it.'
        }
    )
    RelatedLinks = @('Enable-FipsMode', 'Test-FipsMode', 'Undo-BaselineChange')
}
