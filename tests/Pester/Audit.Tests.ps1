# Audit rule cmdlets through the built module: fixture roots for files, the real kernel for live rules.
# Every step that changes live kernel rules runs in a child pwsh under flock on /tmp/gobaseline-audit.lock and puts
# the previous rule list back before it releases the lock.
BeforeAll {
    Import-Module $env:GOBASELINE_MODULE -Force
    $Repo = $env:GOBASELINE_REPO
    $Pwsh = (Get-Process -Id $PID).Path
    $PwshArgs = @(if ($Pwsh -match 'dotnet$') { [Environment]::GetCommandLineArgs()[0] })
    $Fixtures = Join-Path $Repo 'tests/fixtures/audit/rules'

    function New-AuditRoot {
        $root = Join-Path ([IO.Path]::GetTempPath()) ("gb-audit-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Force "$root/etc/audit/rules.d", "$root/etc/profile.d", "$root/etc/systemd/system", "$root/home/dev/.config/go" | Out-Null
        "root:x:0:0:root:/root:/bin/bash`ndev:x:1000:1000:Dev:/home/dev:/bin/bash" | Set-Content "$root/etc/passwd"
        "root:x:0:`nadm:x:4:dev" | Set-Content "$root/etc/group"
        'GOPROXY=off' | Set-Content "$root/home/dev/.config/go/env"
        'GO111MODULE=on' | Set-Content "$root/etc/environment"
        $root
    }

    # Runs a script in a child pwsh that holds the shared audit lock; the script gets the module path as $args[0].
    function Invoke-Locked([string] $Script) {
        $file = Join-Path ([IO.Path]::GetTempPath()) ("gb-audit-step-" + [guid]::NewGuid().ToString('N') + '.ps1')
        Set-Content -Path $file -Value $Script
        try {
            $out = & flock -- /tmp/gobaseline-audit.lock $Pwsh @PwshArgs -NoProfile -NonInteractive -File $file $env:GOBASELINE_MODULE 2>&1
            if ($LASTEXITCODE -ne 0) { throw "locked step failed ($LASTEXITCODE): $out" }
            $out
        } finally { Remove-Item $file -Force }
    }
}

Describe 'Get-AuditRule' {
    It 'reads rules.d in augenrules order with file and line, and normalises to the auditctl -l line' {
        $root = New-AuditRoot
        "-a exit,always -F arch=b64 -S execve -F key=go_exec`n" | Set-Content -NoNewline "$root/etc/audit/rules.d/10-go.rules"
        "-w /etc/profile.d/ -p wa -k go_env`n" | Set-Content -NoNewline "$root/etc/audit/rules.d/9-env.rules"
        $r = @(Get-AuditRule -Root $root)
        $r.Count | Should -Be 2
        $r[0].Source | Should -Be '/etc/audit/rules.d/9-env.rules'
        $r[0].Text | Should -Be '-w /etc/profile.d -p wa -k go_env'
        $r[1].Text | Should -Be '-a always,exit -F arch=b64 -S execve -F key=go_exec'
        $r[1].Line | Should -Be 1
        (Get-AuditRule -Root $root -Persistent -Key go_e*).Count | Should -Be 2
        (Get-AuditRule -Root $root -Persistent -Syscall execve).Key | Should -Be 'go_exec'
        (Get-AuditRule -Root $root -Persistent -WatchPath '/etc/prof*').Path | Should -Be '/etc/profile.d'
        Remove-Item -Recurse -Force $root
    }

    It 'gives a positioned error and no rule of a file with a bad line' {
        $root = New-AuditRoot
        "-a always,exit -F arch=b64 -S execve -k go_exec`n-a always,exit -F arch=b64 -S open -F uid=ghost`n" | Set-Content -NoNewline "$root/etc/audit/rules.d/50-bad.rules"
        $r = Get-AuditRule -Root $root -Persistent -ErrorVariable err -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'AuditRuleParseError,*'
        $err[0].Exception.Position.Line | Should -Be 2
        $err[0].Exception.Position.Column | Should -Be 43
        $err[0].CategoryInfo.Category | Should -Be 'ParserError'
        Remove-Item -Recurse -Force $root
    }

    It 'reads a real rule set with -Path and its control lines with -IncludeControl' {
        $r = Get-AuditRule -Path "$Fixtures/bfuzzy_auditd-attack.rules" -IncludeControl
        ($r | Where-Object Kind -eq Control).ControlOption | Should -Contain 'DeleteAll'
        @($r | Where-Object Kind -eq Rule).Count | Should -Be 215
        @(Get-AuditRule -Path "$Fixtures/bfuzzy_auditd-attack.rules" -Key 'T1*').Count | Should -BeGreaterThan 100
    }

    It 'reads the live kernel rules exactly as auditctl -l prints them' {
        $out = Invoke-Locked @'
Import-Module $args[0]
$before = auditctl -l
auditctl -D | Out-Null
try {
    auditctl -a exit,always -F arch=b64 -S execve -k go_exec | Out-Null
    auditctl -w /etc/environment -p wa -k go_env | Out-Null
    $live = Get-AuditRule -Live
    $listed = auditctl -l
    if (($live.Text -join "`n") -ne ($listed -join "`n")) { throw "live text differs: $($live.Text) vs $listed" }
    (Get-AuditRule -Live -Key go_exec).Text
} finally {
    auditctl -D | Out-Null
    if ($before -ne 'No rules') { $f = New-TemporaryFile; $before | Set-Content $f; chmod 600 $f; auditctl -R $f | Out-Null; Remove-Item $f }
}
'@
        $out | Should -Be '-a always,exit -F arch=b64 -S execve -F key=go_exec'
    }
}

Describe 'Get-AuditStatus' {
    It 'parses auditctl -s' {
        $s = Get-AuditStatus
        $s.Enabled | Should -BeIn 0, 1, 2
        $s.RawText | Should -Match 'backlog_limit'
        $s.BacklogLimit | Should -Be ([long]((auditctl -s | Select-String '^backlog_limit ').Line -split ' ')[1])
    }

    It 'refuses under -Root' {
        { Get-AuditStatus -Root $TestDrive -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidRoot,GoBaseline.Commands.GetAuditStatusCommand'
    }
}

Describe 'New-AuditRule' {
    It 'builds one rule per arch and watches' {
        (New-AuditRule -Syscall execve -Arch b64, b32 -Key go_exec).Text | Should -Be @('-a always,exit -F arch=b64 -S execve -F key=go_exec', '-a always,exit -F arch=b32 -S execve -F key=go_exec')
        (New-AuditRule -WatchPath /etc/profile.d/ -Permission wa -Key go_env).Text | Should -Be '-w /etc/profile.d -p wa -k go_env'
        (New-AuditRule -Text '-a exit,always -S open,close -F arch=b64' -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
        { New-AuditRule -Text '-a always,exit -S execve -F arch=b64' -ErrorAction Stop } | Should -Throw -ErrorId 'AuditRuleParseError,GoBaseline.Commands.NewAuditRuleCommand'
    }
}

Describe 'Compare-AuditRule' {
    It 'compares by meaning: key spelling, field order and syscall order do not matter' {
        $root = New-AuditRoot
        "-a always,exit -F arch=b64 -S open -S close -F auid>=1000 -F uid=0 -k k1`n" | Set-Content -NoNewline "$root/etc/audit/rules.d/10.rules"
        $desired = New-AuditRule -Text '-a exit,always -F arch=b64 -S close,open -F uid=root -F key=k1 -F auid>=1000'
        $d = @($desired | Compare-AuditRule -Root $root)
        $d.Count | Should -Be 1
        $d[0].InDesired | Should -BeTrue
        $d[0].InPersistent | Should -BeTrue
        # Under -Root there is no kernel to read: a persistent rule is "not loaded".
        $d[0].Status | Should -Be 'NotLoaded'
        $d[0].PersistentSource | Should -Be '/etc/audit/rules.d/10.rules:1'
        Remove-Item -Recurse -Force $root
    }

    It 'reports desired, persistent and live rules three ways on the real kernel' {
        $out = Invoke-Locked @'
Import-Module $args[0]
$before = auditctl -l
auditctl -D | Out-Null
$root = Join-Path ([IO.Path]::GetTempPath()) ("gb-cmp-" + [guid]::NewGuid().ToString('N'))
try {
    auditctl -a always,exit -F arch=b64 -S execve -k go_exec | Out-Null
    auditctl -a always,exit -F arch=b64 -S kill -k handmade | Out-Null
    $rules = "-a always,exit -F arch=b64 -S execve -F key=go_exec`n-a always,exit -F arch=b32 -S execve -k go_exec`n"
    New-Item -ItemType Directory -Force "$root" | Out-Null
    Set-Content -NoNewline -Path "$root/desired.rules" -Value ($rules + "-w /etc/environment -p wa -k go_env`n")
    $d = Compare-AuditRule -DesiredPath "$root/desired.rules"
    ($d | ForEach-Object { "$($_.Status)|$($_.Text)" }) -join "`n"
} finally {
    Remove-Item -Recurse -Force $root -ErrorAction SilentlyContinue
    auditctl -D | Out-Null
    if ($before -ne 'No rules') { $f = New-TemporaryFile; $before | Set-Content $f; chmod 600 $f; auditctl -R $f | Out-Null; Remove-Item $f }
}
'@
        $rows = ($out -join "`n") -split "`n"
        $rows | Should -Contain 'NotPersisted|-a always,exit -F arch=b64 -S execve -F key=go_exec'
        $rows | Should -Contain 'Missing|-a always,exit -F arch=b32 -S execve -F key=go_exec'
        $rows | Should -Contain 'Missing|-w /etc/environment -p wa -k go_env'
        $rows | Should -Contain 'NotDesired|-a always,exit -F arch=b64 -S kill -F key=handmade'
    }
}

Describe 'Test-AuditRule' {
    It 'passes the Go baseline written in rules.d (under -Root: persistent only)' {
        $root = New-AuditRoot
        @(
            '-a always,exit -F arch=b64 -S execve -k go_exec'
            '-a always,exit -F arch=b32 -S execve -k go_exec'
            '-w /etc/environment -p wa -k go_env'
            '-w /etc/profile.d/ -p wa -k go_env'
            '-w /etc/systemd/system/ -p wa -k go_env'
            '-w /home/dev/.config/go/env -p wa -k go_env'
        ) -join "`n" | Set-Content "$root/etc/audit/rules.d/50-go.rules"
        $r = Test-AuditRule -Root $root
        $r.ControlId | Should -Be @('AUDIT-001', 'AUDIT-002', 'AUDIT-003', 'AUDIT-004', 'AUDIT-005', 'AUDIT-006')
        $r.Status | Should -Not -Contain 'Fail'
        ($r | Where-Object ControlId -eq 'AUDIT-001').Evidence | Should -Match '50-go.rules:1'
        Test-AuditRule -Root $root -Quiet | Should -BeTrue
        Remove-Item -Recurse -Force $root
    }

    It 'reports the seed''s misconfigurations with the reason' {
        $root = New-AuditRoot
        "-a always,exit -S execve -k go_exec`n" | Set-Content -NoNewline "$root/etc/audit/rules.d/40-noarch.rules"
        "-a task,always -S execve -k go_exec`n" | Set-Content -NoNewline "$root/etc/audit/rules.d/41-task.rules"
        $r = Test-AuditRule -Root $root -ControlId AUDIT-00[12] -ErrorAction SilentlyContinue
        $r.Status | Should -Be @('Fail', 'Fail')
        $r[0].Message | Should -Match 'task list'
        $r[0].Message | Should -Match 'no -F arch='
        Test-AuditRule -Root $root -Quiet | Should -BeFalse
        Remove-Item -Recurse -Force $root
    }

    It 'lints rules files' {
        $root = New-AuditRoot
        "-e 2`n-a always,exit -F arch=b64 -S execve -k go_exec`n-a always,exit -F arch=b64 -S execve -k go_exec`n-w /nonexistent/dir/file -p wa`n-a always,exit -F uid=ghost -S open" | Set-Content -NoNewline "$root/etc/audit/rules.d/10.rules"
        $codes = (Test-AuditRule -Root $root -Lint).Code
        $codes | Should -Contain 'ImmutableNotLast'
        $codes | Should -Contain 'DuplicateRule'
        $codes | Should -Contain 'WatchPathMissing'
        $codes | Should -Contain 'UnknownUser'
        $codes | Should -Contain 'NoFinalNewline'
        Remove-Item -Recurse -Force $root
    }
}
