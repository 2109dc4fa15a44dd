# Descriptions of parameters shared by many cmdlets. A cmdlet's own help file overrides them.
@{
    Parameters = @{
        Root     = 'The root of the system to read or change: "/" (the default) for the live host, or the directory of a mounted container image, a chroot or a fixture tree. Paths in input and output are paths inside that root; symbolic links are resolved inside it and never escape it.'
        WhatIf   = 'Shows what would change (the exact file and line or command) without changing anything. A state-changing cmdlet then writes one preview BaselineChangeResult: WhatIf = True, Changed = whether a real run would change anything, Planned = the exact steps, Diff = the unified diff of the files it would change, no TransactionId (Ansible''s check mode; see about_GoBaseline_Rollback).'
        Confirm  = 'Asks for confirmation before each change.'
        PassThru = 'Returns the changed objects.'
        Force    = 'Goes on where the cmdlet would otherwise stop to protect you; see the description for what it overrides.'
        AcceptIrreversible = 'Allows changes that are reboot-bound or irreversible (FIPS mode, SELinux mode, audit rules made immutable with -e 2). Without it such a change is refused (ExplicitConsentRequired) before anything is touched; with it the cmdlet warns what undo can and cannot do and asks again unless -Force. See about_GoBaseline_Rollback.'
        LockTimeout = 'Seconds to wait for another GoBaseline change in progress to release the journal lock before failing with JournalBusy (default 30; 0 fails at once).'
        Quiet    = 'Returns a single bool instead of result objects: true when nothing is Fail or Error.'
    }
    # Shown as "Default value" by Get-Help (New-MamlHelp.ps1); a cmdlet's own DefaultValues override these.
    DefaultValues = @{
        Root = '/'
    }
}
