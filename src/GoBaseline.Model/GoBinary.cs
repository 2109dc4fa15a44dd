using System;
using System.Collections.Generic;
using System.Linq;

namespace GoBaseline;

/// <summary>The container format of an executable.</summary>
public enum ExecutableFormat
{
    /// <summary>ELF (Linux and most Unix systems).</summary>
    Elf,
    /// <summary>PE/COFF (Windows).</summary>
    Pe,
    /// <summary>Mach-O (macOS).</summary>
    MachO,
}

/// <summary>How an ELF executable is linked.</summary>
public enum LinkMode
{
    /// <summary>The format does not say (PE, Mach-O) or the program headers could not be read.</summary>
    Unknown,
    /// <summary>No program interpreter and no needed shared libraries.</summary>
    Static,
    /// <summary>A program interpreter (PT_INTERP) or needed shared libraries (DT_NEEDED).</summary>
    Dynamic,
}

/// <summary>Which cryptography implementation a Go binary uses, derived from its build info and its ELF.</summary>
public enum GoCryptoMode
{
    /// <summary>The Go standard library's own cryptography without a FIPS 140 module selected at build time.</summary>
    NativeGo,
    /// <summary>The Go Cryptographic Module selected with GOFIPS140 at build time (Go 1.24 and later): FIPS mode on by default.</summary>
    GoFips140Module,
    /// <summary>Go+BoringCrypto (GOEXPERIMENT=boringcrypto): the BoringSSL FIPS module linked through cgo.</summary>
    BoringCrypto,
    /// <summary>An OpenSSL backend (Red Hat golang-fips, Microsoft Go systemcrypto): the host's libcrypto and its FIPS provider.</summary>
    OpenSsl,
}

/// <summary>One module recorded in a Go binary: the main module or a dependency, with its replacement.</summary>
public sealed class GoModule
{
    /// <summary>Creates a module record.</summary>
    public GoModule(string path, string version, string sum, GoModule? replace)
    {
        Path = path;
        Version = version;
        Sum = sum;
        Replace = replace;
    }

    /// <summary>The module path, e.g. golang.org/x/net.</summary>
    public string Path { get; }

    /// <summary>The module version, e.g. v0.21.0; "(devel)" for a main module built from a checkout.</summary>
    public string Version { get; }

    /// <summary>The go.sum checksum (h1:...), empty when none was recorded.</summary>
    public string Sum { get; }

    /// <summary>The replacement (a replace directive in go.mod), or null.</summary>
    public GoModule? Replace { get; }

    /// <inheritdoc/>
    public override string ToString() => Path + "@" + Version + (Replace is null ? string.Empty : " => " + Replace.Path + (Replace.Version.Length > 0 ? "@" + Replace.Version : string.Empty));
}

/// <summary>One build setting recorded in a Go binary (a "build" line of <c>go version -m</c>).</summary>
public sealed class GoBuildSetting
{
    /// <summary>Creates a setting.</summary>
    public GoBuildSetting(string key, string value)
    {
        Key = key;
        Value = value;
    }

    /// <summary>The key, e.g. -ldflags, CGO_ENABLED, vcs.revision.</summary>
    public string Key { get; }

    /// <summary>The value as recorded.</summary>
    public string Value { get; }

    /// <inheritdoc/>
    public override string ToString() => Key + "=" + Value;
}

/// <summary>
/// What a Go binary says about itself: the build info the go command embeds (Go version, main module, dependencies,
/// build settings), what its container says (format, linking, stripped, PIE, linked crypto libraries), and the
/// cryptography mode derived from both.
/// </summary>
public sealed class GoBinaryInfo
{
    private readonly Dictionary<string, string> _settings;

    /// <summary>Creates a record; the engine fills it.</summary>
    public GoBinaryInfo(
        string path,
        string goVersionText,
        string packagePath,
        GoModule? main,
        IReadOnlyList<GoModule> dependencies,
        IReadOnlyList<GoBuildSetting> settings,
        ExecutableFormat format,
        LinkMode linkMode,
        bool? isStripped,
        bool? isPie,
        string? interpreter,
        IReadOnlyList<string> neededLibraries,
        GoCryptoMode cryptoMode,
        string? fipsModuleVersion,
        string cryptoEvidence,
        string buildInfoText,
        int? processId = null)
    {
        Path = path;
        GoVersionText = goVersionText;
        GoVersion = GoBaseline.GoVersion.TryParse(goVersionText, out var parsed) ? parsed : null;
        PackagePath = packagePath;
        Main = main;
        Dependencies = dependencies;
        Settings = settings;
        Format = format;
        LinkMode = linkMode;
        IsStripped = isStripped;
        IsPie = isPie;
        Interpreter = interpreter;
        NeededLibraries = neededLibraries;
        CryptoMode = cryptoMode;
        FipsModuleVersion = fipsModuleVersion;
        CryptoEvidence = cryptoEvidence;
        BuildInfoText = buildInfoText;
        ProcessId = processId;
        _settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in settings)
        {
            _settings[s.Key] = s.Value;
        }
    }

    /// <summary>The file (a path inside -Root).</summary>
    public string Path { get; }

    /// <summary>The file name.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>The Go version exactly as recorded (runtime.buildVersion), e.g. "go1.23.1 X:nocoverageredesign".</summary>
    public string GoVersionText { get; }

    /// <summary>The Go version parsed for comparison, null when it does not parse (a devel build).</summary>
    public GoVersion? GoVersion { get; }

    /// <summary>The main package path (the "path" line), empty when the binary has no module info.</summary>
    public string PackagePath { get; }

    /// <summary>The main module, or null.</summary>
    public GoModule? Main { get; }

    /// <summary>Every dependency module, in the recorded order.</summary>
    public IReadOnlyList<GoModule> Dependencies { get; }

    /// <summary>Every build setting, in the recorded order.</summary>
    public IReadOnlyList<GoBuildSetting> Settings { get; }

    /// <summary>The executable format.</summary>
    public ExecutableFormat Format { get; }

    /// <summary>Static or dynamic (ELF only).</summary>
    public LinkMode LinkMode { get; }

    /// <summary>True when the ELF has no .symtab (stripped, e.g. -ldflags=-s); null for other formats.</summary>
    public bool? IsStripped { get; }

    /// <summary>True when the ELF is position independent (ET_DYN); null for other formats.</summary>
    public bool? IsPie { get; }

    /// <summary>The program interpreter (PT_INTERP), e.g. /lib64/ld-linux-x86-64.so.2, or null.</summary>
    public string? Interpreter { get; }

    /// <summary>The shared libraries the ELF needs (DT_NEEDED), in order.</summary>
    public IReadOnlyList<string> NeededLibraries { get; }

    /// <summary>True when a needed library is libcrypto.</summary>
    public bool LinksLibCrypto => NeededLibraries.Any(static l => l.StartsWith("libcrypto.so", StringComparison.Ordinal));

    /// <summary>True when a needed library is libssl.</summary>
    public bool LinksLibSsl => NeededLibraries.Any(static l => l.StartsWith("libssl.so", StringComparison.Ordinal));

    /// <summary>The cryptography implementation the binary uses.</summary>
    public GoCryptoMode CryptoMode { get; }

    /// <summary>The Go Cryptographic Module version (the GOFIPS140 setting, e.g. v1.0.0 or latest) for <see cref="GoCryptoMode.GoFips140Module"/>.</summary>
    public string? FipsModuleVersion { get; }

    /// <summary>Why <see cref="CryptoMode"/> is what it is: the settings and ELF facts that decided it.</summary>
    public string CryptoEvidence { get; }

    /// <summary>The build info in the text form of runtime/debug.BuildInfo.String (what <c>go version -m</c> indents).</summary>
    public string BuildInfoText { get; }

    /// <summary>The process this binary was read for (-ProcessId), or null.</summary>
    public int? ProcessId { get; }

    /// <summary>The value of a build setting, or null when it is not recorded.</summary>
    public string? GetSetting(string key) => _settings.TryGetValue(key, out var v) ? v : null;

    /// <summary>-buildmode (exe, pie, c-shared…).</summary>
    public string? BuildMode => GetSetting("-buildmode");

    /// <summary>-compiler (gc or gccgo).</summary>
    public string? Compiler => GetSetting("-compiler");

    /// <summary>-ldflags (not recorded with -trimpath).</summary>
    public string? LdFlags => GetSetting("-ldflags");

    /// <summary>-tags, comma-separated.</summary>
    public string? Tags => GetSetting("-tags");

    /// <summary>True when built with -trimpath.</summary>
    public bool TrimPath => GetSetting("-trimpath") == "true";

    /// <summary>CGO_ENABLED as recorded: true, false, or null when not recorded (before Go 1.18).</summary>
    public bool? CgoEnabled => GetSetting("CGO_ENABLED") switch { "1" => true, "0" => false, _ => null };

    /// <summary>GOOS.</summary>
    public string? GoOS => GetSetting("GOOS");

    /// <summary>GOARCH.</summary>
    public string? GoArch => GetSetting("GOARCH");

    /// <summary>The architecture level setting (GOAMD64, GOARM, GO386, …) as "KEY=value", or null.</summary>
    public string? ArchLevel
    {
        get
        {
            foreach (var s in Settings)
            {
                if (s.Key is "GOAMD64" or "GOARM" or "GOARM64" or "GO386" or "GOMIPS" or "GOMIPS64" or "GOPPC64" or "GORISCV64" or "GOWASM" or "GOLOONG64")
                {
                    return s.Key + "=" + s.Value;
                }
            }

            return null;
        }
    }

    /// <summary>GOEXPERIMENT as recorded.</summary>
    public string? GoExperiment => GetSetting("GOEXPERIMENT");

    /// <summary>GOFIPS140 as recorded (only when a FIPS module was selected).</summary>
    public string? GoFips140 => GetSetting("GOFIPS140");

    /// <summary>DefaultGODEBUG: the GODEBUG defaults that differ from the toolchain's.</summary>
    public string? DefaultGodebug => GetSetting("DefaultGODEBUG");

    /// <summary>vcs.revision.</summary>
    public string? VcsRevision => GetSetting("vcs.revision");

    /// <summary>vcs.time.</summary>
    public string? VcsTime => GetSetting("vcs.time");

    /// <summary>vcs.modified as recorded: true when the checkout had uncommitted changes, null when not recorded.</summary>
    public bool? VcsModified => GetSetting("vcs.modified") switch { "true" => true, "false" => false, _ => null };

    /// <summary>What <c>go version -m</c> prints for this file: "path: version" and the build info indented by a tab.</summary>
    public string ToVersionText()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(Path).Append(": ").Append(GoVersionText).Append('\n');
        if (BuildInfoText.Length > 0)
        {
            sb.Append('\t').Append(BuildInfoText.AsSpan(0, BuildInfoText.Length - 1).ToString().Replace("\n", "\n\t", StringComparison.Ordinal)).Append('\n');
        }

        return sb.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => Path + ": " + GoVersionText;
}
