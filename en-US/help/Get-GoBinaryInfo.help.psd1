@{
    Synopsis    = 'Reads the build info embedded in Go binaries (Go version, modules, build settings) and what the executable says about itself, without a Go toolchain.'
    Description = @'
Get-GoBinaryInfo reads, in managed code, the build info the go command embeds in every binary: the 32-byte header in the ELF .go.buildinfo section (Mach-O __go_buildinfo; else the first writable segment or PE data section), the Go version and module info stored inline (Go 1.18 and later) or through pointers (older releases), and the module info's text form with Go's quoting. Each GoBinaryInfo carries the Go version as recorded (GoVersionText, with X: experiments and vendor suffixes) and parsed (GoVersion, which compares by release), the main package and module, every dependency with version, sum and replacement, and every build setting in order (-buildmode, -compiler, -ldflags, -tags, -trimpath, CGO_ENABLED, GOARCH, GOAMD64, GOEXPERIMENT, GOFIPS140, DefaultGODEBUG, vcs.*), with typed shortcuts for the common ones.

From the ELF itself it adds LinkMode (Static or Dynamic: PT_INTERP or DT_NEEDED), IsStripped (no .symtab), IsPie (ET_DYN), Interpreter and NeededLibraries (LinksLibCrypto, LinksLibSsl). CryptoMode is derived from both: BoringCrypto (GOEXPERIMENT=boringcrypto or X:boringcrypto), GoFips140Module with FipsModuleVersion (GOFIPS140), OpenSsl (Red Hat and Microsoft toolchains' OpenSSL backends, or cgo with libcrypto linked), else NativeGo; CryptoEvidence says which fact decided.

Directories are read one level deep, or entirely with -Recurse, walking the way go version -m does (links to directories not followed, links to files followed, only files with an execute bit read); files that are not Go are skipped quietly there, while a file named directly that is not Go is an error (NotGoBinary, UnrecognizedExecutable). A truncated or corrupt executable is an ExecutableMalformed error that names the byte offset; reads are bounded, so no file can make the cmdlet allocate more than a few megabytes. -AsText writes exactly the lines golang-1.19's go version -m prints for the same files (including its empty line after a replacement).
'@
    Parameters  = @{
        Path        = 'Files or directories to read; wildcards are allowed. Under -Root, paths inside the root.'
        LiteralPath = 'Files or directories to read, taken literally. Binds from the FullName and PSPath properties, so Get-ChildItem output pipes in.'
        ProcessId   = 'Reads the binary behind running processes through /proc/PID/exe, which works even when the file was replaced or deleted since the process started. Binds from the Id property of Get-Process output. Live host only.'
        Recurse     = 'Walks directories entirely, as go version -m does.'
        AsText      = 'Writes the lines go version -m prints (one string per line) instead of objects.'
    }
    Outputs     = @{
        'GoBaseline.GoBinaryInfo' = 'One object per Go binary.'
        'System.String'           = 'With -AsText: the lines go version -m prints.'
    }
    Examples    = @(
        @{
            Title   = 'Every Go binary under /usr/bin and how it does its cryptography'
            Code    = 'Get-GoBinaryInfo /usr/bin, /usr/local/bin'
            Remarks = @'
GoVersion              CryptoMode      Cgo   Link    Deps Path
---------              ----------      ---   ----    ---- ----
go1.24.2               NativeGo        False Static   187 /usr/bin/anthoscli
go1.25-20250209-RC00 … BoringCrypto    True  Dynamic   14 /usr/bin/local-extract
go1.24.3               NativeGo        False Static    75 /usr/local/bin/docker
'@
        }
        @{
            Title   = 'Binaries built with a dirty checkout or without -trimpath, from Get-ChildItem'
            Code    = "Get-ChildItem /opt -Recurse -File | Get-GoBinaryInfo -ErrorAction SilentlyContinue | Where-Object { `$_.VcsModified -or -not `$_.TrimPath } | Select-Object Path, VcsRevision, TrimPath"
            Remarks = 'Files that are not Go write NotGoBinary errors when piped in one by one; -ErrorAction SilentlyContinue drops them. -Recurse on a directory skips them quietly instead.'
        }
        @{
            Title   = 'Drop-in replacement for go version -m in a script'
            Code    = 'Get-GoBinaryInfo -Recurse /usr/local/bin -AsText | Select-String "build\tCGO_ENABLED=1"'
            Remarks = 'The lines are those go version -m prints, so existing parsing keeps working.'
        }
        @{
            Title   = 'Which dependency versions a running service was built with'
            Code    = "Get-Process dockerd | Get-GoBinaryInfo | Select-Object -ExpandProperty Dependencies | Where-Object Path -like 'golang.org/x/*'"
            Remarks = 'The binary is read through /proc/PID/exe, so it is the one that is running even if the file on disk was upgraded since.'
        }
    )
    RelatedLinks = @('Test-GoBinaryCompliance', 'Test-FipsMode', 'Get-GoToolchain')
}
