# SELinux read cmdlets through the built module: real xattrs, the real policy and matchpathcon, fixture roots for
# what needs an SELinux kernel (selinuxfs, process contexts).
BeforeAll {
    Import-Module $env:GOBASELINE_MODULE -Force
    $Repo = $env:GOBASELINE_REPO
    $RefpolicyFc = Join-Path $Repo 'tests/fixtures/selinux/refpolicy_file_contexts'

    function New-TempRoot {
        $root = Join-Path ([IO.Path]::GetTempPath()) ("gb-sel-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Force $root | Out-Null
        $root
    }

    # A root holding the refpolicy fixture as its installed policy.
    function New-PolicyRoot {
        $root = New-TempRoot
        New-Item -ItemType Directory -Force "$root/etc/selinux/refpolicy/contexts/files" | Out-Null
        "SELINUX=enforcing`nSELINUXTYPE=refpolicy" | Set-Content "$root/etc/selinux/config"
        Copy-Item $RefpolicyFc "$root/etc/selinux/refpolicy/contexts/files/file_contexts"
        "/var/run /run" | Set-Content "$root/etc/selinux/refpolicy/contexts/files/file_contexts.subs_dist"
        "user_home_t`nhttpd_user_content_t" | Set-Content "$root/etc/selinux/refpolicy/contexts/customizable_types"
        $root
    }

    function Set-Label([string] $Path, [string] $Context) {
        & setfattr -h -n security.selinux -v $Context $Path
        if ($LASTEXITCODE -ne 0) { throw "setfattr $Path failed" }
    }
}

Describe 'SeLinuxContext type' {
    It 'parses user, role, type and an MCS range, and compares ranges by meaning' {
        $c = [GoBaseline.SeLinuxContext]::Parse('system_u:system_r:container_t:s0:c1,c2,c3')
        $c.User | Should -Be 'system_u'
        $c.Role | Should -Be 'system_r'
        $c.Type | Should -Be 'container_t'
        $c.Range.Low.Categories | Should -Be @(1, 2, 3)
        $c.Range.ToString() | Should -Be 's0:c1.c3'
        $c.Equals([GoBaseline.SeLinuxContext]::Parse('system_u:system_r:container_t:s0:c1.c3')) | Should -BeTrue
        $c.Equals([GoBaseline.SeLinuxContext]::Parse('system_u:system_r:container_t:s0:c1,c3')) | Should -BeFalse
    }

    It 'parses MLS ranges and tests dominance and containment' {
        $r = [GoBaseline.SeLinuxRange]::Parse('s0-s15:c0.c1023')
        $r.High.Categories.Count | Should -Be 1024
        $r.Contains([GoBaseline.SeLinuxRange]::Parse('s2:c5,c7')) | Should -BeTrue
        [GoBaseline.SeLinuxLevel]::Parse('s1:c2').Dominates([GoBaseline.SeLinuxLevel]::Parse('s0:c2')) | Should -BeTrue
        [GoBaseline.SeLinuxLevel]::Parse('s1:c2').Dominates([GoBaseline.SeLinuxLevel]::Parse('s0:c3')) | Should -BeFalse
        { [GoBaseline.SeLinuxRange]::Parse('s3-s1') } | Should -Throw
        { [GoBaseline.SeLinuxContext]::Parse('system_u:object_r') } | Should -Throw
        { [GoBaseline.SeLinuxLevel]::Parse('s0:c5.c2') } | Should -Throw
    }
}

Describe 'Get-SeLinuxStatus' {
    It 'says the kernel has no SELinux here instead of failing, and reads the configuration' {
        $s = Get-SeLinuxStatus
        $s.KernelSupport | Should -BeFalse
        $s.Enabled | Should -BeFalse
        $s.CurrentMode | Should -Be 'Disabled'
        $s.Note | Should -Match 'no SELinux'
        $configured = (Select-String -Path /etc/selinux/config -Pattern '^SELINUX=(\w+)').Matches[0].Groups[1].Value
        $s.ConfiguredMode | Should -Be $configured
        $s.PolicyName | Should -Be ((Select-String -Path /etc/selinux/config -Pattern '^SELINUXTYPE=(\w+)').Matches[0].Groups[1].Value)
        $s.PolicyVersion | Should -BeGreaterThan 20
    }

    It 'reads selinuxfs under a root: enforcing, MLS, policy version, deny_unknown' {
        $root = New-PolicyRoot
        New-Item -ItemType Directory -Force "$root/sys/fs/selinux", "$root/proc" | Out-Null
        "sysfs /sys sysfs rw 0 0`nselinuxfs /sys/fs/selinux selinuxfs rw,nosuid,noexec,relatime 0 0" | Set-Content "$root/proc/mounts"
        '1' | Set-Content "$root/sys/fs/selinux/enforce"
        '33' | Set-Content "$root/sys/fs/selinux/policyvers"
        '1' | Set-Content "$root/sys/fs/selinux/mls"
        '0' | Set-Content "$root/sys/fs/selinux/deny_unknown"
        'SELINUX=permissive' + "`nSELINUXTYPE=refpolicy" | Set-Content "$root/etc/selinux/config"
        $s = Get-SeLinuxStatus -Root $root
        $s.Enabled | Should -BeTrue
        $s.CurrentMode | Should -Be 'Enforcing'
        $s.ConfiguredMode | Should -Be 'Permissive'
        $s.ModeChangePending | Should -BeTrue
        $s.MlsEnabled | Should -BeTrue
        $s.PolicyVersion | Should -Be 33
        $s.DenyUnknown | Should -BeFalse
        $s.SelinuxfsMount | Should -Be '/sys/fs/selinux'
        Remove-Item -Recurse -Force $root
    }
}

Describe 'Get-SeLinuxContext' {
    It 'reads the security.selinux attribute of files, recursively, and binds from Get-ChildItem' {
        $root = New-TempRoot
        New-Item -ItemType Directory "$root/bin" | Out-Null
        Set-Content "$root/bin/gosvc" 'x'
        Set-Label "$root/bin/gosvc" 'system_u:object_r:bin_t:s0'
        Set-Label "$root/bin" 'system_u:object_r:usr_t:s0:c1,c2'
        $c = Get-SeLinuxContext "$root/bin/gosvc"
        $c.Type | Should -Be 'bin_t'
        $c.Path | Should -Be "$root/bin/gosvc"
        $all = @(Get-SeLinuxContext -Recurse $root/bin)
        $all.Count | Should -Be 2
        ($all | Where-Object Type -eq usr_t).Range.ToString() | Should -Be 's0:c1.c2'
        (Get-ChildItem $root/bin | Get-SeLinuxContext).Type | Should -Be 'bin_t'
        Remove-Item -Recurse -Force $root
    }

    It 'reports a named file without label as SeLinuxLabelMissing' {
        $f = New-TemporaryFile
        { Get-SeLinuxContext $f.FullName -ErrorAction Stop } | Should -Throw -ErrorId 'SeLinuxLabelMissing,GoBaseline.Commands.GetSeLinuxContextCommand'
        Remove-Item $f
    }

    It 'reads process contexts from /proc/PID/attr/current under a root, and says so on this kernel' {
        $root = New-TempRoot
        New-Item -ItemType Directory -Force "$root/proc/4242/attr" | Out-Null
        [IO.File]::WriteAllText("$root/proc/4242/attr/current", "system_u:system_r:unconfined_service_t:s0`0")
        $c = Get-SeLinuxContext -Root $root -ProcessId 4242
        $c.Type | Should -Be 'unconfined_service_t'
        $c.ProcessId | Should -Be 4242
        { Get-SeLinuxContext -ProcessId $PID -ErrorAction Stop } | Should -Throw -ErrorId 'SeLinuxLabelMissing,GoBaseline.Commands.GetSeLinuxContextCommand'
        { Get-SeLinuxContext -Root $root -ProcessId 999999 -ErrorAction Stop } | Should -Throw -ErrorId 'SeLinuxProcessNotFound,GoBaseline.Commands.GetSeLinuxContextCommand'
        Remove-Item -Recurse -Force $root
    }
}

Describe 'Get-SeLinuxFileContext' {
    It 'equals matchpathcon on paths of this machine and names the deciding rule' {
        $paths = @(Get-ChildItem -Force /etc, /usr/bin, /var/lib | Select-Object -First 1500 -ExpandProperty FullName) + '/no/such/path', '/var/run/sshd.pid', '/home/someone/.ssh'
        $expected = @{}
        & matchpathcon @paths | ForEach-Object { $k, $v = $_ -split "`t"; $expected[$k] = $v }
        $r = $paths | Get-SeLinuxFileContext
        $r.Count | Should -Be $paths.Count
        foreach ($x in $r) { $x.ContextText | Should -BeExactly $expected[$x.Path] -Because $x.Path }
        foreach ($x in $r | Where-Object RuleFile | Select-Object -First 200) {
            $line = (Get-Content $x.RuleFile)[$x.RuleLine - 1]
            $line.Split([char[]]" `t", [StringSplitOptions]::RemoveEmptyEntries)[0] | Should -BeExactly $x.RuleSpec
        }
        ($r | Where-Object Path -eq '/var/run/sshd.pid').Substitution | Should -Be '/var/run -> /run'
    }

    It 'under a root: the root''s policy, -FileType like matchpathcon -m, equal to matchpathcon -f' {
        $root = New-PolicyRoot
        $fc = "$root/etc/selinux/refpolicy/contexts/files/file_contexts"
        $cases = @(
            @('/usr/local/go/bin/go', 'File'), @('/srv/gopath/pkg/mod', 'Dir'), @('/etc/systemd/system/gosvc.service', 'File'),
            @('/var/run/gosvc.sock', 'SockFile'), @('/dev/sda1', 'BlkFile'), @('/home/dev/go/bin/tool', 'File'), @('/usr/lib/libc.so.6', 'LnkFile'),
            @('/tmp/go-build123', 'Dir'), @('/opt/gosvc/bin/gosvc', 'File'), @('/etc/shadow', 'File'))
        $mode = @{ File = 'file'; Dir = 'dir'; SockFile = 'sock_file'; BlkFile = 'blk_file'; LnkFile = 'lnk_file' }
        foreach ($c in $cases) {
            $ours = Get-SeLinuxFileContext -Root $root -Path $c[0] -FileType $c[1]
            $theirs = (& matchpathcon -f $fc -m $mode[$c[1]] $c[0]) -split "`t" | Select-Object -Last 1
            $ours.ContextText | Should -BeExactly $theirs -Because "$($c[0]) as $($c[1])"
            $ours.RuleFile | Should -Be '/etc/selinux/refpolicy/contexts/files/file_contexts'
        }
        (Get-SeLinuxFileContext -Root $root /var/run/x).LookupPath | Should -Be '/run/x'
        Remove-Item -Recurse -Force $root
    }

    It 'fails with a positioned error on a broken file_contexts' {
        $root = New-PolicyRoot
        "/usr/bin(/.*)?`tsystem_u:object_r:bin_t:s0`n/broken -x system_u:object_r:bin_t:s0" | Set-Content "$root/etc/selinux/refpolicy/contexts/files/file_contexts.local"
        $e = { Get-SeLinuxFileContext -Root $root /usr/bin/ls -ErrorAction Stop } | Should -Throw -ErrorId 'SeLinuxFileContextsInvalid,GoBaseline.Commands.GetSeLinuxFileContextCommand' -PassThru
        $e.Exception.Message | Should -Match 'file_contexts.local:2'
        Remove-Item -Recurse -Force $root
    }
}

Describe 'Test-SeLinuxContext' {
    It 'gives restorecon''s verdicts under a root: type-only, customizable, -Force, no rule' {
        $root = New-PolicyRoot
        New-Item -ItemType Directory -Force "$root/usr/local/bin", "$root/usr/local/go/bin", "$root/tmp/build", "$root/home/dev" | Out-Null
        foreach ($f in 'usr/local/bin/gosvc', 'usr/local/bin/other', 'usr/local/go/bin/go', 'tmp/build/x', 'home/dev/notes', 'usr/local/bin/unlabelled') { Set-Content "$root/$f" 'x' }
        Set-Label "$root/usr/local/bin/gosvc" 'system_u:object_r:bin_t:s0'
        Set-Label "$root/usr/local/bin/other" 'unconfined_u:object_r:bin_t:s0'
        Set-Label "$root/usr/local/go/bin/go" 'unconfined_u:object_r:user_home_t:s0'
        Set-Label "$root/tmp/build/x" 'system_u:object_r:etc_t:s0'
        Set-Label "$root/home/dev/notes" 'system_u:object_r:httpd_user_content_t:s0'
        $r = @{}
        Test-SeLinuxContext -Root $root -Recurse /usr/local/bin, /usr/local/go/bin/go, /tmp/build/x, /home/dev/notes | ForEach-Object { $r[$_.Path] = $_ }
        $r['/usr/local/bin/gosvc'].Status | Should -Be 'Verified'
        $r['/usr/local/bin/other'].Status | Should -Be 'Verified'
        $r['/usr/local/bin/other'].VerifiedByMatchpathcon | Should -BeTrue
        $r['/usr/local/go/bin/go'].Status | Should -Be 'Customizable'
        $r['/usr/local/go/bin/go'].WouldRelabel | Should -BeFalse
        $r['/tmp/build/x'].Status | Should -Be 'NoRule'
        $r['/usr/local/bin/unlabelled'].Status | Should -Be 'Unlabeled'
        (Test-SeLinuxContext -Root $root /usr/local/bin/other -Force).Status | Should -Be 'Mismatch'
        (Test-SeLinuxContext -Root $root /usr/local/go/bin/go -Force).WouldRelabel | Should -BeTrue
        Test-SeLinuxContext -Root $root -Quiet /usr/local/bin/gosvc | Should -BeTrue
        Test-SeLinuxContext -Root $root -Quiet /usr/local/bin/gosvc, /usr/local/bin/unlabelled | Should -BeFalse
        Remove-Item -Recurse -Force $root
    }

    It 'agrees with matchpathcon -V on live files' {
        $dir = "/usr/local/lib/gb-sel-$PID"
        New-Item -ItemType Directory $dir | Out-Null
        try {
            $labels = @{ good = 'system_u:object_r:lib_t:s0'; otheruser = 'unconfined_u:object_r:lib_t:s0'; wrong = 'system_u:object_r:bin_t:s0'; range = 'system_u:object_r:lib_t:s0:c1' }
            foreach ($k in $labels.Keys) { Set-Content "$dir/$k" 'x'; Set-Label "$dir/$k" $labels[$k] }
            Set-Label $dir 'system_u:object_r:lib_t:s0'
            foreach ($x in Test-SeLinuxContext -Recurse $dir) {
                $line = & matchpathcon -V $x.Path
                $x.VerifiedByMatchpathcon | Should -Be ($line -like '* verified.') -Because $line
            }
            (Test-SeLinuxContext "$dir/wrong").Status | Should -Be 'Mismatch'
            (Test-SeLinuxContext "$dir/range").Status | Should -Be 'Verified'
            (Test-SeLinuxContext "$dir/range").VerifiedByMatchpathcon | Should -BeFalse
        }
        finally {
            Remove-Item -Recurse -Force $dir
        }
    }
}

Describe 'Get-SeLinuxServiceDomain' {
    BeforeAll {
        function New-ServiceRoot([string] $ExeLabel, [string] $ProcessLabel) {
            $root = New-PolicyRoot
            New-Item -ItemType Directory -Force "$root/etc/systemd/system", "$root/usr/local/bin", "$root/proc/4242/attr", "$root/proc/17/attr" | Out-Null
            "[Unit]`nDescription=Go service`n[Service]`nExecStart=/usr/local/bin/gosvc -listen :8080`nUser=gosvc" | Set-Content "$root/etc/systemd/system/gosvc.service"
            Set-Content "$root/usr/local/bin/gosvc" 'ELF'
            if ($ExeLabel) { Set-Label "$root/usr/local/bin/gosvc" $ExeLabel }
            '0::/init.scope' | Set-Content "$root/proc/17/cgroup"
            if ($ProcessLabel) {
                '0::/system.slice/gosvc.service' | Set-Content "$root/proc/4242/cgroup"
                [IO.File]::WriteAllText("$root/proc/4242/attr/current", "$ProcessLabel`0")
            }
            $root
        }
    }

    It 'flags the trap: a bin_t binary started by systemd runs as unconfined_service_t' {
        $root = New-ServiceRoot 'system_u:object_r:bin_t:s0' 'system_u:system_r:unconfined_service_t:s0'
        $d = Get-SeLinuxServiceDomain -Root $root gosvc
        $d.Service | Should -Be 'gosvc.service'
        $d.Executable | Should -Be '/usr/local/bin/gosvc'
        $d.ExecutableContext.Type | Should -Be 'bin_t'
        $d.ExecutableExpected.Context.Type | Should -Be 'bin_t'
        $d.ProcessId | Should -Be 4242
        $d.Domain | Should -Be 'unconfined_service_t'
        $d.Unconfined | Should -BeTrue
        $d.Finding | Should -Match 'unconfined'
        Remove-Item -Recurse -Force $root
    }

    It 'predicts the domain when the service does not run: own exec type confined, bin_t unconfined, user_home_t not executable' {
        $root = New-ServiceRoot 'system_u:object_r:gosvc_exec_t:s0' $null
        $d = Get-SeLinuxServiceDomain -Root $root gosvc
        $d.ProcessId | Should -BeNullOrEmpty
        $d.PredictedDomain | Should -Be 'gosvc_t'
        # This root has file contexts but no compiled policy: the built-in table decides, and says so.
        $d.PredictionSource | Should -Be 'Heuristic'
        $d.Unconfined | Should -BeFalse
        Set-Label "$root/usr/local/bin/gosvc" 'system_u:object_r:bin_t:s0'
        (Get-SeLinuxServiceDomain -Root $root gosvc).PredictedDomain | Should -Be 'unconfined_service_t'
        Set-Label "$root/usr/local/bin/gosvc" 'unconfined_u:object_r:user_home_t:s0'
        $d = Get-SeLinuxServiceDomain -Root $root gosvc
        $d.PredictedDomain | Should -BeNullOrEmpty
        $d.Finding | Should -Match '203/EXEC'
        { Get-SeLinuxServiceDomain -Root $root nope -ErrorAction Stop } | Should -Throw -ErrorId 'ServiceNotFound,GoBaseline.Commands.GetSeLinuxServiceDomainCommand'
        Remove-Item -Recurse -Force $root
    }

    It 'reads the prediction from the installed compiled policy (type_transition init_t X_exec_t:process), as sesearch gives it' {
        $policy = (Get-SeLinuxStatus).PolicyName
        $binary = Get-ChildItem "/etc/selinux/$policy/policy/policy.*" | Sort-Object { [int]($_.Name -replace '^policy\.', '') } | Select-Object -Last 1
        $root = New-ServiceRoot 'system_u:object_r:bin_t:s0' $null
        New-Item -ItemType Directory -Force "$root/etc/selinux/refpolicy/policy" | Out-Null
        Copy-Item $binary.FullName "$root/etc/selinux/refpolicy/policy/$($binary.Name)"
        foreach ($type in 'bin_t', 'sshd_exec_t', 'user_home_t') {
            # The reference: the rule naming the type itself in sesearch's answer on the real policy file.
            $rule = @(& sesearch -T -s init_t -t $type -c process $binary.FullName) | Where-Object { $_ -match "^type_transition init_t ${type}:process (\S+);" } | Select-Object -First 1
            $expected = if ($rule -match ' (\S+);$') { $Matches[1] } else { $null }
            Set-Label "$root/usr/local/bin/gosvc" "system_u:object_r:${type}:s0"
            $d = Get-SeLinuxServiceDomain -Root $root gosvc
            $d.PredictionSource | Should -Be 'Policy'
            $d.PredictedDomain | Should -Be $expected -Because $type
        }
        # This machine's Debian policy: bin_t gets initrc_t (it has no unconfined_service_t), sshd's exec type sshd_t.
        Set-Label "$root/usr/local/bin/gosvc" 'system_u:object_r:bin_t:s0'
        $d = Get-SeLinuxServiceDomain -Root $root gosvc
        $d.PredictedDomain | Should -Be 'initrc_t'
        $d.Unconfined | Should -BeTrue
        $d.Finding | Should -Match 'type_transition init_t bin_t:process initrc_t'
        Set-Label "$root/usr/local/bin/gosvc" 'system_u:object_r:sshd_exec_t:s0'
        (Get-SeLinuxServiceDomain -Root $root gosvc).PredictedDomain | Should -Be 'sshd_t'
        Set-Label "$root/usr/local/bin/gosvc" 'system_u:object_r:user_home_t:s0'
        $d = Get-SeLinuxServiceDomain -Root $root gosvc
        $d.PredictedDomain | Should -BeNullOrEmpty
        $d.Finding | Should -Match 'no type_transition'
        Remove-Item -Recurse -Force $root
    }
}

Describe 'Get-SeLinuxPermissiveDomain' {
    It 'lists permissive_<type> modules of the store, highest priority, not disabled' {
        $root = New-PolicyRoot
        $store = "$root/var/lib/selinux/refpolicy/active/modules"
        New-Item -ItemType Directory -Force "$store/400/permissive_gosvc_t", "$store/400/permissive_old_t", "$store/100/base", "$store/disabled" | Out-Null
        New-Item -ItemType File "$store/disabled/permissive_old_t" | Out-Null
        $d = @(Get-SeLinuxPermissiveDomain -Root $root)
        $d.Name | Should -Be @('gosvc_t')
        $d[0].Module | Should -Be 'permissive_gosvc_t'
        $d[0].Priority | Should -Be 400
        @(Get-SeLinuxPermissiveDomain -Root $root -Name 'nothing*').Count | Should -Be 0
        Remove-Item -Recurse -Force $root
    }

    It 'equals semanage permissive -l on this machine (builtin types first, then the customised ones)' {
        # semanage prints the headings padded: compare trimmed lines.
        $lines = @(& semanage permissive -l | ForEach-Object { $_.Trim() } | Where-Object { $_ })
        $b = [array]::IndexOf($lines, 'Builtin Permissive Types')
        $c = [array]::IndexOf($lines, 'Customized Permissive Types')
        $builtin = if ($b -lt 0) { @() } else { @($lines[($b + 1)..($(if ($c -lt 0) { $lines.Count } else { $c }) - 1)]) }
        $custom = if ($c -lt 0) { @() } else { @($lines[($c + 1)..($lines.Count - 1)]) }
        $ours = @(Get-SeLinuxPermissiveDomain)
        @($ours | Where-Object { -not $_.Customized } | ForEach-Object Name) | Should -Be $builtin
        @($ours | Where-Object Customized | ForEach-Object Name) | Should -Be $custom
    }
}

Describe 'Get-SeLinuxDenial' {
    It 'reads denials from an audit log under a root, with fields and the allow rule' {
        $root = New-TempRoot
        New-Item -ItemType Directory -Force "$root/var/log/audit" | Out-Null
        Copy-Item (Join-Path $Repo 'tests/fixtures/selinux/selinux_sepolgen_short.log') "$root/var/log/audit/audit.log"
        $d = @(Get-SeLinuxDenial -Root $root)
        $d.Count | Should -Be 6
        $x = $d | Where-Object Command -eq 'beagled' | Where-Object TargetType -eq 'xdm_tmp_t'
        $x.SourceContext.Type | Should -Be 'staff_t'
        $x.Class | Should -Be 'file'
        $x.Permissions | Should -Be @('read')
        $x.AllowRule | Should -Be 'allow staff_t xdm_tmp_t:file read;'
        $x.Line | Should -BeGreaterThan 0
        @(Get-SeLinuxDenial -Root $root -SourceType 'staff_su*').Count | Should -Be 1
        Remove-Item -Recurse -Force $root
    }

    It 'writes the allow rules audit2allow -p writes (merged by source, target and class): <Fixture>' -ForEach @(
        @{ Fixture = 'selinux_audit2allow_test.log' }
        @{ Fixture = 'selinux_sepolgen_httpd.log' }
    ) {
        # audit2allow splits a source/target/class when audit2why explains its denials differently (that needs the
        # compiled policy), so both sides are merged before comparing.
        function Merge([string[]] $Lines) {
            $m = [ordered]@{}
            foreach ($l in $Lines | Where-Object { $_ -like 'allow *' }) {
                if ($l -notmatch '^allow (\S+ \S+) (\{ (.+) \}|(\S+));$') { throw "unexpected: $l" }
                $perms = if ($Matches[3]) { $Matches[3] -split ' ' } else { @($Matches[4]) }
                if (-not $m.Contains($Matches[1])) { $m[$Matches[1]] = [Collections.Generic.SortedSet[string]]::new([StringComparer]::Ordinal) }
                foreach ($p in $perms) { [void]$m[$Matches[1]].Add($p) }
            }
            $m.Keys | ForEach-Object { "$_ $($m[$_] -join ' ')" }
        }
        $log = Join-Path $Repo "tests/fixtures/selinux/$Fixture"
        $policy = (Get-ChildItem /etc/selinux/default/policy/policy.* | Sort-Object Name | Select-Object -Last 1).FullName
        $theirs = @(& audit2allow -i $log -p $policy 2>$null)
        $ours = @(Get-SeLinuxDenial $log -KnownToPolicy -AllowRules)
        (Merge $ours) | Should -Be (Merge $theirs)
        # Headers in order; the ROLES section's lines as a set (audit2allow orders them through Python sets).
        @($ours | Where-Object { $_ -like '#*' }) | Should -Be @($theirs | Where-Object { $_ -like '#====*' })
        @($ours | Where-Object { $_ -like 'role *' } | Sort-Object) | Should -Be @($theirs | Where-Object { $_ -like 'role *' } | Sort-Object)
    }
}
