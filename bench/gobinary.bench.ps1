<#
.SYNOPSIS
    Get-GoBinaryInfo -Recurse over /usr and /opt against `go version -m /usr /opt`, whole process each (pwsh start-up
    and module import included), same binaries and same fields checked, ratio printed and written as JSON.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutDirectory,
    [int] $Runs = 7,
    [string[]] $Tree = @('/usr', '/opt'),
    [string] $Go = '/usr/lib/go-1.19/bin/go'
)
$ErrorActionPreference = 'Stop'
if (-not (Test-Path $Go)) { throw "$Go not found (apt-get install golang-1.19-go)." }

# The pwsh running this script, started the same way for the measured runs (dotnet pwsh.dll for the local tool).
$pwsh = [Environment]::ProcessPath
$pwshPrefix = @(if ($pwsh -match 'dotnet$') { [Environment]::GetCommandLineArgs()[0] })

function Invoke-Timed([string] $FileName, [string[]] $Arguments) {
    $psi = [Diagnostics.ProcessStartInfo]::new($FileName)
    foreach ($a in $Arguments) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.Environment['LC_ALL'] = 'C'
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $p = [Diagnostics.Process]::Start($psi)
    $errTask = $p.StandardError.ReadToEndAsync()
    $out = $p.StandardOutput.ReadToEnd()
    $p.WaitForExit()
    $sw.Stop()
    [pscustomobject]@{ Seconds = $sw.Elapsed.TotalSeconds; Output = $out; Error = $errTask.Result; ExitCode = $p.ExitCode }
}

$treeList = ($Tree | ForEach-Object { "'$_'" }) -join ', '
$textCommand = "Import-Module '$ModulePath'; Get-GoBinaryInfo -Recurse $treeList -AsText"
$objectCommand = "Import-Module '$ModulePath'; `$n = (Get-GoBinaryInfo -Recurse $treeList).Count; `$n"
$startCommand = '0'

# One warm-up of each so that every measured run sees the same page cache.
$null = Invoke-Timed $Go (@('version', '-m') + $Tree)
$null = Invoke-Timed $pwsh ($pwshPrefix + @('-NoProfile', '-NonInteractive', '-Command', $textCommand))

$goTimes = @(); $text = @(); $objects = @(); $bare = @()
for ($i = 0; $i -lt $Runs; $i++) {
    # Interleaved, so a burst of load on the shared machine hits both sides alike.
    $g = Invoke-Timed $Go (@('version', '-m') + $Tree); $goTimes += $g.Seconds
    $t = Invoke-Timed $pwsh ($pwshPrefix + @('-NoProfile', '-NonInteractive', '-Command', $textCommand)); $text += $t.Seconds
    $o = Invoke-Timed $pwsh ($pwshPrefix + @('-NoProfile', '-NonInteractive', '-Command', $objectCommand)); $objects += $o.Seconds
    $b = Invoke-Timed $pwsh ($pwshPrefix + @('-NoProfile', '-NonInteractive', '-Command', $startCommand)); $bare += $b.Seconds
    if ($i -eq 0) {
        $goOut = $g.Output; $usOut = $t.Output; $count = [int]$o.Output.Trim()
    }
}

function Get-Median([double[]] $x) { $s = $x | Sort-Object; $s[[int][math]::Floor(($s.Count - 1) / 2)] }

$goBinaries = ([regex]::Matches($goOut, '(?m)^(/[^\t:]+): ')).Count
$sameText = $goOut -ceq $usOut
$medGo = Get-Median $goTimes; $medText = Get-Median $text; $medObj = Get-Median $objects; $medBare = Get-Median $bare
$result = [ordered]@{
    benchmark           = 'gobinary'
    tree                = $Tree
    runs                = $Runs
    peer                = "$Go version -m $($Tree -join ' ')"
    goBinariesFound     = $goBinaries
    ourBinariesFound    = $count
    identicalOutput     = $sameText
    goSeconds           = [math]::Round($medGo, 3)
    asTextSeconds       = [math]::Round($medText, 3)
    objectsSeconds      = [math]::Round($medObj, 3)
    pwshStartSeconds    = [math]::Round($medBare, 3)
    ratioAsText         = [math]::Round($medGo / $medText, 2)
    ratioObjects        = [math]::Round($medGo / $medObj, 2)
    ratioExcludingStart = [math]::Round($medGo / [math]::Max(0.001, $medObj - $medBare), 2)
    allGo               = $goTimes
    allAsText           = $text
    allObjects          = $objects
    allPwshStart        = $bare
    loadAverage         = (Get-Content /proc/loadavg -Raw).Trim()
}
New-Item -ItemType Directory -Force $OutDirectory | Out-Null
$result | ConvertTo-Json | Set-Content (Join-Path $OutDirectory 'gobinary.json')
"go version -m: median {0:N3} s, {1} binaries" -f $medGo, $goBinaries
"Get-GoBinaryInfo -AsText: median {0:N3} s (ratio go/us {1:N2}), output identical: {2}" -f $medText, $result.ratioAsText, $sameText
"Get-GoBinaryInfo objects: median {0:N3} s (ratio go/us {1:N2}), {2} binaries" -f $medObj, $result.ratioObjects, $count
"pwsh start-up alone: median {0:N3} s; scan minus start-up ratio go/us {1:N2}" -f $medBare, $result.ratioExcludingStart
if (-not $sameText -or $count -ne $goBinaries) { Write-Error 'Get-GoBinaryInfo did not find the same binaries with the same fields as go version -m.'; exit 1 }
