using System;
using System.Collections.Generic;

namespace GoBaseline.Core.GoBinary;

/// <summary>The FIPS 140 state a Go binary runs with, and the switches around it that it does not read.</summary>
/// <param name="Fips140">The effective GODEBUG fips140 value: off, on or only (Go 1.24 and later), null when the
/// binary's Go has no fips140 setting.</param>
/// <param name="Source">Where the value came from: the runtime GODEBUG, DefaultGODEBUG, GOFIPS140 or the default.</param>
/// <param name="Notes">Switches that are set but not read by this binary, each naming the one it does read.</param>
public sealed record GoFipsState(string? Fips140, string Source, IReadOnlyList<string> Notes);

/// <summary>
/// Which FIPS switches a Go binary reads (anchors §7.3): Go 1.24 and later read <c>GODEBUG=fips140=off|on|only</c>,
/// with a build-time default from GOFIPS140 or DefaultGODEBUG; Red Hat's Go reads <c>GOLANG_FIPS=1</c> (and the
/// kernel flag); Microsoft's Go read <c>GOFIPS=1</c>. <c>GODEBUG=fips=1</c> is not a Go setting at all.
/// </summary>
public static class GoFipsSwitches
{
    /// <summary>The value of one GODEBUG key in a comma-separated list (the last occurrence wins), or null.</summary>
    public static string? GodebugValue(string? godebug, string key)
    {
        if (string.IsNullOrEmpty(godebug))
        {
            return null;
        }

        string? value = null;
        foreach (var part in godebug.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && part.AsSpan(0, eq).SequenceEqual(key))
            {
                value = part.Substring(eq + 1);
            }
        }

        return value;
    }

    /// <summary>True when the binary's Go release reads GODEBUG fips140 (Go 1.24 and later).</summary>
    public static bool ReadsFips140(GoBinaryInfo info) => info.GoVersion is { } v && (v.Major > 1 || v.Minor >= 24);

    /// <summary>
    /// The effective fips140 setting of a binary run with <paramref name="environment"/> (null: the build-time default
    /// only), and notes on switches it ignores.
    /// </summary>
    public static GoFipsState Evaluate(GoBinaryInfo info, IReadOnlyDictionary<string, string>? environment)
    {
        var notes = new List<string>();
        var reads = ReadsFips140(info);
        var vendorRedHat = info.GoVersionText.Contains("Red Hat", StringComparison.Ordinal);
        var microsoft = info.GoExperiment is { } x && (x.Contains("systemcrypto", StringComparison.Ordinal) || x.Contains("opensslcrypto", StringComparison.Ordinal));
        string? runtime = null;
        if (environment is not null)
        {
            environment.TryGetValue("GODEBUG", out var godebug);
            runtime = GodebugValue(godebug, "fips140");
            var wrong = GodebugValue(godebug, "fips");
            if (wrong is not null)
            {
                notes.Add($"GODEBUG=fips={wrong} is not a Go setting and is ignored; {Reads(info, reads, vendorRedHat, microsoft)}.");
            }

            if (environment.TryGetValue("GOLANG_FIPS", out var golangFips) && !vendorRedHat && !microsoft)
            {
                notes.Add($"GOLANG_FIPS={golangFips} is read only by Red Hat's and Microsoft's Go; this binary ({info.GoVersionText}) ignores it; {Reads(info, reads, vendorRedHat, microsoft)}.");
            }

            if (environment.TryGetValue("GOFIPS", out var goFips) && !microsoft)
            {
                notes.Add($"GOFIPS={goFips} was read only by Microsoft's Go; this binary ignores it; {Reads(info, reads, vendorRedHat, microsoft)}.");
            }

            if (environment.TryGetValue("GOFIPS140", out var buildOnly))
            {
                notes.Add($"GOFIPS140={buildOnly} in a running process's environment does nothing: it is a build-time setting; at run time Go reads GODEBUG=fips140.");
            }

            if (runtime is not null && !reads)
            {
                notes.Add($"GODEBUG=fips140={runtime} is read from Go 1.24 on; this binary is {info.GoVersionText} and ignores it.");
                runtime = null;
            }
        }

        if (!reads)
        {
            return new GoFipsState(null, $"{info.GoVersionText} predates GODEBUG fips140 (Go 1.24)", notes);
        }

        if (runtime is not null)
        {
            return new GoFipsState(runtime, "runtime GODEBUG", notes);
        }

        var builtIn = GodebugValue(info.DefaultGodebug, "fips140");
        if (builtIn is not null)
        {
            return new GoFipsState(builtIn, "DefaultGODEBUG (go.mod godebug or //go:debug)", notes);
        }

        if (info.GoFips140 is { } f && f != "off")
        {
            return new GoFipsState("on", $"GOFIPS140={f} at build time", notes);
        }

        return new GoFipsState("off", "Go default (no GOFIPS140, no fips140 in DefaultGODEBUG or GODEBUG)", notes);
    }

    private static string Reads(GoBinaryInfo info, bool readsFips140, bool redHat, bool microsoft)
    {
        if (redHat)
        {
            return "it reads GOLANG_FIPS=1 and the kernel FIPS flag";
        }

        if (microsoft)
        {
            return "it reads GODEBUG=fips140=on (older releases GOFIPS=1)";
        }

        return readsFips140 ? "it reads GODEBUG=fips140=on" : $"{info.GoVersionText} has no runtime FIPS switch (rebuild with Go 1.24+ and GOFIPS140)";
    }
}
