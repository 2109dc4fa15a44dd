@{
    Synopsis    = 'Shows the SELinux domain a systemd service runs in (or would run in) and flags the bin_t to unconfined_service_t trap.'
    Description = @'
Get-SeLinuxServiceDomain loads the unit (and its drop-ins), takes the binary of ExecStart=, reads its label (security.selinux) and its expected label, finds the service's processes by their cgroup (/proc/PID/cgroup ending in /system.slice/<unit>) and reads the main process's context (/proc/PID/attr/current). The common trap: a Go binary labelled bin_t (or usr_t) started by systemd has no domain transition of its own and runs as unconfined_service_t, i.e. without SELinux protection. When the service does not run, or the kernel has no SELinux, PredictedDomain says what systemd (init_t) would start it as, read from the installed compiled policy (/etc/selinux/<type>/policy/policy.N under -Root) with sesearch (package setools): its rule type_transition init_t <exec type>:process <domain>. On Debian's reference policy a bin_t binary gets initrc_t (there is no unconfined_service_t there); an entrypoint type X_exec_t of a confined service usually gets X_t; no rule means no transition, and the unit then runs as init_t if init_t may execute the file at all (with SELinux enforcing it fails with status 203/EXEC otherwise). Only when there is no installed policy or no sesearch does a built-in table decide (X_exec_t to X_t, bin_t, usr_t and the like to unconfined_service_t as on Fedora/RHEL). PredictionSource says which one decided: Policy, Heuristic, or None. Unconfined is true for unconfined_service_t, unconfined_t, initrc_t, kernel_t and spc_t.
'@
    Parameters  = @{
        Name             = 'The systemd services (".service" may be left out); binds from the pipeline and from objects with a Name or ServiceName property.'
        FileContextsPath = 'The file contexts file to use for the binary''s expected label instead of the configured policy''s; a path inside -Root.'
    }
    Outputs     = @{ 'GoBaseline.SeLinuxServiceDomain' = 'One object per service: Service, Executable, ExecutableContext, ExecutableExpected, ProcessId, ProcessContext, PredictedDomain, PredictionSource (Policy or Heuristic), Domain, Unconfined, Finding.' }
    Examples    = @(
        @{
            Title   = 'Is the Go service confined?'
            Code    = 'Get-SeLinuxServiceDomain gosvc'
            Remarks = @'
Service              Domain                   Unconfined ExecutableType       Finding
-------              ------                   ---------- --------------       -------
gosvc.service        unconfined_service_t     True       bin_t                gosvc.service runs unconfined as unconfined_service_t: ...
'@
        }
        @{
            Title   = 'Every unconfined service from a list'
            Code    = "'gosvc', 'builder' | Get-SeLinuxServiceDomain | Where-Object Unconfined"
            Remarks = 'Service names bind from the pipeline.'
        }
        @{
            Title   = 'What decided the predicted domain'
            Code    = 'Get-SeLinuxServiceDomain gosvc | Select-Object Service, PredictedDomain, PredictionSource, Finding'
            Remarks = 'PredictionSource is Policy when the installed policy''s type_transition rule was read with sesearch.'
        }
    )
    RelatedLinks = @('Get-SeLinuxContext', 'Get-SeLinuxPermissiveDomain')
}
