@{
    Synopsis    = 'Switches named Go services to GODEBUG=fips140=on stage by stage, checks health after each stage, and rolls every stage back automatically when a check fails.'
    Description = @'
Start-FipsRollout is the seed's canary plan for one host's services. Stage by stage (-StagePercent, by default a first 25 %, then 50 %, then all) it writes each service's systemd drop-in Environment=GODEBUG=fips140=on as one journal transaction, restarts the stage's units and asks systemctl is-active where systemd runs, runs -HealthCheck with the services switched so far, and counts failed CRYPTO_* records in /var/log/audit/audit.log against the count before the rollout. When any check fails, every stage applied so far is undone (newest first) through the journal, the stages are reported Failed and RolledBack, and a RolloutStageFailed error is written. A journal checkpoint named after the rollout is taken before the first stage, so Restore-Baseline can undo a completed rollout later, and every stage's TransactionId pipes into Undo-BaselineChange.

Across many hosts, the same stages are Ansible batches (serial, max_fail_percentage) driving this cmdlet; see about_GoBaseline. Under -Root, or where systemd does not run, units are not restarted and the health check decides alone.
'@
    Parameters  = @{
        ServiceName  = 'The Go services (systemd units), in rollout order; binds from the pipeline and from ServiceName properties.'
        HealthCheck  = 'The health condition, run after every stage with the services switched so far as $args[0]. It fails when it throws or outputs $false.'
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
Stage Status     ServiceName   TransactionId             Reason
----- ------     -----------   -------------             ------
1/3   Succeeded  api           tx-20261129T031522Z-6f1c
2/3   Succeeded  worker        tx-20261129T031530Z-09ab
3/3   Succeeded  billing, search tx-20261129T031541Z-77de
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
