# The SELinux changing cmdlets, each with the four remediation tests: -WhatIf changes nothing; apply changes state
# (and -PassThru returns the new objects, a rerun changes nothing); undo restores the original; a failure injected
# mid-way rolls everything back. Real xattrs on files of this machine, the real policy store (semanage, semodule),
# restored afterwards.
BeforeAll {
    Import-Module $env:GOBASELINE_MODULE -Force
    # One writer of the shared policy store at a time, across processes (the xunit semanage test takes it too):
    # .NET holds an exclusive flock for FileShare.None.
    $StoreLock = $null
    $deadline = (Get-Date).AddMinutes(20)
    while (-not $StoreLock) {
        try { $StoreLock = [IO.File]::Open('/tmp/gobaseline-selinux-store.lock', 'OpenOrCreate', 'ReadWrite', 'None') }
        catch { if ((Get-Date) -gt $deadline) { throw } ; Start-Sleep -Milliseconds 500 }
    }
    $Repo = $env:GOBASELINE_REPO
    $Pwsh = (Get-Process -Id $PID).Path
    # @(...) keeps a one-element array: splatting a bare string would splat its characters.
    $PwshArgs = @(if ($Pwsh -match 'dotnet$') { [Environment]::GetCommandLineArgs()[0] })

    # The -WhatIf text goes to the host, not to the output: run the command in a child pwsh and read its stdout.
    function Invoke-ChildPwsh([string] $Script) {
        $out = & $Pwsh @PwshArgs -NoProfile -NonInteractive -Command "Import-Module '$env:GOBASELINE_MODULE'; `$ErrorActionPreference = 'Stop'; $Script" 2>&1
        [pscustomobject]@{ Output = ($out | Out-String); ExitCode = $LASTEXITCODE }
    }

    # The 'What if:' lines of a child run, each as its target text (the exact command).
    function Get-WhatIfTarget([string] $Script) {
        $child = Invoke-ChildPwsh $Script
        $child.ExitCode | Should -Be 0 -Because $child.Output
        @([regex]::Matches($child.Output, 'What if: Performing the operation "[^"]+" on target "(.*)"\.') | ForEach-Object { $_.Groups[1].Value })
    }

    function Get-Label([string] $Path) {
        # The raw attribute bytes (hex), or '' when there is none.
        $out = & getfattr -h -n security.selinux -e hex --absolute-names $Path 2>$null
        if ($LASTEXITCODE -ne 0) { return '' }
        ($out | Where-Object { $_ -like 'security.selinux=*' }) -replace '^security.selinux=', ''
    }

    function Set-Label([string] $Path, [string] $Context) {
        & setfattr -h -n security.selinux -v $Context $Path
        if ($LASTEXITCODE -ne 0) { throw "setfattr $Path failed" }
    }

    function New-LabelDir {
        # Under /usr/local/lib the policy expects lib_t.
        $dir = "/usr/local/lib/gb-selchg-$PID-" + [guid]::NewGuid().ToString('N').Substring(0, 6)
        New-Item -ItemType Directory $dir | Out-Null
        Set-Content "$dir/a" 'a'
        Set-Content "$dir/b" 'b'
        Set-Label "$dir/a" 'system_u:object_r:bin_t:s0'
        $dir
    }

    function Remove-LabelDir([string] $Dir) {
        & chattr -i "$Dir/b" 2>$null
        Remove-Item -Recurse -Force $Dir
    }

    function Get-LocalFcontext { @(& semanage export | Where-Object { $_ -like 'fcontext -a*' }) -join "`n" }
    $Policy = (Get-SeLinuxStatus).PolicyName
}

Describe 'Set-SeLinuxContext' {
    It '-WhatIf changes nothing and prints the exact command' {
        $dir = New-LabelDir
        try {
            $before = (Get-Label "$dir/a"), (Get-Label "$dir/b")
            # Under -WhatIf: a preview result (WhatIf, Changed, Planned) and nothing written.
            $p = Set-SeLinuxContext "$dir/a" -Type lib_t -WhatIf
            $p.WhatIf, $p.Changed, $p.Planned.Count | Should -Be $true, $true, 1
            $p = Set-SeLinuxContext "$dir/a", "$dir/b" -Context system_u:object_r:lib_t:s0 -WhatIf
            $p.WhatIf, $p.Changed, $p.Planned.Count | Should -Be $true, $true, 2
            ((Get-Label "$dir/a"), (Get-Label "$dir/b")) | Should -Be $before
            $r = Set-SeLinuxContext "$dir/a" -Context system_u:object_r:lib_t:s0 -WhatIf
            $r.WhatIf | Should -BeTrue
            $r.TransactionId | Should -BeNullOrEmpty
            ((Get-Label "$dir/a"), (Get-Label "$dir/b")) | Should -Be $before
            # -Type keeps the other parts of a's label (bin_t -> lib_t); -Context labels both, b had no label at all.
            Get-WhatIfTarget "Set-SeLinuxContext '$dir/a' -Type lib_t -WhatIf" |
                Should -Be "setfattr -h -n security.selinux -v system_u:object_r:lib_t:s0 $dir/a"
            Get-WhatIfTarget "Set-SeLinuxContext '$dir/a', '$dir/b' -Context system_u:object_r:lib_t:s0:c1 -WhatIf" |
                Should -Be "setfattr -h -n security.selinux -v system_u:object_r:lib_t:s0:c1 $dir/a", "setfattr -h -n security.selinux -v system_u:object_r:lib_t:s0:c1 $dir/b"
            ((Get-Label "$dir/a"), (Get-Label "$dir/b")) | Should -Be $before
        }
        finally { Remove-LabelDir $dir }
    }

    It 'applies, -PassThru returns the new labels, a rerun changes nothing' {
        $dir = New-LabelDir
        try {
            $new = Set-SeLinuxContext "$dir/a", "$dir/b" -Context system_u:object_r:lib_t:s0:c1 -PassThru -Confirm:$false
            $new.Count | Should -Be 2
            $new[0].Type | Should -Be 'lib_t'
            $new[1].Range.ToString() | Should -Be 's0:c1'
            (& getfattr -h --only-values -n security.selinux "$dir/b") | Should -Be 'system_u:object_r:lib_t:s0:c1'
            (Set-SeLinuxContext "$dir/a" -Type lib_t -Confirm:$false).Changed | Should -BeFalse
            (Set-SeLinuxContext "$dir/a" -Type usr_t -Confirm:$false).Changed | Should -BeTrue
            (Get-SeLinuxContext "$dir/a").Raw | Should -Be 'system_u:object_r:usr_t:s0:c1'
        }
        finally { Remove-LabelDir $dir }
    }

    It 'undo restores the labels byte for byte (and no label where there was none)' {
        $dir = New-LabelDir
        try {
            $before = (Get-Label "$dir/a"), (Get-Label "$dir/b")
            $r = Set-SeLinuxContext "$dir/a", "$dir/b" -Context system_u:object_r:lib_t:s0 -Confirm:$false
            $r.Changed | Should -BeTrue
            Undo-BaselineChange -TransactionId $r.TransactionId -Confirm:$false | Out-Null
            ((Get-Label "$dir/a"), (Get-Label "$dir/b")) | Should -Be $before
            Get-Label "$dir/b" | Should -Be ''
        }
        finally { Remove-LabelDir $dir }
    }

    It 'a failure mid-way (an immutable file) rolls back the labels already set' {
        $dir = New-LabelDir
        try {
            $before = Get-Label "$dir/a"
            & chattr +i "$dir/b"
            Set-SeLinuxContext "$dir/a", "$dir/b" -Context system_u:object_r:lib_t:s0 -Confirm:$false -ErrorVariable e -ErrorAction SilentlyContinue
            $e[0].FullyQualifiedErrorId | Should -Be 'ChangeFailed,GoBaseline.Commands.SetSeLinuxContextCommand'
            Get-Label "$dir/a" | Should -Be $before
            Get-Label "$dir/b" | Should -Be ''
        }
        finally { Remove-LabelDir $dir }
    }
}

Describe 'Restore-SeLinuxContext' {
    It '-WhatIf changes nothing' {
        $dir = New-LabelDir
        try {
            $before = (Get-Label "$dir/a"), (Get-Label "$dir/b"), (Get-Label $dir)
            $p = Restore-SeLinuxContext -Recurse $dir -WhatIf
            $p.WhatIf, $p.Changed | Should -Be $true, $true
            ((Get-Label "$dir/a"), (Get-Label "$dir/b"), (Get-Label $dir)) | Should -Be $before
        }
        finally { Remove-LabelDir $dir }
    }

    It 'relabels like restorecon, -PassThru returns Verified, a rerun changes nothing' {
        $dir = New-LabelDir
        try {
            $v = Restore-SeLinuxContext -Recurse $dir -PassThru -Confirm:$false
            $v.Status | Sort-Object -Unique | Should -Be 'Verified'
            (Get-SeLinuxContext "$dir/a").Raw | Should -Be (Get-SeLinuxFileContext "$dir/a").ContextText
            foreach ($f in "$dir/a", "$dir/b", $dir) { & matchpathcon -V $f | Should -BeLike '* verified.' }
            (Restore-SeLinuxContext -Recurse $dir -Confirm:$false).Changed | Should -BeFalse
        }
        finally { Remove-LabelDir $dir }
    }

    It 'undo restores the old labels byte for byte' {
        $dir = New-LabelDir
        try {
            $before = (Get-Label "$dir/a"), (Get-Label "$dir/b"), (Get-Label $dir)
            $r = Restore-SeLinuxContext -Recurse $dir -Confirm:$false
            $r.Changed | Should -BeTrue
            $r.Changes.Count | Should -Be 3
            Undo-BaselineChange -TransactionId $r.TransactionId -Confirm:$false | Out-Null
            ((Get-Label "$dir/a"), (Get-Label "$dir/b"), (Get-Label $dir)) | Should -Be $before
        }
        finally { Remove-LabelDir $dir }
    }

    It 'a failure mid-way (an immutable file) rolls back' {
        $dir = New-LabelDir
        try {
            $before = (Get-Label "$dir/a"), (Get-Label $dir)
            & chattr +i "$dir/b"
            Restore-SeLinuxContext "$dir", "$dir/a", "$dir/b" -Confirm:$false -ErrorVariable e -ErrorAction SilentlyContinue
            $e[0].FullyQualifiedErrorId | Should -Be 'ChangeFailed,GoBaseline.Commands.RestoreSeLinuxContextCommand'
            ((Get-Label "$dir/a"), (Get-Label $dir)) | Should -Be $before
        }
        finally { Remove-LabelDir $dir }
    }
}

Describe 'Set-SeLinuxMode' {
    BeforeAll {
        function New-ConfigRoot {
            $root = Join-Path ([IO.Path]::GetTempPath()) ("gb-selmode-" + [guid]::NewGuid().ToString('N'))
            New-Item -ItemType Directory -Force "$root/etc/selinux" | Out-Null
            Copy-Item /etc/selinux/config "$root/etc/selinux/config"
            $root
        }
    }

    It '-WhatIf changes nothing; without -AcceptIrreversible it is refused before anything changes' {
        $root = New-ConfigRoot
        $hash = (Get-FileHash "$root/etc/selinux/config").Hash
        $p = Set-SeLinuxMode -Root $root Enforcing -AcceptIrreversible -WhatIf
        $p.WhatIf | Should -BeTrue
        $p.Changed | Should -Be (-not (Select-String -Quiet '^SELINUX=enforcing$' "$root/etc/selinux/config"))
        if ($p.Changed) { $p.Diff | Should -Match '(?m)^\+SELINUX=enforcing$' }
        { Set-SeLinuxMode -Root $root Enforcing -Force -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ExplicitConsentRequired,GoBaseline.Commands.SetSeLinuxModeCommand'
        (Get-FileHash "$root/etc/selinux/config").Hash | Should -Be $hash
        Remove-Item -Recurse -Force $root
    }

    It 'applies (reboot-bound), -PassThru returns the status, a rerun changes nothing' {
        $root = New-ConfigRoot
        $s = Set-SeLinuxMode -Root $root Enforcing -AcceptIrreversible -Force -Confirm:$false -PassThru
        $s.ConfiguredMode | Should -Be 'Enforcing'
        $s.ModeChangePending | Should -BeTrue
        (Get-Content "$root/etc/selinux/config" | Where-Object { $_ -like 'SELINUX=*' }) | Should -Be 'SELINUX=enforcing'
        (Set-SeLinuxMode -Root $root Enforcing -AcceptIrreversible -Force -Confirm:$false).Changed | Should -BeFalse
        Remove-Item -Recurse -Force $root
    }

    It 'undo restores the file byte for byte' {
        $root = New-ConfigRoot
        $bytes = [IO.File]::ReadAllBytes("$root/etc/selinux/config")
        $r = Set-SeLinuxMode -Root $root Disabled -AcceptIrreversible -Force -Confirm:$false
        $r.Changed | Should -BeTrue
        Undo-BaselineChange -Root $root -TransactionId $r.TransactionId -AcceptIrreversible -Force -Confirm:$false | Out-Null
        [IO.File]::ReadAllBytes("$root/etc/selinux/config") | Should -Be $bytes
        Remove-Item -Recurse -Force $root
    }

    It 'undo in another pwsh process restores the file (the journal rebuilds the change kind without the cmdlet)' {
        $root = New-ConfigRoot
        $bytes = [IO.File]::ReadAllBytes("$root/etc/selinux/config")
        $apply = Invoke-ChildPwsh "'TXID=' + (Set-SeLinuxMode -Root '$root' Disabled -AcceptIrreversible -Force -Confirm:`$false).TransactionId"
        $apply.ExitCode | Should -Be 0 -Because $apply.Output
        # The child's host also prints the reboot warning: take the id from its own line.
        $id = if ($apply.Output -match 'TXID=(\S+)') { $Matches[1] }
        $id | Should -Not -BeNullOrEmpty
        (Get-Content "$root/etc/selinux/config" | Where-Object { $_ -like 'SELINUX=*' }) | Should -Be 'SELINUX=disabled'
        # A fresh process: no SELinux cmdlet has run in it before the undo.
        $undo = Invoke-ChildPwsh "Undo-BaselineChange -Root '$root' -TransactionId '$id' -AcceptIrreversible -Force -Confirm:`$false | Out-Null"
        $undo.ExitCode | Should -Be 0 -Because $undo.Output
        [IO.File]::ReadAllBytes("$root/etc/selinux/config") | Should -Be $bytes
        Remove-Item -Recurse -Force $root
    }

    It 'a failure while writing (an immutable config) leaves the file as it was' {
        $root = New-ConfigRoot
        $bytes = [IO.File]::ReadAllBytes("$root/etc/selinux/config")
        & chattr +i "$root/etc/selinux/config"
        try {
            Set-SeLinuxMode -Root $root Enforcing -AcceptIrreversible -Force -Confirm:$false -ErrorVariable e -ErrorAction SilentlyContinue
            $e[0].FullyQualifiedErrorId | Should -Be 'ChangeFailed,GoBaseline.Commands.SetSeLinuxModeCommand'
            [IO.File]::ReadAllBytes("$root/etc/selinux/config") | Should -Be $bytes
        }
        finally { & chattr -i "$root/etc/selinux/config" }
        Remove-Item -Recurse -Force $root
    }
}

Describe 'Add-SeLinuxFileContextRule and Remove-SeLinuxFileContextRule' {
    BeforeAll {
        $Spec = "/srv/gb-selchg-$PID(/.*)?"
        $Spec2 = "/srv/gb-selchg2-$PID(/.*)?"
        $Baseline = Get-LocalFcontext
    }
    AfterAll {
        # Whatever happened, leave the store's local rules as they were.
        foreach ($s in $Spec, $Spec2) { & semanage fcontext -d -f a $s 2>$null }
    }

    It '-WhatIf changes nothing and prints the semanage command' {
        $out = Add-SeLinuxFileContextRule $Spec bin_t -WhatIf 6>&1 | Out-String
        $p = Remove-SeLinuxFileContextRule '/usr/bin(/.*)?' -WhatIf
        $p.WhatIf | Should -BeTrue
        $p.TransactionId | Should -BeNullOrEmpty
        Get-WhatIfTarget "Add-SeLinuxFileContextRule '$Spec' bin_t -WhatIf" | Should -Be "semanage fcontext -a -f a -t bin_t '$Spec'"
        Get-WhatIfTarget "Add-SeLinuxFileContextRule '$Spec' bin_t -FileType File -Range s0 -WhatIf" | Should -Be "semanage fcontext -a -f f -t bin_t -r s0 '$Spec'"
        Get-WhatIfTarget "Remove-SeLinuxFileContextRule '/usr/bin(/.*)?' -WhatIf" | Should -Be "semanage fcontext -d -f a '/usr/bin(/.*)?'"
        Get-LocalFcontext | Should -Be $Baseline
        -not (Test-Path "/etc/selinux/$Policy/contexts/files/file_contexts.local") -or -not (Select-String -Quiet -SimpleMatch $Spec "/etc/selinux/$Policy/contexts/files/file_contexts.local") | Should -BeTrue
    }

    It 'adds a rule that then decides the expected label; a rerun changes nothing; undo removes it' {
        $r = Add-SeLinuxFileContextRule $Spec bin_t -Confirm:$false
        $r.Changed | Should -BeTrue
        $x = Get-SeLinuxFileContext "/srv/gb-selchg-$PID/x"
        $x.Context.Type | Should -Be 'bin_t'
        $x.RuleFile | Should -BeLike '*file_contexts.local'
        (& matchpathcon "/srv/gb-selchg-$PID/x") -split "`t" | Select-Object -Last 1 | Should -Be $x.ContextText
        (Add-SeLinuxFileContextRule $Spec bin_t -Confirm:$false).Changed | Should -BeFalse
        Undo-BaselineChange -TransactionId $r.TransactionId -Confirm:$false | Out-Null
        Get-LocalFcontext | Should -Be $Baseline
    }

    It 'a rule semanage refuses (unknown type) rolls back the rules added before it' {
        Add-SeLinuxFileContextRule $Spec, $Spec2 usr_t -Confirm:$false | Out-Null
        Get-LocalFcontext | Should -Not -Be $Baseline
        Remove-SeLinuxFileContextRule $Spec, $Spec2 -Confirm:$false | Out-Null
        Get-LocalFcontext | Should -Be $Baseline
        Add-SeLinuxFileContextRule $Spec, $Spec2 gb_no_such_type_t -Confirm:$false -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -Be 'ChangeFailed,GoBaseline.Commands.AddSeLinuxFileContextRuleCommand'
        Get-LocalFcontext | Should -Be $Baseline
    }

    It 'removes a rule, a rerun changes nothing, undo puts it back; refusing a policy rule rolls back' {
        Add-SeLinuxFileContextRule $Spec httpd_sys_content_t -Confirm:$false | Out-Null
        $with = Get-LocalFcontext
        $r = Remove-SeLinuxFileContextRule $Spec -Confirm:$false
        $r.Changed | Should -BeTrue
        Get-LocalFcontext | Should -Be $Baseline
        (Remove-SeLinuxFileContextRule $Spec -Confirm:$false).Changed | Should -BeFalse
        Undo-BaselineChange -TransactionId $r.TransactionId -Confirm:$false | Out-Null
        Get-LocalFcontext | Should -Be $with
        # The second rule belongs to the policy: semanage refuses to delete it, and the first comes back.
        Remove-SeLinuxFileContextRule $Spec, '/usr/bin(/.*)?' -Confirm:$false -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -Be 'ChangeFailed,GoBaseline.Commands.RemoveSeLinuxFileContextRuleCommand'
        Get-LocalFcontext | Should -Be $with
        Remove-SeLinuxFileContextRule $Spec -Confirm:$false | Out-Null
        Get-LocalFcontext | Should -Be $Baseline
    }
}

Describe 'File context rules: the whole context (user, type, range, or none) survives undo' {
    BeforeAll {
        $Spec = "/srv/gb-selctx-$PID(/.*)?"
        $Spec2 = "/srv/gb-selctx2-$PID(/.*)?"
        $Baseline = Get-LocalFcontext
        # semanage export leaves out the user: file_contexts.local has the whole context (sorted: undo re-adds rules
        # in reverse order).
        function Get-LocalRules { @(Get-Content "/etc/selinux/$Policy/contexts/files/file_contexts.local" -ErrorAction Ignore | Where-Object { $_ -and $_ -notlike '#*' } | Sort-Object) -join "`n" }
        function Get-Subs { @(Get-Content "/etc/selinux/$Policy/contexts/files/file_contexts.subs" -ErrorAction Ignore) -join "`n" }
        function Get-Rule([string] $S) { @(Get-Content "/etc/selinux/$Policy/contexts/files/file_contexts.local" -ErrorAction Ignore | Where-Object { $_.StartsWith($S) }) -join "`n" }
    }
    AfterAll {
        foreach ($s in $Spec, $Spec2) { & semanage fcontext -d -f a $s 2>$null }
        if ((Get-Subs) -match [regex]::Escape("/srv/gb-seleq-$PID ")) { & semanage fcontext -d "/srv/gb-seleq-$PID" 2>$null }
    }

    It 'Remove then undo gives back the user and range, and a none rule as none' {
        Add-SeLinuxFileContextRule $Spec bin_t -User user_u -Range s0:c1 -Confirm:$false | Out-Null
        Add-SeLinuxFileContextRule $Spec2 '<<none>>' -Confirm:$false | Out-Null
        $with = Get-LocalRules
        Get-Rule $Spec | Should -Match ('^' + [regex]::Escape($Spec) + '\s+user_u:object_r:bin_t:s0:c1$')
        Get-Rule $Spec2 | Should -Match '<<none>>'
        (Get-SeLinuxFileContext "/srv/gb-selctx2-$PID/x").ContextText | Should -Be '<<none>>'
        $r = Remove-SeLinuxFileContextRule $Spec, $Spec2 -Confirm:$false
        $r.Changed | Should -BeTrue
        Get-LocalFcontext | Should -Be $Baseline
        Undo-BaselineChange -TransactionId $r.TransactionId -Confirm:$false | Out-Null
        Get-LocalRules | Should -Be $with
        Remove-SeLinuxFileContextRule $Spec, $Spec2 -Confirm:$false | Out-Null
        Get-LocalFcontext | Should -Be $Baseline
    }

    It 'Add over a local rule: a new range alone is a change, and undo restores user, type and range (and none)' {
        Add-SeLinuxFileContextRule $Spec bin_t -User user_u -Range s0:c1 -Confirm:$false | Out-Null
        Add-SeLinuxFileContextRule $Spec2 '<<none>>' -Confirm:$false | Out-Null
        $with = Get-LocalRules
        $r = Add-SeLinuxFileContextRule $Spec bin_t -Range s0:c2 -Confirm:$false
        $r.Changed | Should -BeTrue
        Get-Rule $Spec | Should -Match ('^' + [regex]::Escape($Spec) + '\s+user_u:object_r:bin_t:s0:c2$')
        (Get-SeLinuxFileContext "/srv/gb-selctx-$PID/x").ContextText | Should -Be 'user_u:object_r:bin_t:s0:c2'
        (Add-SeLinuxFileContextRule $Spec bin_t -Range s0:c2 -Confirm:$false).Changed | Should -BeFalse
        # Another user alone is a change too: -m with -s.
        Get-WhatIfTarget "Add-SeLinuxFileContextRule '$Spec' bin_t -User system_u -WhatIf" | Should -Be "semanage fcontext -m -f a -s system_u -t bin_t '$Spec'"
        Undo-BaselineChange -TransactionId $r.TransactionId -Confirm:$false | Out-Null
        Get-LocalRules | Should -Be $with

        $r2 = Add-SeLinuxFileContextRule $Spec2 usr_t -Confirm:$false
        $r2.Changed | Should -BeTrue
        (Get-SeLinuxFileContext "/srv/gb-selctx2-$PID/x").Context.Type | Should -Be 'usr_t'
        Undo-BaselineChange -TransactionId $r2.TransactionId -Confirm:$false | Out-Null
        Get-LocalRules | Should -Be $with
        (Get-SeLinuxFileContext "/srv/gb-selctx2-$PID/x").ContextText | Should -Be '<<none>>'
        Remove-SeLinuxFileContextRule $Spec, $Spec2 -Confirm:$false | Out-Null
        Get-LocalFcontext | Should -Be $Baseline
    }

    It '-Equal adds an equivalence (semanage fcontext -a -e); a rerun changes nothing; Remove and the undos take it away and back' {
        $src = "/srv/gb-seleq-$PID"
        $subs = Get-Subs
        Get-WhatIfTarget "Add-SeLinuxFileContextRule '$src' -Equal /var/www -WhatIf" | Should -Be "semanage fcontext -a -e /var/www $src"
        $r = Add-SeLinuxFileContextRule $src -Equal /var/www -Confirm:$false
        $r.Changed | Should -BeTrue
        (Get-Subs) | Should -Match ('(?m)^' + [regex]::Escape("$src /var/www") + '$')
        $mine = (Get-SeLinuxFileContext "$src/html/index.html").ContextText
        $mine | Should -Be (Get-SeLinuxFileContext /var/www/html/index.html).ContextText
        (& matchpathcon "$src/html/index.html") -split "`t" | Select-Object -Last 1 | Should -Be $mine
        (Add-SeLinuxFileContextRule $src -Equal /var/www -Confirm:$false).Changed | Should -BeFalse
        $rm = Remove-SeLinuxFileContextRule $src -Confirm:$false
        $rm.Changed | Should -BeTrue
        Get-Subs | Should -Be $subs
        Undo-BaselineChange -TransactionId $rm.TransactionId -Confirm:$false | Out-Null
        (Get-Subs) | Should -Match ('(?m)^' + [regex]::Escape("$src /var/www") + '$')
        Undo-BaselineChange -TransactionId $r.TransactionId -Confirm:$false | Out-Null
        Get-Subs | Should -Be $subs
    }
}

Describe 'Set-SeLinuxPermissiveDomain and Remove-SeLinuxPermissiveDomain' {
    BeforeAll { $Before = @((Get-SeLinuxPermissiveDomain).Name) }
    AfterAll {
        if ((Get-SeLinuxPermissiveDomain -Name httpd_t) -and 'httpd_t' -notin $Before) { & semanage permissive -d httpd_t 2>$null }
    }

    It '-WhatIf changes nothing and prints the semanage command' {
        $p = Set-SeLinuxPermissiveDomain httpd_t -WhatIf
        $p.WhatIf | Should -BeTrue
        $p.Changed | Should -Be ('httpd_t' -notin $Before)
        @((Get-SeLinuxPermissiveDomain).Name) | Should -Be $Before
        Get-WhatIfTarget 'Set-SeLinuxPermissiveDomain httpd_t, sshd_t -WhatIf' | Should -Be 'semanage permissive -a httpd_t', 'semanage permissive -a sshd_t'
        @((Get-SeLinuxPermissiveDomain).Name) | Should -Be $Before
        (Remove-SeLinuxPermissiveDomain httpd_t -Confirm:$false).Changed | Should -BeFalse
    }

    It 'applies, -PassThru returns the domain, a rerun changes nothing; Remove and the undos restore the list' {
        $d = Set-SeLinuxPermissiveDomain httpd_t -PassThru -Confirm:$false
        $d.Name | Should -Be 'httpd_t'
        $d.Module | Should -Be 'permissive_httpd_t'
        (& semanage permissive -l) -contains 'httpd_t' | Should -BeTrue
        (Set-SeLinuxPermissiveDomain httpd_t -Confirm:$false).Changed | Should -BeFalse
        $r = Remove-SeLinuxPermissiveDomain httpd_t -Confirm:$false
        $r.Changed | Should -BeTrue
        @((Get-SeLinuxPermissiveDomain).Name) | Should -Be $Before
        Undo-BaselineChange -TransactionId $r.TransactionId -Confirm:$false | Out-Null
        (Get-SeLinuxPermissiveDomain httpd_t).Name | Should -Be 'httpd_t'
        Remove-SeLinuxPermissiveDomain httpd_t -Confirm:$false | Out-Null
        @((Get-SeLinuxPermissiveDomain).Name) | Should -Be $Before
    }

    It 'undo in another pwsh process restores the list (a semanage change rebuilt from the journal)' {
        $apply = Invoke-ChildPwsh "'TXID=' + (Set-SeLinuxPermissiveDomain httpd_t -Confirm:`$false).TransactionId"
        $apply.ExitCode | Should -Be 0 -Because $apply.Output
        (Get-SeLinuxPermissiveDomain httpd_t).Name | Should -Be 'httpd_t'
        $id = if ($apply.Output -match 'TXID=(\S+)') { $Matches[1] }
        $id | Should -Not -BeNullOrEmpty
        $undo = Invoke-ChildPwsh "Undo-BaselineChange -TransactionId '$id' -Confirm:`$false | Out-Null"
        $undo.ExitCode | Should -Be 0 -Because $undo.Output
        @((Get-SeLinuxPermissiveDomain).Name) | Should -Be $Before
    }

    It 'undo of Set restores the list; an unknown type mid-way rolls back' {
        $r = Set-SeLinuxPermissiveDomain httpd_t -Confirm:$false
        Undo-BaselineChange -TransactionId $r.TransactionId -Confirm:$false | Out-Null
        @((Get-SeLinuxPermissiveDomain).Name) | Should -Be $Before
        Set-SeLinuxPermissiveDomain httpd_t, gb_no_such_domain_t -Confirm:$false -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -Be 'ChangeFailed,GoBaseline.Commands.SetSeLinuxPermissiveDomainCommand'
        @((Get-SeLinuxPermissiveDomain).Name) | Should -Be $Before
    }

    It 'lists a type the policy makes permissive through an ordinary module as builtin, like semanage permissive -l' {
        $cil = Join-Path ([IO.Path]::GetTempPath()) "gbbuiltinperm.cil"
        '(typepermissive rpcd_t)' | Set-Content $cil
        & semodule -X 200 -i $cil
        $LASTEXITCODE | Should -Be 0
        try {
            $lines = @(& semanage permissive -l | ForEach-Object { $_.Trim() } | Where-Object { $_ })
            $lines[0] | Should -Be 'Builtin Permissive Types'
            $lines | Should -Contain 'rpcd_t'
            $d = Get-SeLinuxPermissiveDomain rpcd_t
            $d.Name | Should -Be 'rpcd_t'
            $d.Customized | Should -BeFalse
            $d.Module | Should -BeNullOrEmpty
            @((Get-SeLinuxPermissiveDomain | Where-Object Customized).Name) | Should -Be $Before
        }
        finally {
            & semodule -X 200 -r gbbuiltinperm 2>$null
            Remove-Item $cil
        }
        Get-SeLinuxPermissiveDomain rpcd_t | Should -BeNullOrEmpty
    }

    It 'a removal semanage refuses mid-way rolls back the domains removed before it' {
        # sshd_t made permissive by a module at priority 200, which 'semanage permissive -d' (priority 400) cannot remove.
        $cil = Join-Path ([IO.Path]::GetTempPath()) "permissive_sshd_t.cil"
        '(typepermissive sshd_t)' | Set-Content $cil
        & semodule -X 200 -i $cil
        $LASTEXITCODE | Should -Be 0
        try {
            Set-SeLinuxPermissiveDomain httpd_t -Confirm:$false | Out-Null
            $with = @((Get-SeLinuxPermissiveDomain).Name | Sort-Object)
            $with | Should -Contain 'httpd_t'
            $with | Should -Contain 'sshd_t'
            Remove-SeLinuxPermissiveDomain httpd_t, sshd_t -Confirm:$false -ErrorVariable e -ErrorAction SilentlyContinue
            $e[0].FullyQualifiedErrorId | Should -Be 'ChangeFailed,GoBaseline.Commands.RemoveSeLinuxPermissiveDomainCommand'
            @((Get-SeLinuxPermissiveDomain).Name | Sort-Object) | Should -Be $with
        }
        finally {
            & semodule -X 200 -r permissive_sshd_t 2>$null
            if ('httpd_t' -notin $Before) { & semanage permissive -d httpd_t 2>$null }
            Remove-Item $cil
        }
        @((Get-SeLinuxPermissiveDomain).Name) | Should -Be $Before
    }
}

Describe 'Install-SeLinuxPolicyModule' {
    BeforeAll {
        $Work = Join-Path ([IO.Path]::GetTempPath()) ("gb-selmod-" + [guid]::NewGuid().ToString('N'))
        $Module = New-SeLinuxPolicyModule gbselchg /usr/local/bin/gbselchg -Network -BindPortType http_port_t -GoCachePath /var/cache/gbselchg -Path $Work
        [IO.File]::WriteAllBytes("$Work/gbbroken.pp", [byte[]](1..200))
    }
    AfterAll {
        if (& semodule -l | Where-Object { $_ -eq 'gbselchg' }) { & semodule -r gbselchg 2>$null }
        Remove-Item -Recurse -Force $Work
    }

    It '-WhatIf changes nothing and prints the semodule command' {
        $p = $Module | Install-SeLinuxPolicyModule -WhatIf
        $p.WhatIf, $p.Changed | Should -Be $true, $true
        (& semodule -l) -contains 'gbselchg' | Should -BeFalse
        Get-WhatIfTarget "Install-SeLinuxPolicyModule '$($Module.PackagePath)' -WhatIf" | Should -Be "semodule -i $($Module.PackagePath)"
        (& semodule -l) -contains 'gbselchg' | Should -BeFalse
    }

    It 'installs (the binary then expects the exec type), a rerun changes nothing, undo removes it' {
        $r = $Module | Install-SeLinuxPolicyModule -Confirm:$false
        $r.Changed | Should -BeTrue
        (& semodule -l) -contains 'gbselchg' | Should -BeTrue
        (& matchpathcon /usr/local/bin/gbselchg) -split "`t" | Select-Object -Last 1 | Should -Be 'system_u:object_r:gbselchg_exec_t:s0'
        (Get-SeLinuxFileContext /usr/local/bin/gbselchg).Context.Type | Should -Be 'gbselchg_exec_t'
        (Install-SeLinuxPolicyModule $Module.PackagePath -Confirm:$false).Changed | Should -BeFalse
        Undo-BaselineChange -TransactionId $r.TransactionId -Confirm:$false | Out-Null
        (& semodule -l) -contains 'gbselchg' | Should -BeFalse
    }

    It 'upgrades a module (a changed package, any file name: the name comes from the package), undo reinstalls the old one' {
        function Get-InstalledPackageHash {
            # The store keeps the installed package bzip2-compressed as hll.
            $tmp = Join-Path $Work 'installed.bz2'
            Copy-Item "/var/lib/selinux/$Policy/active/modules/400/gbselchg/hll" $tmp -Force
            & bzip2 -d -f $tmp
            (Get-FileHash (Join-Path $Work 'installed')).Hash
        }
        $v2 = New-SeLinuxPolicyModule gbselchg /usr/local/bin/gbselchg -GoCachePath /var/cache/gbselchg -Path "$Work/v2"
        Copy-Item $v2.PackagePath "$Work/upgrade-of-something.pp"
        (Get-FileHash $v2.PackagePath).Hash | Should -Not -Be (Get-FileHash $Module.PackagePath).Hash
        $r1 = Install-SeLinuxPolicyModule $Module.PackagePath -Confirm:$false
        try {
            Get-InstalledPackageHash | Should -Be (Get-FileHash $Module.PackagePath).Hash
            Get-WhatIfTarget "Install-SeLinuxPolicyModule '$Work/upgrade-of-something.pp' -WhatIf" | Should -Be "semodule -i $Work/upgrade-of-something.pp"
            $r2 = Install-SeLinuxPolicyModule "$Work/upgrade-of-something.pp" -Confirm:$false
            $r2.Changed | Should -BeTrue
            (& semodule -l) -contains 'upgrade-of-something' | Should -BeFalse
            Get-InstalledPackageHash | Should -Be (Get-FileHash $v2.PackagePath).Hash
            (Install-SeLinuxPolicyModule "$Work/upgrade-of-something.pp" -Confirm:$false).Changed | Should -BeFalse
            # Reversible: no -AcceptIrreversible needed, and the old package comes back byte for byte.
            Undo-BaselineChange -TransactionId $r2.TransactionId -Confirm:$false | Out-Null
            Get-InstalledPackageHash | Should -Be (Get-FileHash $Module.PackagePath).Hash
        }
        finally {
            Undo-BaselineChange -TransactionId $r1.TransactionId -Confirm:$false | Out-Null
        }
        (& semodule -l) -contains 'gbselchg' | Should -BeFalse
    }

    It 'New-SeLinuxPolicyModule: -WhatIf shows the compile commands; existing files are not overwritten without -Force' {
        $dir = "$Work/again"
        $d = "$dir/gbselnew"
        Get-WhatIfTarget "New-SeLinuxPolicyModule gbselnew /usr/local/bin/gbselnew -Path '$dir' -WhatIf" |
            Should -Be "Write $d.te, $d.fc, $d.if; checkmodule -M -m -o $d.mod $d.te; semodule_package -o $d.pp -m $d.mod -f $d.fc"
        Test-Path $dir | Should -BeFalse
        $first = New-SeLinuxPolicyModule gbselnew /usr/local/bin/gbselnew -Path $dir
        $before = Get-ChildItem $dir | Sort-Object Name | ForEach-Object { "$($_.Name) $((Get-FileHash $_.FullName).Hash)" }
        { New-SeLinuxPolicyModule gbselnew /usr/local/bin/gbselnew -Network -Path $dir -ErrorAction Stop } |
            Should -Throw -ErrorId 'SeLinuxPolicyModuleExists,GoBaseline.Commands.NewSeLinuxPolicyModuleCommand'
        (Get-ChildItem $dir | Sort-Object Name | ForEach-Object { "$($_.Name) $((Get-FileHash $_.FullName).Hash)" }) | Should -Be $before
        $ppBefore = (Get-FileHash $first.PackagePath).Hash
        $second = New-SeLinuxPolicyModule gbselnew /usr/local/bin/gbselnew -Network -Path $dir -Force
        $second.PackagePath | Should -Be $first.PackagePath
        (Get-FileHash $second.PackagePath).Hash | Should -Not -Be $ppBefore -Because 'the package was rebuilt with the network rules'
        Get-Content -Raw "$d.te" | Should -Match 'tcp_socket'
    }

    It 'a package that does not install rolls back the modules installed before it' {
        Install-SeLinuxPolicyModule $Module.PackagePath, "$Work/gbbroken.pp" -Confirm:$false -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -Be 'ChangeFailed,GoBaseline.Commands.InstallSeLinuxPolicyModuleCommand'
        (& semodule -l) -contains 'gbselchg' | Should -BeFalse
    }
}

AfterAll {
    if ($StoreLock) { $StoreLock.Dispose() }
}
