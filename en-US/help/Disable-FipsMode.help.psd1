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
            Remarks = @'
Changed TransactionId               State      Changes Message
------- -------------               -----      ------- -------
True    20261129T045953007Z-221bff  Applied    1       Transaction 20261129T045953007Z-221bff: 1 change(s) applied, 0 a…

Restart the service afterwards for it to start without GODEBUG=fips140=on.
'@
        }
        @{
            Title   = 'Services from the pipeline, then what the host''s Go signals say'
            Code    = "'legacy-api' | Disable-FipsMode -ServiceOnly -Confirm:`$false -PassThru | Select-Object -ExpandProperty Signals | Where-Object Name -like 'Go*' | Format-Table Name, State, Value"
            Remarks = @'
Name           State Value
----           ----- -----
GoEnvironment     On GODEBUG fips140=on
GoBinaries    Absent no Go binaries found

api.service keeps its drop-in, so GODEBUG fips140=on is still set; with -PassThru the output is the FipsStatus after the change.
'@
        }
        @{
            Title   = 'Disable on the whole host without prompts (automation)'
            Code    = "Disable-FipsMode -ServiceName api -AcceptIrreversible -Force -Confirm:`$false | Select-Object Changed, TransactionId, @{ n = 'Changes'; e = { `$_.Changes.Count } }"
            Remarks = @'
Changed TransactionId              Changes
------- -------------              -------
   True 20261129T045953169Z-51d40f       5

The boot entries, GRUB defaults, dracut module, crypto policy and the drop-in, one transaction; the kernel leaves FIPS mode at the next boot.
'@
        }
        @{
            Title   = 'Preview the full host change'
            Code    = 'Disable-FipsMode -WhatIf'
            Remarks = @'
What if: Performing the operation "Disable-FipsMode" on target "Write /boot/loader/entries/a-5.14.0-427.el9.x86_64.conf: options without fips=1 (takes effect at the next boot)".
What if: Performing the operation "Disable-FipsMode" on target "Delete /etc/dracut.conf.d/40-fips.conf".
What if: Performing the operation "Disable-FipsMode" on target "Write /etc/crypto-policies/config: DEFAULT".
'@
        }
    )
    RelatedLinks = @('Enable-FipsMode', 'Test-FipsMode', 'Undo-BaselineChange')
}
