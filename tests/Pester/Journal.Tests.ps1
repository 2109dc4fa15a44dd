# The change journal and its first user, Set-GoEnvBaseline, through the built module: real files under fixture
# roots made here (and a throw-away unit on the live root), real go, setfattr, flock and child pwsh processes.
BeforeAll {
    Import-Module $env:GOBASELINE_MODULE -Force
    $Pwsh = (Get-Process -Id $PID).Path
    # @(...) keeps a one-element array: splatting a bare string would splat its characters.
    $PwshArgs = @(if ($Pwsh -match 'dotnet$') { [Environment]::GetCommandLineArgs()[0] })
    $GoBin = '/usr/lib/go-1.19/bin'
    $Journal = '/var/lib/gobaseline/journal'

    function New-FixtureRoot {
        $root = Join-Path ([IO.Path]::GetTempPath()) ("gb-journal-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Force "$root/etc/systemd/system", "$root/home/dev/.config/go", "$root/usr/local/go/bin" | Out-Null
        "root:x:0:0:root:/root:/bin/bash`ndev:x:1000:1000:Dev:/home/dev:/bin/bash" | Set-Content "$root/etc/passwd"
        "go1.22.4`ntime 2024-05-30T19:26:07Z" | Set-Content "$root/usr/local/go/VERSION"
        "GOPROXY=https://proxy.golang.org,direct`nGOSUMDB=sum.golang.org`nGOTOOLCHAIN=auto" | Set-Content "$root/usr/local/go/go.env"
        [IO.File]::WriteAllText("$root/etc/environment", "PATH=`"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin`"`r`nGO111MODULE=auto`n# keep me`nLANG=C.UTF-8")
        "[Unit]`nDescription=builder`n[Service]`nExecStart=/usr/local/bin/builder" | Set-Content "$root/etc/systemd/system/builder.service"
        $root
    }

    # Every file under a root (the journal excluded unless asked) with its hash, mode, owner and SELinux label.
    function Get-TreeState([string] $Root, [switch] $WithJournal) {
        Get-ChildItem -LiteralPath $Root -Recurse -Force -File |
            Where-Object { $WithJournal -or $_.FullName -notlike "$Root$Journal*" } |
            Sort-Object FullName |
            ForEach-Object {
                $label = & getfattr -n security.selinux --only-values --absolute-names $_.FullName 2>$null
                '{0} {1} {2} {3}' -f $_.FullName.Substring($Root.Length), (Get-FileHash -LiteralPath $_.FullName -Algorithm SHA256).Hash, (& stat -c '%a %u:%g' $_.FullName), "$label"
            }
    }

    function Invoke-ChildPwsh([string] $Script) {
        $out = & $Pwsh @PwshArgs -NoProfile -NonInteractive -Command "Import-Module '$env:GOBASELINE_MODULE'; $Script" 2>&1
        [pscustomobject]@{ Output = ($out | Out-String); ExitCode = $LASTEXITCODE }
    }
}

Describe 'Set-GoEnvBaseline -Scope System' {
    It '-WhatIf changes nothing (every file hashed before and after) and shows the exact file and line' {
        $root = New-FixtureRoot
        $before = Get-TreeState $root -WithJournal
        $p = Set-GoEnvBaseline -Root $root -WhatIf
        $p.WhatIf | Should -BeTrue
        $p.Changed | Should -BeTrue
        $p.TransactionId | Should -BeNullOrEmpty
        $p.Diff | Should -Match '(?m)^\+GO111MODULE=on$'
        Get-TreeState $root -WithJournal | Should -Be $before
        Test-Path "$root$Journal" | Should -BeFalse

        # The WhatIf text goes to the host: read it from a child pwsh.
        $child = Invoke-ChildPwsh "Set-GoEnvBaseline -Root '$root' -WhatIf"
        $child.Output | Should -Match ([regex]::Escape('on target "Write /etc/environment: line 2: GO111MODULE=auto -> GO111MODULE=on; append line 5: CGO_ENABLED=0'))
        $child.Output | Should -Match ([regex]::Escape('Write /etc/profile.d/gobaseline-go.sh: export GO111MODULE=on; export CGO_ENABLED=0; export GOCACHE=/tmp/go-build; export GOPROXY=https://proxy.golang.org,direct; export GOTOOLCHAIN=local'))
        Get-TreeState $root -WithJournal | Should -Be $before
        Remove-Item -Recurse -Force $root
    }

    It 'applies, -PassThru returns the new GoEnvironmentVariables, a second run changes nothing and says so' {
        $root = New-FixtureRoot
        $v = Set-GoEnvBaseline -Root $root -PassThru
        ($v | ForEach-Object { "$($_.Name)=$($_.Value)" }) | Should -Be @('GO111MODULE=on', 'CGO_ENABLED=0', 'GOCACHE=/tmp/go-build', 'GOPROXY=https://proxy.golang.org,direct', 'GOTOOLCHAIN=local')
        $v[0] | Should -BeOfType ([GoBaseline.GoEnvironmentVariable])
        $v.Layer | Sort-Object -Unique | Should -Be 'ProfileScript'
        $v.Source | Sort-Object -Unique | Should -Be '/etc/profile.d/gobaseline-go.sh'
        [IO.File]::ReadAllText("$root/etc/environment") | Should -BeExactly "PATH=`"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin`"`r`nGO111MODULE=on`n# keep me`nLANG=C.UTF-8`nCGO_ENABLED=0`nGOCACHE=/tmp/go-build`nGOPROXY=https://proxy.golang.org,direct`nGOTOOLCHAIN=local`n"
        (Get-GoEnvironment -Root $root -Scope System -Name GOTOOLCHAIN).Value | Should -Be 'local'
        (Test-GoEnvBaseline -Root $root -Scope System | Where-Object ControlId -in 'GOENV-001', 'GOENV-002', 'GOENV-003', 'GOENV-004').Status | Sort-Object -Unique | Should -Be 'Pass'

        $state = Get-TreeState $root -WithJournal
        $again = Set-GoEnvBaseline -Root $root
        $again.Changed | Should -BeFalse
        $again.TransactionId | Should -BeNullOrEmpty
        $again.Unchanged.Count | Should -Be 2
        Get-TreeState $root -WithJournal | Should -Be $state
        Remove-Item -Recurse -Force $root
    }

    It 'returns the automation result: Changed, TransactionId, Changes and a unified diff' {
        $root = New-FixtureRoot
        $r = Set-GoEnvBaseline -Root $root -Name GO111MODULE -Value on
        $r | Should -BeOfType ([GoBaseline.BaselineChangeResult])
        $r.Changed | Should -BeTrue
        $r.State | Should -Be 'Applied'
        $r.TransactionId | Should -Match '^\d{8}T\d{9}Z-[0-9a-f]{6}$'
        $r.Changes.Id | Should -Contain "$($r.TransactionId)#1"
        $r.Diff | Should -Match '(?m)^--- a/etc/environment$'
        $r.Diff | Should -Match '(?m)^-GO111MODULE=auto$'
        $r.Diff | Should -Match '(?m)^\+GO111MODULE=on$'
        ($r | ConvertTo-Json -Depth 4 | ConvertFrom-Json).Changed | Should -BeTrue
        Remove-Item -Recurse -Force $root
    }

    It 'undo restores byte for byte, with mode, owner and the security.selinux label' {
        $root = New-FixtureRoot
        & chmod 0640 "$root/etc/environment"
        & chown 0:4 "$root/etc/environment"
        & setfattr -n security.selinux -v 'system_u:object_r:etc_t:s0' "$root/etc/environment"
        New-Item -ItemType Directory "$root/etc/profile.d" | Out-Null
        $before = Get-TreeState $root
        $before | Where-Object { $_ -like '/etc/environment *' } | Should -Match ' 640 0:4 system_u:object_r:etc_t:s0$'

        $r = Set-GoEnvBaseline -Root $root
        (& stat -c '%a %u:%g' "$root/etc/environment") | Should -Be '640 0:4'
        (& getfattr -n security.selinux --only-values --absolute-names "$root/etc/environment") | Should -Be 'system_u:object_r:etc_t:s0'
        Get-TreeState $root | Should -Not -Be $before

        $u = $r | Undo-BaselineChange -Root $root -Confirm:$false
        $u.State | Should -Be 'RolledBack'
        $u.Diff | Should -Match '(?m)^\+GO111MODULE=auto$'
        Get-TreeState $root | Should -Be $before
        (Get-BaselineChange -Root $root -TransactionId $r.TransactionId).State | Sort-Object -Unique | Should -Be 'RolledBack'
        Remove-Item -Recurse -Force $root
    }

    It 'rolls back everything when a change fails for real mid-transaction' {
        $root = New-FixtureRoot
        # /etc/environment is a symbolic link nobody named: the profile.d script is written first, then writing
        # /etc/environment is refused, and the script (and the profile.d directory it created) must go again.
        Move-Item "$root/etc/environment" "$root/etc/environment.real"
        New-Item -ItemType SymbolicLink -Path "$root/etc/environment" -Target 'environment.real' | Out-Null
        $before = Get-TreeState $root
        { Set-GoEnvBaseline -Root $root -ErrorAction Stop } | Should -Throw -ErrorId 'ChangeFailed,GoBaseline.Commands.SetGoEnvBaselineCommand'
        Get-TreeState $root | Should -Be $before
        Test-Path "$root/etc/profile.d" | Should -BeFalse
        (Get-Item "$root/etc/environment").LinkTarget | Should -Be 'environment.real'
        $c = Get-BaselineChange -Root $root
        $c.State | Sort-Object -Unique | Should -Be 'Failed'
        ($c | Where-Object Target -eq '/etc/environment').ChangeState | Should -Be 'Failed'
        ($c | Where-Object Target -eq '/etc/profile.d/gobaseline-go.sh').ChangeState | Should -Be 'Reverted'
        ($c | Where-Object Target -eq '/etc/environment').Error | Should -Match 'symbolic link'
        Remove-Item -Recurse -Force $root
    }

    It 'refuses to undo after someone else''s edit (ChangeDrifted) and restores with -Force' {
        $root = New-FixtureRoot
        $original = [IO.File]::ReadAllBytes("$root/etc/environment")
        $r = Set-GoEnvBaseline -Root $root
        Add-Content "$root/etc/environment" 'EDITOR=vi'
        $edited = Get-TreeState $root
        { Undo-BaselineChange -Root $root -TransactionId $r.TransactionId -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ChangeDrifted,GoBaseline.Commands.UndoBaselineChangeCommand'
        try { Undo-BaselineChange -Root $root -TransactionId $r.TransactionId -Confirm:$false -ErrorAction Stop } catch { $_.Exception.Message | Should -Match '/etc/environment \(sha256: ' }
        Get-TreeState $root | Should -Be $edited
        (Get-BaselineChange -Root $root -TransactionId $r.TransactionId).State | Sort-Object -Unique | Should -Be 'Applied'

        Undo-BaselineChange -Root $root -TransactionId $r.TransactionId -Force -Confirm:$false | Out-Null
        [IO.File]::ReadAllBytes("$root/etc/environment") | Should -Be $original
        Test-Path "$root/etc/profile.d/gobaseline-go.sh" | Should -BeFalse
        Remove-Item -Recurse -Force $root
    }
}

Describe 'Set-GoEnvBaseline -User and -ServiceName' {
    It 'writes the GOENV file exactly as go env -w does, and go env reads it back' {
        $root = New-FixtureRoot
        "# mine`nGOFLAGS=-mod=mod`nGOSUMDB=off`nGOFLAGS=-mod=vendor`n" | Set-Content -NoNewline "$root/home/dev/.config/go/env"
        $home2 = Join-Path $root 'gohome'
        New-Item -ItemType Directory -Force "$home2/.config/go" | Out-Null
        Copy-Item "$root/home/dev/.config/go/env" "$home2/.config/go/env"
        $names = 'GO111MODULE', 'CGO_ENABLED', 'GOPROXY', 'GOFLAGS'
        $values = 'on', '0', 'https://proxy.golang.org,direct', '-mod=readonly'

        # The fixture's /etc/environment sets GO111MODULE=auto, which beats the GOENV file in the user's login
        # environment: -PassThru tells the truth and the cmdlet warns.
        $v = Set-GoEnvBaseline -Root $root -User dev -Name $names -Value $values -PassThru -WarningVariable w -WarningAction SilentlyContinue
        $v.Value | Should -Be (@('auto') + $values[1..3])
        $w | Should -HaveCount 1
        "$w" | Should -Match 'GO111MODULE=on .* effective value .* ''auto'' .*/etc/environment:2'
        ($v | Select-Object -Skip 1).Layer | Sort-Object -Unique | Should -Be 'UserConfig'
        $v.Context | Sort-Object -Unique | Should -Be 'dev'

        & env -i "HOME=$home2" "PATH=$GoBin`:/usr/bin:/bin" "$GoBin/go" env -w ($names | ForEach-Object -Begin { $i = 0 } -Process { "$_=$($values[$i++])" })
        $LASTEXITCODE | Should -Be 0
        [IO.File]::ReadAllBytes("$root/home/dev/.config/go/env") | Should -Be ([IO.File]::ReadAllBytes("$home2/.config/go/env"))

        $read = & env -i "HOME=$root/home/dev" "PATH=$GoBin`:/usr/bin:/bin" "$GoBin/go" env @names
        $read | Should -Be $values
        (Set-GoEnvBaseline -Root $root -User dev -Name $names -Value $values).Changed | Should -BeFalse

        # Like go env -w, the User scope refuses a name that is not a go command variable, and writes nothing.
        $state = Get-TreeState $root -WithJournal
        Set-GoEnvBaseline -Root $root -User dev -Name GOFLAGS, FOO -Value '-x', 'bar' -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -Be 'InvalidSetting,GoBaseline.Commands.SetGoEnvBaselineCommand'
        $e[0].Exception.Message | Should -Match 'unknown go command variable FOO'
        Get-TreeState $root -WithJournal | Should -Be $state
        Remove-Item -Recurse -Force $root
    }

    It 'creates the GOCACHE it sets for the user (0700, owned by the user), so GOENV-012 passes; undo removes it' {
        $root = New-FixtureRoot
        New-Item -ItemType Directory "$root/tmp" | Out-Null
        & chmod 1777 "$root/tmp"
        # Before: the user's GOCACHE is the baseline's /tmp/go-build, which does not exist under a world-writable /tmp,
        # so anyone may create it first.
        "GOCACHE=/tmp/go-build`n" | Set-Content -NoNewline "$root/home/dev/.config/go/env"
        (Test-GoEnvBaseline -Root $root -User dev -ControlId GOENV-012).Status | Should -Be 'Fail'
        $r = Set-GoEnvBaseline -Root $root -User dev
        $r.Changed | Should -BeTrue
        (& stat -c '%a %u:%g' "$root/tmp/go-build") | Should -Be '700 1000:1000'
        (Test-GoEnvBaseline -Root $root -User dev -ControlId GOENV-012).Status | Should -Be 'Pass'
        (Set-GoEnvBaseline -Root $root -User dev).Changed | Should -BeFalse
        Undo-BaselineChange -Root $root -Last 1 -Confirm:$false | Out-Null
        Test-Path "$root/tmp/go-build" | Should -BeFalse

        # The System scope has no one builder to create it for: it says what to run instead and creates nothing.
        $null = Set-GoEnvBaseline -Root $root -WarningVariable w -WarningAction SilentlyContinue
        "$w" | Should -Match 'GOCACHE /tmp/go-build does not exist: .*install -d -m 0700 -o <user> /tmp/go-build'
        Test-Path "$root/tmp/go-build" | Should -BeFalse
        Remove-Item -Recurse -Force $root
    }

    It 'writes a systemd drop-in that Get-GoEnvironment reads, idempotently, and undo removes it' {
        $root = New-FixtureRoot
        $r = 'builder' | Set-GoEnvBaseline -Root $root -WarningAction SilentlyContinue
        $r.Changed | Should -BeTrue
        $dropIn = "$root/etc/systemd/system/builder.service.d/50-gobaseline-go.conf"
        Get-Content $dropIn | Should -Contain 'Environment="GOPROXY=https://proxy.golang.org,direct"'
        $v = Get-GoEnvironment -Root $root -ServiceName builder -Name GO111MODULE, GOTOOLCHAIN
        $v.Value | Should -Be @('on', 'local')
        $v.Source | Sort-Object -Unique | Should -Be '/etc/systemd/system/builder.service.d/50-gobaseline-go.conf'
        ('builder' | Set-GoEnvBaseline -Root $root).Changed | Should -BeFalse
        Undo-BaselineChange -Root $root -Last 1 -Confirm:$false | Out-Null
        Test-Path "$root/etc/systemd/system/builder.service.d" | Should -BeFalse
        { Set-GoEnvBaseline -Root $root -ServiceName nope -ErrorAction Stop } | Should -Throw -ErrorId 'ServiceNotFound,GoBaseline.Commands.SetGoEnvBaselineCommand'
        Remove-Item -Recurse -Force $root
    }

    It 'writes the drop-in of a template instance (build@web), which only that instance reads; WhatIf, rerun and undo' {
        $root = New-FixtureRoot
        New-Item -ItemType Directory -Force "$root/usr/lib/systemd/system" | Out-Null
        "[Unit]`nDescription=build %i`n[Service]`nEnvironment=GOFLAGS=-mod=mod GOCACHE=/var/cache/build/%i`nExecStart=/usr/local/bin/build %I" | Set-Content "$root/usr/lib/systemd/system/build@.service"
        $dropIn = '/etc/systemd/system/build@web.service.d/50-gobaseline-go.conf'
        $before = Get-TreeState $root -WithJournal
        $files = Get-TreeState $root

        $p = Set-GoEnvBaseline -Root $root -ServiceName build@web -Name GOFLAGS, GOPROXY -Value '-mod=readonly', 'https://proxy.golang.org,direct' -WhatIf
        $p.WhatIf | Should -BeTrue
        $p.Changed | Should -BeTrue
        Get-TreeState $root -WithJournal | Should -Be $before
        $child = Invoke-ChildPwsh "Set-GoEnvBaseline -Root '$root' -ServiceName build@web -Name GOFLAGS -Value '-mod=readonly' -WhatIf"
        $child.Output | Should -Match ([regex]::Escape("Write $dropIn"))
        Get-TreeState $root -WithJournal | Should -Be $before

        $r = Set-GoEnvBaseline -Root $root -ServiceName build@web -Name GOFLAGS, GOPROXY -Value '-mod=readonly', 'https://proxy.golang.org,direct' -WarningAction SilentlyContinue
        $r.Changed | Should -BeTrue
        (Get-BaselineChange -Root $root -TransactionId $r.TransactionId).Target | Should -Contain $dropIn
        Get-Content "$root$dropIn" | Should -Contain 'Environment="GOFLAGS=-mod=readonly"'
        $v = Get-GoEnvironment -Root $root -ServiceName build@web -Name GOFLAGS, GOCACHE, GOPROXY
        ($v | Where-Object Name -eq GOFLAGS).Source | Should -Be $dropIn
        ($v | Where-Object Name -eq GOFLAGS).Value | Should -Be '-mod=readonly'
        ($v | Where-Object Name -eq GOCACHE).Value | Should -Be '/var/cache/build/web'
        ($v | Where-Object Name -eq GOPROXY).Layer | Should -Be 'ServiceEnvironment'

        # Another instance of the template is not touched.
        (Get-GoEnvironment -Root $root -ServiceName build@db -Name GOFLAGS).Value | Should -Be '-mod=mod'

        $state = Get-TreeState $root -WithJournal
        (Set-GoEnvBaseline -Root $root -ServiceName build@web -Name GOFLAGS, GOPROXY -Value '-mod=readonly', 'https://proxy.golang.org,direct').Changed | Should -BeFalse
        Get-TreeState $root -WithJournal | Should -Be $state

        $r | Undo-BaselineChange -Root $root -Confirm:$false | Out-Null
        Test-Path "$root/etc/systemd/system/build@web.service.d" | Should -BeFalse
        (Get-GoEnvironment -Root $root -ServiceName build@web -Name GOFLAGS).Value | Should -Be '-mod=mod'
        Get-TreeState $root | Should -Be $files
        Remove-Item -Recurse -Force $root
    }

    It 'works on the live root for a throw-away unit, and undo leaves no trace' {
        $unit = 'gobaseline-journal-test-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $file = "/etc/systemd/system/$unit.service"
        "[Unit]`nDescription=GoBaseline journal test (never started)`n[Service]`nExecStart=/bin/true" | Set-Content $file
        try {
            $r = Set-GoEnvBaseline -ServiceName $unit -Name GOFLAGS -Value '-trimpath' -WarningAction SilentlyContinue -LockTimeout 120
            $r.Changed | Should -BeTrue
            (Get-GoEnvironment -ServiceName $unit -Name GOFLAGS).Value | Should -Be '-trimpath'
            (Get-BaselineChange -TransactionId $r.TransactionId).Target | Should -Contain "/etc/systemd/system/$unit.service.d/50-gobaseline-go.conf"
            $r | Undo-BaselineChange -Confirm:$false -LockTimeout 120 | Out-Null
            Test-Path "/etc/systemd/system/$unit.service.d" | Should -BeFalse
        }
        finally {
            Remove-Item -Recurse -Force "/etc/systemd/system/$unit.service.d" -ErrorAction Ignore
            Remove-Item -Force $file
        }
    }
}

Describe 'Get-BaselineChange, Checkpoint-Baseline, Restore-Baseline' {
    It 'filters by id, transaction, time and target, and -Detailed shows facts and the diff' {
        $root = New-FixtureRoot
        $t0 = [datetime]::UtcNow
        $a = Set-GoEnvBaseline -Root $root -Name GO111MODULE -Value on
        Start-Sleep -Milliseconds 50
        $t1 = [datetime]::UtcNow
        $b = Set-GoEnvBaseline -Root $root -User dev -Name GOFLAGS -Value -trimpath
        (Get-BaselineChange -Root $root).Count | Should -Be ($a.Changes.Count + $b.Changes.Count)
        (Get-BaselineChange -Root $root -TransactionId $b.TransactionId).TransactionId | Sort-Object -Unique | Should -Be $b.TransactionId
        $id = ($a.Changes | Where-Object Target -eq '/etc/environment').Id
        $id | Should -BeLike "$($a.TransactionId)#*"
        (Get-BaselineChange -Root $root -Id $id).Target | Should -Be '/etc/environment'
        (Get-BaselineChange -Root $root -Since $t1).TransactionId | Sort-Object -Unique | Should -Be $b.TransactionId
        (Get-BaselineChange -Root $root -Before $t1).TransactionId | Sort-Object -Unique | Should -Be $a.TransactionId
        (Get-BaselineChange -Root $root -Since $t0 -Target '/home/*').Target | Should -Be '/home/dev/.config/go/env'
        $d = Get-BaselineChange -Root $root -Target /etc/environment -Detailed
        $d.Diff | Should -Match '(?m)^\+GO111MODULE=on$'
        ($d.Facts | Where-Object Name -eq 'sha256').Changed | Should -BeTrue
        ($d.Facts | Where-Object Name -eq 'mode').Changed | Should -BeFalse
        { Get-BaselineChange -Root $root -Id 'nope#0' -ErrorAction Stop } | Should -Throw -ErrorId 'ChangeNotFound,GoBaseline.Commands.GetBaselineChangeCommand'
        Remove-Item -Recurse -Force $root
    }

    It 'undoes single changes piped from Get-BaselineChange, and -Last N' {
        $root = New-FixtureRoot
        $original = Get-TreeState $root
        $r = Set-GoEnvBaseline -Root $root
        Get-BaselineChange -Root $root -Target /etc/environment | Undo-BaselineChange -Root $root -Confirm:$false | Out-Null
        [IO.File]::ReadAllText("$root/etc/environment") | Should -Match 'GO111MODULE=auto'
        Test-Path "$root/etc/profile.d/gobaseline-go.sh" | Should -BeTrue
        $c = Get-BaselineChange -Root $root -TransactionId $r.TransactionId
        ($c | Where-Object Target -eq '/etc/environment').ChangeState | Should -Be 'Reverted'
        ($c | Where-Object Target -eq '/etc/profile.d/gobaseline-go.sh').ChangeState | Should -Be 'Applied'
        Undo-BaselineChange -Root $root -Last 1 -Confirm:$false | Out-Null
        Get-TreeState $root | Should -Be $original
        (Get-BaselineChange -Root $root -TransactionId $r.TransactionId).State | Sort-Object -Unique | Should -Be 'RolledBack'
        { Undo-BaselineChange -Root $root -TransactionId $r.TransactionId -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ChangeNotReversible,GoBaseline.Commands.UndoBaselineChangeCommand'
        Remove-Item -Recurse -Force $root
    }

    It 'Restore-Baseline undoes everything since the checkpoint, newest first' {
        $root = New-FixtureRoot
        Set-GoEnvBaseline -Root $root -Name GOFLAGS -Value -mod=mod | Out-Null
        $keep = Get-TreeState $root
        $cp = Checkpoint-Baseline -Root $root -Name before-risky
        $cp.Name | Should -Be 'before-risky'
        Set-GoEnvBaseline -Root $root | Out-Null
        Set-GoEnvBaseline -Root $root -Name GO111MODULE -Value off | Out-Null
        Set-GoEnvBaseline -Root $root -User dev | Out-Null
        $p = Restore-Baseline -Root $root -Name before-risky -WhatIf
        $p.WhatIf | Should -BeTrue
        $p.Changed | Should -BeTrue
        $p.Planned.Count | Should -BeGreaterThan 2
        $p.Diff | Should -Match '(?m)^-GO111MODULE=off$'
        Get-TreeState $root | Should -Not -Be $keep
        $res = Restore-Baseline -Root $root -Name before-risky -Confirm:$false
        $res.Count | Should -Be 3
        $res.State | Sort-Object -Unique | Should -Be 'RolledBack'
        Get-TreeState $root | Should -Be $keep
        (Restore-Baseline -Root $root -Name before-risky -Confirm:$false).Changed | Should -BeFalse
        { Restore-Baseline -Root $root -Name nope -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'CheckpointNotFound,GoBaseline.Commands.RestoreBaselineCommand'
        Remove-Item -Recurse -Force $root
    }
}

Describe 'Automation: Ansible check mode (-WhatIf) and --diff' {
    It '-WhatIf | ConvertTo-Json gives changed and the diff, writes nothing, and after applying gives changed=false' {
        $root = New-FixtureRoot
        $before = Get-TreeState $root -WithJournal
        # As an Ansible task runs it: the "What if:" lines go to the host (stdout too), the compressed JSON is the last line.
        $cmd = "Set-GoEnvBaseline -Root '$root' -WhatIf | ConvertTo-Json -Compress"
        $check = Invoke-ChildPwsh $cmd
        $check.ExitCode | Should -Be 0
        $check.Output | Should -Match 'What if: '
        $json = ($check.Output.Trim() -split "`n")[-1] | ConvertFrom-Json
        $json.WhatIf | Should -BeTrue
        $json.Changed | Should -BeTrue
        $json.TransactionId | Should -BeNullOrEmpty
        $json.Planned | Should -Contain 'Write /etc/profile.d/gobaseline-go.sh: export GO111MODULE=on; export CGO_ENABLED=0; export GOCACHE=/tmp/go-build; export GOPROXY=https://proxy.golang.org,direct; export GOTOOLCHAIN=local'
        $json.Diff | Should -Match '(?m)^--- a/etc/environment$'
        $json.Diff | Should -Match '(?m)^-GO111MODULE=auto$'
        $json.Diff | Should -Match '(?m)^\+\+\+ b/etc/profile.d/gobaseline-go.sh$'
        Get-TreeState $root -WithJournal | Should -Be $before

        $applied = (Invoke-ChildPwsh "Set-GoEnvBaseline -Root '$root' | ConvertTo-Json -Compress").Output.Trim() -split "`n" | Select-Object -Last 1 | ConvertFrom-Json
        $applied.Changed | Should -BeTrue
        $applied.WhatIf | Should -BeFalse
        $applied.Diff | Should -Be $json.Diff

        $again = (Invoke-ChildPwsh $cmd).Output.Trim() -split "`n" | Select-Object -Last 1 | ConvertFrom-Json
        $again.WhatIf | Should -BeTrue
        $again.Changed | Should -BeFalse
        $again.Diff | Should -BeNullOrEmpty
        Remove-Item -Recurse -Force $root
    }

    It 'Undo-BaselineChange -WhatIf previews the exact steps and the diff back, and undoes nothing' {
        $root = New-FixtureRoot
        $r = Set-GoEnvBaseline -Root $root
        $state = Get-TreeState $root -WithJournal
        $p = $r | Undo-BaselineChange -Root $root -WhatIf
        $p.WhatIf | Should -BeTrue
        $p.Changed | Should -BeTrue
        $p.Planned | Should -Contain "$($r.TransactionId)#1: Delete /etc/profile.d/gobaseline-go.sh (it did not exist before)"
        ($p.Planned -match '#\d: Restore /etc/environment as it was before \(sha256 [0-9a-f]{12}, mode 0644, owner 0:0\)$') | Should -HaveCount 1
        $p.Diff | Should -Match '(?m)^\+GO111MODULE=auto$'
        Get-TreeState $root -WithJournal | Should -Be $state
        Remove-Item -Recurse -Force $root
    }
}

Describe 'A symbolic link in the target path' {
    It 'is refused with an error naming the link and where it points, and nothing is written' {
        $root = New-FixtureRoot
        New-Item -ItemType Directory "$root/elsewhere" | Out-Null
        New-Item -ItemType SymbolicLink -Path "$root/etc/profile.d" -Target '../elsewhere' | Out-Null
        $before = Get-TreeState $root
        Set-GoEnvBaseline -Root $root -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -Be 'ChangeFailed,GoBaseline.Commands.SetGoEnvBaselineCommand'
        $e[0].Exception.Message | Should -Match '/etc/profile\.d is a symbolic link to \.\./elsewhere'
        Get-ChildItem -Force "$root/elsewhere" | Should -BeNullOrEmpty
        Get-TreeState $root | Should -Be $before
        Remove-Item -Recurse -Force $root
    }
}

Describe 'Get-BaselineChange views' {
    It 'the table shows Target within 80 columns; -Detailed shows a list with the facts and the diff' {
        $root = New-FixtureRoot
        Set-GoEnvBaseline -Root $root -Name GO111MODULE -Value on | Out-Null
        $table = Get-BaselineChange -Root $root | Out-String -Width 80
        $table | Should -Match '(?m)^Id\s+State\s+Target\s+Description'
        $table | Should -Match '/etc/environment'
        $table -split "`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
        $detailed = Get-BaselineChange -Root $root -Target /etc/environment -Detailed | Out-String -Width 120
        $detailed | Should -Match '(?m)^Facts\s+: sha256: '
        $detailed | Should -Match '(?m)^\s+\+GO111MODULE=on$'
        $detailed | Should -Match '(?m)^Summary\s+: Go environment baseline'
        $plain = Get-BaselineChange -Root $root -Target /etc/environment | Out-String -Width 120
        $plain | Should -Not -Match 'Facts'
        Remove-Item -Recurse -Force $root
    }
}

Describe 'One writer at a time' {
    It 'a writer waits for the journal lock, and fails with JournalBusy after -LockTimeout' {
        $root = New-FixtureRoot
        New-Item -ItemType Directory -Force "$root$Journal" | Out-Null
        $holder = Start-Process flock -ArgumentList "$root$Journal/lock", 'sleep', '4' -PassThru
        Start-Sleep -Milliseconds 500
        $before = Get-TreeState $root
        { Set-GoEnvBaseline -Root $root -LockTimeout 1 -ErrorAction Stop } | Should -Throw -ErrorId 'JournalBusy,GoBaseline.Commands.SetGoEnvBaselineCommand'
        Get-TreeState $root | Should -Be $before
        $clock = [Diagnostics.Stopwatch]::StartNew()
        (Set-GoEnvBaseline -Root $root -LockTimeout 30).Changed | Should -BeTrue
        $clock.Elapsed.TotalSeconds | Should -BeGreaterThan 1.5
        $holder.WaitForExit()
        Remove-Item -Recurse -Force $root
    }

    It 'two concurrent writers (two pwsh processes) corrupt nothing' {
        $root = New-FixtureRoot
        $jobs = foreach ($w in 1, 2) {
            $script = "Import-Module '$env:GOBASELINE_MODULE'; foreach (`$i in 1..6) { try { Set-GoEnvBaseline -Root '$root' -Name GOFLAGS, GOPRIVATE -Value '-p=$w', ('w$w-' + `$i) -LockTimeout 60 -ErrorAction Stop | Out-Null; 'ok' } catch { `$_.FullyQualifiedErrorId } }"
            Start-Process $Pwsh -ArgumentList ($PwshArgs + @('-NoProfile', '-NonInteractive', '-Command', $script)) -PassThru -RedirectStandardOutput "$root/w$w.out" -RedirectStandardError "$root/w$w.err"
        }
        $jobs | ForEach-Object { $_.WaitForExit() }
        $results = (Get-Content "$root/w1.out") + (Get-Content "$root/w2.out")
        $results | Where-Object { $_ -ne 'ok' } | ForEach-Object { $_ | Should -BeLike 'JournalBusy,*' }
        ($results | Where-Object { $_ -eq 'ok' }).Count | Should -BeGreaterOrEqual 6

        $tx = Get-BaselineChange -Root $root | Group-Object TransactionId
        $tx.Count | Should -Be ($results | Where-Object { $_ -eq 'ok' }).Count
        (Get-BaselineChange -Root $root).State | Sort-Object -Unique | Should -Be 'Applied'
        Get-ChildItem -Recurse -Force $root -Filter '*.gb-tmp-*' | Should -BeNullOrEmpty

        # The files are those of the last transaction, whole.
        $last = Get-BaselineChange -Root $root -Last 1 -Detailed
        foreach ($c in $last | Where-Object Kind -eq 'file.write') {
            (Get-FileHash "$root$($c.Target)" -Algorithm SHA256).Hash.ToLowerInvariant() | Should -Be ($c.Facts | Where-Object Name -eq 'sha256').After
        }
        $etcEnv = [IO.File]::ReadAllText("$root/etc/environment")
        ([regex]::Matches($etcEnv, '(?m)^GOFLAGS=')).Count | Should -Be 1
        ([regex]::Matches($etcEnv, '(?m)^GOPRIVATE=')).Count | Should -Be 1
        Remove-Item -Recurse -Force $root
    }
}

Describe 'Help' {
    It 'about_GoBaseline_Rollback explains the model' {
        $h = Get-Help about_GoBaseline_Rollback | Out-String
        $h | Should -Match 'ChangeDrifted'
        $h | Should -Match 'Checkpoint-Baseline'
        $h | Should -Match 'kill -9'
    }
}
