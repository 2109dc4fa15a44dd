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
        ["CGO_FFLAGS"] = 11, ["CGO_LDFLAGS"] = 11, ["CXX"] = 11, ["GCCGO"] = 11, ["GO111MODULE"] = 11, ["GOAMD64"] = 18,
        ["GOARCH"] = 11, ["GOAUTH"] = 24, ["GOBIN"] = 11, ["GOCACHE"] = 11, ["GOCACHEPROG"] = 24, ["GODEBUG"] = 21,
        ["GOENV"] = 13, ["GOEXE"] = 11, ["GOEXPERIMENT"] = 16, ["GOFIPS140"] = 24, ["GOFLAGS"] = 11, ["GOGCCFLAGS"] = 11,
        ["GOHOSTARCH"] = 11, ["GOHOSTOS"] = 11, ["GOINSECURE"] = 14, ["GOMOD"] = 11, ["GOMODCACHE"] = 15,
        ["GONOPROXY"] = 13, ["GONOSUMDB"] = 13, ["GOOS"] = 11, ["GOPATH"] = 11, ["GOPRIVATE"] = 13, ["GOPROXY"] = 11,
        ["GOROOT"] = 11, ["GOSUMDB"] = 13, ["GOTELEMETRY"] = 23, ["GOTELEMETRYDIR"] = 23, ["GOTMPDIR"] = 11,
        ["GOTOOLCHAIN"] = 21, ["GOTOOLDIR"] = 11, ["GOVCS"] = 16, ["GOVERSION"] = 16, ["GOWORK"] = 18, ["PKG_CONFIG"] = 11,
    };

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
