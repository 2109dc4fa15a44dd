# Enable-FipsMode, Disable-FipsMode and Start-FipsRollout under -Root: the four remediation tests each (WhatIf
# changes nothing; apply changes state and -PassThru returns the new object; undo restores byte for byte; a failure
# injected mid-way rolls back), plus the refusals.
BeforeAll {
    Import-Module $env:GOBASELINE_MODULE -Force
    $Fixtures = Join-Path $env:GOBASELINE_REPO 'tests/fixtures/fips'

    function Set-TreeFile([string] $Root, [string] $Path, [string] $Content) {
        $full = Join-Path $Root $Path.TrimStart('/')
        New-Item -ItemType Directory -Force (Split-Path $full) | Out-Null
        [IO.File]::WriteAllText($full, $Content)
    }

    # A RHEL 9-like host before fips-mode-setup --enable, with two Go services.
    function New-RhelTree {
        $r = Join-Path ([IO.Path]::GetTempPath()) ('gb-fipsrem-' + [guid]::NewGuid().ToString('N'))
        Set-TreeFile $r /etc/redhat-release "Red Hat Enterprise Linux release 9.4 (Plow)`n"
        Set-TreeFile $r /etc/os-release "NAME=`"Red Hat Enterprise Linux`"`nID=`"rhel`"`nVERSION_ID=`"9.4`"`n"
        Set-TreeFile $r /proc/sys/crypto/fips_enabled "0`n"
        Set-TreeFile $r /proc/cmdline "BOOT_IMAGE=/vmlinuz-5.14.0-427.el9.x86_64 root=/dev/mapper/rhel-root ro`n"
        Set-TreeFile $r /boot/loader/entries/a-5.14.0-427.el9.x86_64.conf "title RHEL (427)`nlinux /vmlinuz-5.14.0-427.el9.x86_64`noptions root=/dev/mapper/rhel-root ro crashkernel=1G-4G:192M`n"
        Set-TreeFile $r /boot/loader/entries/a-5.14.0-362.el9.x86_64.conf "title RHEL (362)`nlinux /vmlinuz-5.14.0-362.el9.x86_64`noptions root=/dev/mapper/rhel-root ro`n"
        Set-TreeFile $r /etc/default/grub "GRUB_TIMEOUT=5`nGRUB_CMDLINE_LINUX=`"crashkernel=1G-4G:192M rd.lvm.lv=rhel/root`"`nGRUB_ENABLE_BLSCFG=true`n"
        New-Item -ItemType Directory -Force "$r/etc/dracut.conf.d" | Out-Null
        Set-TreeFile $r /etc/crypto-policies/config (Get-Content -Raw "$Fixtures/default-config")
        Set-TreeFile $r /etc/crypto-policies/state/current "DEFAULT`n"
        Set-TreeFile $r /etc/systemd/system/api.service "[Service]`nExecStart=/usr/local/bin/api`n"
        Set-TreeFile $r /etc/systemd/system/worker.service "[Service]`nExecStart=/usr/local/bin/worker`n"
        $r
    }

    # Every file under the root with its hash, the journal excluded (undo records itself there).
    function Get-TreeState([string] $Root) {
        Get-ChildItem -Recurse -Force -File $Root | Where-Object FullName -notlike "$Root/var/lib/gobaseline/*" |
            ForEach-Object { '{0} {1}' -f $_.FullName.Substring($Root.Length), (Get-FileHash $_.FullName -Algorithm SHA256).Hash } | Sort-Object
    }
}

Describe 'Enable-FipsMode' {
    It '-WhatIf changes nothing (not even the journal)' {
        $r = New-RhelTree
        $before = Get-TreeState $r
        Enable-FipsMode -Root $r -ServiceName api -AcceptIrreversible -WhatIf
        Get-TreeState $r | Should -Be $before
        Test-Path "$r/var/lib/gobaseline" | Should -BeFalse
        Remove-Item -Recurse -Force $r
    }

    It 'applies every step and -PassThru returns the FipsStatus, a reboot pending' {
        $r = New-RhelTree
        $s = Enable-FipsMode -Root $r -ServiceName api, worker -AcceptIrreversible -Force -Confirm:$false -PassThru -WarningVariable w -WarningAction SilentlyContinue
        $s | Should -BeOfType ([GoBaseline.FipsStatus])
        $s['BootConfig'].State | Should -Be 'On'
        $s['BootConfig'].Value | Should -Be 'fips=1 in 3 of 3'
        # Configured; under -Root the initramfs is not inspected, so not On.
        $s['Dracut'].State | Should -Be 'Partial'
        $s['Dracut'].Value | Should -Be 'configured, initramfs not checked'
        $s['CryptoPolicy'].Value | Should -Be 'DEFAULT'
        (Get-Content "$r/etc/crypto-policies/config" | Where-Object { $_ -and $_ -notmatch '^#' }) | Should -Be 'FIPS'
        $s.Contradictions | Should -Match 'a reboot is pending'
        Get-Content "$r/etc/systemd/system/api.service.d/50-gobaseline-fips.conf" | Should -Contain 'Environment=GODEBUG=fips140=on'
        (Get-Content "$r/boot/loader/entries/a-5.14.0-362.el9.x86_64.conf")[2] | Should -Be 'options root=/dev/mapper/rhel-root ro fips=1'
        ($w -join "`n") | Should -Match 'Reboot for FIPS mode to take effect'
        # Idempotent: a second run changes nothing.
        (Enable-FipsMode -Root $r -ServiceName api, worker -AcceptIrreversible -Force -Confirm:$false -WarningAction SilentlyContinue).Changed | Should -BeFalse
        Remove-Item -Recurse -Force $r
    }

    It 'adds boot=UUID= for a separate /boot and, under -Root, writes the policy and dracut files and says what to run' {
        $r = New-RhelTree
        Set-TreeFile $r /etc/fstab "/dev/mapper/rhel-root / xfs defaults 0 0`nUUID=0b7c5e8a-1111-4222-8333-944455556666 /boot xfs defaults 0 0`n"
        $before = Get-TreeState $r
        $res = Enable-FipsMode -Root $r -AcceptIrreversible -Force -Confirm:$false -WarningVariable w -WarningAction SilentlyContinue
        (Get-Content "$r/boot/loader/entries/a-5.14.0-427.el9.x86_64.conf")[2] | Should -Be 'options root=/dev/mapper/rhel-root ro crashkernel=1G-4G:192M fips=1 boot=UUID=0b7c5e8a-1111-4222-8333-944455556666'
        Get-Content "$r/etc/default/grub" | Should -Contain 'GRUB_CMDLINE_LINUX="crashkernel=1G-4G:192M rd.lvm.lv=rhel/root fips=1 boot=UUID=0b7c5e8a-1111-4222-8333-944455556666"'
        Get-Content "$r/etc/dracut.conf.d/40-fips.conf" | Should -Be 'add_dracutmodules+=" fips "'
        ($w -join "`n") | Should -BeLike '*Under -Root the initramfs is not regenerated: run dracut -f --regenerate-all*'
        ($w -join "`n") | Should -BeLike '*Under -Root only /etc/crypto-policies/config was written: run update-crypto-policies --set FIPS*'
        # Nothing ran: no command pairs are journaled under -Root.
        $res.Changes.Kind | Should -Not -Contain 'native'
        Undo-BaselineChange -Root $r -TransactionId $res.TransactionId -AcceptIrreversible -Force -Confirm:$false -WarningAction SilentlyContinue | Out-Null
        Get-TreeState $r | Should -Be $before
        Remove-Item -Recurse -Force $r
    }

    It 'is undone byte for byte with Undo-BaselineChange' {
        $r = New-RhelTree
        $before = Get-TreeState $r
        $res = Enable-FipsMode -Root $r -ServiceName api -AcceptIrreversible -Force -Confirm:$false -WarningAction SilentlyContinue
        $res.Changed | Should -BeTrue
        Get-TreeState $r | Should -Not -Be $before
        Undo-BaselineChange -Root $r -TransactionId $res.TransactionId -AcceptIrreversible -Force -Confirm:$false -WarningAction SilentlyContinue | Out-Null
        Get-TreeState $r | Should -Be $before
        Test-Path "$r/etc/systemd/system/api.service.d" | Should -BeFalse
        Remove-Item -Recurse -Force $r
    }

    It 'rolls everything back when a step fails mid-way' {
        $r = New-RhelTree
        # The drop-in path is a directory: the last change fails after the boot, dracut and policy changes applied.
        New-Item -ItemType Directory -Force "$r/etc/systemd/system/api.service.d/50-gobaseline-fips.conf" | Out-Null
        $before = Get-TreeState $r
        Enable-FipsMode -Root $r -ServiceName api -AcceptIrreversible -Force -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ChangeFailed,*'
        Get-TreeState $r | Should -Be $before
        # The journal shows the transaction that got as far as the drop-in and was rolled back.
        (Get-BaselineChange -Root $r | Where-Object Cmdlet -eq Enable-FipsMode).State | Select-Object -Unique | Should -Be 'Failed'
        Remove-Item -Recurse -Force $r
    }

    It 'refuses reboot-bound changes without -AcceptIrreversible and post-install enablement on RHEL 10' {
        $r = New-RhelTree
        { Enable-FipsMode -Root $r -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ExplicitConsentRequired,GoBaseline.Commands.EnableFipsModeCommand'
        Set-TreeFile $r /etc/os-release "NAME=`"Red Hat Enterprise Linux`"`nID=`"rhel`"`nVERSION_ID=`"10.0`"`n"
        $before = Get-TreeState $r
        { Enable-FipsMode -Root $r -AcceptIrreversible -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'FipsEnableUnsupported,GoBaseline.Commands.EnableFipsModeCommand'
        Get-TreeState $r | Should -Be $before
        # -Force only skips prompts (automation passes it): it must not override the platform's refusal.
        { Enable-FipsMode -Root $r -AcceptIrreversible -Force -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'FipsEnableUnsupported,GoBaseline.Commands.EnableFipsModeCommand'
        Get-TreeState $r | Should -Be $before
        $res = Enable-FipsMode -Root $r -AcceptIrreversible -Force -AllowUnsupportedPlatform -Confirm:$false -WarningVariable w -WarningAction SilentlyContinue
        $res.Changed | Should -BeTrue
        ($w -join "`n") | Should -BeLike '*-AllowUnsupportedPlatform*'
        Remove-Item -Recurse -Force $r
    }
}

Describe 'Disable-FipsMode' {
    BeforeEach {
        $r = New-RhelTree
        Enable-FipsMode -Root $r -ServiceName api -AcceptIrreversible -Force -Confirm:$false -WarningAction SilentlyContinue | Out-Null
        $enabled = Get-TreeState $r
    }
    AfterEach { Remove-Item -Recurse -Force $r }

    It '-WhatIf changes nothing' {
        Disable-FipsMode -Root $r -ServiceName api -AcceptIrreversible -WhatIf
        Get-TreeState $r | Should -Be $enabled
    }

    It 'removes every step and -PassThru returns the FipsStatus' {
        $s = Disable-FipsMode -Root $r -ServiceName api -AcceptIrreversible -Force -Confirm:$false -PassThru -WarningAction SilentlyContinue
        $s['BootConfig'].State | Should -Be 'Off'
        $s['Dracut'].State | Should -Not -Be 'On'
        Test-Path "$r/etc/systemd/system/api.service.d/50-gobaseline-fips.conf" | Should -BeFalse
        (Get-Content "$r/etc/crypto-policies/config" | Where-Object { $_ -and $_ -notmatch '^#' }) | Should -Be 'DEFAULT'
        $s.Verdict | Should -Be 'Disabled'
    }

    It 'is undone byte for byte' {
        $res = Disable-FipsMode -Root $r -ServiceName api -AcceptIrreversible -Force -Confirm:$false -WarningAction SilentlyContinue
        Undo-BaselineChange -Root $r -TransactionId $res.TransactionId -AcceptIrreversible -Force -Confirm:$false -WarningAction SilentlyContinue | Out-Null
        Get-TreeState $r | Should -Be $enabled
    }

    It 'rolls back when a step fails mid-way' {
        # The crypto policy file becomes a symbolic link: writing through it is refused after the boot changes applied.
        $target = "$r/etc/crypto-policies/config.real"
        Move-Item "$r/etc/crypto-policies/config" $target
        New-Item -ItemType SymbolicLink -Path "$r/etc/crypto-policies/config" -Target 'config.real' | Out-Null
        $state = Get-TreeState $r
        Disable-FipsMode -Root $r -ServiceName api -AcceptIrreversible -Force -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $err.Count | Should -BeGreaterThan 0
        Get-TreeState $r | Should -Be $state
        (Get-BaselineChange -Root $r | Where-Object Cmdlet -eq Disable-FipsMode).State | Select-Object -Unique | Should -Be 'Failed'
    }
}

Describe 'Start-FipsRollout' {
    BeforeEach {
        $r = New-RhelTree
        foreach ($s in 'billing', 'search') { Set-TreeFile $r "/etc/systemd/system/$s.service" "[Service]`nExecStart=/usr/local/bin/$s`n" }
        $before = Get-TreeState $r
        $services = 'api', 'worker', 'billing', 'search'
    }
    AfterEach { Remove-Item -Recurse -Force $r }

    It '-WhatIf changes nothing and reports every stage Skipped' {
        $st = Start-FipsRollout -Root $r -ServiceName $services -HealthCheck { $true } -WhatIf
        $st.Status | Should -Be 'Skipped', 'Skipped', 'Skipped'
        Get-TreeState $r | Should -Be $before
        Test-Path "$r/var/lib/gobaseline" | Should -BeFalse
    }

    It 'switches stage by stage while healthy, each stage a journal transaction' {
        $seen = [Collections.Generic.List[string]]::new()
        $st = Start-FipsRollout -Root $r -ServiceName $services -HealthCheck { param($svc) $seen.Add($svc -join ','); $true } -RolloutId canary1 -Confirm:$false
        $st | ForEach-Object { $_ | Should -BeOfType ([GoBaseline.FipsRolloutStage]) }
        $st.Status | Should -Be 'Succeeded', 'Succeeded', 'Succeeded'
        ($st | ForEach-Object { $_.ServiceName -join ',' }) | Should -Be 'api', 'worker', 'billing,search'
        $seen | Should -Be 'api', 'api,worker', 'api,worker,billing,search'
        foreach ($s in $services) { Test-Path "$r/etc/systemd/system/$s.service.d/50-gobaseline-fips.conf" | Should -BeTrue }
        ($st.TransactionId | Select-Object -Unique).Count | Should -Be 3
        # The checkpoint taken before the first stage undoes the whole rollout.
        Restore-Baseline -Root $r -Name canary1 -Confirm:$false | Out-Null
        Get-TreeState $r | Should -Be $before
    }

    It 'rolls every stage back when the health check fails, byte for byte' {
        $st = Start-FipsRollout -Root $r -ServiceName $services -HealthCheck { param($svc) $svc.Count -lt 2 } -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        ($st | Where-Object Status -eq 'Failed').Stage | Should -Be 2
        ($st | Where-Object Status -eq 'RolledBack').Stage | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'RolloutStageFailed,GoBaseline.Commands.StartFipsRolloutCommand'
        Get-TreeState $r | Should -Be $before
    }

    It 'fails the stage and rolls back when the health check <Case>' -TestCases @(
        @{ Case = 'writes an error'; Check = { Write-Error 'unhealthy' } }
        @{ Case = 'runs a native command that exits 1'; Check = { bash -c 'exit 1' } }
        @{ Case = 'throws'; Check = { throw 'probe crashed' } }
        @{ Case = 'outputs 0'; Check = { 0 } }
        @{ Case = 'outputs the string False'; Check = { 'False' } }
        @{ Case = 'outputs $true before a failing native command'; Check = { $true; bash -c 'exit 3' } }
    ) {
        $st = Start-FipsRollout -Root $r -ServiceName $services -HealthCheck $Check -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $st.Count | Should -Be 1
        $st[0].Status | Should -Be 'Failed'
        $st[0].Reason | Should -BeLike 'The health check failed:*'
        $err.FullyQualifiedErrorId | Should -Contain 'RolloutStageFailed,GoBaseline.Commands.StartFipsRolloutCommand'
        Test-Path "$r/etc/systemd/system/api.service.d/50-gobaseline-fips.conf" | Should -BeFalse
        Get-TreeState $r | Should -Be $before
    }

    It 'passes a check that only writes to stderr, outputs nothing, or ends truthy' {
        $st = Start-FipsRollout -Root $r -ServiceName $services -HealthCheck { param($svc) bash -c 'echo warming up >&2'; if ($svc.Count -gt 1) { 'ok' } } -Confirm:$false
        $st.Status | Should -Be 'Succeeded', 'Succeeded', 'Succeeded'
        foreach ($s in $services) { Test-Path "$r/etc/systemd/system/$s.service.d/50-gobaseline-fips.conf" | Should -BeTrue }
    }

    It '-HealthCommand runs a native program with the switched services appended; a non-zero exit rolls back' {
        # bash -c SCRIPT api worker ...: $0 is the first service, $# counts the rest; the second stage has two services.
        $st = Start-FipsRollout -Root $r -ServiceName $services -HealthCommand bash, -c, 'test $# -lt 1' -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        ($st | Where-Object Status -eq 'Failed').Stage | Should -Be 2
        ($st | Where-Object Status -eq 'Failed').Reason | Should -BeLike '*api worker exited 1*'
        ($st | Where-Object Status -eq 'RolledBack').Stage | Should -Be 1
        Get-TreeState $r | Should -Be $before
    }

    It 'rolls back when new crypto errors appear in the audit log' {
        Set-TreeFile $r /var/log/audit/audit.log "type=CRYPTO_KEY_USER msg=audit(1732848000.100:10): pid=1 uid=0 auid=0 ses=1 msg='op=destroy kind=server fp=SHA256:ab direction=? spid=2 suid=0  exe=`"/usr/sbin/sshd`" hostname=? addr=? terminal=? res=success'`n"
        $before = Get-TreeState $r
        $log = "$r/var/log/audit/audit.log"
        $st = Start-FipsRollout -Root $r -ServiceName $services -HealthCheck {
            Add-Content $log "type=CRYPTO_SESSION msg=audit(1732848100.200:11): pid=3 uid=0 auid=0 ses=1 msg='op=start direction=from-server cipher=aes128-ctr ksize=128 mac=hmac-sha1 pfs=diffie-hellman spid=4 suid=0 rport=22 laddr=10.0.0.1 lport=22 exe=`"/usr/sbin/sshd`" hostname=? addr=10.0.0.2 terminal=? res=failed'"
            $true
        } -Confirm:$false -ErrorAction SilentlyContinue
        $st[0].Status | Should -Be 'Failed'
        $st[0].Reason | Should -BeLike '*1 new crypto error*'
        Test-Path "$r/etc/systemd/system/api.service.d/50-gobaseline-fips.conf" | Should -BeFalse
    }
}
