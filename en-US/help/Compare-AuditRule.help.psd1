@{
    Synopsis    = 'Compares desired, persistent and live audit rules by meaning: field order, -k versus -F key= and syscall order do not matter, the order of never and always rules does.'
    Description = @'
Compare-AuditRule lines up three sets: the desired rules (the AuditRule controls of the embedded default profile, i.e. the Go baseline, or of -Profile; a file with -DesiredPath; or AuditRule objects from the pipeline), the persistent rules (/etc/audit/rules.d in augenrules order) and the live kernel rules (auditctl -l). Rules are equal when they mean the same to the kernel: "-k go_exec" and "-F key=go_exec", "-S open,close" and "-S close -S open", fields in any order. Each row says where a rule is. With a desired set: InSync (desired, persistent and live), MissingLive (desired and persistent, not in the kernel: run augenrules --load), MissingPersistent (desired and loaded, in no rules file: lost at reboot), Missing (desired, nowhere), NotDesired (present but not in the desired set). With -PersistentOnly: InSync, NotLoaded (persistent, not in the kernel), NotPersisted (live only). Under -Root no kernel is read: a persistent rule is LiveNotChecked, never "not loaded". OrderDiffers replaces InSync (or LiveNotChecked) when a never and an always rule of one list are in another order in two of the sets (desired, persistent, live): the first matching rule decides, so the order changes what is recorded.
'@
    Parameters  = @{
        Desired        = 'The desired rules, e.g. from New-AuditRule or Get-AuditRule -Path.'
        DesiredPath    = 'A rules file holding the desired rules (a path inside -Root).'
        Baseline       = 'Compare against the Go baseline''s rules (the default).'
        PersistentOnly = 'Compare only persistent with live rules, without a desired set.'
        DifferentOnly  = 'Only return rows that are not InSync.'
        Profile        = 'A profile YAML file whose AuditRule controls are the desired rules, instead of the embedded default profile (the Go baseline). Placeholders ({goenv}, {goroot}, {unitdir}) are expanded for the host.'
    }
    Outputs     = @{ 'GoBaseline.AuditRuleDifference' = 'One row per distinct rule: Status, InDesired, InPersistent, InLive, Text, Key, CanonicalText, DesiredSource, PersistentSource.' }
    Examples    = @(
        @{
            Title   = 'What of the Go baseline is missing or not loaded'
            Code    = 'Compare-AuditRule -DifferentOnly'
            Remarks = @'
Status            Desired Persistent Live  Text
------            ------- ---------- ----  ----
Missing           True    False      False -a always,exit -F arch=b32 -S execve -F key=go_exec
MissingLive       True    True       False -w /etc/profile.d -p wa -k go_env
'@
        }
        @{
            Title   = 'Did someone add rules by hand that a reboot will lose?'
            Code    = 'Compare-AuditRule -PersistentOnly | Where-Object Status -eq NotPersisted'
            Remarks = 'Rules loaded with auditctl but written in no rules.d file.'
        }
        @{
            Title   = 'Compare against the audit rules of a copied profile'
            Code    = 'Compare-AuditRule -Profile ./team-profile.yaml -DifferentOnly'
            Remarks = 'The desired set is the profile''s AuditRule controls, expanded for this host.'
        }
        @{
            Title   = 'Compare against a team''s rules file'
            Code    = 'Get-AuditRule -Path ./go-team.rules | Compare-AuditRule'
            Remarks = 'The desired set comes from the pipeline.'
        }
    )
    RelatedLinks = @('Get-AuditRule', 'Test-AuditRule', 'New-AuditRule')
}
