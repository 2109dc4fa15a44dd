@{
    Synopsis    = 'Gives one FIPS 140 verdict over every signal of a host (kernel, boot configuration, dracut, crypto policy, OpenSSL, Go) and names each contradiction.'
    Description = @'
Test-FipsMode is the seed's FIPS self-check done over every signal that fips-mode-setup --check, the SCAP rules and nobody (for Go) check piecemeal. It returns a FipsStatus whose Signals each carry a State (On, Off, Partial, Absent, Unknown), the Value read and the Evidence (file:line or command):

Kernel: /proc/sys/crypto/fips_enabled. CommandLine: fips=1 (and boot=) on /proc/cmdline. BootConfig: fips=1 in every BLS entry (/boot/loader/entries, with $kernelopts from grubenv), GRUB_CMDLINE_LINUX in /etc/default/grub and /etc/kernel/cmdline. Dracut: add_dracutmodules+=" fips " configured, and on the live host whether the running kernel's initramfs holds the module (lsinitrd -m): On only when it was checked and does, Off when it lacks it, Partial "configured, initramfs not checked" otherwise (always under -Root; a note, not a contradiction). CryptoPolicy: /etc/crypto-policies/config and state/current (FIPS or FIPS:<sub>), flagging a configured policy that was never applied. SystemFips: the /etc/system-fips marker of older RHEL. OpenSsl: on the live host the active providers from openssl list -providers decide, with the configuration below examined and reported next to them (Evidence and Detail); otherwise (and under -Root) openssl.cnf's provider sections with .include followed (a fips provider with activate = 1, module-mac from fipsmodule.cnf, default_properties fips=yes) and the fips.so module, or Red Hat's OpenSSL, which loads the FIPS provider itself in kernel FIPS mode. GoEnvironment: GODEBUG fips140, GOLANG_FIPS, GOFIPS and GOFIPS140 in /etc/environment, /etc/profile.d and every service unit's Environment= and EnvironmentFile= (unit and drop-ins). GoBinaries: the effective fips140 of every Go binary a service unit starts (its ExecStart= program, found on the systemd unit search path; template units are skipped), judged with /etc/environment plus that unit's own environment only, never another unit's, and of each -GoBinaryPath binary no unit runs (with /etc/environment). A unit that sets a switch its binary does not read gets a note naming the unit, its binary and the switch the binary does read. On the live host every running Go process is judged too, with the environment it really started with (/proc/PID/environ), labelled 'pid N <binary>'; processes that cannot be read (other users' without root) are skipped.

The Verdict is Enabled (kernel in FIPS mode, nothing contradicts), Disabled (kernel not in FIPS mode, nothing configured), Inconsistent (Contradictions names each: kernel FIPS without fips=1 in the boot configuration, a pending reboot, crypto policy or OpenSSL disagreeing with the kernel, missing dracut module, Go binaries that do not follow kernel FIPS, the baseline's CGO_ENABLED=0 ruling out the BoringCrypto and OpenSSL backends, Microsoft Go panicking without an OpenSSL FIPS provider, GODEBUG=fips140=only set anywhere or built in, which Go documents as not for production) or NotSupported (the kernel has no FIPS support). Notes name what does not change the verdict: switches a binary does not read with the one it does read (GODEBUG=fips=1 is not a Go setting; Go 1.24+ reads GODEBUG=fips140=on|only; Red Hat's Go reads GOLANG_FIPS=1; Microsoft's Go read GOFIPS=1; crypto.IsFIPS() does not exist, crypto/fips140.Enabled() does), fips140=only (not for production).

-Quiet returns one bool: true only when the verdict is Enabled. ExitCode carries the seed self-check's exit semantics (0 enabled, 1 disabled, 2 not supported, tests/fixtures/seed/fips-check.sh) and is equal to that script's exit code on the same host, except that a FIPS kernel whose other signals contradict it (Inconsistent) is 1 where the kernel-only seed check says 0.
'@
    Parameters  = @{
        GoBinaryPath = 'Further Go binaries whose FIPS mode is part of the verdict (paths inside -Root), judged with /etc/environment; the binaries of service units are judged without being named. Binds from the Path property, so Get-GoBinaryInfo output pipes in.'
        AllowCgo     = 'Accepts cgo-based FIPS backends (BoringCrypto, OpenSSL backend); by default the baseline''s CGO_ENABLED=0 makes them a contradiction.'
        Quiet        = 'Returns true when the verdict is Enabled and false otherwise, instead of the FipsStatus.'
    }
    Outputs     = @{
        'GoBaseline.FipsStatus' = 'Verdict, Signals (each a FipsSignal with Name, State, Value, Evidence, Detail), Contradictions and Notes.'
        'System.Boolean'        = 'With -Quiet: true only when the verdict is Enabled.'
    }
    Examples    = @(
        @{
            Title   = 'The verdict on this host'
            Code    = 'Test-FipsMode'
            Remarks = @'
Verdict        : NotSupported
Signals        : Kernel=Absent (no FIPS support)
                 CommandLine=Off (no fips=)
                 BootConfig=Unknown (no boot configuration found)
                 Dracut=Absent (dracut not configured)
                 CryptoPolicy=Absent (no crypto-policies)
                 SystemFips=Absent (absent)
                 OpenSsl=Off (no FIPS provider active)
                 GoEnvironment=Absent (no Go FIPS switch set)
                 GoBinaries=Absent (no Go binaries found)
'@
        }
        @{
            Title   = 'Every signal with its evidence, for a mounted image'
            Code    = 'Test-FipsMode -Root /mnt/rhel9 | Select-Object -ExpandProperty Signals | Format-Table'
            Remarks = 'Under -Root every file is read inside the image; OpenSSL is judged from its configuration and modules there.'
        }
        @{
            Title   = 'Include the Go services'' binaries and gate a runbook'
            Code    = "Get-GoBinaryInfo /usr/local/bin -ErrorAction SilentlyContinue | Test-FipsMode -Verbose; if (-not (Test-FipsMode -Quiet)) { exit 1 }"
            Remarks = '-Verbose writes each contradiction and note; -Quiet returns true only for Enabled.'
        }
    )
    RelatedLinks = @('Get-GoBinaryInfo', 'Test-GoBinaryCompliance')
}
