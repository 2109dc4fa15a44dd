# Descriptions of parameters shared by many cmdlets. A cmdlet's own help file overrides them.
@{
    Parameters = @{
        Root     = 'The root of the system to read or change: "/" (the default) for the live host, or the directory of a mounted container image, a chroot or a fixture tree. Paths in input and output are paths inside that root; symbolic links are resolved inside it and never escape it.'
        WhatIf   = 'Shows what would change (the exact file and line or command) without changing anything.'
        Confirm  = 'Asks for confirmation before each change.'
        PassThru = 'Returns the changed objects.'
        Force    = 'Goes on where the cmdlet would otherwise stop to protect you; see the description for what it overrides.'
        Quiet    = 'Returns a single bool instead of result objects: true when nothing is Fail or Error.'
    }
}
