using System;
using System.Collections.Generic;
using GoBaseline.Core.Host;

namespace GoBaseline.Core.Systemd;

/// <summary>One directive line of a unit file or drop-in.</summary>
/// <param name="Section">The [Section] it stands in.</param>
/// <param name="Key">The directive.</param>
/// <param name="Value">The value, continuations joined.</param>
/// <param name="File">The file, inside the host root.</param>
/// <param name="Line">1-based line of the directive.</param>
public sealed record UnitDirective(string Section, string Key, string Value, string File, int Line);

/// <summary>A systemd unit as systemd would assemble it: the unit file, then its drop-ins in order.</summary>
public sealed class SystemdUnit
{
    /// <summary>Directories systemd searches for system units, highest precedence first.</summary>
    public static readonly IReadOnlyList<string> SearchPath = new[]
    {
        "/etc/systemd/system",
        "/run/systemd/system",
        "/usr/local/lib/systemd/system",
        "/usr/lib/systemd/system",
        "/lib/systemd/system",
    };

    private SystemdUnit(string name, string? unitFile, IReadOnlyList<string> dropIns, IReadOnlyList<UnitDirective> directives)
    {
        Name = name;
        UnitFile = unitFile;
        DropIns = dropIns;
        Directives = directives;
    }

    /// <summary>The unit name with its suffix, e.g. myapp.service.</summary>
    public string Name { get; }

    /// <summary>The unit file found first on the search path, or null when only drop-ins exist.</summary>
    public string? UnitFile { get; }

    /// <summary>The drop-in files applied, in order.</summary>
    public IReadOnlyList<string> DropIns { get; }

    /// <summary>All directives in the order systemd applies them.</summary>
    public IReadOnlyList<UnitDirective> Directives { get; }

    /// <summary>Adds ".service" to a bare name.</summary>
    public static string NormalizeName(string name) => name.Contains('.', StringComparison.Ordinal) ? name : name + ".service";

    /// <summary>Loads a unit and its drop-ins from the host root; null when neither exists.</summary>
    public static SystemdUnit? Load(HostRoot host, string name)
    {
        name = NormalizeName(name);
        string? unitFile = null;
        foreach (var dir in SearchPath)
        {
            var candidate = dir + "/" + name;
            if (host.FileExists(candidate))
            {
                unitFile = candidate;
                break;
            }
        }

        // Drop-ins: *.conf from every <unit>.d directory; a file name in a higher-precedence directory masks the same
        // name below it; the survivors apply in lexical order of their file names.
        var byName = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var i = SearchPath.Count - 1; i >= 0; i--)
        {
            foreach (var path in host.ListDirectory(SearchPath[i] + "/" + name + ".d", "*.conf"))
            {
                byName[path.Substring(path.LastIndexOf('/') + 1)] = path;
            }
        }

        if (unitFile is null && byName.Count == 0)
        {
            return null;
        }

        var directives = new List<UnitDirective>();
        if (unitFile is not null)
        {
            Parse(host.ReadAllText(unitFile), unitFile, directives);
        }

        var dropIns = new List<string>(byName.Values);
        foreach (var d in dropIns)
        {
            Parse(host.ReadAllText(d), d, directives);
        }

        return new SystemdUnit(name, unitFile, dropIns, directives);
    }

    /// <summary>Parses unit-file syntax (sections, Key=Value, # and ; comments, backslash continuations).</summary>
    public static void Parse(string text, string file, List<UnitDirective> into)
    {
        var section = string.Empty;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var startLine = i + 1;
            var line = lines[i].TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] == '#' || line[0] == ';')
            {
                continue;
            }

            if (line[0] == '[' && line.EndsWith(']'))
            {
                section = line.Substring(1, line.Length - 2);
                continue;
            }

            while (line.EndsWith('\\') && i + 1 < lines.Length)
            {
                var next = lines[++i].TrimEnd('\r');
                var trimmed = next.TrimStart();
                if (trimmed.StartsWith('#') || trimmed.StartsWith(';'))
                {
                    // Comment lines inside a continuation are skipped, as systemd does.
                    continue;
                }

                line = line.Substring(0, line.Length - 1) + " " + next.Trim();
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            into.Add(new UnitDirective(section, line.Substring(0, eq).Trim(), line.Substring(eq + 1).Trim(), file, startLine));
        }
    }

    /// <summary>The last value of a directive in a section, or null.</summary>
    public string? Get(string section, string key)
    {
        string? value = null;
        foreach (var d in Directives)
        {
            if (d.Section == section && d.Key == key)
            {
                value = d.Value;
            }
        }

        return value;
    }
}
