<#
.SYNOPSIS
    Module import cost: Import-Module of the built module in a fresh pwsh, against a bare pwsh start-up.
.DESCRIPTION
    Runs N fresh sessions for each and reports the median. The import time is measured inside the session
    (Stopwatch around Import-Module) and as the whole-process difference against a session that imports nothing.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutDirectory,
    [int] $Runs = 15
)
$ErrorActionPreference = 'Stop'
$pwsh = (Get-Process -Id $PID).Path
$pre = @(if ($pwsh -match 'dotnet$') { [System.Reflection.Assembly]::GetEntryAssembly().Location })

function Median([double[]] $xs) { $s = $xs | Sort-Object; $s[[int][math]::Floor($s.Count / 2)] }

$inside = @(); $bare = @(); $with = @()
for ($i = 0; $i -lt $Runs; $i++) {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    & $pwsh @pre -NoProfile -NonInteractive -Command '$null' | Out-Null
    $bare += $sw.Elapsed.TotalMilliseconds
    $sw.Restart()
    $ms = & $pwsh @pre -NoProfile -NonInteractive -Command "`$sw = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$ModulePath'; `$sw.Stop(); `$sw.Elapsed.TotalMilliseconds"
    $with += $sw.Elapsed.TotalMilliseconds
    $inside += [double]($ms | Select-Object -Last 1)
}
$result = [ordered]@{
    benchmark            = 'module-import'
    runs                 = $Runs
    importMedianMs       = [math]::Round((Median $inside), 1)
    bareStartMedianMs    = [math]::Round((Median $bare), 1)
    withImportMedianMs   = [math]::Round((Median $with), 1)
    processDifferenceMs  = [math]::Round((Median $with) - (Median $bare), 1)
    budgetMs             = 250
}
$result | ConvertTo-Json | Set-Content (Join-Path $OutDirectory 'module.json')
"Import-Module median {0} ms inside the session (budget {1} ms); whole process {2} ms vs bare pwsh {3} ms (+{4} ms)" -f $result.importMedianMs, $result.budgetMs, $result.withImportMedianMs, $result.bareStartMedianMs, $result.processDifferenceMs
