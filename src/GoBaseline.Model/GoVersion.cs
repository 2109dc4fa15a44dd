using System;
using System.Collections.Generic;
using System.Globalization;

namespace GoBaseline;

/// <summary>
/// A Go release version as the toolchain and binaries print it: <c>go1.22.1</c>, <c>go1.21</c>, <c>go1.22rc1</c>,
/// <c>go1.22.1 X:boringcrypto</c>, <c>go1.26.0-X:nodwarf5</c>, <c>go1.26.5 (Red Hat 1.26.5-1.el10)</c>.
/// Compares by release (major, minor, patch, pre-release) and ignores experiments and vendor text.
/// </summary>
public sealed class GoVersion : IComparable<GoVersion>, IComparable, IEquatable<GoVersion>
{
    private GoVersion(string text, int major, int minor, int patch, int preKind, int preNumber, IReadOnlyList<string> experiments, string? vendor)
    {
        Text = text;
        Major = major;
        Minor = minor;
        Patch = patch;
        _preKind = preKind;
        _preNumber = preNumber;
        Experiments = experiments;
        Vendor = vendor;
    }

    private readonly int _preKind;
    private readonly int _preNumber;

    /// <summary>The text as it was read.</summary>
    public string Text { get; }

    /// <summary>Major version (1).</summary>
    public int Major { get; }

    /// <summary>Minor version (22 in go1.22.1).</summary>
    public int Minor { get; }

    /// <summary>Patch version; 0 where the text has none (go1.21 is the language version, go1.21.0 the release).</summary>
    public int Patch { get; }

    /// <summary>Pre-release tag such as rc1 or beta2, or null for a release.</summary>
    public string? PreRelease => _preKind switch
    {
        1 => "beta" + _preNumber.ToString(CultureInfo.InvariantCulture),
        2 => "rc" + _preNumber.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>GOEXPERIMENT names recorded in the version (<c>X:boringcrypto</c>).</summary>
    public IReadOnlyList<string> Experiments { get; }

    /// <summary>Vendor text in parentheses, e.g. <c>Red Hat 1.26.5-1.el10</c>.</summary>
    public string? Vendor { get; }

    /// <summary>The release without experiments or vendor text, e.g. go1.22.1.</summary>
    public string Release => "go" + Major.ToString(CultureInfo.InvariantCulture) + "." + Minor.ToString(CultureInfo.InvariantCulture)
        + (PreRelease ?? (Patch > 0 || _hasPatch ? "." + Patch.ToString(CultureInfo.InvariantCulture) : string.Empty));

    private bool _hasPatch => Text.Length > 0 && CountDots(Text) >= 2;

    /// <summary>Parses a Go version; accepts the forms above and also bare <c>1.21</c>.</summary>
    public static GoVersion Parse(string text)
    {
        if (TryParse(text, out var v))
        {
            return v!;
        }

        throw new FormatException($"'{text}' is not a Go version (expected e.g. go1.22.1).");
    }

    /// <summary>Tries to parse a Go version.</summary>
    public static bool TryParse(string? text, out GoVersion? version)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        string? vendor = null;
        var paren = s.IndexOf('(', StringComparison.Ordinal);
        if (paren > 0 && s.EndsWith(')'))
        {
            vendor = s.Substring(paren + 1, s.Length - paren - 2).Trim();
            s = s.Substring(0, paren).TrimEnd();
        }

        var experiments = new List<string>();
        var xAt = s.IndexOf("X:", StringComparison.Ordinal);
        if (xAt > 0)
        {
            foreach (var e in s.Substring(xAt + 2).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                experiments.Add(e);
            }

            s = s.Substring(0, xAt).TrimEnd(' ', '-');
        }

        // Other words after the version (devel builds, "+hash") are not part of the release.
        var space = s.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0)
        {
            s = s.Substring(0, space);
        }

        if (s.StartsWith("go", StringComparison.Ordinal))
        {
            s = s.Substring(2);
        }

        var i = 0;
        if (!ReadInt(s, ref i, out var major) || major < 1)
        {
            return false;
        }

        var minor = 0;
        var patch = 0;
        var preKind = 3;
        var preNumber = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            if (!ReadInt(s, ref i, out minor))
            {
                return false;
            }

            if (i < s.Length && s[i] == '.')
            {
                i++;
                if (!ReadInt(s, ref i, out patch))
                {
                    return false;
                }
            }
            else if (i < s.Length && (s.AsSpan(i).StartsWith("rc", StringComparison.Ordinal) || s.AsSpan(i).StartsWith("beta", StringComparison.Ordinal)))
            {
                preKind = s[i] == 'r' ? 2 : 1;
                i += preKind == 2 ? 2 : 4;
                if (!ReadInt(s, ref i, out preNumber))
                {
                    return false;
                }
            }
        }

        // Anything left (e.g. "-bigcorp", "+dirty") is tolerated as long as it does not start with a digit.
        if (i < s.Length && char.IsDigit(s[i]))
        {
            return false;
        }

        version = new GoVersion(text.Trim(), major, minor, patch, preKind, preNumber, experiments, vendor);
        return true;
    }

    private static bool ReadInt(string s, ref int i, out int value)
    {
        var start = i;
        value = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]) && i - start < 9)
        {
            value = (value * 10) + (s[i] - '0');
            i++;
        }

        return i > start;
    }

    private static int CountDots(string s)
    {
        var n = 0;
        foreach (var c in s)
        {
            if (c == '.')
            {
                n++;
            }
            else if (c == ' ' || c == '-' || c == '(')
            {
                break;
            }
        }

        return n;
    }

    /// <inheritdoc/>
    public int CompareTo(GoVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = Major.CompareTo(other.Major);
        if (c == 0) { c = Minor.CompareTo(other.Minor); }
        if (c == 0) { c = Patch.CompareTo(other.Patch); }
        if (c == 0) { c = _preKind.CompareTo(other._preKind); }
        if (c == 0) { c = _preNumber.CompareTo(other._preNumber); }
        return c;
    }

    /// <inheritdoc/>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        GoVersion v => CompareTo(v),
        string s => CompareTo(Parse(s)),
        _ => throw new ArgumentException("Can only compare with a GoVersion or a version string.", nameof(obj)),
    };

    /// <inheritdoc/>
    public bool Equals(GoVersion? other) => other is not null && CompareTo(other) == 0;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is GoVersion v && Equals(v);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Major, Minor, Patch, _preKind, _preNumber);

    /// <inheritdoc/>
    public override string ToString() => Text;

    /// <summary>Compares by release.</summary>
    public static bool operator <(GoVersion a, GoVersion b) => a.CompareTo(b) < 0;

    /// <summary>Compares by release.</summary>
    public static bool operator >(GoVersion a, GoVersion b) => a.CompareTo(b) > 0;

    /// <summary>Compares by release.</summary>
    public static bool operator <=(GoVersion a, GoVersion b) => a.CompareTo(b) <= 0;

    /// <summary>Compares by release.</summary>
    public static bool operator >=(GoVersion a, GoVersion b) => a.CompareTo(b) >= 0;

    /// <summary>Compares by release.</summary>
    public static bool operator ==(GoVersion? a, GoVersion? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Compares by release.</summary>
    public static bool operator !=(GoVersion? a, GoVersion? b) => !(a == b);
}
