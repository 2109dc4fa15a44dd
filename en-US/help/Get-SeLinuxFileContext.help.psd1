@{
    Synopsis    = 'Computes the SELinux label the policy expects for paths (what matchpathcon prints) and names the file_contexts rule that decided it.'
    Description = @'
Get-SeLinuxFileContext loads the policy's file_contexts, file_contexts.homedirs and file_contexts.local, with the .subs and .subs_dist aliases, and looks each path up the way libselinux does: the file type from lstat, the path resolved like matchpathcon (realpath; for a symbolic link only its directory), duplicate slashes removed, aliases applied, then the rules tried in libselinux's order (exact paths before regular expressions, the last matching rule first, so local customisations win; anchored regular expressions; file type qualifiers; <<none>>). It is proven equal to matchpathcon on every path of /usr, /etc, /var and /opt of a Debian machine, and it says which rule decided: RuleFile and RuleLine, RuleSpec and RuleFileType, the LookupPath after resolution and aliasing, and the Substitution used. The paths need not exist: a missing path matches rules of any file type.
'@
    Parameters  = @{
        Path             = 'The paths to look up; they need not exist. Binds from the pipeline and from objects with a Path or FullName property.'
        Recurse          = 'Also look up everything below the named directories (links are not followed).'
        FileType         = 'Look the paths up as this file type instead of the type on disk (matchpathcon -m): Any, File, Dir, LnkFile, ChrFile, BlkFile, SockFile, FifoFile.'
        FileContextsPath = 'The file contexts file to use instead of the configured policy''s (matchpathcon -f); a path inside -Root. Its .homedirs, .local, .subs and .subs_dist siblings are read too.'
    }
    Outputs     = @{ 'GoBaseline.SeLinuxExpectedContext' = 'One object per path: Path, Context (an SeLinuxContext, null for <<none>>), ContextText, IsNone, FileType, LookupPath, RuleSpec, RuleFileType, RuleFile, RuleLine, Rule, Substitution.' }
    Examples    = @(
        @{
            Title   = 'Which rule labels a Go service binary?'
            Code    = 'Get-SeLinuxFileContext /usr/local/bin/gosvc | Format-List Path, ContextText, Rule, RuleSpec'
            Remarks = @'
Path        : /usr/local/bin/gosvc
ContextText : system_u:object_r:bin_t:s0
Rule        : /etc/selinux/default/contexts/files/file_contexts:1805
RuleSpec    : /usr/local/bin(/.*)?
'@
        }
        @{
            Title   = 'Expected labels of a whole GOPATH, grouped by type'
            Code    = 'Get-SeLinuxFileContext -Recurse /srv/gopath | Group-Object { $_.Context.Type } | Select-Object Count, Name'
            Remarks = 'Context is an SeLinuxContext, so its Type property groups directly.'
        }
        @{
            Title   = 'The same answers as matchpathcon for a list of paths'
            Code    = "Get-Content paths.txt | Get-SeLinuxFileContext | ForEach-Object { `"`$(`$_.Path)`t`$(`$_.ContextText)`" }"
            Remarks = 'ContextText is what matchpathcon prints, including <<none>>.'
        }
    )
    RelatedLinks = @('Test-SeLinuxContext', 'Get-SeLinuxContext')
}
