@{
    Synopsis    = 'Reports SELinux''s state like sestatus: enabled, running and configured mode, policy, MLS, policy version, deny_unknown.'
    Description = @'
Get-SeLinuxStatus reads the kernel's selinuxfs (/sys/fs/selinux: enforce, policyvers, mls, deny_unknown; the mount point comes from /proc/mounts) and /etc/selinux/config (SELINUX= and SELINUXTYPE=). On a kernel without SELinux it does not fail: KernelSupport and Enabled are false, CurrentMode is Disabled, Note says why, and the policy facts come from the installed policy (/etc/selinux/<name>/policy/policy.N, ranges in file_contexts). ModeChangePending is true when the configured mode differs from the running one (a reboot or setenforce is due).
'@
    Parameters  = @{}
    Outputs     = @{ 'GoBaseline.SeLinuxStatus' = 'One object: KernelSupport, Enabled, CurrentMode, ConfiguredMode, PolicyName, PolicyType, MlsEnabled, PolicyVersion, DenyUnknown, SelinuxfsMount, ConfigFile, RootDirectory, Note, ModeChangePending.' }
    Examples    = @(
        @{
            Title   = 'Show the status of this machine'
            Code    = 'Get-SeLinuxStatus'
            Remarks = @'
Enabled Kernel Mode       ConfigMode Policy     Type     MLS   Version DenyUnknown Note
------- ------ ----       ---------- ------     ----     ---   ------- ----------- ----
False   False  Disabled   Permissive default    mcs      True  33                  The kernel has no SELinux (no selinuxfs): ...
'@
        }
        @{
            Title   = 'Fail a runbook step unless SELinux enforces after the next boot'
            Code    = "if ((Get-SeLinuxStatus).ConfiguredMode -ne 'Enforcing') { throw 'SELinux is not configured to enforce' }"
            Remarks = 'ConfiguredMode is an enum (Disabled, Permissive, Enforcing), so the comparison is by name.'
        }
        @{
            Title   = 'Read a mounted container image'
            Code    = 'Get-SeLinuxStatus -Root /mnt/image | Select-Object PolicyName, ConfiguredMode, PolicyVersion'
            Remarks = 'Under -Root, only the files of the image are read.'
        }
    )
    RelatedLinks = @('Get-SeLinuxContext', 'Test-SeLinuxContext')
}
