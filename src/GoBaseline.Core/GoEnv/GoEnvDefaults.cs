using System;
using System.Collections.Generic;
using GoBaseline.Core.Host;

namespace GoBaseline.Core.GoEnv;

/// <summary>The go command's built-in defaults, computed the way cmd/go does for the resolved toolchain.</summary>
internal sealed class GoEnvDefaults
{
    private readonly HostRoot _host;
    private readonly string? _home;
    private readonly string? _xdgCache;
    private readonly string? _xdgConfig;
    private readonly string? _goroot;
    private readonly GoToolchain? _toolchain;
    private readonly string _path;
    private readonly string? _workingDirectory;

    internal GoEnvDefaults(HostRoot host, string? home, string? xdgCache, string? xdgConfig, string? envFile, string? goroot, GoToolchain? toolchain, string path, string? workingDirectory)
    {
        _host = host;
        _home = home;
        _xdgCache = xdgCache;
        _xdgConfig = xdgConfig;
        _goroot = goroot;
        _toolchain = toolchain;
        _path = path;
        _workingDirectory = workingDirectory;
        _ = envFile;
    }

    // Debian's golang-1.x packages are built with GO386=softfloat baked in (observed: go1.19 'go env GO386').
    private bool Debian => _goroot is not null && _goroot.StartsWith("/usr/lib/go-", StringComparison.Ordinal);

    private int Minor => _toolchain?.Version is { Major: 1 } v ? v.Minor : 99;

    internal string Get(string name, IReadOnlyDictionary<string, GoEnvironmentVariable> resolved)
    {
        string R(string key) => resolved.TryGetValue(key, out var v) ? v.Value : string.Empty;
        var arch = GoEnvResolver.HostArch();
        return name switch
        {
            "GOPROXY" => "https://proxy.golang.org,direct",
            "GOSUMDB" => "sum.golang.org",
            "GOOS" or "GOHOSTOS" => "linux",
            "GOARCH" or "GOHOSTARCH" => arch,
            // Architecture levels: internal/buildcfg defaults as cmd/dist bakes them in.
            "GOAMD64" => "v1",
            "GOARM" => Minor >= 22 ? "7" : "5",
            "GOARM64" => "v8.0",
            "GO386" => Debian ? "softfloat" : "sse2",
            "GOMIPS" or "GOMIPS64" => "hardfloat",
            "GOPPC64" => "power8",
            "GORISCV64" => "rva20u64",
            "GOWASM" => string.Empty,
            "GOPATH" => DefaultGoPath(),
            "GOMODCACHE" => FirstPath(R("GOPATH")) is { Length: > 0 } gp ? gp + "/pkg/mod" : string.Empty,
            "GOCACHE" => DefaultCache(),
            // The tool directory is for the host: the tools run here whatever the target.
            "GOTOOLDIR" => _goroot is null ? string.Empty : _goroot + "/pkg/tool/" + R("GOHOSTOS") + "_" + R("GOHOSTARCH"),
            "GOVERSION" => _toolchain?.Version?.Text ?? string.Empty,
            // cfg.Getenv("GOTOOLCHAIN"): empty when neither the environment nor go.env sets it (the go command then
            // behaves as "auto", but go env prints the empty value).
            "GOTOOLCHAIN" => string.Empty,
            "GOFIPS140" => "off",
            "GOAUTH" => "netrc",
            "GOTELEMETRY" => "local",
            // os.UserConfigDir: $XDG_CONFIG_HOME, else $HOME/.config.
            "GOTELEMETRYDIR" => !string.IsNullOrEmpty(_xdgConfig) ? _xdgConfig + "/go/telemetry" : string.IsNullOrEmpty(_home) ? string.Empty : _home.TrimEnd('/') + "/.config/go/telemetry",
            // Cross-compiling turns cgo off by default.
            "CGO_ENABLED" => R("GOOS") != R("GOHOSTOS") || R("GOARCH") != R("GOHOSTARCH") ? "0" : DefaultCgo(R("CC")),
            "CC" => "gcc",
            "CXX" => "g++",
            "AR" => "ar",
            "GCCGO" => "gccgo",
            "PKG_CONFIG" => "pkg-config",
            "CGO_CFLAGS" or "CGO_CXXFLAGS" or "CGO_FFLAGS" or "CGO_LDFLAGS" => "-g -O2",
            // GOPATH mode (GO111MODULE=off, or auto outside a module) reports no GOMOD.
            "GOMOD" => R("GO111MODULE") == "off" ? string.Empty : FindUp("go.mod", R("GO111MODULE") == "auto" ? string.Empty : "/dev/null"),
            "GOWORK" => FindUp("go.work", string.Empty),
            "GOGCCFLAGS" => "-fPIC -m64 -pthread -Wl,--no-gc-sections -fmessage-length=0",
            _ => string.Empty,
        };
    }

    private string DefaultGoPath()
    {
        if (string.IsNullOrEmpty(_home))
        {
            return string.Empty;
        }

        var def = _home.TrimEnd('/') + "/go";

        // cmd/go: the default GOPATH is not used when it is GOROOT.
        return def == _goroot ? string.Empty : def;
    }

    private string DefaultCache()
    {
        // os.UserCacheDir: $XDG_CACHE_HOME, else $HOME/.cache.
        if (!string.IsNullOrEmpty(_xdgCache))
        {
            return _xdgCache + "/go-build";
        }

        return string.IsNullOrEmpty(_home) ? string.Empty : _home.TrimEnd('/') + "/.cache/go-build";
    }

    private string DefaultCgo(string cc)
    {
        // Go 1.20 and later turn cgo off by default when no C compiler is found; earlier releases always on.
        if (Minor < 20)
        {
            return "1";
        }

        var compiler = cc.Length > 0 ? cc.Split(' ')[0] : "gcc";
        if (compiler.StartsWith('/'))
        {
            return _host.FileExists(compiler) ? "1" : "0";
        }

        foreach (var dir in _path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (_host.FileExists(dir + "/" + compiler))
            {
                return "1";
            }
        }

        return "0";
    }

    private static string FirstPath(string list)
    {
        var i = list.IndexOf(':', StringComparison.Ordinal);
        return i < 0 ? list : list.Substring(0, i);
    }

    private string FindUp(string file, string notFound)
    {
        if (string.IsNullOrEmpty(_workingDirectory))
        {
            return notFound;
        }

        var dir = HostRoot.Normalize(_workingDirectory);
        while (true)
        {
            var candidate = (dir == "/" ? string.Empty : dir) + "/" + file;
            if (_host.FileExists(candidate))
            {
                return candidate;
            }

            if (dir == "/")
            {
                return notFound;
            }

            var slash = dir.LastIndexOf('/');
            dir = slash <= 0 ? "/" : dir.Substring(0, slash);
        }
    }
}
