@{
    Synopsis    = 'Reports the kernel audit status (auditctl -s): enabled or immutable, failure mode, backlog, lost records and the audit daemon''s pid.'
    Description = @'
Get-AuditStatus runs auditctl -s and returns its values typed. Immutable is true when the kernel rules are locked with -e 2: no rule can be added or removed until reboot, and every GoBaseline cmdlet that changes live rules refuses to start. Lost counts records the kernel dropped (backlog full, rate limit); a growing number means the backlog limit (-b) is too small for the rules.
'@
    Parameters  = @{}
    Outputs     = @{ 'GoBaseline.AuditStatus' = 'Enabled (0, 1, 2), IsEnabled, Immutable, FailureMode and FailureModeName, Pid, RateLimit, BacklogLimit, Lost, Backlog, BacklogWaitTime, BacklogWaitTimeActual, LoginUidImmutable, RawText.' }
    Examples    = @(
        @{
            Title   = 'Is auditing on, and are records being lost?'
            Code    = 'Get-AuditStatus'
            Remarks = @'
Enabled Immutable FailureMode BacklogLimit Backlog Lost     Pid
------- --------- ----------- ------------ ------- ----     ---
      1     False printk                64       0        0 11158
'@
        }
        @{
            Title   = 'Stop a runbook before it tries to change locked rules'
            Code    = 'if ((Get-AuditStatus).Immutable) { throw ''audit rules are locked until reboot'' }'
            Remarks = 'The change cmdlets make this check themselves; scripts can make it earlier.'
        }
    )
    RelatedLinks = @('Get-AuditRule')
}
