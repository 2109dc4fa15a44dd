@{
    Synopsis    = 'Makes the Go environment of a scope match the baseline, through the change journal.'
    Description = @'
Set-GoEnvBaseline sets the values the baseline requires explicitly (from the embedded default profile: GO111MODULE=on, CGO_ENABLED=0, GOCACHE=/tmp/go-build, GOPROXY=https://proxy.golang.org,direct, GOTOOLCHAIN=local), or the -Name/-Value pairs given, in one scope:

System: the managed script /etc/profile.d/gobaseline-go.sh (export lines) and /etc/environment, where only the lines of those keys are edited or appended and every other byte is kept.
User (-User): the user's GOENV file ($GOENV, $XDG_CONFIG_HOME/go/env or ~/.config/go/env), in exactly the format 'go env -w' writes (duplicates removed, existing keys updated in place, new keys appended, runs of KEY=VALUE lines sorted); a new file and its directories belong to the user.
Service (-ServiceName): the drop-in /etc/systemd/system/<unit>.d/50-gobaseline-go.conf with one Environment= line per variable (run systemctl daemon-reload and restart the unit to apply). For a template instance such as build@web the drop-in goes to build@web.service.d, so only that instance gets it, even when the unit file is the template build@.service.

GOCACHE: when the value set is an absolute path that does not exist yet (the baseline's /tmp/go-build), the User and Service scopes also create it, mode 0700, owned by the builder (the user; the unit's User=, root without one; nothing with DynamicUser= and no User=). Left to the first build, a cache under a directory others may write is owned by whoever creates it first, and GOENV-012 fails. The System scope has no one builder: it warns with the command to run instead.

All files of a call are changed as one journaled transaction: atomically (temporary file, fsync, rename), keeping mode, owner and SELinux label, and rolled back entirely if any part fails. The command is idempotent: when everything is already in place nothing is written and the result says Changed = False. -WhatIf shows each file and the exact lines it would write.
'@
    Parameters  = @{
        Scope       = 'System (the default), User or Service. -User and -ServiceName imply their scope.'
        User        = 'The user whose GOENV file to write (User scope).'
        ServiceName = 'The systemd unit(s) to give the drop-in (Service scope); a bare name gets ".service". A template instance (build@web) is accepted when only its template (build@.service) exists; the drop-in is the instance''s. Binds from the pipeline by value and by property name.'
        Name        = 'Variables to set instead of the baseline''s; pairs with -Value by position. In the User scope only what go env -w accepts: a name the go command does not know (FOO, a typo) or computes itself (GOVERSION, GOMOD, ...) is refused with InvalidSetting before anything is written, as go env -w refuses it.'
        Value       = 'The values for -Name, in the same order.'
        Profile     = 'The profile whose explicit values to set: the name of an embedded profile or the path of a YAML profile. Default: the embedded default profile.'
        PassThru    = 'Returns the GoEnvironmentVariable objects of the variables set, resolved afresh from the scope (the new state), instead of the BaselineChangeResult.'
        Force       = 'Skips the extra confirmation of reboot-bound or irreversible changes (none of this cmdlet''s changes is).'
    }
    Outputs     = @{
        'GoBaseline.BaselineChangeResult'  = 'Without -PassThru: Changed (False on an idempotent rerun), TransactionId, Changes, Unchanged, Diff (unified diff of every file changed). Under -WhatIf (with or without -PassThru): one preview with WhatIf = True, Changed (whether a real run would change anything), Planned and Diff.'
        'GoBaseline.GoEnvironmentVariable' = 'With -PassThru: the variables set, as Get-GoEnvironment resolves them now.'
    }
    Examples    = @(
        @{
            Title   = 'Preview, apply, rerun'
            Code    = "Set-GoEnvBaseline -Scope System -WhatIf`nSet-GoEnvBaseline -Scope System`nSet-GoEnvBaseline -Scope System"
            Remarks = @'
What if: Performing the operation "Set-GoEnvBaseline" on target "Write /etc/profile.d/gobaseline-go.sh: export GO111MODULE=on; export CGO_ENABLED=0; ...".
What if: Performing the operation "Set-GoEnvBaseline" on target "Write /etc/environment: line 2: GO111MODULE=auto -> GO111MODULE=on; append line 4: CGO_ENABLED=0; ...".

Changed TransactionId               State      Changes Message
------- -------------               -----      ------- -------
True    20261129T031502117Z-3fa2c1  Applied          2 Transaction 20261129T031502117Z-3fa2c1: 2 change(s) applied, 0 already in place.
False                                                0 Nothing to change: 2 change(s) already in place.
'@
        }
        @{
            Title   = 'A user''s GOENV file, checked with go env'
            Code    = "Set-GoEnvBaseline -User dev -Name GOPROXY, GOSUMDB -Value 'https://goproxy.corp.example,direct', sum.golang.org -PassThru"
            Remarks = 'Writes ~dev/.config/go/env as "go env -w" would and returns the resolved GOPROXY and GOSUMDB (Layer UserConfig).'
        }
        @{
            Title   = 'Every Go build service gets the baseline'
            Code    = "'builder', 'ci-runner' | Set-GoEnvBaseline | Where-Object Changed"
            Remarks = 'Writes /etc/systemd/system/<unit>.d/50-gobaseline-go.conf for each unit; only the units that changed are shown. Ansible: changed = $r.Changed, diff = $r.Diff.'
        }
    )
    Notes       = 'Undo with Undo-BaselineChange -TransactionId <id> (or pipe the result to it). See about_GoBaseline_Rollback.'
    RelatedLinks = @('Test-GoEnvBaseline', 'Get-GoEnvironment', 'Undo-BaselineChange', 'about_GoBaseline_Rollback')
}
