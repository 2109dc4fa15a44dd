<#
.SYNOPSIS
    Search-AuditLog and Get-AuditReport against ausearch and aureport on a big real log, whole process each.
.DESCRIPTION
    Builds a log of about 270 MB from the real log generated on this machine by tests/tools/audit-workload.sh
    (tests/fixtures/audit/generated/audit.log), replicated by bench/New-AuditBenchLog.awk with moved timestamps,
    serials and pids, then measures side by side, each as a fresh process including pwsh start-up:
      - Search-AuditLog -Key K        vs  ausearch -k K -i          (target 10x), same event count checked, for a key
                                      on most events and for a selective one
      - pwsh start-up plus Import-Module alone, the floor of every whole-process number here
      - Search-AuditLog -Start T      vs  ausearch -ts T -i         (T past the middle; target 20x, seek)
      - Get-AuditReport               vs  aureport --summary        (target 10x), same event count checked
      - peak RSS of Search-AuditLog streaming a 1 GB log to the pipeline (target < 300 MB), /usr/bin/time -v
    Prints the ratios, writes auditlog.json to -OutDirectory and deletes the big logs.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutDirectory,
    [string] $Key = 'gb_logtest_exec',
    # A key that marks few events (2.7% here), as a "who changed GOPROXY" query does.
    [string] $SelectiveKey = 'gb_logtest_watch',
    [int] $Runs = 3,
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

function Get-Median([double[]] $x) { $s = $x | Sort-Object; $s[[int][math]::Floor(($s.Count - 1) / 2)] }

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

    # The machine is shared: record how busy it was, since whole-process times of a .NET host suffer most.
    $results = [ordered]@{ benchmark = 'auditlog'; logBytes = $size; runs = $Runs; loadAverageAtStart = (Get-Content /proc/loadavg).Split(' ')[0] }

    # The floor of any whole-process pwsh measurement: start-up and module import, doing nothing.
    $floor = @(foreach ($i in 1..$Runs) { (Invoke-Timed { Invoke-Ours '$null' }).Seconds })
    $results.pwshStartAndImportSeconds = [math]::Round((Get-Median $floor), 3)

    $tsDate = $startUtc.ToString('MM/dd/yy', [Globalization.CultureInfo]::InvariantCulture)
    $tsTime = $startUtc.ToString('HH:mm:ss', [Globalization.CultureInfo]::InvariantCulture)
    $cases = @(
        # name, our command, the peer's arguments, how the peer's count is read, target ratio
        @{ Name = 'key'; Target = 10; Ours = "(Search-AuditLog -Path '$big' -Key '$Key' | Measure-Object).Count"; Peer = 'ausearch'; PeerArgs = @('-if', $big, '-k', $Key, '-i') }
        @{ Name = 'selectiveKey'; Target = 10; Ours = "(Search-AuditLog -Path '$big' -Key '$SelectiveKey' | Measure-Object).Count"; Peer = 'ausearch'; PeerArgs = @('-if', $big, '-k', $SelectiveKey, '-i') }
        @{ Name = 'range'; Target = 20; Ours = "(Search-AuditLog -Path '$big' -Start ([DateTimeOffset]::FromUnixTimeSeconds($startSec).UtcDateTime) | Measure-Object).Count"; Peer = 'ausearch'; PeerArgs = @('-if', $big, '-ts', $tsDate, $tsTime, '-i') }
        @{ Name = 'summary'; Target = 10; Ours = "(Get-AuditReport -Path '$big').Events"; Peer = 'aureport'; PeerArgs = @('--summary', '-if', $big) }
    )
    foreach ($c in $cases) {
        $oursTimes = @(); $peerTimes = @()
        # aureport --summary takes tens of seconds: once is enough for it.
        $n = if ($c.Name -eq 'summary') { 1 } else { $Runs }
        for ($i = 0; $i -lt $n; $i++) {
            # Interleaved, so a burst of load on the shared machine hits both sides alike.
            $ours = Invoke-Timed { Invoke-Ours $c.Ours }
            $theirs = Invoke-Timed { & $c.Peer @($c.PeerArgs) > $ausearchOut }
            $oursTimes += $ours.Seconds; $peerTimes += $theirs.Seconds
        }

        $o = Get-Median $oursTimes; $t = Get-Median $peerTimes
        $results["$($c.Name)OursSeconds"] = [math]::Round($o, 3)
        $results["$($c.Name)PeerSeconds"] = [math]::Round($t, 3)
        $results["$($c.Name)OursEvents"] = [long]($ours.Output | Select-Object -Last 1)
        $results["$($c.Name)PeerEvents"] = if ($c.Peer -eq 'aureport') {
            [long]((Select-String -Path $ausearchOut -Pattern '^Number of events: (\d+)').Matches[0].Groups[1].Value)
        }
        else { Get-EventCount $ausearchOut }
        $results["$($c.Name)Ratio"] = [math]::Round($t / $o, 2)
        $results["$($c.Name)Target"] = $c.Target
        # The most a whole pwsh process may take to meet the target, against what start-up alone takes.
        $results["$($c.Name)BudgetSeconds"] = [math]::Round($t / $c.Target, 3)
        $results["$($c.Name)ExcludingStartRatio"] = [math]::Round($t / [math]::Max(0.001, $o - $results.pwshStartAndImportSeconds), 2)
    }
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
    foreach ($c in 'key', 'selectiveKey', 'range', 'summary') {
        '{0,-13} ours {1,6:N3} s  peer {2,6:N3} s  = {3,5:N2}x (target {4}x: budget {5:N3} s)  excluding start-up {6:N2}x  events {7} vs {8}' -f $c,
            $results["${c}OursSeconds"], $results["${c}PeerSeconds"], $results["${c}Ratio"], $results["${c}Target"], $results["${c}BudgetSeconds"],
            $results["${c}ExcludingStartRatio"], $results["${c}OursEvents"], $results["${c}PeerEvents"]
    }
    'pwsh start-up + Import-Module alone: {0:N3} s (median of {1})' -f $results.pwshStartAndImportSeconds, $Runs
    'Peak RSS streaming {0:N0} MB log: {1} MB (budget 300 MB), {2} events' -f ($results.memoryLogBytes / 1MB), $results.memoryPeakRssMB, $results.memoryEvents
    'Load average at start: {0} (2 cores)' -f $results.loadAverageAtStart
}
finally {
    Remove-Item -Recurse -Force $work -ErrorAction Ignore
}
