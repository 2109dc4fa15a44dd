<#
.SYNOPSIS
    SELinux expected labels: Get-SeLinuxFileContext against `xargs matchpathcon`, and Test-SeLinuxContext against
    `xargs matchpathcon -V`, on every path under /usr /etc /var /opt, whole processes including pwsh start-up.

.DESCRIPTION
    Both sides get the same path list (find, links not followed). The answers are compared path by path: the
    contexts for the first pair, the verified/not verified verdicts for the second. For the second pair every path
    needs a security.selinux label (matchpathcon -V stops at the first unlabelled file), so the script labels them
    with setfattr (the expected label; every 37th path a wrong type, every 53rd a different SELinux user, which
    matchpathcon -V ignores) and afterwards removes the labels again and puts back any label that was there before.
    Needs root. Writes selinux.json to -OutDirectory.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutDirectory
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$ModulePath = (Resolve-Path $ModulePath).Path
$OutDirectory = (Resolve-Path $OutDirectory).Path
$repo = Split-Path (Split-Path (Split-Path $ModulePath))
$work = Join-Path ([IO.Path]::GetTempPath()) "gobaseline-selinux-bench-$PID"
New-Item -ItemType Directory -Force $work | Out-Null

function Invoke-Timed([string] $FilePath, [string[]] $ArgumentList, [string] $StdOut, [string] $WorkingDirectory = $work, [int[]] $Success = @(0)) {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $p = Start-Process -FilePath $FilePath -ArgumentList $ArgumentList -RedirectStandardOutput $StdOut -RedirectStandardError "$StdOut.err" `
        -WorkingDirectory $WorkingDirectory -NoNewWindow -PassThru -Wait
    $sw.Stop()
    if ($p.ExitCode -notin $Success) { throw "$FilePath $($ArgumentList -join ' ') exited $($p.ExitCode): $(Get-Content -Raw "$StdOut.err")" }
    $sw.Elapsed.TotalSeconds
}

function Invoke-ChildPwsh([string] $Script, [string] $StdOut) {
    $file = Join-Path $work ("child-" + [guid]::NewGuid().ToString('N') + '.ps1')
    Set-Content -LiteralPath $file -Value $Script
    # The pinned PowerShell, as build.ps1 starts it: a cold start is part of the measurement.
    Invoke-Timed 'dotnet' @('tool', 'run', 'pwsh', '--', '-NoProfile', '-NonInteractive', '-File', $file) $StdOut $repo
}

# Quotes a path for a single-quoted PowerShell string literal.
function Quote([string] $s) { "'" + $s.Replace("'", "''") + "'" }

$saved = @()
$labelled = $false
# The expected labels must not change under the two runs: hold the lock every SELinux policy store test takes.
$storeLock = $null
while (-not $storeLock) {
    try { $storeLock = [IO.File]::Open('/tmp/gobaseline-selinux-store.lock', 'OpenOrCreate', 'ReadWrite', 'None') } catch { Start-Sleep -Milliseconds 500 }
}
try {
    # The path list: what find prints, minus names with a tab (matchpathcon's line output cannot carry them) or
    # that are not UTF-8, and minus the directories other programs write to while the benchmark runs (a file that
    # disappears or is replaced between labelling and matchpathcon -V stops matchpathcon with an error).
    $volatile = '/var/log', '/var/tmp', '/var/spool', '/var/lib/gobaseline', '/var/cache/apt', '/var/lib/apt', '/var/lib/dpkg', '/var/lib/systemd', '/var/lib/selinux', '/etc/selinux'
    $findArgs = @('/usr', '/etc', '/var', '/opt', '(') + ($volatile | ForEach-Object { '-path', $_, '-o' } | Select-Object -SkipLast 1) + @(')', '-prune', '-o', '-print')
    $paths = [string[]]@(& find @findArgs 2>$null | Where-Object { $_ -notmatch "`t" -and $_ -notmatch [char]0xFFFD })
    $listNul = Join-Path $work 'paths.0'
    $listLines = Join-Path $work 'paths.txt'
    [IO.File]::WriteAllText($listNul, ($paths -join "`0") + "`0")
    [IO.File]::WriteAllLines($listLines, $paths)
    Write-Host ("{0:N0} paths under /usr /etc /var /opt (without {1})" -f $paths.Count, ($volatile -join ', '))

    # 1. Expected labels.
    $refOut = Join-Path $work 'matchpathcon.txt'
    $peer1 = Invoke-Timed 'xargs' @('-0', '-a', $listNul, 'matchpathcon') $refOut
    $oursOut = Join-Path $work 'ours.txt'
    $ours1 = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module $(Quote $ModulePath)
`$p = [IO.File]::ReadAllLines($(Quote $listLines))
`$r = Get-SeLinuxFileContext -Path `$p
[IO.File]::WriteAllLines($(Quote $oursOut), [string[]]`$r.ContextText)
"@ (Join-Path $work 'child1.txt')

    $reference = [Collections.Generic.Dictionary[string, string]]::new([StringComparer]::Ordinal)
    foreach ($line in [IO.File]::ReadLines($refOut)) {
        $tab = $line.LastIndexOf("`t")
        $reference[$line.Substring(0, $tab)] = $line.Substring($tab + 1)
    }
    $ours = [IO.File]::ReadAllLines($oursOut)
    if ($ours.Count -ne $paths.Count) { throw "Get-SeLinuxFileContext answered $($ours.Count) of $($paths.Count) paths." }
    $same1 = 0; $diff1 = 0
    for ($i = 0; $i -lt $paths.Count; $i++) {
        $key = if ($paths[$i].Length -gt 1 -and $paths[$i].EndsWith('/')) { $paths[$i].TrimEnd('/') } else { $paths[$i] }
        if ($reference[$key] -ceq $ours[$i]) { $same1++ } else { $diff1++ }
    }

    # 2. Verification. Keep the labels that exist now, then label every path.
    Import-Module $ModulePath
    $saved = @(Get-SeLinuxContext -Recurse -Path /usr, /etc, /var, /opt -ErrorAction SilentlyContinue | ForEach-Object { [pscustomobject]@{ Path = $_.Path; Raw = $_.Raw } })
    $groups = @{}
    for ($i = 0; $i -lt $paths.Count; $i++) {
        $expected = $ours[$i]
        $label = if ($expected -eq '<<none>>') { 'system_u:object_r:etc_t:s0' }
        elseif ($i % 37 -eq 0) { 'system_u:object_r:default_t:s0' }
        elseif ($i % 53 -eq 0) { 'unconfined_u' + $expected.Substring($expected.IndexOf(':')) }
        else { $expected }
        if (-not $groups.ContainsKey($label)) { $groups[$label] = [Collections.Generic.List[string]]::new() }
        $groups[$label].Add($paths[$i])
    }
    $labelled = $true
    foreach ($label in $groups.Keys) {
        $f = Join-Path $work 'group.0'
        [IO.File]::WriteAllText($f, ($groups[$label] -join "`0") + "`0")
        # A file removed since the listing makes setfattr complain; matchpathcon -V then reports it as an error.
        & xargs -0 -a $f setfattr -h -n security.selinux -v $label 2>$null
    }

    $refOutV = Join-Path $work 'matchpathcon-V.txt'
    # matchpathcon -V exits 1 when a file is not verified, which xargs reports as 123.
    $peer2 = Invoke-Timed 'xargs' @('-0', '-a', $listNul, 'matchpathcon', '-V') $refOutV $work @(0, 123)
    if (Select-String -Path $refOutV -Pattern ' error: ' -SimpleMatch -Quiet) { throw "matchpathcon -V failed on a path: $(Select-String -Path $refOutV -Pattern ' error: ' -SimpleMatch | Select-Object -First 1)" }
    $oursOutV = Join-Path $work 'ours-V.txt'
    $ours2 = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module $(Quote $ModulePath)
`$p = [IO.File]::ReadAllLines($(Quote $listLines))
`$r = Test-SeLinuxContext -Path `$p
[IO.File]::WriteAllLines($(Quote $oursOutV), [string[]]`$r.VerifiedByMatchpathcon)
"@ (Join-Path $work 'child2.txt')

    $verdicts = [Collections.Generic.Dictionary[string, bool]]::new([StringComparer]::Ordinal)
    foreach ($line in [IO.File]::ReadLines($refOutV)) {
        if ($line.EndsWith(' verified.')) { $verdicts[$line.Substring(0, $line.Length - 10)] = $true; continue }
        $at = $line.IndexOf(' has context ')
        if ($at -gt 0) { $verdicts[$line.Substring(0, $at)] = $false }
    }
    $oursV = [IO.File]::ReadAllLines($oursOutV)
    if ($oursV.Count -ne $paths.Count) { throw "Test-SeLinuxContext answered $($oursV.Count) of $($paths.Count) paths." }
    $same2 = 0; $diff2 = 0; $notVerified = 0
    for ($i = 0; $i -lt $paths.Count; $i++) {
        $v = $oursV[$i] -eq 'True'
        if (-not $v) { $notVerified++ }
        if ($verdicts.ContainsKey($paths[$i]) -and $verdicts[$paths[$i]] -eq $v) { $same2++ } else { $diff2++ }
    }
}
finally {
    $storeLock.Dispose()
    if ($labelled) {
        & xargs -0 -a $listNul setfattr -h -x security.selinux 2>$null
        foreach ($s in $saved) { & setfattr -h -n security.selinux -v $s.Raw $s.Path }
    }
}

$result = [ordered]@{
    benchmark                    = 'selinux'
    paths                        = $paths.Count
    matchpathcon_seconds         = [math]::Round($peer1, 2)
    GetSeLinuxFileContext_seconds = [math]::Round($ours1, 2)
    expected_ratio               = [math]::Round($peer1 / $ours1, 1)
    expected_same                = $same1
    expected_different           = $diff1
    matchpathcon_V_seconds       = [math]::Round($peer2, 2)
    TestSeLinuxContext_seconds   = [math]::Round($ours2, 2)
    verify_ratio                 = [math]::Round($peer2 / $ours2, 1)
    verify_same                  = $same2
    verify_different             = $diff2
    verify_not_verified          = $notVerified
    labels_restored              = $saved.Count
}
$result | ConvertTo-Json | Set-Content (Join-Path $OutDirectory 'selinux.json')
Write-Host ("expected labels: xargs matchpathcon {0:N2} s, Get-SeLinuxFileContext {1:N2} s (pwsh start-up included): {2:N1}x; {3:N0} same, {4:N0} different" -f $peer1, $ours1, ($peer1 / $ours1), $same1, $diff1)
Write-Host ("verification:    xargs matchpathcon -V {0:N2} s, Test-SeLinuxContext {1:N2} s: {2:N1}x; {3:N0} same verdicts, {4:N0} different ({5:N0} not verified)" -f $peer2, $ours2, ($peer2 / $ours2), $same2, $diff2, $notVerified)
Remove-Item -Recurse -Force $work
if ($diff1 -ne 0 -or $diff2 -ne 0) { throw 'The answers differ from matchpathcon.' }
