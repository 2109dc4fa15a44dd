@{
    Synopsis    = 'Generates a type-enforcement module (.te, .fc, .if) for a Go service and compiles it with checkmodule and semodule_package into a .pp.'
    Description = @'
New-SeLinuxPolicyModule writes a module in plain policy language (no refpolicy m4 headers needed): the service's own domain <name>_t and exec type <name>_exec_t, the systemd transition (init_t may execute the exec type, which is the domain's entrypoint, and "type_transition init_t <name>_exec_t:process <name>_t" moves the process into the domain instead of unconfined_service_t), what the Go runtime needs (its own /proc files, /etc, shared libraries, certificates, /dev/urandom), and optionally TCP/UDP networking with name_bind and name_connect on the port types given, GOCACHE and GOPATH types (<name>_cache_t, <name>_gopath_t, read-write) with their file contexts, and the permissive flag of sepolicy generate's debugging flow. The container case (-ContainerType container_t) writes no domain: it gives the container domain network access as libvirt's svirt_lxc_net_t had, and access to the caches. The require block is computed from the rules. The .fc labels the binary and the cache directories; the .if offers <name>_domtrans and <name>_read_cache to other modules. Unless -NoCompile, checkmodule -M -m and semodule_package -f build <name>.pp, which Install-SeLinuxPolicyModule installs; a failed compile is SeLinuxPolicyCompileFailed. Module files of that name already in the directory are not overwritten without -Force (SeLinuxPolicyModuleExists). -WhatIf shows the files it would write and the exact checkmodule and semodule_package command lines.
'@
    Parameters  = @{
        Name            = 'The module name, also the prefix of its types: gosvc gives gosvc_t and gosvc_exec_t.'
        ExecutablePath  = 'The service binary; the .fc file labels it with the exec type, the domain''s entrypoint.'
        Network         = 'Give the domain TCP and UDP sockets (binding and connecting to the port types of -BindPortType and -ConnectPortType).'
        BindPortType    = 'Port types the domain may bind, e.g. http_port_t (the container case defaults to unreserved_port_t).'
        ConnectPortType = 'Port types the domain may connect to, e.g. http_port_t for GOPROXY (the container case defaults to http_port_t and unreserved_port_t).'
        GoCachePath     = 'GOCACHE directories: labelled <name>_cache_t, which the domain may read and write.'
        GoPath          = 'GOPATH directories: labelled <name>_gopath_t, which the domain may read and write (module downloads).'
        ContainerType   = 'The container case: no domain of its own; the container domain named here (container_t) gets network access as libvirt''s svirt_lxc_net_t had, and access to the caches.'
        Permissive      = 'Make the new domain permissive (denials logged, not enforced), as sepolicy generate does, for the debugging flow.'
        Path            = 'The directory to write the files to (created when missing); the current directory by default.'
        NoCompile       = 'Write the sources only; do not run checkmodule and semodule_package.'
        Force           = 'Overwrite module files (.te, .fc, .if, .mod, .pp) of that name that already exist in the directory; without it New-SeLinuxPolicyModule refuses (SeLinuxPolicyModuleExists).'
        Range           = 'The MLS/MCS range of the file contexts; "s0" by default (Debian''s and Fedora''s policies are MCS). Use "" for a policy without MLS.'
    }
    Outputs     = @{ 'GoBaseline.SeLinuxPolicyModule' = 'One object: Name, Domain, ExecType, Directory, TeFile, FcFile, IfFile, PackagePath (and Path, the same), Te, Fc.' }
    Examples    = @(
        @{
            Title   = 'A confined domain for a Go web service, with its build cache'
            Code    = 'New-SeLinuxPolicyModule gosvc /usr/local/bin/gosvc -Network -BindPortType http_port_t -GoCachePath /var/cache/gosvc -Path ./policy'
            Remarks = @'
Name                 Domain                 ExecType                 Package
----                 ------                 --------                 -------
gosvc                gosvc_t                gosvc_exec_t             /home/dev/policy/gosvc.pp
'@
        }
        @{
            Title   = 'Generate, install and relabel'
            Code    = 'New-SeLinuxPolicyModule gosvc /usr/local/bin/gosvc -Network | Install-SeLinuxPolicyModule; Restore-SeLinuxContext /usr/local/bin/gosvc'
            Remarks = 'Install-SeLinuxPolicyModule binds the package by its Path property.'
        }
        @{
            Title   = 'The container case'
            Code    = 'New-SeLinuxPolicyModule gocontainer -ContainerType container_t -GoCachePath /var/lib/gocache -NoCompile'
            Remarks = 'Writes the sources only; container_t must exist in the policy the package is installed into.'
        }
    )
    RelatedLinks = @('Install-SeLinuxPolicyModule', 'Get-SeLinuxServiceDomain')
}
