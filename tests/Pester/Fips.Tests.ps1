# Test-FipsMode through the built module: fixture roots made from tests/fixtures/fips, and the live host.
BeforeAll {
    Import-Module $env:GOBASELINE_MODULE -Force
    $Fixtures = Join-Path $env:GOBASELINE_REPO 'tests/fixtures/fips'

    function New-Tree {
        $root = Join-Path ([IO.Path]::GetTempPath()) ('gb-fips-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Force $root | Out-Null
        $root
    }

    function Set-TreeFile([string] $Root, [string] $Path, [string] $Content) {
        $full = Join-Path $Root $Path.TrimStart('/')
        New-Item -ItemType Directory -Force (Split-Path $full) | Out-Null
        [IO.File]::WriteAllText($full, $Content)
    }

    function New-RhelFipsTree {
        $r = New-Tree
        Set-TreeFile $r /etc/redhat-release "Red Hat Enterprise Linux release 9.4 (Plow)`n"
        Set-TreeFile $r /proc/sys/crypto/fips_enabled "1`n"
        Set-TreeFile $r /proc/cmdline "BOOT_IMAGE=/vmlinuz-5.14.0-427.el9.x86_64 root=/dev/mapper/rhel-root ro fips=1`n"
        Set-TreeFile $r /boot/loader/entries/x-5.14.0-427.el9.x86_64.conf "title RHEL`nlinux /vmlinuz-5.14.0-427.el9.x86_64`noptions root=/dev/mapper/rhel-root ro fips=1`n"
        Set-TreeFile $r /etc/dracut.conf.d/40-fips.conf "add_dracutmodules+=`" fips `"`n"
        Set-TreeFile $r /etc/crypto-policies/config (Get-Content -Raw "$Fixtures/default-fips-config")
        Set-TreeFile $r /etc/crypto-policies/state/current "FIPS`n"
        Set-TreeFile $r /etc/pki/tls/openssl.cnf (Get-Content -Raw "$Fixtures/openssl_test_fips-and-base.cnf")
        Set-TreeFile $r /etc/pki/tls/fipsmodule.cnf (Get-Content -Raw "$Fixtures/openssl_test_30-test_defltfips_fipsmodule.cnf")
        Set-TreeFile $r /usr/lib64/ossl-modules/fips.so 'placeholder'
        $r
    }
}

Describe 'Test-FipsMode on fixture roots' {
    It 'says Enabled for a RHEL-like FIPS host, with evidence for each signal' {
        $r = New-RhelFipsTree
        $s = Test-FipsMode -Root $r
        $s | Should -BeOfType ([GoBaseline.FipsStatus])
        $s.Verdict | Should -Be 'Enabled'
        $s['Kernel'].Evidence | Should -Be '/proc/sys/crypto/fips_enabled'
        $s['OpenSsl'].State | Should -Be 'On'
        Test-FipsMode -Root $r -Quiet | Should -BeTrue
        Remove-Item -Recurse -Force $r
    }

    It 'says Inconsistent and names the contradictions when the crypto policy was never switched' {
        $r = New-RhelFipsTree
        Set-TreeFile $r /etc/crypto-policies/state/current "DEFAULT`n"
        Set-TreeFile $r /etc/crypto-policies/config (Get-Content -Raw "$Fixtures/default-config")
        Set-TreeFile $r /etc/environment "GODEBUG=fips=1`n"
        $s = Test-FipsMode -Root $r -Verbose 4>&1 | Where-Object { $_ -is [GoBaseline.FipsStatus] }
        $s.Verdict | Should -Be 'Inconsistent'
        $s.Contradictions | Should -Match 'crypto policy is DEFAULT'
        $s.Notes | Should -Match 'GODEBUG=fips=1, which is not a Go setting'
        Test-FipsMode -Root $r -Quiet | Should -BeFalse
        Remove-Item -Recurse -Force $r
    }

    It 'takes Go binaries from Get-GoBinaryInfo and says they do not follow kernel FIPS' {
        $r = New-RhelFipsTree
        New-Item -ItemType Directory -Force "$r/usr/local/bin" | Out-Null
        Copy-Item /usr/lib/go-1.19/bin/gofmt "$r/usr/local/bin/gofmt"
        $s = Get-GoBinaryInfo -Root $r /usr/local/bin/gofmt | Test-FipsMode -Root $r
        $s.Verdict | Should -Be 'Inconsistent'
        $s['GoBinaries'].State | Should -Be 'Off'
        $s.Contradictions | Should -Match 'Go binaries do not run in FIPS mode'
        Remove-Item -Recurse -Force $r
    }

    It 'fails with InvalidRoot for a root that does not exist' {
        { Test-FipsMode -Root /nonexistent/root -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidRoot,GoBaseline.Commands.TestFipsModeCommand'
    }
}

Describe 'Test-FipsMode on this machine' {
    It 'agrees with /proc/sys/crypto/fips_enabled and with openssl list -providers' {
        $s = Test-FipsMode
        if (Test-Path /proc/sys/crypto/fips_enabled) {
            $k = (Get-Content /proc/sys/crypto/fips_enabled).Trim()
            $s['Kernel'].Value | Should -Be $k
            $s.Verdict | Should -BeIn 'Enabled', 'Disabled', 'Inconsistent'
        }
        else {
            $s.Verdict | Should -Be 'NotSupported'
            $s['Kernel'].State | Should -Be 'Absent'
        }

        $s['OpenSsl'].Evidence | Should -Be 'openssl list -providers'
        $active = openssl list -providers | Select-String -Pattern '^\s+name:\s+(.*)$' | ForEach-Object { $_.Matches[0].Groups[1].Value }
        if ($active -match 'FIPS') { $s['OpenSsl'].State | Should -Be 'On' } else { $s['OpenSsl'].State | Should -BeIn 'Off', 'Partial' }
        Test-FipsMode -Quiet | Should -Be ($s.Verdict -eq 'Enabled')
    }
}
