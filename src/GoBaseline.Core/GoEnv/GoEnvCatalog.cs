using System;
using System.Collections.Generic;

namespace GoBaseline.Core.GoEnv;

/// <summary>The variables <c>go env</c> reports, with the first Go release that reports each.</summary>
public static class GoEnvCatalog
{
    /// <summary>Name → first minor release of Go 1.x whose <c>go env</c> lists it.</summary>
    public static readonly IReadOnlyDictionary<string, int> Variables = new SortedDictionary<string, int>(StringComparer.Ordinal)
    {
        ["AR"] = 16, ["CC"] = 11, ["CGO_CFLAGS"] = 11, ["CGO_CPPFLAGS"] = 11, ["CGO_CXXFLAGS"] = 11, ["CGO_ENABLED"] = 11,
        ["CGO_FFLAGS"] = 11, ["CGO_LDFLAGS"] = 11, ["CXX"] = 11, ["GCCGO"] = 11, ["GO111MODULE"] = 11,
        ["GOARCH"] = 11, ["GOAUTH"] = 24, ["GOBIN"] = 11, ["GOCACHE"] = 11, ["GOCACHEPROG"] = 24, ["GODEBUG"] = 21,
        ["GOENV"] = 13, ["GOEXE"] = 11, ["GOEXPERIMENT"] = 16, ["GOFIPS140"] = 24, ["GOFLAGS"] = 11, ["GOGCCFLAGS"] = 11,
        ["GOHOSTARCH"] = 11, ["GOHOSTOS"] = 11, ["GOINSECURE"] = 14, ["GOMOD"] = 11, ["GOMODCACHE"] = 15,
        ["GONOPROXY"] = 13, ["GONOSUMDB"] = 13, ["GOOS"] = 11, ["GOPATH"] = 11, ["GOPRIVATE"] = 13, ["GOPROXY"] = 11,
        ["GOROOT"] = 11, ["GOSUMDB"] = 13, ["GOTELEMETRY"] = 23, ["GOTELEMETRYDIR"] = 23, ["GOTMPDIR"] = 11,
        ["GOTOOLCHAIN"] = 21, ["GOTOOLDIR"] = 11, ["GOVCS"] = 16, ["GOVERSION"] = 16, ["GOWORK"] = 18, ["PKG_CONFIG"] = 11,
    };

    /// <summary>
    /// The architecture-specific variable <c>go env</c> lists for a GOARCH (cmd/go cfg.GetArchEnv), with the first
    /// minor release that lists it; null when the architecture has none.
    /// </summary>
    public static (string Name, int Since)? ArchVariable(string goarch) => goarch switch
    {
        "amd64" => ("GOAMD64", 18),
        "arm" => ("GOARM", 11),
        "arm64" => ("GOARM64", 23),
        "386" => ("GO386", 11),
        "mips" or "mipsle" => ("GOMIPS", 11),
        "mips64" or "mips64le" => ("GOMIPS64", 11),
        "ppc64" or "ppc64le" => ("GOPPC64", 11),
        "riscv64" => ("GORISCV64", 23),
        "wasm" => ("GOWASM", 12),
        _ => null,
    };

    /// <summary>Every architecture-specific variable (a value set for another GOARCH is simply not used).</summary>
    public static readonly IReadOnlyList<string> ArchVariables = new[] { "GO386", "GOAMD64", "GOARM", "GOARM64", "GOMIPS", "GOMIPS64", "GOPPC64", "GORISCV64", "GOWASM" };

    /// <summary>
    /// Variables the go command reads only from the process environment, never from the GOENV file or go.env.
    /// </summary>
    public static readonly IReadOnlySet<string> ProcessOnly = new HashSet<string>(StringComparer.Ordinal) { "GOENV", "GODEBUG" };

    /// <summary>Variables that a baseline reviewer cares about though <c>go env</c> does not list them.</summary>
    public static readonly IReadOnlyList<string> Extra = new[] { "GONOSUMCHECK", "GOLANG_FIPS", "GOFIPS" };

    /// <summary>All names a resolver should report for a toolchain of the given minor version (null: all).</summary>
    public static IEnumerable<string> For(int? minor)
    {
        foreach (var (name, since) in Variables)
        {
            if (minor is null || minor >= since)
            {
                yield return name;
            }
        }
    }
}
