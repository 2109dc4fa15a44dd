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
        "## generated`n-D`n-a always,exit -F arch=b32 -S execve -k old`n" | Set-Content -NoNewline "$root/etc/audit/audit.rules"
        (Get-AuditRule -Root $root -Persistent -Generated).Text | Should -Be '-a always,exit -F arch=b32 -S execve -F key=old'
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
        # Under -Root there is no kernel to read: a persistent rule is not called loaded or not loaded.
        $d[0].Status | Should -Be 'LiveNotChecked'
        $d[0].InLive | Should -BeFalse
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
        $rows | Should -Contain 'MissingPersistent|-a always,exit -F arch=b64 -S execve -F key=go_exec'
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
            '-w /run/systemd/system/ -p wa -k go_env'
            '-w /usr/lib/systemd/system/ -p wa -k go_env'
            '-w /home/dev/.config/go/env -p wa -k go_env'
        ) -join "`n" | Set-Content "$root/etc/audit/rules.d/50-go.rules"
        $r = Test-AuditRule -Root $root
        $r.ControlId | Should -Be @('AUDIT-001', 'AUDIT-002', 'AUDIT-003', 'AUDIT-004', 'AUDIT-005', 'AUDIT-005', 'AUDIT-005', 'AUDIT-006', 'AUDIT-006')
        $r.Status | Should -Not -Contain 'Fail'
        # root's GOENV directory (/root/.config/go) does not exist in this root: the kernel would refuse the watch, so it is explained, not failed.
        $rootEnv = $r | Where-Object Expected -eq '-w /root/.config/go/env -p wa -k go_env'
        $rootEnv.Status | Should -Be 'Warn'
        $rootEnv.Message | Should -Match '/root/.config/go does not exist'
        ($r | Where-Object ControlId -eq 'AUDIT-001').Evidence | Should -Match '50-go.rules:1'
        Test-AuditRule -Root $root -Quiet | Should -BeTrue
        Remove-Item -Recurse -Force $root
    }

    It 'following every suggested fix in turn makes every control pass, and the GOENV watch is required before go env -w creates the file' {
        $root = New-AuditRoot
        Remove-Item "$root/home/dev/.config/go/env"
        New-Item -ItemType Directory -Force "$root/root/.config/go", "$root/usr/lib/systemd/system", "$root/run/systemd" | Out-Null
        "-a always,exit -F arch=b64 -S kill -k other`n" | Set-Content -NoNewline "$root/etc/audit/rules.d/50-gobaseline.rules"
        $before = @(Test-AuditRule -Root $root)
        $fixes = @($before | Where-Object Status -eq 'Fail')
        $fixes.Count | Should -Be 9
        ($before | Where-Object Expected -eq '-w /home/dev/.config/go/env -p wa -k go_env').Status | Should -Be 'Fail'
        foreach ($f in $fixes) {
            $f.Remediation | Should -BeLike 'Add-AuditRule -Text *'
            Invoke-Expression "$($f.Remediation) -Root '$root'" | Out-Null
        }
        $after = @(Test-AuditRule -Root $root)
        $after.Status | Should -Not -Contain 'Fail'
        $after.Status | Should -Not -Contain 'Warn'
        $after.Count | Should -Be $before.Count
        # Every fix kept the rules before it, and the rule of another key that was there.
        $managed = Get-AuditRule -Root $root -Path /etc/audit/rules.d/50-gobaseline.rules
        $managed.Count | Should -Be 10
        $managed[0].Text | Should -Be '-a always,exit -F arch=b64 -S kill -F key=other'
        Remove-Item -Recurse -Force $root
    }

    It 'takes the rules to check and compare from a profile (-Profile); the default profile is the Go baseline' {
        $root = New-AuditRoot
        "-a always,exit -F arch=b64 -S kill -k team`n-a never,exit -F arch=b64 -S kill -F auid=1000`n" | Set-Content -NoNewline "$root/etc/audit/rules.d/50-team.rules"
        $profileFile = Join-Path $root 'team.yaml'
        @'
id: team
controls:
  - id: TEAM-001
    title: kill is audited
    severity: low
    check: { type: AuditRule, rule: "-a always,exit -F arch=b64 -S kill -k team" }
  - id: TEAM-002
    title: GOENV file {goenv} is watched
    check: { type: AuditRule, rule: "-w {goenv} -p wa -k go_env" }
'@ | Set-Content $profileFile
        $r = @(Test-AuditRule -Root $root -Profile $profileFile)
        $r.ControlId | Should -Be @('TEAM-001', 'TEAM-002', 'TEAM-002')
        $r[0].Status | Should -Be 'Pass'
        ($r | Where-Object Expected -eq '-w /home/dev/.config/go/env -p wa -k go_env').Status | Should -Be 'Fail'
        (Test-AuditRule -Root $root -Profile default).ControlId | Should -Contain 'AUDIT-001'
        # Desired (the profile, never rule absent) against persistent: the kill rule is in sync as far as it can be checked.
        $d = @(Compare-AuditRule -Root $root -Profile $profileFile)
        ($d | Where-Object Text -eq '-a always,exit -F arch=b64 -S kill -F key=team').Status | Should -Be 'LiveNotChecked'
        ($d | Where-Object Text -eq '-a never,exit -F arch=b64 -S kill -F auid=1000').Status | Should -Be 'NotDesired'
        "id: bad`ncontrols:`n  - id: B-1`n    check: { type: AuditRule, rule: `"-a always,exit -S nosuchcall`" }`n" | Set-Content $profileFile
        { Test-AuditRule -Root $root -Profile $profileFile -ErrorAction Stop } | Should -Throw -ErrorId 'ProfileInvalid,GoBaseline.Commands.TestAuditRuleCommand'
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

# The four remediation tests of STYLE.md, for the live kernel and for the persistent files (+ augenrules --load),
# each in a child pwsh that holds the shared audit lock and restores the previous kernel rules and files.
Describe 'Add-, Remove-, Set-AuditRule remediation' {
    BeforeAll {
        # Prologue/epilogue of every locked step: remember the kernel list and the /etc/audit files, put them back.
        $Guard = @'
Import-Module $args[0]
$ErrorActionPreference = 'Stop'
$beforeList = auditctl -l
$files = '/etc/audit/audit.rules', '/etc/audit/audit.rules.prev', '/etc/audit/rules.d/50-gobaseline.rules'
$saved = @{}; foreach ($f in $files) { $saved[$f] = if (Test-Path $f) { [IO.File]::ReadAllBytes($f) } else { $null } }
$status = auditctl -s
function Get-State { [pscustomobject]@{ List = (auditctl -l) -join "`n"; Files = ($files | ForEach-Object { if (Test-Path $_) { "$_=" + (Get-FileHash $_).Hash + '/' + [Convert]::ToString([int](Get-Item $_).UnixFileMode, 8) } else { "$_=absent" } }) -join ';' } }
function Set-Kernel([string[]] $Lines) { auditctl -D | Out-Null; foreach ($l in $Lines) { auditctl @($l -split ' ') | Out-Null } }
try {
'@
        $Restore = @'
} finally {
    foreach ($f in $files) { if ($null -eq $saved[$f]) { Remove-Item $f -Force -ErrorAction SilentlyContinue } else { [IO.File]::WriteAllBytes($f, $saved[$f]) } }
    auditctl -D | Out-Null
    if ($beforeList -ne 'No rules') { $t = New-TemporaryFile; $beforeList | Set-Content $t; chmod 600 $t; auditctl -R $t | Out-Null; Remove-Item $t }
    foreach ($kv in @(@('-b', 'backlog_limit'), @('-f', 'failure'), @('-r', 'rate_limit'), @('--backlog_wait_time', 'backlog_wait_time'))) {
        $v = (($status | Select-String "^$($kv[1]) ").Line -split ' ')[1]; if ($v) { auditctl $kv[0] $v | Out-Null }
    }
}
'@
        function Invoke-Guarded([string] $Body) { Invoke-Locked ($Guard + $Body + $Restore) }
    }

    It '-WhatIf changes nothing and prints the exact auditctl command and file line' {
        $out = Invoke-Guarded @'
    Set-Kernel '-a always,exit -F arch=b64 -S kill -k other'
    $s0 = Get-State
    New-AuditRule -Syscall execve -Arch b64, b32 -Key go_exec | Add-AuditRule -Live -WhatIf
    New-AuditRule -Syscall execve -Arch b64 -Key go_exec | Add-AuditRule -WhatIf
    Get-AuditRule -Live -Key other | Remove-AuditRule -Live -WhatIf
    Set-AuditRule -Key go_exec -Text '-a always,exit -F arch=b64 -S execve -k go_exec' -WhatIf
    $s1 = Get-State
    "SAME=$(($s0.List -eq $s1.List) -and ($s0.Files -eq $s1.Files))"
'@
        $text = $out -join "`n"
        $text | Should -Match 'SAME=True'
        $text | Should -Match ([regex]::Escape('"auditctl -a always,exit -F arch=b64 -S execve -F key=go_exec; auditctl -a always,exit -F arch=b32 -S execve -F key=go_exec"'))
        $text | Should -Match ([regex]::Escape('"Write /etc/audit/rules.d/50-gobaseline.rules: line 2: -a always,exit -F arch=b64 -S execve -F key=go_exec"'))
        # The reload's real effect on the kernel: the rule it adds, the live-only rule it deletes (rules.d starts with -D), and a warning about that one.
        $text | Should -Match ([regex]::Escape('"augenrules --load: kernel + -a always,exit -F arch=b64 -S execve -F key=go_exec; - -a always,exit -F arch=b64 -S kill -F key=other"'))
        $text | Should -Match ([regex]::Escape("augenrules --load deletes the loaded rule '-a always,exit -F arch=b64 -S kill -F key=other'"))
        $text | Should -Match ([regex]::Escape('"auditctl -d always,exit -F arch=b64 -S kill -F key=other"'))
    }

    It 'applies live and persistent changes, -PassThru returns the new rules, a rerun changes nothing' {
        $out = Invoke-Guarded @'
    Set-Kernel '-a always,exit -F arch=b64 -S kill -k other'
    $p = New-AuditRule -Syscall execve -Arch b64, b32 -Key go_exec | Add-AuditRule -Live -PassThru
    "LIVE=" + ($p.Text -join '|')
    "LIST=" + ((auditctl -l) -join '|')
    "RERUN=" + (New-AuditRule -Syscall execve -Arch b64, b32 -Key go_exec | Add-AuditRule -Live).Changed
    $q = Add-AuditRule -Text '-w /etc/environment -p wa -k go_env' -PassThru
    "PERSIST=" + ($q.Text -join '|')
    "MANAGED=" + ((Get-Content /etc/audit/rules.d/50-gobaseline.rules) -join '|')
    "GENERATED=" + ((Get-Content /etc/audit/audit.rules | Select-String 'go_env').Line)
    $s = Set-AuditRule -Live -Key go_exec -Text '-a always,exit -F arch=b64 -S execve -k go_exec' -PassThru
    "SET=" + ($s.Text -join '|')
    "AFTERSET=" + ((auditctl -l) -join '|')
'@
        $text = $out -join "`n"
        $text | Should -Match ([regex]::Escape('LIVE=-a always,exit -F arch=b64 -S execve -F key=go_exec|-a always,exit -F arch=b32 -S execve -F key=go_exec'))
        $text | Should -Match ([regex]::Escape('LIST=-a always,exit -F arch=b64 -S kill -F key=other|-a always,exit -F arch=b64 -S execve -F key=go_exec|-a always,exit -F arch=b32 -S execve -F key=go_exec'))
        $text | Should -Match 'RERUN=False'
        $text | Should -Match ([regex]::Escape('PERSIST=-w /etc/environment -p wa -k go_env'))
        $text | Should -Match ([regex]::Escape('MANAGED=## Managed by GoBaseline'))
        $text | Should -Match ([regex]::Escape('|-w /etc/environment -p wa -k go_env'))
        $text | Should -Match ([regex]::Escape('GENERATED=-w /etc/environment -p wa -k go_env'))
        $text | Should -Match ([regex]::Escape('SET=-a always,exit -F arch=b64 -S execve -F key=go_exec'))
        $text | Should -Match ([regex]::Escape('AFTERSET=-w /etc/environment -p wa -k go_env|-a always,exit -F arch=b64 -S execve -F key=go_exec'))
    }

    It 'undo restores the exact auditctl -l list and the files byte for byte' {
        $out = Invoke-Guarded @'
    Set-Kernel '-a always,exit -F arch=b64 -S kill -k first', '-w /etc/hosts -p wa -k middle', '-a always,exit -F arch=b32 -S kill -k last'
    $s0 = Get-State
    $r1 = Get-AuditRule -Live -Key middle | Remove-AuditRule -Live
    "REMOVED=" + ((auditctl -l) -join '|')
    Undo-BaselineChange -TransactionId $r1.TransactionId | Out-Null
    $s1 = Get-State
    "LIVEUNDO=$($s0.List -eq $s1.List)"
    $r2 = New-AuditRule -Syscall execve -Arch b64, b32 -Key go_exec | Add-AuditRule
    $s2 = Get-State
    "CHANGED=$($s2.Files -ne $s0.Files) $($s2.List -ne $s0.List)"
    Undo-BaselineChange -TransactionId $r2.TransactionId | Out-Null
    $s3 = Get-State
    "PERSISTUNDO=$(($s0.List -eq $s3.List) -and ($s0.Files -eq $s3.Files))"
    "STATUS=" + (((auditctl -s | Select-String 'backlog_limit|failure|backlog_wait_time ').Line -join ',') -eq (($status | Select-String 'backlog_limit|failure|backlog_wait_time ').Line -join ','))
'@
        $text = $out -join "`n"
        $text | Should -Match ([regex]::Escape('REMOVED=-a always,exit -F arch=b64 -S kill -F key=first|-a always,exit -F arch=b32 -S kill -F key=last'))
        $text | Should -Match 'LIVEUNDO=True'
        $text | Should -Match 'CHANGED=True True'
        $text | Should -Match 'PERSISTUNDO=True'
        $text | Should -Match 'STATUS=True'
    }

    It 'a failure injected mid-way rolls everything back' {
        $out = Invoke-Guarded @'
    Set-Kernel '-a always,exit -F arch=b64 -S kill -k other'
    $s0 = Get-State
    # The second rule parses, but the kernel refuses it (its directory does not exist): auditctl fails half way.
    Add-AuditRule -Live -Text '-a always,exit -F arch=b64 -S execve -k go_exec', '-w /nonexistent-gobaseline/x -p wa -k bad' -ErrorVariable e1 -ErrorAction SilentlyContinue
    "LIVEERR=" + $e1[0].FullyQualifiedErrorId
    $s1 = Get-State
    "LIVEBACK=$(($s0.List -eq $s1.List) -and ($s0.Files -eq $s1.Files))"
    # Persistent: the managed file is written, then augenrules --load fails on the same rule: file and kernel come back.
    Add-AuditRule -Text '-a always,exit -F arch=b64 -S execve -k go_exec', '-w /nonexistent-gobaseline/x -p wa -k bad' -ErrorVariable e2 -ErrorAction SilentlyContinue
    "PERSISTERR=" + $e2[0].FullyQualifiedErrorId
    $s2 = Get-State
    "PERSISTBACK=$(($s0.List -eq $s2.List) -and ($s0.Files -eq $s2.Files))"
    # A bad line: nothing at all is tried.
    try { Add-AuditRule -Live -Text '-a always,exit -F arch=b64 -S execve -k ok', '-a always,exit -F uid=ghost -S open' } catch { "PARSEERR=" + $_.FullyQualifiedErrorId }
    $s3 = Get-State
    "PARSEBACK=$($s0.List -eq $s3.List)"
'@
        $text = $out -join "`n"
        $text | Should -Match 'LIVEERR=ChangeFailed,GoBaseline.Commands.AddAuditRuleCommand'
        $text | Should -Match 'LIVEBACK=True'
        $text | Should -Match 'PERSISTERR=ChangeFailed,GoBaseline.Commands.AddAuditRuleCommand'
        $text | Should -Match 'PERSISTBACK=True'
        $text | Should -Match 'PARSEERR=AuditRuleParseError,GoBaseline.Commands.AddAuditRuleCommand'
        $text | Should -Match 'PARSEBACK=True'
    }

    It 'puts a never rule before the always rules of its list in the managed file (under -Root)' {
        $root = New-AuditRoot
        "-a always,exit -F arch=b64 -S execve -k go_exec`n-w /etc/environment -p wa -k go_env`n" | Set-Content -NoNewline "$root/etc/audit/rules.d/50-gobaseline.rules"
        Add-AuditRule -Root $root -Text '-a never,exit -F arch=b64 -S execve -F exe=/usr/bin/ls' | Out-Null
        (Get-AuditRule -Root $root -Path /etc/audit/rules.d/50-gobaseline.rules).Text | Should -Be @(
            '-a never,exit -F arch=b64 -S execve -F exe=/usr/bin/ls'
            '-a always,exit -F arch=b64 -S execve -F key=go_exec'
            '-w /etc/environment -p wa -k go_env')
        (Test-AuditRule -Root $root -Lint).Code | Should -Not -Contain 'NeverAfterAlways'
        Set-AuditRule -Root $root -Key ls -Text '-a never,exit -F arch=b64 -S execve -F exe=/usr/bin/id -k ls' | Out-Null
        (Get-AuditRule -Root $root -Path /etc/audit/rules.d/50-gobaseline.rules).Text[0..2] | Should -Be @(
            '-a never,exit -F arch=b64 -S execve -F exe=/usr/bin/ls'
            '-a never,exit -F arch=b64 -S execve -F exe=/usr/bin/id -F key=ls'
            '-a always,exit -F arch=b64 -S execve -F key=go_exec')
        (Test-AuditRule -Root $root -Lint).Code | Should -Not -Contain 'NeverAfterAlways'
        Remove-Item -Recurse -Force $root
    }

    It 'prepends a never rule in the kernel (auditctl -A), so the kernel order is the file order' {
        $out = Invoke-Guarded @'
    Set-Kernel '-a always,exit -F arch=b64 -S execve -k go_exec', '-a always,exit -F arch=b64 -S kill -k other'
    $s0 = Get-State
    Add-AuditRule -Live -Text '-a never,exit -F arch=b64 -S execve -F exe=/usr/bin/ls' -WhatIf
    $c = Add-AuditRule -Live -Text '-a never,exit -F arch=b64 -S execve -F exe=/usr/bin/ls'
    "LIST=" + ((auditctl -l) -join '|')
    Undo-BaselineChange -TransactionId $c.TransactionId | Out-Null
    "UNDONE=$($s0.List -eq (Get-State).List)"
'@
        $text = $out -join "`n"
        $text | Should -Match ([regex]::Escape('auditctl -A never,exit -F arch=b64 -S execve -F exe=/usr/bin/ls'))
        $text | Should -Match ([regex]::Escape('LIST=-a never,exit -F arch=b64 -S execve -F exe=/usr/bin/ls|-a always,exit -F arch=b64 -S execve -F key=go_exec|-a always,exit -F arch=b64 -S kill -F key=other'))
        $text | Should -Match 'UNDONE=True'
    }

    It 'under -Root changes only the managed file, and undo restores it' {
        $root = New-AuditRoot
        "-a always,exit -F arch=b64 -S kill -k other`n" | Set-Content -NoNewline "$root/etc/audit/rules.d/50-gobaseline.rules"
        $before = [IO.File]::ReadAllBytes("$root/etc/audit/rules.d/50-gobaseline.rules")
        $r = Set-AuditRule -Root $root -Text '-a always,exit -F arch=b64 -S execve -k go_exec'
        $r.Changed | Should -BeTrue
        (Get-AuditRule -Root $root -Persistent).Text | Should -Be '-a always,exit -F arch=b64 -S execve -F key=go_exec'
        { Add-AuditRule -Root $root -Live -Text '-a always,exit -F arch=b64 -S execve -k go_exec' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidRoot,GoBaseline.Commands.AddAuditRuleCommand'
        Undo-BaselineChange -Root $root -TransactionId $r.TransactionId | Out-Null
        [IO.File]::ReadAllBytes("$root/etc/audit/rules.d/50-gobaseline.rules") | Should -Be $before
        Remove-Item -Recurse -Force $root
    }
}
