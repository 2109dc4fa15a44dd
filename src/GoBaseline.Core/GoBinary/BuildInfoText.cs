using System;
using System.Collections.Generic;
using System.Text;

namespace GoBaseline.Core.GoBinary;

/// <summary>The build info of a binary in parsed form (runtime/debug.BuildInfo without the Go version).</summary>
public sealed record ParsedBuildInfo(string Path, GoModule? Main, IReadOnlyList<GoModule> Dependencies, IReadOnlyList<GoBuildSetting> Settings);

/// <summary>
/// The text form of Go build info: runtime/debug.ParseBuildInfo and BuildInfo.String, line for line, including the
/// Go quoting of build setting keys and values. Pure and total: any text gives a record or a positioned
/// <see cref="ParseException"/>.
/// </summary>
public static class BuildInfoText
{
    /// <summary>Parses modinfo text (the sentinels already stripped). Lines Go does not know are ignored, as Go does.</summary>
    public static ParsedBuildInfo Parse(string data, string? file = null)
    {
        var path = string.Empty;
        GoModule? main = null;
        var deps = new List<GoModule>();
        var settings = new List<GoBuildSetting>();

        // The module a "=>" line replaces: 0 main, 1.. a dependency, -1 none.
        var last = -1;
        var lineNumber = 1;
        var pos = 0;
        while (pos < data.Length)
        {
            var nl = data.IndexOf('\n', pos);
            if (nl < 0)
            {
                // Like Go, an unterminated last line is not part of the build info.
                break;
            }

            var line = data.Substring(pos, nl - pos);
            pos = nl + 1;
            if (line.StartsWith("path\t", StringComparison.Ordinal))
            {
                path = line.Substring(5);
            }
            else if (line.StartsWith("mod\t", StringComparison.Ordinal))
            {
                main = ModuleLine(line.Substring(4), file, lineNumber);
                last = 0;
            }
            else if (line.StartsWith("dep\t", StringComparison.Ordinal))
            {
                deps.Add(ModuleLine(line.Substring(4), file, lineNumber));
                last = deps.Count;
            }
            else if (line.StartsWith("=>\t", StringComparison.Ordinal))
            {
                var elem = line.Substring(3).Split('\t');
                if (elem.Length != 3)
                {
                    throw Error(file, lineNumber, $"expected 3 columns for replacement; got {elem.Length}");
                }

                if (last < 0)
                {
                    throw Error(file, lineNumber, "replacement with no module on previous line");
                }

                var replacement = new GoModule(elem[0], elem[1], elem[2], null);
                if (last == 0)
                {
                    main = new GoModule(main!.Path, main.Version, main.Sum, replacement);
                }
                else
                {
                    var d = deps[last - 1];
                    deps[last - 1] = new GoModule(d.Path, d.Version, d.Sum, replacement);
                }

                last = -1;
            }
            else if (line.StartsWith("build\t", StringComparison.Ordinal))
            {
                settings.Add(BuildLine(line.Substring(6), file, lineNumber));
            }

            lineNumber++;
        }

        return new ParsedBuildInfo(path, main, deps, settings);
    }

    /// <summary>
    /// Renders build info as Go 1.19's BuildInfo.String does (without a go line, as <c>go version -m</c> prints it):
    /// versions as recorded (the go command itself writes "(devel)"), and a replacement followed by an empty line.
    /// </summary>
    public static string Render(ParsedBuildInfo info)
    {
        var sb = new StringBuilder(256);
        if (info.Path.Length > 0)
        {
            sb.Append("path\t").Append(info.Path).Append('\n');
        }

        if (info.Main is { } main && (main.Path.Length > 0 || main.Version.Length > 0 || main.Sum.Length > 0 || main.Replace is not null))
        {
            Module(sb, "mod", main);
        }

        foreach (var d in info.Dependencies)
        {
            Module(sb, "dep", d);
        }

        foreach (var s in info.Settings)
        {
            var key = NeedsQuote(s.Key, isKey: true) ? GoQuote.Quote(s.Key) : s.Key;
            var value = NeedsQuote(s.Value, isKey: false) ? GoQuote.Quote(s.Value) : s.Value;
            sb.Append("build\t").Append(key).Append('=').Append(value).Append('\n');
        }

        return sb.ToString();
    }

    private static void Module(StringBuilder sb, string word, GoModule m)
    {
        sb.Append(word).Append('\t').Append(m.Path).Append('\t').Append(m.Version);
        if (m.Replace is null)
        {
            sb.Append('\t').Append(m.Sum);
        }
        else
        {
            // Go 1.19's BuildInfo.String ends the replaced module's line and then, after the "=>" line, writes one
            // more newline: go version -m prints an empty (tab-only) line after every replacement, kept here so
            // scripts written against that output see the same lines.
            sb.Append('\n');
            Module(sb, "=>", m.Replace);
        }

        sb.Append('\n');
    }

    private static bool NeedsQuote(string s, bool isKey)
    {
        if (isKey && s.Length == 0)
        {
            return true;
        }

        foreach (var c in s)
        {
            if (c is ' ' or '\t' or '\r' or '\n' or '"' or '`' || (isKey && c == '='))
            {
                return true;
            }
        }

        return false;
    }

    private static GoModule ModuleLine(string rest, string? file, int line)
    {
        var elem = rest.Split('\t');
        if (elem.Length != 2 && elem.Length != 3)
        {
            throw Error(file, line, $"expected 2 or 3 columns; got {elem.Length}");
        }

        return new GoModule(elem[0], elem[1], elem.Length == 3 ? elem[2] : string.Empty, null);
    }

    private static GoBuildSetting BuildLine(string kv, string? file, int line)
    {
        if (kv.Length < 1)
        {
            throw Error(file, line, "build line missing '='");
        }

        string key;
        string rawValue;
        switch (kv[0])
        {
            case '=':
                throw Error(file, line, "build line with missing key");
            case '`':
            case '"':
                var n = GoQuote.QuotedPrefixLength(kv);
                if (n < 0)
                {
                    throw Error(file, line, "invalid quoted key in build line");
                }

                if (kv.Length == n)
                {
                    throw Error(file, line, "build line missing '=' after quoted key");
                }

                if (kv[n] != '=')
                {
                    throw Error(file, line, $"unexpected character after quoted key: {GoQuote.Quote(kv[n].ToString())}");
                }

                GoQuote.TryUnquote(kv.Substring(0, n), out key);
                rawValue = kv.Substring(n + 1);
                break;
            default:
                var eq = kv.IndexOf('=', StringComparison.Ordinal);
                if (eq < 0)
                {
                    throw Error(file, line, "build line missing '=' after key");
                }

                key = kv.Substring(0, eq);
                rawValue = kv.Substring(eq + 1);
                if (NeedsQuote(key, isKey: true))
                {
                    throw Error(file, line, $"unquoted key {GoQuote.Quote(key)} must be quoted");
                }

                break;
        }

        var value = string.Empty;
        if (rawValue.Length > 0)
        {
            if (rawValue[0] is '`' or '"')
            {
                if (!GoQuote.TryUnquote(rawValue, out value))
                {
                    throw Error(file, line, "invalid quoted value in build line");
                }
            }
            else
            {
                value = rawValue;
                if (NeedsQuote(value, isKey: false))
                {
                    throw Error(file, line, $"unquoted value {GoQuote.Quote(value)} must be quoted");
                }
            }
        }

        return new GoBuildSetting(key, value);
    }

    private static ParseException Error(string? file, int line, string message) =>
        new(ErrorIds.BuildInfoMalformed, new SourcePosition(file, line, 0), "could not parse Go build info: " + message);
}
