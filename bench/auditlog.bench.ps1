<#
.SYNOPSIS
    Search-AuditLog and Get-AuditReport against ausearch and aureport on a big real log, whole process each.
.DESCRIPTION
    Builds a log of about 270 MB from the real log generated on this machine by tests/tools/audit-workload.sh
    (tests/fixtures/audit/generated/audit.log), replicated by bench/New-AuditBenchLog.awk with moved timestamps,
    serials and pids, then measures side by side, each as a fresh process including pwsh start-up:
      - Search-AuditLog -Key K        vs  ausearch -k K -i          (target 10x), same event count checked
      - Search-AuditLog -Start T      vs  ausearch -ts T -i         (T past the middle; target 20x, seek)
      - Get-AuditReport               vs  aureport --summary        (target 10x), same event count checked
      - peak RSS of Search-AuditLog streaming a 1 GB log to the pipeline (target < 300 MB), /usr/bin/time -v
    Prints the ratios, writes auditlog.json to -OutDirectory and deletes the big logs.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutDirectory,
    [string] $Key = 'gb_logtest_exec',
    [int] $Copies = 620,
    [int] $CopiesForMemory = 2400
)
$ErrorActionPreference = 'Stop'
$env:TZ = 'UTC'
$env:LC_ALL = 'C'
$repo = Split-Path -Parent $PSScriptRoot
$sample = Join-Path $repo 'tests/fixtures/audit/generated/audit.log'
$awk = Join-Path $PSScriptRoot 'New-AuditBenchLog.awk'
$work = Join-Path ([IO.Path]::GetTempPath()) ("gobaseline-auditbench-" + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory -Path $work | Out-Null
$big = Join-Path $work 'audit.log'
$huge = Join-Path $work 'audit-1g.log'
$pwsh = (Get-Process -Id $PID).Path
$pre = @(if ($pwsh -match 'dotnet$') { [System.Reflection.Assembly]::GetEntryAssembly().Location })

function Invoke-Timed([scriptblock] $Block) {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $out = & $Block
    $sw.Stop()
    [pscustomobject]@{ Seconds = $sw.Elapsed.TotalSeconds; Output = $out }
}

function Invoke-Ours([string] $Command) {
    $script = "Import-Module '$ModulePath'; $Command"
    & $pwsh @pre -NoProfile -NonInteractive -Command $script
    if ($LASTEXITCODE -ne 0) { throw "pwsh failed: $Command" }
}

function Get-EventCount([string] $File) {
    (Select-String -Path $File -Pattern '^----$' -SimpleMatch:$false | Measure-Object).Count
}

try {
    & awk -v copies=$Copies -v step=2 -f $awk $sample > $big
    if ($LASTEXITCODE -ne 0) { throw 'awk failed' }
    $size = (Get-Item $big).Length
    $first = [long]((Get-Content $big -TotalCount 1) -replace '.*msg=audit\((\d+)\..*', '$1')
    $last = [long]((Get-Content $big -Tail 1) -replace '.*msg=audit\((\d+)\..*', '$1')
    $startSec = $first + [long](($last - $first) * 0.75)
    $startUtc = [DateTimeOffset]::FromUnixTimeSeconds($startSec).UtcDateTime
    $ausearchOut = Join-Path $work 'ausearch.out'

    # Warm the page cache once so neither side pays the first read.
    & cat $big > /dev/null

    $results = [ordered]@{ benchmark = 'auditlog'; logBytes = $size; key = $Key }

    # 1. Key search.
    $ours = Invoke-Timed { Invoke-Ours "(Search-AuditLog -Path '$big' -Key '$Key' | Measure-Object).Count" }
    $theirs = Invoke-Timed { & ausearch -if $big -k $Key -i > $ausearchOut }
    $results.keyOursSeconds = [math]::Round($ours.Seconds, 2)
    $results.keyAusearchSeconds = [math]::Round($theirs.Seconds, 2)
    $results.keyOursEvents = [long]($ours.Output | Select-Object -Last 1)
    $results.keyAusearchEvents = Get-EventCount $ausearchOut
    $results.keyRatio = [math]::Round($theirs.Seconds / $ours.Seconds, 2)

    # 2. Time range starting three quarters into the log.
    $tsDate = $startUtc.ToString('MM/dd/yy', [Globalization.CultureInfo]::InvariantCulture)
    $tsTime = $startUtc.ToString('HH:mm:ss', [Globalization.CultureInfo]::InvariantCulture)
    $ours = Invoke-Timed { Invoke-Ours "(Search-AuditLog -Path '$big' -Start ([DateTimeOffset]::FromUnixTimeSeconds($startSec).UtcDateTime) | Measure-Object).Count" }
    $theirs = Invoke-Timed { & ausearch -if $big -ts $tsDate $tsTime -i > $ausearchOut }
    $results.rangeOursSeconds = [math]::Round($ours.Seconds, 2)
    $results.rangeAusearchSeconds = [math]::Round($theirs.Seconds, 2)
    $results.rangeOursEvents = [long]($ours.Output | Select-Object -Last 1)
    $results.rangeAusearchEvents = Get-EventCount $ausearchOut
    $results.rangeRatio = [math]::Round($theirs.Seconds / $ours.Seconds, 2)

    # 3. Summary report.
    $ours = Invoke-Timed { Invoke-Ours "(Get-AuditReport -Path '$big').Events" }
    $theirs = Invoke-Timed { & aureport --summary -if $big > $ausearchOut }
    $results.summaryOursSeconds = [math]::Round($ours.Seconds, 2)
    $results.summaryAureportSeconds = [math]::Round($theirs.Seconds, 2)
    $results.summaryOursEvents = [long]($ours.Output | Select-Object -Last 1)
    $results.summaryAureportEvents = [long]((Select-String -Path $ausearchOut -Pattern '^Number of events: (\d+)').Matches[0].Groups[1].Value)
    $results.summaryRatio = [math]::Round($theirs.Seconds / $ours.Seconds, 2)
    Remove-Item $big

    # 4. Peak RSS streaming a 1 GB log to the pipeline.
    & awk -v copies=$CopiesForMemory -v step=2 -f $awk $sample > $huge
    $results.memoryLogBytes = (Get-Item $huge).Length
    $timeOut = Join-Path $work 'time.txt'
    $script = "Import-Module '$ModulePath'; `$n = 0; Search-AuditLog -Path '$huge' -Key '$Key' | ForEach-Object { `$n++ }; `$n"
    $count = & /usr/bin/time -v -o $timeOut $pwsh @pre -NoProfile -NonInteractive -Command $script
    $rssKb = [long]((Select-String -Path $timeOut -Pattern 'Maximum resident set size \(kbytes\): (\d+)').Matches[0].Groups[1].Value)
    $results.memoryEvents = [long]($count | Select-Object -Last 1)
    $results.memoryPeakRssMB = [math]::Round($rssKb / 1024, 1)
    $results.memoryBudgetMB = 300

    $results | ConvertTo-Json | Set-Content (Join-Path $OutDirectory 'auditlog.json')
    'Search-AuditLog -Key {0}: {1} s vs ausearch -k -i {2} s = {3}x (target 10x); events {4} vs {5}' -f $Key, $results.keyOursSeconds, $results.keyAusearchSeconds, $results.keyRatio, $results.keyOursEvents, $results.keyAusearchEvents
    'Search-AuditLog -Start (75%): {0} s vs ausearch -ts -i {1} s = {2}x (target 20x); events {3} vs {4}' -f $results.rangeOursSeconds, $results.rangeAusearchSeconds, $results.rangeRatio, $results.rangeOursEvents, $results.rangeAusearchEvents
    'Get-AuditReport: {0} s vs aureport --summary {1} s = {2}x (target 10x); events {3} vs {4}' -f $results.summaryOursSeconds, $results.summaryAureportSeconds, $results.summaryRatio, $results.summaryOursEvents, $results.summaryAureportEvents
    'Peak RSS streaming {0:N0} MB log: {1} MB (budget 300 MB), {2} events' -f ($results.memoryLogBytes / 1MB), $results.memoryPeakRssMB, $results.memoryEvents
}
finally {
    Remove-Item -Recurse -Force $work -ErrorAction Ignore
}
