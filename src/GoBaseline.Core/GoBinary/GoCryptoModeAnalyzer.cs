using System;
using System.Collections.Generic;

namespace GoBaseline.Core.GoBinary;

/// <summary>
/// Derives which cryptography a Go binary uses from its recorded version, build settings and needed libraries
/// (anchors §7.3, §7.4): BoringCrypto from GOEXPERIMENT or the version's X: list; the Go Cryptographic Module from
/// GOFIPS140; an OpenSSL backend from the Red Hat and Microsoft toolchains' experiments and tags, a Red Hat vendor
/// version, or cgo with libcrypto linked; otherwise the native Go implementation.
/// </summary>
public static class GoCryptoModeAnalyzer
{
    private static readonly string[] OpenSslExperiments = { "opensslcrypto", "systemcrypto", "strictfipsruntime", "cngcrypto", "darwincrypto" };

    /// <summary>The mode, the FIPS module version (GOFIPS140) and the evidence that decided.</summary>
    public static (GoCryptoMode Mode, string? FipsModuleVersion, string Evidence) Derive(string goVersion, IReadOnlyList<GoBuildSetting> settings, IReadOnlyList<string> neededLibraries)
    {
        string? experiment = null;
        string? fips140 = null;
        string? tags = null;
        string? cgo = null;
        foreach (var s in settings)
        {
            switch (s.Key)
            {
                case "GOEXPERIMENT": experiment = s.Value; break;
                case "GOFIPS140": fips140 = s.Value; break;
                case "-tags": tags = s.Value; break;
                case "CGO_ENABLED": cgo = s.Value; break;
            }
        }

        var versionExperiments = new List<string>();
        var x = goVersion.IndexOf("X:", StringComparison.Ordinal);
        if (x >= 0)
        {
            var end = goVersion.IndexOfAny(new[] { ' ', '(' }, x);
            versionExperiments.AddRange((end < 0 ? goVersion.Substring(x + 2) : goVersion.Substring(x + 2, end - x - 2)).Split(',', StringSplitOptions.RemoveEmptyEntries));
        }

        var experiments = new List<string>(versionExperiments);
        if (!string.IsNullOrEmpty(experiment))
        {
            experiments.AddRange(experiment.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        if (experiments.Contains("boringcrypto"))
        {
            var where = experiment is not null && experiment.Contains("boringcrypto", StringComparison.Ordinal) ? "build GOEXPERIMENT=" + experiment : "Go version '" + goVersion + "'";
            return (GoCryptoMode.BoringCrypto, null, "boringcrypto experiment in " + where);
        }

        foreach (var e in experiments)
        {
            if (Array.IndexOf(OpenSslExperiments, e) >= 0)
            {
                return (GoCryptoMode.OpenSsl, null, "GOEXPERIMENT " + e + " selects the system OpenSSL backend");
            }
        }

        if (tags is not null)
        {
            foreach (var t in tags.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (t is "strictfipsruntime" or "goexperiment.opensslcrypto" or "goexperiment.systemcrypto")
                {
                    return (GoCryptoMode.OpenSsl, null, "build tag " + t + " selects the OpenSSL backend");
                }
            }
        }

        if (!string.IsNullOrEmpty(fips140) && fips140 != "off")
        {
            return (GoCryptoMode.GoFips140Module, fips140, "build GOFIPS140=" + fips140 + " (Go Cryptographic Module, FIPS mode on by default)");
        }

        if (goVersion.Contains("(Red Hat", StringComparison.Ordinal))
        {
            return (GoCryptoMode.OpenSsl, null, "Red Hat Go toolchain ('" + goVersion + "') routes crypto to OpenSSL (golang-fips)");
        }

        foreach (var lib in neededLibraries)
        {
            if (lib.StartsWith("libcrypto.so", StringComparison.Ordinal) && cgo != "0")
            {
                return (GoCryptoMode.OpenSsl, null, "cgo binary linked with " + lib);
            }
        }

        return (GoCryptoMode.NativeGo, null, "no boringcrypto experiment, no GOFIPS140, no OpenSSL backend" + (cgo == "0" ? " (CGO_ENABLED=0)" : string.Empty));
    }
}
