using System;
using System.Collections.Generic;
using GoBaseline.Core.Host;

namespace GoBaseline.Core.GoEnv;

/// <summary>
/// Finds Go toolchains under the host root without running them: the go on PATH, GOROOT, /usr/local/go,
/// /usr/lib/go-*, ~/sdk/go*, and toolchain modules in module caches. The version comes from $GOROOT/VERSION; where
/// that is missing, from the build info of bin/go when a reader is registered (<see cref="BinaryVersionReader"/>).
/// </summary>
public sealed class GoToolchainLocator
{
    private readonly HostRoot _host;

    /// <summary>Creates a locator.</summary>
    public GoToolchainLocator(HostRoot host) => _host = host;

    /// <summary>
    /// Reads the Go version recorded in a binary (path inside the root) or returns null. The Go binary domain sets
    /// this so that toolchains without a VERSION file still get a version.
    /// </summary>
    public static Func<HostRoot, string, string?>? BinaryVersionReader { get; set; }

    /// <summary>The toolchain of the go command first on PATH, or null.</summary>
    public GoToolchain? FindOnPath(string path)
    {
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!dir.StartsWith('/'))
            {
                continue;
            }

            var go = HostRoot.Normalize(dir + "/go");
            if (!_host.FileExists(go))
            {
                continue;
            }

            // os.Executable resolves /proc/self/exe, i.e. all links; GOROOT is two levels up if it looks like one.
            var real = _host.RealPath(go);
            var root = Parent(Parent(real));
            if (root is not null && IsGoRoot(root))
            {
                return Inspect(root, go, GoToolchainSource.Path, isDefault: true);
            }

            return new GoToolchain(null, root ?? "/", go, GoToolchainSource.Path, "none", true, null, false, $"{go} is not inside a GOROOT (no pkg/tool next to it).");
        }

        return null;
    }

    /// <summary>Inspects a GOROOT directory.</summary>
    public GoToolchain? Inspect(string goroot, string? goBinary, GoToolchainSource source = GoToolchainSource.GoRoot, bool isDefault = false)
    {
        goroot = HostRoot.Normalize(goroot);
        if (!_host.DirectoryExists(goroot))
        {
            return null;
        }

        var bin = goBinary ?? goroot + "/bin/go";
        GoVersion? version = null;
        var versionSource = "none";
        string? note = null;
        var versionText = _host.TryReadAllText(goroot + "/VERSION");
        if (versionText is not null)
        {
            var first = versionText.Split('\n')[0].Trim();
            if (GoVersion.TryParse(first, out version))
            {
                versionSource = goroot + "/VERSION";
            }
        }

        if (version is null && BinaryVersionReader is not null && _host.FileExists(goroot + "/bin/go"))
        {
            try
            {
                var text = BinaryVersionReader(_host, goroot + "/bin/go");
                if (GoVersion.TryParse(text, out version))
                {
                    versionSource = goroot + "/bin/go (build info)";
                }
            }
            catch (GoBaselineException ex)
            {
                note = ex.Message;
            }
        }

        if (version is null)
        {
            note ??= $"No VERSION file in {goroot} and no readable build info in bin/go.";
        }

        // GOTOOLCHAIN as the toolchain ships it (go.env); the effective value per scope comes from Get-GoEnvironment.
        string? setting = null;
        var goEnv = _host.TryReadAllText(goroot + "/go.env");
        if (goEnv is not null && (version is null || version.Minor >= 21))
        {
            foreach (var a in EnvFileParsers.ParseGoEnvFile(goEnv, goroot + "/go.env"))
            {
                if (a.Name == "GOTOOLCHAIN")
                {
                    setting = a.Value;
                }
            }
        }

        if (setting is null && version is { Major: 1, Minor: >= 21 })
        {
            setting = "local";
        }

        return new GoToolchain(version, goroot, _host.FileExists(bin) ? bin : null, source, versionSource, isDefault, setting, MaySwitch(setting, version), note);
    }

    /// <summary>
    /// True when a GOTOOLCHAIN value lets the go command run another toolchain than <paramref name="installed"/>:
    /// auto, path, go1.X+auto, go1.X+path, and a bare go1.X naming another release. "local" and a bare name of the
    /// installed release itself do not.
    /// </summary>
    public static bool MaySwitch(string? setting, GoVersion? installed = null)
    {
        if (string.IsNullOrEmpty(setting) || setting == "local")
        {
            return false;
        }

        if (installed is not null && !setting.Contains('+', StringComparison.Ordinal) && GoVersion.TryParse(setting, out var named) && named is not null && named.CompareTo(installed) == 0)
        {
            return false;
        }

        return true;
    }

    /// <summary>
    /// The home directories to search for ~/sdk and module caches: every account's home that exists, system
    /// accounts included (CI runners such as jenkins have uids below 1000), each once.
    /// </summary>
    public static IReadOnlyList<string> SearchHomes(HostRoot host)
    {
        var homes = new List<string>();
        foreach (var u in Passwd.ReadUsers(host))
        {
            var home = HostRoot.Normalize(u.Home);
            if (home != "/" && u.Home.StartsWith('/') && !homes.Contains(home) && host.DirectoryExists(home))
            {
                homes.Add(home);
            }
        }

        return homes;
    }

    /// <summary>The module caches to search: $GOMODCACHE, each $GOPATH entry's pkg/mod, and ~/go/pkg/mod of each home.</summary>
    public static IReadOnlyList<string> ModuleCaches(IEnumerable<string> homes, string? goModCache, string? goPath)
    {
        var caches = new List<string>();
        void Add(string? dir)
        {
            if (!string.IsNullOrEmpty(dir) && dir.StartsWith('/'))
            {
                var n = HostRoot.Normalize(dir);
                if (!caches.Contains(n))
                {
                    caches.Add(n);
                }
            }
        }

        Add(goModCache);
        foreach (var gp in (goPath ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            Add(gp + "/pkg/mod");
        }

        foreach (var home in homes)
        {
            Add(home + "/go/pkg/mod");
        }

        return caches;
    }

    /// <summary>Every toolchain under the root, the PATH one first.</summary>
    /// <param name="path">The PATH of the scope.</param>
    /// <param name="goroot">GOROOT, if set.</param>
    /// <param name="homes">Home directories to search for ~/sdk/go* (and ~/go/pkg/mod when no caches are given).</param>
    /// <param name="moduleCaches">Module cache directories (see <see cref="ModuleCaches"/>); null: ~/go/pkg/mod of each home.</param>
    public IReadOnlyList<GoToolchain> FindAll(string path, string? goroot, IEnumerable<string> homes, IEnumerable<string>? moduleCaches = null)
    {
        var found = new List<GoToolchain>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(GoToolchain? t)
        {
            if (t is not null && seen.Add(t.GoRoot))
            {
                found.Add(t);
            }
        }

        Add(FindOnPath(path));
        if (!string.IsNullOrEmpty(goroot))
        {
            Add(Inspect(goroot, null, GoToolchainSource.GoRoot));
        }

        Add(Inspect("/usr/local/go", null, GoToolchainSource.UsrLocalGo));
        foreach (var dir in _host.ListDirectory("/usr/lib", "go*"))
        {
            if (dir.StartsWith("/usr/lib/go-", StringComparison.Ordinal) || dir == "/usr/lib/go")
            {
                var real = _host.RealPath(dir);
                if (IsGoRoot(real))
                {
                    Add(Inspect(real, null, GoToolchainSource.UsrLibGo));
                }
            }
        }

        foreach (var home in homes)
        {
            foreach (var dir in _host.ListDirectory(home + "/sdk", "go*"))
            {
                if (IsGoRoot(dir))
                {
                    Add(Inspect(dir, null, GoToolchainSource.UserSdk));
                }
            }

        }

        foreach (var cache in moduleCaches ?? ModuleCaches(homes, null, null))
        {
            foreach (var dir in _host.ListDirectory(cache + "/golang.org", "toolchain@*"))
            {
                if (IsGoRoot(dir))
                {
                    Add(Inspect(dir, null, GoToolchainSource.ModuleCache));
                }
            }
        }

        return found;
    }

    private bool IsGoRoot(string dir) => _host.DirectoryExists(dir + "/pkg/tool") || _host.FileExists(dir + "/VERSION") || _host.DirectoryExists(dir + "/src/runtime");

    private static string? Parent(string? path)
    {
        if (path is null || path == "/")
        {
            return null;
        }

        var i = path.LastIndexOf('/');
        return i <= 0 ? "/" : path.Substring(0, i);
    }
}
