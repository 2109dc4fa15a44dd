@{
    Synopsis    = 'Finds every Go toolchain on the host, with its version, GOROOT and whether GOTOOLCHAIN may switch away from it.'
    Description = @'
Get-GoToolchain looks where toolchains live: the go command on PATH (following links the way os.Executable does), GOROOT, /usr/local/go, /usr/lib/go-* (Debian and Ubuntu packages), ~/sdk/go* of every account with a home directory (service accounts such as jenkins included), and toolchain modules (golang.org/toolchain@*) in $GOMODCACHE, each $GOPATH/pkg/mod and ~/go/pkg/mod. The version comes from $GOROOT/VERSION, so vendor suffixes such as "X:boringcrypto" or "(Red Hat 1.22.9-1.el9)" parse. IsDefault marks the toolchain that "go" runs; GoToolchainSetting is the effective GOTOOLCHAIN and MaySwitch is true when that setting lets a go.mod line download and run a different toolchain than the one found (auto, path, go1.X+auto, or a bare go1.X naming another release; not local, and not the installed release's own name).
'@
    Parameters  = @{
        SearchPath = 'The PATH to search for the default go command. Defaults to this session''s PATH on the live host and to the standard system PATH under -Root.'
    }
    Outputs     = @{ 'GoBaseline.GoToolchain' = 'One object per toolchain: Version (a GoVersion that compares by release), GoRoot, GoBinary, Source, VersionSource, IsDefault, GoToolchainSetting, MaySwitch, Note.' }
    Examples    = @(
        @{
            Title   = 'List the toolchains and their versions'
            Code    = @'
Get-GoToolchain

Version            Default Source     GoToolchain MaySwitch GoRoot
-------            ------- ------     ----------- --------- ------
go1.19.8           False   UsrLibGo               False     /usr/lib/go-1.19
'@
            Remarks = 'Output of a Debian host with golang-1.19-go installed (not on PATH, so Default is False).'
        }
        @{
            Title   = 'Find toolchains older than the baseline minimum'
            Code    = "Get-GoToolchain | Where-Object Version -lt '1.21' | Select-Object Version, GoRoot"
            Remarks = 'Version is a GoVersion, so it compares with a version string by release, not as text.'
        }
    )
    RelatedLinks = @('Get-GoEnvironment', 'Test-GoEnvBaseline')
}
