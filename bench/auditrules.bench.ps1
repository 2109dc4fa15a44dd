<#
.SYNOPSIS
    Audit rules: normalising a real rule set with GoBaseline against the peer that defines the normal form, the
    kernel round trip auditctl -R + auditctl -l; and Get-AuditRule -Live against a bare auditctl -l.
.DESCRIPTION
    Whole processes, pwsh start-up included, median of N runs each, in one run. The kernel steps hold the shared
    audit lock (/tmp/gobaseline-audit.lock) and put the previous rules back. The two normal forms are also compared
    line by line (a benchmark of different outputs would be meaningless).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutDirectory,
    [int] $Runs = 5
)
$ErrorActionPreference = 'Stop'
$pwsh = (Get-Process -Id $PID).Path
$pre = @(if ($pwsh -match 'dotnet$') { [System.Reflection.Assembly]::GetEntryAssembly().Location })
$rules = Join-Path $PSScriptRoot '../tests/fixtures/audit/rules/bfuzzy_auditd-attack.rules'
function Median([double[]] $xs) { $s = $xs | Sort-Object; $s[[int][math]::Floor($s.Count / 2)] }

# Only rule lines go to the kernel (the file's -D/-b/-f/-e lines would reconfigure or lock it); -c: go on past refused rules.
$copy = Join-Path ([IO.Path]::GetTempPath()) ("gb-bench-" + [guid]::NewGuid().ToString('N') + '.rules')
@('-c') + @(Get-Content $rules | Where-Object { $_ -match '^\s*(-a|-w)\s' }) | Set-Content $copy
chmod 600 $copy
$script = Join-Path ([IO.Path]::GetTempPath()) ("gb-bench-" + [guid]::NewGuid().ToString('N') + '.sh')
@"
#!/bin/bash
# Times the peer inside the lock, then restores the rules that were loaded before.
before=`$(mktemp); auditctl -l > `$before
for i in `$(seq 1 $Runs); do
  s=`$(date +%s%N); auditctl -D >/dev/null; auditctl -R '$copy' >/dev/null 2>&1; auditctl -l > /tmp/gb-bench-kernel.txt; e=`$(date +%s%N)
  echo PEER `$(( (e - s) / 1000 ))
done
s=`$(date +%s%N); for i in `$(seq 1 $Runs); do auditctl -l >/dev/null; done; e=`$(date +%s%N); echo LIST `$(( (e - s) / 1000 / $Runs ))
for i in `$(seq 1 $Runs); do
  s=`$(date +%s%N); '$pwsh' $($pre -join ' ') -NoProfile -NonInteractive -Command "Import-Module '$ModulePath'; (Get-AuditRule -Live).Count" >/dev/null; e=`$(date +%s%N)
  echo LIVE `$(( (e - s) / 1000 ))
done
auditctl -D >/dev/null
if ! grep -q '^No rules' `$before; then chmod 600 `$before; auditctl -R `$before >/dev/null; fi
rm -f `$before
"@ | Set-Content $script
$lines = & flock -- /tmp/gobaseline-audit.lock bash $script
$peer = @($lines | Where-Object { $_ -like 'PEER *' } | ForEach-Object { [double]($_ -split ' ')[1] / 1000 })
$live = @($lines | Where-Object { $_ -like 'LIVE *' } | ForEach-Object { [double]($_ -split ' ')[1] / 1000 })
$listMs = [double](($lines | Where-Object { $_ -like 'LIST *' }) -split ' ')[1] / 1000

$ours = @()
$text = $null
for ($i = 0; $i -lt $Runs; $i++) {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $text = & $pwsh @pre -NoProfile -NonInteractive -Command "Import-Module '$ModulePath'; (Get-AuditRule -Path '$copy').Text"
    $ours += $sw.Elapsed.TotalMilliseconds
}

# The kernel lists what it accepted; every line must be one of ours (the fixture's rules on missing paths are refused).
$kernel = Get-Content /tmp/gb-bench-kernel.txt
$missing = @($kernel | Where-Object { $_ -notin $text })
Remove-Item $copy, $script, /tmp/gb-bench-kernel.txt -Force -ErrorAction SilentlyContinue
$result = [ordered]@{
    benchmark                 = 'audit-rules'
    runs                      = $Runs
    rules                     = @($text).Count
    kernelAccepted            = @($kernel).Count
    kernelLinesNotOurs        = $missing.Count
    goBaselineNormaliseMedianMs = [math]::Round((Median $ours), 1)
    kernelRoundTripMedianMs   = [math]::Round((Median $peer), 1)
    normaliseRatio            = [math]::Round((Median $ours) / (Median $peer), 2)
    getLiveMedianMs           = [math]::Round((Median $live), 1)
    auditctlListMs            = [math]::Round($listMs, 2)
}
$result | ConvertTo-Json | Set-Content (Join-Path $OutDirectory 'auditrules.json')
"Normalise {0} rules: GoBaseline {1} ms (fresh pwsh, whole process) vs auditctl -D/-R/-l {2} ms: ratio {3}; kernel lines not produced by us: {4}" -f $result.rules, $result.goBaselineNormaliseMedianMs, $result.kernelRoundTripMedianMs, $result.normaliseRatio, $result.kernelLinesNotOurs
"Get-AuditRule -Live {0} ms (fresh pwsh) vs auditctl -l {1} ms" -f $result.getLiveMedianMs, $result.auditctlListMs
