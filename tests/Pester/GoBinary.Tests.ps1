# Get-GoBinaryInfo through the built module: equality with the real go version -m, pipeline binding, processes,
# fixture roots and error ids.
BeforeAll {
    Import-Module $env:GOBASELINE_MODULE -Force
    $GoBin = '/usr/lib/go-1.19/bin'
    $Work = Join-Path ([IO.Path]::GetTempPath()) ('gb-gobin-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Force "$Work/src", "$Work/out" | Out-Null
    "module example.com/sleeper`n`ngo 1.19`n" | Set-Content "$Work/src/go.mod"
    "package main`n`nimport `"time`"`n`nfunc main() { time.Sleep(60 * time.Second) }`n" | Set-Content "$Work/src/main.go"
    $env:GOCACHE = Join-Path ([IO.Path]::GetTempPath()) 'gobaseline-test-gocache'
    $env:GOPROXY = 'off'; $env:GOFLAGS = '-mod=mod'; $env:CGO_ENABLED = '0'; $env:HOME = $Work
    Push-Location "$Work/src"
    & "$GoBin/go" build -trimpath -ldflags '-X main.v=1' -o "$Work/out/sleeper" .
    Pop-Location
    if ($LASTEXITCODE -ne 0) { throw 'go build failed' }
    Remove-Item Env:CGO_ENABLED, Env:GOFLAGS, Env:GOPROXY

    function Invoke-GoVersionM([string[]] $Paths) {
        $psi = [Diagnostics.ProcessStartInfo]::new("$GoBin/go")
        foreach ($a in @('version', '-m') + $Paths) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $p = [Diagnostics.Process]::Start($psi)
        $out = $p.StandardOutput.ReadToEnd()
        $null = $p.StandardError.ReadToEnd()
        $p.WaitForExit()
        $out
    }
}

AfterAll {
    Remove-Item -Recurse -Force $Work -ErrorAction SilentlyContinue
}

Describe 'Get-GoBinaryInfo -AsText equals go version -m' {
    It 'prints the same bytes for every Go binary under /usr and /opt' {
        $expected = Invoke-GoVersionM '/usr', '/opt'
        $lines = Get-GoBinaryInfo -Recurse /usr, /opt -AsText
        $actual = ($lines -join "`n") + "`n"
        $actual | Should -BeExactly $expected
        ([regex]::Matches($expected, '(?m)^/')).Count | Should -BeGreaterOrEqual 19
    }

    It 'finds the same binaries as objects, with the same fields' {
        $expected = [regex]::Matches((Invoke-GoVersionM '/usr', '/opt'), '(?m)^(/[^:]+): (.*)$') | ForEach-Object { '{0}: {1}' -f $_.Groups[1].Value, $_.Groups[2].Value }
        $objects = Get-GoBinaryInfo -Recurse /usr, /opt
        ($objects | ForEach-Object { '{0}: {1}' -f $_.Path, $_.GoVersionText }) | Should -Be $expected
        $objects | ForEach-Object { $_ | Should -BeOfType ([GoBaseline.GoBinaryInfo]) }
    }

    It 'prints the same for a binary built here with -trimpath and -ldflags -X' {
        $actual = ((Get-GoBinaryInfo "$Work/out/sleeper" -AsText) -join "`n") + "`n"
        $actual | Should -BeExactly (Invoke-GoVersionM "$Work/out/sleeper")
    }
}

Describe 'Get-GoBinaryInfo objects and binding' {
    It 'reads the fields of a binary built here' {
        $i = Get-GoBinaryInfo -LiteralPath "$Work/out/sleeper"
        $i.GoVersion.Release | Should -Be 'go1.19.8'
        $i.PackagePath | Should -Be 'example.com/sleeper'
        $i.TrimPath | Should -BeTrue
        $i.CgoEnabled | Should -BeFalse
        $i.LinkMode | Should -Be 'Static'
        $i.CryptoMode | Should -Be 'NativeGo'
        $i.GoVersion -ge '1.19' | Should -BeTrue
    }

    It 'takes Get-ChildItem output from the pipeline (FullName/PSPath)' {
        Copy-Item /usr/bin/true "$Work/out/c-true"
        $r = Get-ChildItem "$Work/out" -File | Get-GoBinaryInfo -ErrorVariable errs -ErrorAction SilentlyContinue
        $r.Name | Should -Be 'sleeper'
        $errs.FullyQualifiedErrorId | Should -Contain 'NotGoBinary,GoBaseline.Commands.GetGoBinaryInfoCommand'
    }

    It 'skips non-Go files quietly in a directory walk' {
        $r = Get-GoBinaryInfo "$Work/out" -Recurse -ErrorVariable errs
        $r.Name | Should -Be 'sleeper'
        $errs | Should -BeNullOrEmpty
    }

    It 'reads the binary of a running process through /proc/PID/exe, also after the file was deleted' {
        Copy-Item "$Work/out/sleeper" "$Work/out/sleeper2"
        $p = Start-Process "$Work/out/sleeper2" -PassThru
        try {
            Start-Sleep -Milliseconds 300
            Remove-Item "$Work/out/sleeper2"
            $i = $p | Get-GoBinaryInfo
            $i.ProcessId | Should -Be $p.Id
            $i.Path | Should -Be "$Work/out/sleeper2 (deleted)"
            $i.PackagePath | Should -Be 'example.com/sleeper'
        }
        finally {
            Stop-Process -Id $p.Id -ErrorAction SilentlyContinue
        }
    }

    It 'reports a missing process as ProcessNotFound' {
        { Get-GoBinaryInfo -ProcessId 999999 -ErrorAction Stop } | Should -Throw -ErrorId 'ProcessNotFound,GoBaseline.Commands.GetGoBinaryInfoCommand'
    }

    It 'reads inside -Root, following an absolute link inside the root' {
        $root = "$Work/root"
        New-Item -ItemType Directory -Force "$root/usr/local/bin", "$root/opt/app" | Out-Null
        Copy-Item "$Work/out/sleeper" "$root/opt/app/sleeper"
        New-Item -ItemType SymbolicLink -Path "$root/usr/local/bin/sleeper" -Target '/opt/app/sleeper' | Out-Null
        $i = Get-GoBinaryInfo -Root $root /usr/local/bin/sleeper
        $i.Path | Should -Be '/usr/local/bin/sleeper'
        (Get-GoBinaryInfo -Root $root / -Recurse).Path | Should -Be '/opt/app/sleeper', '/usr/local/bin/sleeper'
    }

    It 'gives UnrecognizedExecutable, NotGoBinary and ExecutableMalformed for named files' {
        { Get-GoBinaryInfo /etc/hostname -ErrorAction Stop } | Should -Throw -ErrorId 'UnrecognizedExecutable,GoBaseline.Commands.GetGoBinaryInfoCommand'
        { Get-GoBinaryInfo /usr/bin/true -ErrorAction Stop } | Should -Throw -ErrorId 'NotGoBinary,GoBaseline.Commands.GetGoBinaryInfoCommand'
        $bytes = [IO.File]::ReadAllBytes("$Work/out/sleeper")
        [IO.File]::WriteAllBytes("$Work/truncated", $bytes[0..([int]($bytes.Length / 3))])
        { Get-GoBinaryInfo "$Work/truncated" -ErrorAction Stop } | Should -Throw -ErrorId 'ExecutableMalformed,GoBaseline.Commands.GetGoBinaryInfoCommand'
        $e = Get-GoBinaryInfo "$Work/truncated" -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].Exception.Offset | Should -BeGreaterThan 0
        $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'gives toolchains without a VERSION file their version from bin/go' {
        $root = "$Work/tc"
        New-Item -ItemType Directory -Force "$root/usr/local/go/bin", "$root/usr/local/go/pkg/tool" | Out-Null
        Copy-Item "$GoBin/go" "$root/usr/local/go/bin/go"
        $t = Get-GoToolchain -Root $root | Where-Object GoRoot -eq '/usr/local/go'
        $t.Version.Release | Should -Be 'go1.19.8'
        $t.VersionSource | Should -Be '/usr/local/go/bin/go (build info)'
    }
}

Describe 'Test-GoBinaryCompliance' {
    It 'checks a binary built here: old Go fails, -MinimumVersion decides, no VCS stamp warns' {
        $r = Test-GoBinaryCompliance "$Work/out/sleeper"
        $r | ForEach-Object { $_ | Should -BeOfType ([GoBaseline.CheckResult]) }
        ($r | Where-Object ControlId -eq GOBIN-001).Status | Should -Be 'Fail'
        ($r | Where-Object ControlId -eq GOBIN-002).Status | Should -Be 'Pass'
        ($r | Where-Object ControlId -eq GOBIN-003).Status | Should -Be 'NotApplicable'
        ($r | Where-Object ControlId -eq GOBIN-005).Status | Should -Be 'Pass'
        ($r | Where-Object ControlId -eq GOBIN-006).Status | Should -Be 'Pass'
        (Test-GoBinaryCompliance "$Work/out/sleeper" -MinimumVersion 1.19 | Where-Object ControlId -eq GOBIN-001).Status | Should -Be 'Pass'
        Test-GoBinaryCompliance "$Work/out/sleeper" -Quiet | Should -BeFalse
    }

    It 'fails FIPS for native Go 1.19 and takes Get-GoBinaryInfo objects from the pipeline' {
        $r = Get-GoBinaryInfo "$Work/out/sleeper" | Test-GoBinaryCompliance -RequireFips
        ($r | Where-Object ControlId -eq GOBIN-003).Status | Should -Be 'Fail'
    }

    It 'reads the runtime GODEBUG of a process and names the seed''s wrong switch' {
        $psi = [Diagnostics.ProcessStartInfo]::new("$Work/out/sleeper")
        $psi.Environment['GODEBUG'] = 'fips=1'
        $psi.Environment['GOLANG_FIPS'] = '1'
        $p = [Diagnostics.Process]::Start($psi)
        try {
            Start-Sleep -Milliseconds 300
            $r = Test-GoBinaryCompliance -ProcessId $p.Id -RequireFips | Where-Object ControlId -eq GOBIN-007
            $r.Status | Should -Be 'Fail'
            $r.Evidence | Should -BeLike "/proc/$($p.Id)/environ*"
            $r.Message | Should -BeLike '*GODEBUG=fips=1 is not a Go setting*'
            $r.Message | Should -BeLike '*GOLANG_FIPS=1 is read only by Red Hat*'
        }
        finally {
            $p.Kill()
        }
    }

    It 'returns false with -Quiet and an error id for a file that is not Go' {
        $ok = Test-GoBinaryCompliance /usr/bin/true -Quiet -ErrorVariable errs -ErrorAction SilentlyContinue
        $ok | Should -BeFalse
        $errs[0].FullyQualifiedErrorId | Should -Be 'NotGoBinary,GoBaseline.Commands.TestGoBinaryComplianceCommand'
    }
}
