# Audit log cmdlets through the built module, against ausearch/aureport on the real log generated on this machine.
BeforeAll {
    Import-Module $env:GOBASELINE_MODULE -Force
    $Repo = $env:GOBASELINE_REPO
    $Pwsh = (Get-Process -Id $PID).Path
    $PwshArgs = @(if ($Pwsh -match 'dotnet$') { [System.Reflection.Assembly]::GetEntryAssembly().Location })
    $Generated = Join-Path $Repo 'tests/fixtures/audit/generated/audit.log'
    $env:TZ = 'UTC'

    function New-AuditRoot {
        $root = Join-Path ([IO.Path]::GetTempPath()) ("gb-audit-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Force "$root/etc/audit", "$root/var/log/audit" | Out-Null
        "log_file = /var/log/audit/audit.log`nlog_format = ENRICHED" | Set-Content "$root/etc/audit/auditd.conf"
        Copy-Item /etc/passwd "$root/etc/passwd"
        Copy-Item /etc/group "$root/etc/group"
        $lines = Get-Content $Generated
        $half = [int]($lines.Count / 2)
        $lines[0..($half - 1)] | Set-Content "$root/var/log/audit/audit.log.1"
        $lines[$half..($lines.Count - 1)] | Set-Content "$root/var/log/audit/audit.log"
        $root
    }

    function Get-AusearchId([string[]] $Arguments) {
        $out = & ausearch @Arguments --format raw 2>$null
        @($out | ForEach-Object { if ($_ -match 'msg=audit\((\d+)\.(\d+):(\d+)\)') { "$($Matches[1]).$($Matches[2]):$($Matches[3])" } } | Select-Object -Unique)
    }
}

Describe 'Search-AuditLog' {
    It 'finds the events ausearch -k finds, with interpreted values' {
        $events = Search-AuditLog -Path $Generated -Key gb_logtest_denied
        $ids = Get-AusearchId @('-if', $Generated, '-k', 'gb_logtest_denied')
        @($events | ForEach-Object EventId | Select-Object -Unique) | Should -Be $ids
        $denied = $events | Where-Object Syscall -eq 'openat' | Select-Object -First 1
        $denied.ExitName | Should -Be 'EACCES'
        $denied.Success | Should -BeFalse
        $denied.UserName | Should -Be 'nobody'
        $denied.LoginUserName | Should -Be 'unset'
        $denied.Arch | Should -Be 'x86_64'
        $denied.Time | Should -BeOfType [DateTimeOffset]
        $denied.Time.Offset | Should -Be ([TimeSpan]::Zero)
        ($denied.Records | Where-Object Type -eq 'SYSCALL').GetInterpreted('exit') | Should -Be 'EACCES(Permission denied)'
        ($denied.Records | Where-Object Type -eq 'PROCTITLE').GetInterpreted('proctitle') | Should -Be $denied.ProcessTitle
    }

    It 'reads the configured log and its rotation under -Root, and pipes events by key' {
        $root = New-AuditRoot
        $all = Search-AuditLog -Root $root
        $ids = Get-AusearchId @('-if', $Generated)
        @($all | ForEach-Object EventId | Select-Object -Unique).Count | Should -Be $ids.Count
        $net = [pscustomobject]@{ Key = 'gb_logtest_net' } | Search-AuditLog -Root $root
        @($net).Count | Should -Be (Get-AusearchId @('-if', $Generated, '-k', 'gb_logtest_net')).Count
        Remove-Item -Recurse -Force $root
    }

    It 'writes raw lines that ausearch reads back to the same events' {
        $tmp = New-TemporaryFile
        Search-AuditLog -Path $Generated -Failed -Syscall connect -Raw | Set-Content $tmp
        (Get-AusearchId @('-if', $tmp.FullName)) | Should -Be (Get-AusearchId @('-if', $Generated, '-sv', 'no', '-sc', 'connect'))
        Remove-Item $tmp
    }

    It 'warns once per malformed line with file and line, and goes on' {
        $tmp = New-TemporaryFile
        (Get-Content $Generated -TotalCount 40) + 'garbage without a header' + (Get-Content $Generated | Select-Object -Skip 40 -First 20) | Set-Content $tmp
        $events = Search-AuditLog -Path $tmp.FullName -WarningVariable w -WarningAction SilentlyContinue
        $events.Count | Should -BeGreaterThan 5
        @($w).Count | Should -Be 1
        "$($w[0])" | Should -BeLike "$($tmp.FullName):41: *"
        Remove-Item $tmp
    }

    It 'follows the live log with -Wait until the pipeline stops' {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ("gb-wait-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory $dir | Out-Null
        $log = Join-Path $dir 'audit.log'
        $lines = Get-Content $Generated
        $lines[0..99] | Set-Content $log
        $out = Join-Path $dir 'out.txt'
        $cmd = "Import-Module '$env:GOBASELINE_MODULE'; Search-AuditLog -Path '$log' -Key gb_logtest_net -Wait | Select-Object -First 6 | ForEach-Object Serial"
        $p = Start-Process -FilePath $Pwsh -ArgumentList ($PwshArgs + @('-NoProfile', '-NonInteractive', '-Command', $cmd)) -RedirectStandardOutput $out -PassThru
        Start-Sleep -Seconds 3
        Add-Content $log $lines[100..($lines.Count - 1)]
        $p.WaitForExit(60000) | Should -BeTrue
        $serials = Get-Content $out
        $serials.Count | Should -Be 6
        $expected = Search-AuditLog -Path $Generated -Key gb_logtest_net | Select-Object -First 6 | ForEach-Object { "$($_.Serial)" }
        $serials | Should -Be $expected
        Remove-Item -Recurse -Force $dir
    }

    It 'fails with a stable error id for a missing log and an unknown errno name' {
        { Search-AuditLog -Path /nonexistent/audit.log -ErrorAction Stop } | Should -Throw -ErrorId 'AuditLogNotFound*'
        { Search-AuditLog -Path $Generated -ExitCode ENOSUCHERR -ErrorAction Stop } | Should -Throw -ErrorId 'AuditQueryInvalid*'
    }
}

Describe 'Get-AuditReport' {
    It 'gives the numbers of aureport --summary' {
        $report = Get-AuditReport -Path $Generated
        $text = & aureport -if $Generated --summary
        $n = @{}
        foreach ($l in $text) { if ($l -match '^Number of (.+): (\d+)$') { $n[$Matches[1]] = [long]$Matches[2] } }
        $report.Events | Should -Be $n['events']
        $report.FailedSyscalls | Should -Be $n['failed syscalls']
        $report.Files | Should -Be $n['files']
        $report.Executables | Should -Be $n['executables']
        $report.Keys | Should -Be $n['keys']
        $report.ProcessIds | Should -Be $n['process IDs']
        $report.Changes | Should -Be $n['changes in configuration']
    }

    It 'gives the rows of aureport -k --summary --failed' {
        $rows = Get-AuditReport -Path $Generated -Report Key -Failed
        $text = & aureport -if $Generated -k --summary --failed
        $expected = @{}
        foreach ($l in $text) { if ($l -match '^(\d+)\s+(\S+)$') { $expected[$Matches[2]] = [long]$Matches[1] } }
        $rows.Count | Should -Be $expected.Count
        foreach ($r in $rows) { $r.Count | Should -Be $expected[$r.Value] }
    }
}

Describe 'Export-AuditLogArchive' {
    It '-WhatIf writes and deletes nothing' {
        $root = New-AuditRoot
        $dest = Join-Path $root 'archive'
        Export-AuditLogArchive -Root $root -Destination $dest -RemoveSource -WhatIf
        Test-Path $dest | Should -BeFalse
        Test-Path "$root/var/log/audit/audit.log.1" | Should -BeTrue
        Remove-Item -Recurse -Force $root
    }

    It 'archives the rotated log, verifies it, lists it in SHA256SUMS and only then removes the source' {
        $root = New-AuditRoot
        $dest = Join-Path $root 'archive'
        $source = Get-Content -Raw "$root/var/log/audit/audit.log.1"
        $a = Export-AuditLogArchive -Root $root -Destination $dest -RemoveSource
        @($a).Count | Should -Be 1
        $a.Verified | Should -BeTrue
        $a.Sources | Should -Be @("$root/var/log/audit/audit.log.1")
        Test-Path "$root/var/log/audit/audit.log.1" | Should -BeFalse
        Test-Path "$root/var/log/audit/audit.log" | Should -BeTrue
        Push-Location $dest
        & sha256sum -c SHA256SUMS | Should -Match ': OK$'
        Pop-Location
        & gzip -dc $a.Path | Out-String | Should -Be ($source -replace "`r", '')
        (Search-AuditLog -Path $a.Path | Measure-Object).Count | Should -BeGreaterThan 100
        Remove-Item -Recurse -Force $root
    }
}

Describe 'Get-GoEnvironmentChange' {
    It 'lists the writes of Go environment files caught by the go_env watch rule' {
        $root = New-AuditRoot
        (Get-Content $Generated) -replace 'gb_logtest_watch', 'go_env' | Set-Content "$root/var/log/audit/audit.log"
        Remove-Item "$root/var/log/audit/audit.log.1"
        $changes = Get-GoEnvironmentChange -Root $root
        $changes.Count | Should -BeGreaterThan 0
        $changes | ForEach-Object { $_.Source | Should -Be 'Audit' }
        ($changes | Where-Object File -like '*/go.env').Count | Should -BeGreaterThan 0
        $changes[0].Executable | Should -Not -BeNullOrEmpty
        Remove-Item -Recurse -Force $root
    }
}
