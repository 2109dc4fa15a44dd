@{
    Synopsis    = 'Shows who changed the Go environment and when: audit events of the Go environment watch rules, joined with before and after values from the change journal.'
    Description = @'
Get-GoEnvironmentChange reads the audit log (like Search-AuditLog) for the events of the Go environment watch rules (key go_env by default, or -Key) and for events that wrote a Go environment file (a GOENV file .../go/env, $GOROOT/go.env, /etc/environment, /etc/profile.d/*, systemd units and drop-ins). Where GoBaseline made the change, the event is joined with the change journal entry of the same file within a few seconds, and one object per Go variable is returned with its value before and after (read from the journal's copies of the file). Journal changes of Go environment files without an audit event (auditd off, no watch rule) are in the timeline too. Entries are oldest first.
'@
    Parameters  = @{
        Path  = 'Audit log files or directories to read. Default: the configured log_file under -Root and its rotations.'
        Name  = 'Go variables to report, e.g. GOPROXY. When given, entries without a known variable are left out.'
        Key   = 'The keys of the Go environment watch rules (default go_env).'
        Start = 'Only changes at or after this time.'
        End   = 'Only changes at or before this time.'
        Node  = 'Only events from these nodes (node= prefix).'
    }
    Outputs     = @{ 'GoBaseline.GoEnvironmentChange' = 'One object per change (per variable when the journal knows the values): Time, Name, Before, After, File, LoginUserName, UserName, Executable, ProcessTitle, Syscall, Success, Key, EventId, TransactionId, Cmdlet, Source, AuditEvent.' }
    Examples    = @(
        @{
            Title   = 'Who changed GOPROXY this week'
            Code    = 'Get-GoEnvironmentChange -Name GOPROXY -Start (Get-Date).AddDays(-7) | Format-Table Time, LoginUserName, Before, After, Executable'
            Remarks = 'Values come from the journal where GoBaseline made the change; other writers show up with their audit event only.'
        }
        @{
            Title   = 'Undo a change found in the timeline'
            Code    = 'Get-GoEnvironmentChange -Name GOFLAGS | Where-Object TransactionId | Select-Object -Last 1 | ForEach-Object { Undo-BaselineChange -Id $_.TransactionId -WhatIf }'
            Remarks = 'TransactionId names the journal transaction of the GoBaseline change.'
        }
    )
    RelatedLinks = @('Search-AuditLog', 'Get-GoEnvironment')
}
