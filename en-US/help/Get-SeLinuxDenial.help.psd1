@{
    Synopsis    = 'Reads SELinux AVC denials from audit logs as objects, each with the allow rule that would permit it (what audit2allow prints).'
    Description = @'
Get-SeLinuxDenial finds AVC denials the way audit2allow's parser (sepolgen) does: kernel AVC records, USER_AVC records of userspace object managers such as dbus, and syslog copies; the permissions between braces and the scontext, tcontext, tclass, comm, exe, name/path, pid and permissive fields. Granted messages are skipped. Each denial carries SourceContext and TargetContext (SeLinuxContext objects), SourceType, TargetType, Class, Permissions, Command, Executable, Path, ProcessId, Permissive, the log File and Line, and AllowRule: "allow S T:C { perms };", with "self" when source and target type are the same, as audit2allow writes it. -AllowRules writes the merged rules instead (one per source, target and class, grouped under audit2allow's "#============= domain ==============" headers), followed, as in audit2allow, by a "#============= ROLES ==============" section with "role R types T;" for every invalid context of a SELINUX_ERR security_compute_sid record. -KnownToPolicy drops denials the installed policy cannot express (unknown user, role, type, class or permission, or a context the policy holds invalid: a user not authorised for the role or a role not authorised for the type, read from the compiled policy with seinfo from the setools package), which audit2allow -p drops too; with it the merged rules equal audit2allow -p's on the AVC fixtures, except that audit2allow splits a source/target/class into several rules when audit2why files its denials under different explanations (allowed, dontaudit, boolean, constraint), which needs the compiled policy.
'@
    Parameters  = @{
        Path          = 'The audit logs to read (paths inside -Root); /var/log/audit/audit.log by default. Binds from the pipeline and from Get-ChildItem output.'
        SourceType    = 'Only denials of these source domains (wildcards allowed), e.g. gosvc_t.'
        KnownToPolicy = 'Leave out denials whose users, roles, types, class or permissions the installed policy does not define, or whose contexts it holds invalid (user not authorised for the role, role not for the type): audit2allow -p cannot analyse them and drops them too. Reads the policy store and, with seinfo, the compiled policy.'
        AllowRules    = 'Instead of the denials, write the merged allow rules (one per source, target and class, grouped by source domain) as audit2allow does.'
    }
    Outputs     = @{
        'GoBaseline.SeLinuxDenial' = 'One object per denial: Timestamp, Serial, RecordType, SourceContext, TargetContext, SourceType, TargetType, Class, Permissions, Command, Executable, Path, ProcessId, Permissive, AllowRule, File, Line.'
        'System.String'            = 'With -AllowRules: the merged rules and their headers.'
    }
    Examples    = @(
        @{
            Title   = 'What did the Go service get denied?'
            Code    = 'Get-SeLinuxDenial -SourceType gosvc_t | Group-Object AllowRule | Select-Object Count, Name'
            Remarks = 'Each distinct rule once, with how often it was needed.'
        }
        @{
            Title   = 'The rules for a permissive debugging run, ready for a module'
            Code    = 'Get-SeLinuxDenial -SourceType gosvc_t -KnownToPolicy -AllowRules'
            Remarks = @'
#============= gosvc_t ==============
allow gosvc_t http_port_t:tcp_socket name_bind;
allow gosvc_t self:capability net_bind_service;
'@
        }
    )
    RelatedLinks = @('New-SeLinuxPolicyModule', 'Set-SeLinuxPermissiveDomain')
}
