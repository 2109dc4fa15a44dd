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
        var dot = name.LastIndexOf('.');
        var stem = dot > 0 ? name.Substring(0, dot) : name;
        var at = stem.IndexOf('@', StringComparison.Ordinal);
        Prefix = at >= 0 ? stem.Substring(0, at) : stem;
        Instance = at >= 0 && at + 1 < stem.Length ? stem.Substring(at + 1) : null;
        Template = Instance is not null ? Prefix + "@" + name.Substring(dot) : null;
    }

    /// <summary>The unit name with its suffix, e.g. myapp.service or build@x.service.</summary>
    public string Name { get; }

    /// <summary>The unit file found first on the search path (for an instance without its own file: the template's), or null when only drop-ins exist.</summary>
    public string? UnitFile { get; }

    /// <summary>The drop-in files applied, in order.</summary>
    public IReadOnlyList<string> DropIns { get; }

    /// <summary>All directives in the order systemd applies them.</summary>
    public IReadOnlyList<UnitDirective> Directives { get; }

    /// <summary>The part of the name before '@' (or before the suffix), e.g. build for build@x.service.</summary>
    public string Prefix { get; }

    /// <summary>The instance of a template instance (x for build@x.service), else null.</summary>
    public string? Instance { get; }

    /// <summary>The template of an instance (build@.service for build@x.service), else null.</summary>
    public string? Template { get; }

    /// <summary>Adds ".service" to a bare name.</summary>
    public static string NormalizeName(string name) => name.Contains('.', StringComparison.Ordinal) ? name : name + ".service";

    /// <summary>
    /// The names whose "&lt;name&gt;.d" directories hold drop-ins for <paramref name="name"/>, most specific first, as
    /// systemd looks them up: the unit, its template, the dash prefixes of its name from the longest
    /// (foo-bar-.service, foo-.service for foo-bar-baz.service) and the unit type (service for every service).
    /// </summary>
    public static IReadOnlyList<string> DropInNames(string name)
    {
        name = NormalizeName(name);
        var dot = name.LastIndexOf('.');
        var suffix = name.Substring(dot);
        var stem = name.Substring(0, dot);
        var at = stem.IndexOf('@', StringComparison.Ordinal);
        var prefix = at >= 0 ? stem.Substring(0, at) : stem;
        var names = new List<string> { name };
        if (at >= 0 && at + 1 < stem.Length)
        {
            names.Add(prefix + "@" + suffix);
        }

        // Dash prefixes: for foo-bar-baz, "foo-bar-" then "foo-" (a trailing dash of the name itself does not count).
        for (var i = prefix.Length - 2; i > 0; i--)
        {
            if (prefix[i] == '-')
            {
                names.Add(prefix.Substring(0, i + 1) + suffix);
            }
        }

        // The top-level type drop-in (service.d, socket.d, ...), systemd 246 and later.
        names.Add(suffix.Substring(1));
        return names;
    }

    /// <summary>Loads a unit and its drop-ins from the host root; null when neither exists.</summary>
    public static SystemdUnit? Load(HostRoot host, string name)
    {
        name = NormalizeName(name);
        var dropInNames = DropInNames(name);
        string? unitFile = FindOnSearchPath(host, name);
        var dot = name.LastIndexOf('.');
        var at = name.IndexOf('@', StringComparison.Ordinal);
        var isInstance = at >= 0 && at + 1 < dot;
        if (unitFile is null && isInstance)
        {
            // systemd loads foo@bar.service from foo@.service when there is no file for the instance itself.
            unitFile = FindOnSearchPath(host, name.Substring(0, at + 1) + name.Substring(dot));
        }

        // Drop-ins: *.conf from every <name>.d directory; of two files with the same name the one in the
        // higher-precedence search directory wins, and within one directory the one of the more specific name (unit,
        // template, longer prefix, type); the survivors apply in lexical order of their file names.
        var byName = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var ownDropIns = false;
        foreach (var dir in SearchPath)
        {
            for (var n = 0; n < dropInNames.Count; n++)
            {
                foreach (var path in host.ListDirectory(dir + "/" + dropInNames[n] + ".d", "*.conf"))
                {
                    var file = path.Substring(path.LastIndexOf('/') + 1);
                    byName.TryAdd(file, path);
                    ownDropIns |= n == 0 || (isInstance && n == 1);
                }
            }
        }

        // Type and prefix drop-ins alone do not make a unit exist.
        if (unitFile is null && !ownDropIns)
        {
            return null;
        }

        var directives = new List<UnitDirective>();
        if (unitFile is not null)
        {
            Parse(host.ReadAllText(unitFile), unitFile, directives);
        }

        var dropIns = new List<string>();
        foreach (var d in byName.Values)
        {
            // A drop-in linked to /dev/null masks the one of the same name below it and applies nothing.
            if (!SystemdManagerConfig.IsMasked(host, d))
            {
                dropIns.Add(d);
            }
        }

        foreach (var d in dropIns)
        {
            Parse(host.ReadAllText(d), d, directives);
        }

        return new SystemdUnit(name, unitFile, dropIns, directives);
    }

    private static string? FindOnSearchPath(HostRoot host, string name)
    {
        foreach (var dir in SearchPath)
        {
            var candidate = dir + "/" + name;
            if (host.FileExists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// Expands the unit specifiers systemd resolves from the name (systemd.unit(5) "Specifiers"): %n %N %p %P %i %I
    /// %j %J %f %%. Others (host, user, directories) are left as written and reported in <paramref name="unresolved"/>.
    /// </summary>
    public string ExpandSpecifiers(string value, out bool unresolved)
    {
        unresolved = false;
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var dot = Name.LastIndexOf('.');
        var fullStem = Name.Substring(0, dot);
        var lastDash = Prefix.LastIndexOf('-');
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '%' || i + 1 >= value.Length)
            {
                sb.Append(value[i]);
                continue;
            }

            var c = value[++i];
            string? r = c switch
            {
                '%' => "%",
                'n' => Name,
                'N' => fullStem,
                'p' => Prefix,
                'P' => Unescape(Prefix),
                'i' => Instance ?? string.Empty,
                'I' => Unescape(Instance ?? string.Empty),
                'j' => lastDash >= 0 ? Prefix.Substring(lastDash + 1) : Prefix,
                'J' => Unescape(lastDash >= 0 ? Prefix.Substring(lastDash + 1) : Prefix),
                'f' => "/" + Unescape(Instance ?? Prefix).TrimStart('/'),
                _ => null,
            };
            if (r is null)
            {
                unresolved = true;
                sb.Append('%').Append(c);
            }
            else
            {
                sb.Append(r);
            }
        }

        return sb.ToString();
    }

    /// <summary>systemd-escape --unescape: "-" is "/", \xNN is a byte.</summary>
    public static string Unescape(string s)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '-')
            {
                sb.Append('/');
            }
            else if (s[i] == '\\' && i + 3 < s.Length && s[i + 1] == 'x' && int.TryParse(s.AsSpan(i + 2, 2), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var b))
            {
                sb.Append((char)b);
                i += 3;
            }
            else
            {
                sb.Append(s[i]);
            }
        }

        return sb.ToString();
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

    /// <summary>
    /// The user a service runs as: User=, else root; null with DynamicUser= and no User= (its uid is allocated when
    /// it starts).
    /// </summary>
    public string? ServiceUser() =>
        Get("Service", "User") is { Length: > 0 } u ? u
        : Get("Service", "DynamicUser") is "yes" or "true" or "on" or "1" ? null
        : "root";

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
