@{
    Synopsis    = 'Lists the permissive SELinux domains: the policy''s own (builtin) and those made permissive locally (semanage permissive -a).'
    Description = @'
Get-SeLinuxPermissiveDomain reads the policy store (/var/lib/selinux/<policy>/active/modules/<priority>/) and returns one object per module named permissive_<type>: the module semanage permissive -a installs, containing (typepermissive <type>). This is the list semanage permissive -l prints under "Customized Permissive Types" (Customized=True). Before them come the "Builtin Permissive Types": types the compiled policy (/etc/selinux/<policy>/policy/policy.N) makes permissive through other modules, read with seinfo --permissive (package setools), with Customized=False, no Module and the policy file as Source; disabled modules are left out, and of a module installed at several priorities the highest counts. Domains declared permissive inside other policy modules ("Builtin Permissive Types") are not listed: that needs the compiled policy. A permissive Go service domain is the seed's debugging flow; leaving it in production means its denials are only logged.
'@
    Parameters  = @{
        Name = 'Only these domains (wildcards allowed), e.g. gosvc_t or *_t.'
    }
    Outputs     = @{ 'GoBaseline.SeLinuxPermissiveDomain' = 'One object per permissive domain: Name, Customized, Module, Priority, Source.' }
    Examples    = @(
        @{
            Title   = 'Find permissive domains left over from debugging'
            Code    = 'Get-SeLinuxPermissiveDomain'
            Remarks = @'
Name                           Customized Module                         Priority
----                           ---------- ------                         --------
gosvc_t                        True       permissive_gosvc_t             400
'@
        }
        @{
            Title   = 'Fail when a Go service domain is permissive'
            Code    = "if (Get-SeLinuxPermissiveDomain -Name 'gosvc_t') { throw 'gosvc_t is permissive' }"
            Remarks = 'Name takes wildcards.'
        }
    )
    RelatedLinks = @('Get-SeLinuxServiceDomain', 'Get-SeLinuxStatus')
}
