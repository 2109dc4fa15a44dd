@{
    Synopsis    = 'Switches named Go services to GODEBUG=fips140=on stage by stage, checks health after each stage, and rolls every stage back automatically when a check fails.'
    Description = @'
Start-FipsRollout is the seed's canary plan for one host's services. Stage by stage (-StagePercent, by default a first 25 %, then 50 %, then all) it writes each service's systemd drop-in Environment=GODEBUG=fips140=on as one journal transaction, restarts the stage's units and asks systemctl is-active where systemd runs, runs -HealthCheck with the services switched so far, and counts failed CRYPTO_* records in /var/log/audit/audit.log against the count before the rollout. When any check fails, every stage applied so far is undone (newest first) through the journal, the stages are reported Failed and RolledBack, and a RolloutStageFailed error is written. A journal checkpoint named after the rollout is taken before the first stage, so Restore-Baseline can undo a completed rollout later, and every stage's TransactionId pipes into Undo-BaselineChange.

Across many hosts, the same stages are Ansible batches (serial, max_fail_percentage) driving this cmdlet; see about_GoBaseline. Under -Root, or where systemd does not run, units are not restarted and the health check decides alone. Where systemd runs, a failing or timed-out systemctl daemon-reload or restart fails the stage too, and after a stage is rolled back its units are reloaded and restarted again (without the drop-in); those lines appear in the stage's Checks.

The health check is either a script block (-HealthCheck) or a native command (-HealthCommand). A script block fails when it throws, writes an error record, leaves a non-zero $LASTEXITCODE, or its last output is false ($false, 0, '', $null or the string 'False'); a command fails unless it exits 0.
'@
    Parameters  = @{
        ServiceName  = 'The Go services (systemd units), in rollout order; binds from the pipeline and from ServiceName properties.'
        HealthCheck  = 'The health condition, run after every stage with the services switched so far as $args[0]. It fails when it throws, writes an error record (Write-Error, a failing cmdlet), leaves a non-zero $LASTEXITCODE (the last native program it ran exited non-zero), or its last output is false in PowerShell''s sense ($false, 0, '''', $null) or the string ''False''; otherwise (no output at all included) it passes. A native program''s stderr alone is not a failure.'
        HealthCommand = 'The health condition as a native command: the program and its arguments, run without a shell after every stage with the services switched so far appended as further arguments. It passes when the program exits 0 within two minutes; any other exit code, a timeout or a missing program fails the stage.'
        StagePercent = 'The cumulative share of the services switched after each stage, in percent (default 25, 50, 100). Every stage switches at least one more service.'
        RolloutId    = 'The rollout''s name, also the journal checkpoint taken before the first stage (default fips-rollout-<UTC time>).'
    }
    Outputs     = @{
        'GoBaseline.FipsRolloutStage' = 'One object per stage: Stage, StageCount, ServiceName, TransactionId, Status (Succeeded, Failed, RolledBack, Skipped), Checks and Reason.'
    }
    Examples    = @(
        @{
            Title   = 'Canary rollout with an HTTP health probe'
            Code    = "Start-FipsRollout -ServiceName api, worker, billing, search -HealthCheck { param(`$svc) (Invoke-WebRequest http://localhost:8080/healthz -SkipHttpErrorCheck).StatusCode -eq 200 } -Confirm:`$false"
            Remarks = @'
Stage Status     ServiceName          Reason
----- ------     -----------          ------
1/3   Succeeded  api
2/3   Succeeded  worker
3/3   Succeeded  billing, search

Each stage's TransactionId is a property (Select-Object Stage, TransactionId); the table leaves it out so Reason keeps its width.
'@
        }
        @{
            Title   = 'Services from a list, a native health command, and the failed stage''s checks'
            Code    = "Get-Content ./go-services.txt | Start-FipsRollout -HealthCommand '/usr/local/bin/check-health', '--timeout', '10' -Confirm:`$false -ErrorAction SilentlyContinue | Where-Object Status -ne Succeeded | Select-Object Stage, Status, Reason"
            Remarks = @'
Stage     Status Reason
-----     ------ ------
    1 RolledBack Undone because a later stage failed.
    2     Failed The health check failed: /usr/local/bin/check-health --timeout 10 api worker exited 2: worker: TLS handshake failed Every stage was rolled back.

The service names come from the pipeline; the command gets the services switched so far as its last arguments.
'@
        }
        @{
            Title   = 'Undo a finished rollout later'
            Code    = 'Restore-Baseline -Name fips-rollout-20261129T031522Z'
            Remarks = 'The checkpoint taken before the first stage names the rollout.'
        }
    )
    RelatedLinks = @('Enable-FipsMode', 'Disable-FipsMode', 'Undo-BaselineChange', 'Restore-Baseline')
}
