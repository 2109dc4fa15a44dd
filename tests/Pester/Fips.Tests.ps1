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
        $s.Contradictions | Should -Match 'crypto policy in effect is DEFAULT'
        ($s.Notes -join "`n") | Should -Match 'GODEBUG=fips=1, which is not a Go setting'
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

    It 'judges the Go binaries of service units without being told, each with its own unit''s environment' {
        $r = New-RhelFipsTree
        New-Item -ItemType Directory -Force "$r/usr/local/bin" | Out-Null
        # A Go 1.24 service binary (it reads GODEBUG=fips140), built with golang-1.19 and its version rewritten.
        $go124 = Join-Path $r 'go124'
        & (Join-Path $env:GOBASELINE_REPO 'tests/tools/new-go124-binary.sh') $go124
        $LASTEXITCODE | Should -Be 0
        foreach ($u in 'api', 'other') {
            Copy-Item -LiteralPath $go124 "$r/usr/local/bin/$u"
            Set-TreeFile $r "/etc/systemd/system/$u.service" "[Service]`nExecStart=/usr/local/bin/$u`n"
        }
        $s = Test-FipsMode -Root $r
        $s.Verdict | Should -Be 'Inconsistent'
        $s['GoBinaries'].Value | Should -Be '0 of 2 in FIPS mode'
        Set-TreeFile $r /etc/systemd/system/api.service.d/50-gobaseline-fips.conf "[Service]`nEnvironment=GODEBUG=fips140=on`n"
        $s = Test-FipsMode -Root $r
        $s['GoBinaries'].Value | Should -Be '1 of 2 in FIPS mode'
        $s['GoBinaries'].Evidence | Should -BeLike '*other.service /usr/local/bin/other (NativeGo, fips140=off)*'
        Test-FipsMode -Root $r -Quiet | Should -BeFalse
        Remove-Item -Recurse -Force $r
    }

    It 'fails with InvalidRoot for a root that does not exist' {
        { Test-FipsMode -Root /nonexistent/root -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidRoot,GoBaseline.Commands.TestFipsModeCommand'
    }
}

Describe 'Test-FipsMode and the seed''s self-check' {
    BeforeAll {
        $Seed = Join-Path $env:GOBASELINE_REPO 'tests/fixtures/seed/fips-check.sh'
        # The seed script reads the live /proc; for a fixture root only that path is rewritten.
        function Invoke-SeedCheck([string] $Root) {
            $script = (Get-Content -Raw $Seed).Replace('/proc/sys/crypto/fips_enabled', "$Root/proc/sys/crypto/fips_enabled")
            $file = Join-Path ([IO.Path]::GetTempPath()) ('seed-fips-' + [guid]::NewGuid().ToString('N') + '.sh')
            Set-Content $file $script
            $null = & bash $file
            $code = $LASTEXITCODE
            Remove-Item $file
            $code
        }
    }

    It 'gives the seed''s exit code where the seed can tell (enabled, disabled, not supported)' {
        $r = New-RhelFipsTree
        (Test-FipsMode -Root $r).ExitCode | Should -Be (Invoke-SeedCheck $r)
        Set-TreeFile $r /proc/sys/crypto/fips_enabled "0`n"
        Remove-Item -Recurse "$r/boot", "$r/etc/crypto-policies", "$r/etc/dracut.conf.d", "$r/etc/pki", "$r/usr/lib64"
        Set-TreeFile $r /proc/cmdline "ro quiet`n"
        $s = Test-FipsMode -Root $r
        $s.Verdict | Should -Be 'Disabled'
        $s.ExitCode | Should -Be (Invoke-SeedCheck $r)
        Remove-Item "$r/proc/sys/crypto/fips_enabled"
        $s = Test-FipsMode -Root $r
        $s.Verdict | Should -Be 'NotSupported'
        $s.ExitCode | Should -Be (Invoke-SeedCheck $r)
        Remove-Item -Recurse -Force $r
    }

    It 'is stricter than the seed for a FIPS kernel whose other signals disagree' {
        $r = New-RhelFipsTree
        Set-TreeFile $r /etc/crypto-policies/state/current "DEFAULT`n"
        Invoke-SeedCheck $r | Should -Be 0
        (Test-FipsMode -Root $r).ExitCode | Should -Be 1
        Remove-Item -Recurse -Force $r
    }

    It 'agrees with the seed on this machine' {
        (Test-FipsMode).ExitCode | Should -Be (Invoke-SeedCheck '')
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

        # The providers decide; openssl.cnf activation and fipsmodule.cnf are examined and reported next to them.
        $s['OpenSsl'].Evidence | Should -BeLike 'openssl list -providers; *openssl.cnf*'
        $s['OpenSsl'].Detail | Should -BeLike '*Configuration: *'
        $s['OpenSsl'].Detail | Should -Match 'fipsmodule\.cnf|module-mac|fips provider loaded by Red Hat'
        $active = openssl list -providers | Select-String -Pattern '^\s+name:\s+(.*)$' | ForEach-Object { $_.Matches[0].Groups[1].Value }
        if ($active -match 'FIPS') { $s['OpenSsl'].State | Should -Be 'On' } else { $s['OpenSsl'].State | Should -BeIn 'Off', 'Partial' }
        Test-FipsMode -Quiet | Should -Be ($s.Verdict -eq 'Enabled')
    }

    It 'judges a running Go process with the environment it started with' {
        # gofmt waits on its standard input; GODEBUG=fips140=on is set for this process only, and go1.19 ignores it.
        $psi = [Diagnostics.ProcessStartInfo]::new('/usr/lib/go-1.19/bin/gofmt')
        $psi.RedirectStandardInput = $true
        $psi.RedirectStandardOutput = $true
        $psi.Environment['GODEBUG'] = 'fips140=on'
        $p = [Diagnostics.Process]::Start($psi)
        try {
            $s = Test-FipsMode
            $s['GoBinaries'].Evidence | Should -BeLike "*pid $($p.Id) /usr/lib/go-1.19/bin/gofmt (NativeGo)*"
            @($s.Notes | Where-Object { $_ -like "pid $($p.Id) /usr/lib/go-1.19/bin/gofmt: GODEBUG=fips140=on is read from Go 1.24 on; this binary is go1.19* and ignores it." }).Count | Should -Be 1
        }
        finally {
            $p.StandardInput.Close()
            $p.WaitForExit()
        }
    }
}
