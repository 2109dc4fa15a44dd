@{
    Synopsis    = 'Checks that the Go baseline''s audit rules are persistent and loaded (execve b64 and b32 with key go_exec, watches on the files that change the Go environment), or lints rules files.'
    Description = @'
Test-AuditRule returns one CheckResult per control of the profile's AuditRule checks (the embedded default profile, or -Profile): AUDIT-001 and AUDIT-002 (execve for b64 and b32 with key go_exec), AUDIT-003 /etc/environment, AUDIT-004 /etc/profile.d, AUDIT-005 each systemd unit directory (/etc/systemd/system, /run/systemd/system, /usr/lib/systemd/system: units and their drop-ins), AUDIT-006 the GOENV file of root and of every login user as the go command resolves it (GOENV, else $XDG_CONFIG_HOME/go/env, else ~/.config/go/env from the user's login environment), also when it does not exist yet (the kernel accepts a watch on a missing file in an existing directory, so the first go env -w is recorded), AUDIT-007 $GOROOT/go.env of every toolchain found. A watch whose directory does not exist is a Warn that says so: the kernel refuses it, and auditctl -R would stop at it. Each failed control's Remediation is an Add-AuditRule command that adds that one rule and keeps the others, so the suggestions can be run one after another. A rule passes when a persistent rule and (on the live host) a loaded rule record at least the same events; a rule with extra conditions or without the key is a Warn. The seed's misconfigurations are named in the message: "-a task,always -S execve" (auditctl refuses it and stops loading the file; the task list never sees execve) and a syscall rule without -F arch= (in a rules.d file or loaded in the kernel).

With -Lint it instead lints rules files (rules.d by default): lines auditctl -R would stop at (with the reason: unknown user or group, unknown syscall, bad field), -e 2 before other rules, duplicates ("Rule exists"), watches on missing paths, never rules after the always rules they should precede, syscall rules without arch, -a never,task, and files without a final newline.
'@
    Parameters  = @{
        Lint      = 'Lint rules files instead of checking the baseline.'
        Path      = 'The files to lint (paths inside -Root), in load order. Default: /etc/audit/rules.d/*.rules in augenrules order.'
        ControlId = 'Only these controls (ids, wildcards allowed), e.g. AUDIT-001.'
        Profile   = 'A profile YAML file whose AuditRule controls (check: { type: AuditRule, rule: "..." }) are the rules to check, instead of the embedded default profile, which holds AUDIT-001 to AUDIT-007. A rule may hold one placeholder, expanded per host: {goenv}, {goroot} or {unitdir}. Unknown keys and wrong types stop the cmdlet with the file, line and column.'
    }
    Outputs     = @{
        'GoBaseline.CheckResult'          = 'Baseline check: one result per control, Pass only with the rule and where it was found as evidence.'
        'System.Boolean'                  = 'With -Quiet: true when no control is Fail or Error.'
        'GoBaseline.AuditRuleLintFinding' = 'With -Lint: Code, Severity, Message, Source, Line, RuleText.'
    }
    Examples    = @(
        @{
            Title   = 'Check the Go audit rules'
            Code    = 'Test-AuditRule'
            Remarks = @'
Status        ControlId Target       Evidence                 Actual
------        --------- ------       --------                 ------
Fail          AUDIT-001 execve       rules.d, auditctl -l     absent
Fail          AUDIT-002 execve       rules.d, auditctl -l     absent
Fail          AUDIT-003 /etc/enviro… rules.d, auditctl -l     absent
Fail          AUDIT-004 /etc/profil… rules.d, auditctl -l     absent
'@
        }
        @{
            Title   = 'Lint the rules.d files before augenrules --load'
            Code    = 'Test-AuditRule -Lint | Where-Object Severity -eq High'
            Remarks = 'High findings stop auditctl -R half way: the rules after them, and a closing -e 2, never load.'
        }
        @{
            Title   = 'Check a team''s own audit rules from a copy of the profile'
            Code    = 'Test-AuditRule -Profile ./team-profile.yaml | Where-Object Status -ne Pass | ForEach-Object Remediation'
            Remarks = 'Each failed control''s Remediation is an Add-AuditRule command for its one rule (it keeps the other rules), so the lines can be run one after another.'
        }
        @{
            Title   = 'Gate a pipeline on the baseline'
            Code    = 'if (-not (Test-AuditRule -Quiet)) { exit 1 }'
            Remarks = '-Quiet returns one bool.'
        }
    )
    RelatedLinks = @('Compare-AuditRule', 'Get-AuditRule')
}
