#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests, scans and benchmarks the GoBaseline module.

.DESCRIPTION
    Tasks:
      Build   Compile (Release) and lay the module out in out/GoBaseline: manifest, assemblies, format files,
              generated MAML help and about topics. The folder works when copied onto PSModulePath as it is.
      Test    Deps, Build, then xunit (engine and in-process cmdlets) and Pester (integration, in a child pwsh
              against the built module). Prints one closing line "Tests: N passed, N failed, N skipped".
      Scan    Build, then run the baseline on this host with the embedded default profile (exit 0 compliant,
              1 non-compliant, 2 could not check).
      Bench   Build, then run every bench/*.bench.ps1 and print the ratios against the named peers.
      Deps    Install the Debian packages the tests use (when root) and start auditd.
      Clean   Remove out/ and every bin/ and obj/.

.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Scan', 'Bench', 'Deps', 'Clean')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Runs only the Pester suites whose file names match (e.g. 'GoEnv*').
    [string] $PesterFilter = '*',

    # Runs only the benchmarks whose names match (e.g. 'auditlog').
    [string] $BenchFilter = '*',

    # Skips installing Debian packages in Test (for a developer who has them).
    [switch] $SkipDeps
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$RepoRoot = $PSScriptRoot
$OutDir = Join-Path $RepoRoot 'out'
$ModuleOut = Join-Path $OutDir 'GoBaseline'
$PesterVersion = '5.7.1'
$AptPackages = @(
    'auditd', 'golang-1.19-go', 'attr', 'selinux-utils', 'policycoreutils', 'policycoreutils-python-utils',
    'selinux-policy-default', 'checkpolicy', 'semodule-utils', 'setools', 'openssl', 'gcc', 'git', 'time', 'bzip2'
)

function Invoke-Dotnet([string[]] $Arguments) {
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Get-ModuleVersion {
    [xml] $props = Get-Content -Raw (Join-Path $RepoRoot 'Directory.Build.props')
    $node = $props.Project.PropertyGroup | Where-Object { $_['VersionPrefix'] } | Select-Object -First 1
    if (-not $node) { throw 'Directory.Build.props has no VersionPrefix.' }
    $node.VersionPrefix
}

function Get-ChildPwsh {
    # The pinned PowerShell from .config/dotnet-tools.json, started fresh for every child run.
    , @('dotnet', 'tool', 'run', 'pwsh', '--', '-NoProfile', '-NonInteractive')
}

function Invoke-Deps {
    if ($IsLinux -and (Get-Command apt-get -ErrorAction Ignore) -and ((id -u) -eq '0')) {
        $missing = @($AptPackages | Where-Object { -not (& dpkg-query -W -f '${Status}' $_ 2>$null | Select-String -Quiet 'install ok installed') })
        if ($missing.Count -gt 0) {
            Write-Host "Installing: $($missing -join ' ')"
            $env:DEBIAN_FRONTEND = 'noninteractive'
            & apt-get update -qq
            if ($LASTEXITCODE -ne 0) { throw 'apt-get update failed.' }
            & apt-get install -y -qq --no-install-recommends @missing
            if ($LASTEXITCODE -ne 0) { throw "apt-get install $($missing -join ' ') failed." }
        }
        # auditd has no systemd here: start the daemon directly when it is not running.
        if ((Test-Path /usr/sbin/auditd) -and -not (Get-Process auditd -ErrorAction Ignore)) {
            & /usr/sbin/auditd
            Start-Sleep -Milliseconds 500
        }
    }
    else {
        Write-Warning 'Not root or no apt-get: Debian packages are not installed; tests that need them will fail or be skipped.'
    }
}

function Invoke-Build {
    Invoke-Dotnet @('build', (Join-Path $RepoRoot 'src/GoBaseline/GoBaseline.csproj'), '-c', $Configuration, '--nologo', '--verbosity', 'quiet', '-clp:ErrorsOnly')
    $bin = Join-Path $RepoRoot "src/GoBaseline/bin/$Configuration/net8.0"
    $required = @('GoBaseline.dll', 'GoBaseline.Model.dll', 'GoBaseline.Core.dll', 'YamlDotNet.dll', 'GoBaseline.deps.json')
    foreach ($f in $required) {
        if (-not (Test-Path (Join-Path $bin $f))) { throw "Build output is missing $f." }
    }

    # Stage into a temporary folder, then swap it in, so a failed build never leaves half a module in out/.
    $stage = Join-Path $OutDir ".stage-$PID"
    if (Test-Path $stage) { Remove-Item -Recurse -Force $stage }
    $deps = Join-Path $stage 'Dependencies'
    $help = Join-Path $stage 'en-US'
    New-Item -ItemType Directory -Force $deps, $help | Out-Null
    Copy-Item (Join-Path $bin 'GoBaseline.dll'), (Join-Path $bin 'GoBaseline.Model.dll') $stage
    Copy-Item (Join-Path $bin 'GoBaseline.Core.dll'), (Join-Path $bin 'YamlDotNet.dll') $deps
    Get-ChildItem (Join-Path $RepoRoot 'src/GoBaseline') -Filter '*.Format.ps1xml' | Copy-Item -Destination $stage
    Get-ChildItem (Join-Path $RepoRoot 'src/GoBaseline') -Filter '*.ps1' | Copy-Item -Destination $stage
    Get-ChildItem (Join-Path $RepoRoot 'en-US') -Filter 'about_*.help.txt' | Copy-Item -Destination $help
    $version = Get-ModuleVersion
    (Get-Content -Raw (Join-Path $RepoRoot 'GoBaseline.psd1')).Replace('{{ModuleVersion}}', $version) |
        Set-Content -NoNewline (Join-Path $stage 'GoBaseline.psd1')

    # MAML help is generated from en-US/help/*.help.psd1 and the cmdlets' own metadata, in a child pwsh that
    # imports the staged module (the build session never loads it, so rebuilding never hits a loaded assembly).
    $pwsh = Get-ChildPwsh
    & $pwsh[0] $pwsh[1..($pwsh.Count - 1)] -File (Join-Path $RepoRoot 'tools/New-MamlHelp.ps1') -ModulePath (Join-Path $stage 'GoBaseline.psd1') -HelpSource (Join-Path $RepoRoot 'en-US/help') -OutFile (Join-Path $help 'GoBaseline.dll-Help.xml')
    if ($LASTEXITCODE -ne 0) { throw 'Help generation failed.' }

    if (Test-Path $ModuleOut) { Remove-Item -Recurse -Force $ModuleOut }
    Move-Item $stage $ModuleOut
    Write-Host "Module laid out in $ModuleOut (version $version)."
}

function Get-TrxCounts([string] $Directory) {
    $passed = 0; $failed = 0; $skipped = 0
    foreach ($trx in Get-ChildItem $Directory -Filter *.trx -Recurse -ErrorAction Ignore) {
        [xml] $x = Get-Content -Raw $trx.FullName
        $c = $x.TestRun.ResultSummary.Counters
        $passed += [int]$c.passed
        $failed += [int]$c.failed + [int]$c.error + [int]$c.timeout + [int]$c.aborted
        $skipped += [int]$c.notExecuted
        # The console logger at quiet verbosity names a failing test but not why: print the message and stack.
        foreach ($r in @($x.TestRun.Results.UnitTestResult) | Where-Object { $_ -and $_.outcome -eq 'Failed' }) {
            Write-Host "FAILED $($r.testName)" -ForegroundColor Red
            Write-Host $r.Output.ErrorInfo.Message
            Write-Host $r.Output.ErrorInfo.StackTrace
        }
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed; Skipped = $skipped }
}

function Invoke-Test {
    if (-not $SkipDeps) { Invoke-Deps }
    Invoke-Build
    $results = Join-Path $OutDir 'TestResults'
    if (Test-Path $results) { Remove-Item -Recurse -Force $results }
    $xunitFailed = $false
    foreach ($proj in Get-ChildItem (Join-Path $RepoRoot 'tests') -Filter '*.Tests.csproj' -Recurse) {
        & dotnet test $proj.FullName -c $Configuration --nologo --verbosity quiet --logger 'trx' --results-directory (Join-Path $results $proj.BaseName)
        if ($LASTEXITCODE -ne 0) { $xunitFailed = $true }
    }
    $xunit = Get-TrxCounts $results

    Invoke-Dotnet @('restore', (Join-Path $RepoRoot 'tests/tools/tools.csproj'), '--nologo', '--verbosity', 'quiet')
    $nugetRoot = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
    $pester = Join-Path $nugetRoot "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $pester)) { throw "Pester $PesterVersion was not restored to $pester." }
    $summary = Join-Path $results 'pester-summary.json'
    # Passed through the environment: pwsh would glob-expand a bare '*' argument to a native command.
    $env:GOBASELINE_PESTER_FILTER = $PesterFilter
    $pwsh = Get-ChildPwsh
    & $pwsh[0] $pwsh[1..($pwsh.Count - 1)] -File (Join-Path $RepoRoot 'tests/Pester/Invoke-PesterSuite.ps1') -PesterPath $pester -ModulePath (Join-Path $ModuleOut 'GoBaseline.psd1') -NuGetRoot $nugetRoot -SummaryPath $summary -ResultPath (Join-Path $results 'pester.xml')
    $p = if (Test-Path $summary) { Get-Content -Raw $summary | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }

    $passed = $xunit.Passed + $p.Passed
    $failed = $xunit.Failed + $p.Failed
    $skipped = $xunit.Skipped + $p.Skipped
    if ($xunitFailed -and $xunit.Failed -eq 0) { $failed++ }
    Write-Host ''
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped; Pester: $($p.Passed) passed, $($p.Failed) failed, $($p.Skipped) skipped"
    Write-Host "Tests: $passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Scan {
    Invoke-Build
    $pwsh = Get-ChildPwsh
    & $pwsh[0] $pwsh[1..($pwsh.Count - 1)] -File (Join-Path $ModuleOut 'Invoke-GoBaselineScan.ps1')
    exit $LASTEXITCODE
}

function Invoke-Bench {
    Invoke-Build
    $pwsh = Get-ChildPwsh
    $benchOut = Join-Path $RepoRoot 'bench/results'
    New-Item -ItemType Directory -Force $benchOut | Out-Null
    foreach ($bench in Get-ChildItem (Join-Path $RepoRoot 'bench') -Filter "$BenchFilter.bench.ps1" | Sort-Object Name) {
        Write-Host "== $($bench.BaseName)"
        & $pwsh[0] $pwsh[1..($pwsh.Count - 1)] -File $bench.FullName -ModulePath (Join-Path $ModuleOut 'GoBaseline.psd1') -OutDirectory $benchOut
        if ($LASTEXITCODE -ne 0) { throw "Benchmark $($bench.Name) failed." }
    }
}

function Invoke-Clean {
    if (Test-Path $OutDir) { Remove-Item -Recurse -Force $OutDir }
    Get-ChildItem $RepoRoot -Directory -Recurse -Include bin, obj | Where-Object FullName -NotMatch '[\\/]\.git[\\/]' |
        Remove-Item -Recurse -Force -ErrorAction Ignore
}

Push-Location $RepoRoot
try {
    foreach ($t in $Task) {
        switch ($t) {
            'Deps' { Invoke-Deps }
            'Build' { Invoke-Build }
            'Test' { Invoke-Test }
            'Scan' { Invoke-Scan }
            'Bench' { Invoke-Bench }
            'Clean' { Invoke-Clean }
        }
    }
}
finally {
    Pop-Location
}
