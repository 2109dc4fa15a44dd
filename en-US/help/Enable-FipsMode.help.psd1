@{
    Synopsis    = 'Configures FIPS mode: fips=1 in the boot configuration, the dracut fips module, the FIPS crypto policy, the OpenSSL FIPS provider, and GODEBUG=fips140=on for named Go services; journaled, undoable, reboot-bound.'
    Description = @'
Enable-FipsMode takes the configuration steps of fips-mode-setup --enable as journaled changes: fips=1 added to the options of every BLS entry (/boot/loader/entries, as grubby --update-kernel=ALL --args=fips=1 does), to GRUB_CMDLINE_LINUX in /etc/default/grub and to /etc/kernel/cmdline; add_dracutmodules+=" fips " in /etc/dracut.conf.d/40-fips.conf where dracut is used; FIPS in /etc/crypto-policies/config where crypto-policies exist; on distributions whose OpenSSL does not load its FIPS provider by itself (not Red Hat), an .include of fipsmodule.cnf and fips = fips_sect under [provider_sect] in openssl.cnf, when the FIPS provider is installed; and for every -ServiceName a systemd drop-in 50-gobaseline-fips.conf with Environment=GODEBUG=fips140=on (Go 1.24 and later read it; GODEBUG=fips=1, GOLANG_FIPS and GOFIPS are not what upstream Go reads).

Where /boot is a separate file system (/etc/fstab names it by UUID), boot=UUID=<uuid> is added next to fips=1, as fips-mode-setup does, so the FIPS initramfs can check the kernel's HMAC there.

On the live host, where the programs are installed, two steps are journaled native command pairs as fips-mode-setup runs them: update-crypto-policies --no-reload --set FIPS (undo: --set the policy in effect before, sub-policies kept) instead of editing /etc/crypto-policies/config, and dracut -f --regenerate-all --add fips after 40-fips.conf is written (RebootBound; undo: --omit fips). Where they are not installed, and always under -Root, only the files are written and a warning says what to run (inside the image for -Root). It does not run grub2-mkconfig and does not restart services: the warnings say what to run. On platforms where enabling after installation is unsupported (RHEL 10 and its rebuilds, OSTree image mode, unified kernel images) it refuses with FipsEnableUnsupported unless -AllowUnsupportedPlatform; -Force does not override the refusal, it only skips the extra confirmation of reboot-bound changes, so automation can pass -Force safely.

Every change is asked for with ShouldProcess (ConfirmImpact High) showing the file and what it writes, recorded in the change journal before and after it is applied, and undone with Undo-BaselineChange. The output is a BaselineChangeResult (Changed, TransactionId, Changes, Diff); with -PassThru the host's FipsStatus after the change.
'@
    Parameters  = @{
        ServiceName = 'Go services (systemd units) that get a drop-in setting Environment=GODEBUG=fips140=on. Binds from the pipeline and from ServiceName properties.'
        ServiceOnly = 'Changes only the named services'' drop-ins, not the host (boot configuration, dracut, crypto policy, OpenSSL).'
        PassThru    = 'Writes the host''s FipsStatus after the change instead of the change result.'
        Force       = 'Skips the extra confirmation of reboot-bound changes (needed under -NonInteractive). It does not override the unsupported-platform refusal; -AllowUnsupportedPlatform does.'
        AllowUnsupportedPlatform = 'Enables even where the platform says enabling after installation is unsupported (RHEL 10 and later, OSTree/bootc image mode, unified kernel images); a warning names the reason. -Force alone does not do this.'
    }
    Outputs     = @{
        'GoBaseline.BaselineChangeResult' = 'What changed, with the journal transaction id and a diff.'
        'GoBaseline.FipsStatus'           = 'With -PassThru: the host''s FIPS state after the change (the kernel flag changes only after a reboot).'
    }
    Examples    = @(
        @{
            Title   = 'See what would change'
            Code    = 'Enable-FipsMode -ServiceName api, worker -WhatIf'
            Remarks = @'
What if: Performing the operation "Enable-FipsMode" on target "Write /boot/loader/entries/…-5.14.0-427.el9.x86_64.conf: options … fips=1 (takes effect at the next boot)".
What if: Performing the operation "Enable-FipsMode" on target "Write /etc/systemd/system/api.service.d/50-gobaseline-fips.conf: Environment=GODEBUG=fips140=on".
'@
        }
        @{
            Title   = 'Enable on an image mounted under /mnt/img, then check'
            Code    = 'Enable-FipsMode -Root /mnt/img -AcceptIrreversible -Force -Confirm:$false -PassThru | Select-Object Verdict, Contradictions'
            Remarks = 'Until the image boots, Test-FipsMode says Inconsistent with "a reboot is pending".'
        }
        @{
            Title   = 'Undo it'
            Code    = '$r = Enable-FipsMode -AcceptIrreversible -Force -Confirm:$false; Undo-BaselineChange -TransactionId $r.TransactionId -AcceptIrreversible -Force -Confirm:$false'
            Remarks = 'The files are restored byte for byte; a running kernel stays in its mode until the next reboot.'
        }
    )
    RelatedLinks = @('Disable-FipsMode', 'Test-FipsMode', 'Start-FipsRollout', 'Undo-BaselineChange')
}
