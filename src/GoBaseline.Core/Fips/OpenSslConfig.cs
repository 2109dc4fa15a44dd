using System;
using System.Collections.Generic;
using GoBaseline.Core.Host;

namespace GoBaseline.Core.Fips;

/// <summary>One key = value of an OpenSSL configuration, with where it was written.</summary>
public sealed record OpenSslSetting(string Section, string Key, string Value, string File, int Line);

/// <summary>
/// The OpenSSL configuration format (config(5)) as far as FIPS activation needs it: sections, key = value, comments,
/// and <c>.include</c> of files and directories (relative paths resolved against the including file's directory),
/// read through the host root so fixture trees and images work.
/// </summary>
public sealed class OpenSslConfig
{
    private const int MaxIncludeDepth = 8;

    private readonly List<OpenSslSetting> _settings = new();

    /// <summary>Every setting in file order, includes expanded in place.</summary>
    public IReadOnlyList<OpenSslSetting> Settings => _settings;

    /// <summary>Files read, the main file first.</summary>
    public List<string> Files { get; } = new();

    /// <summary>Includes that named missing files.</summary>
    public List<string> MissingIncludes { get; } = new();

    /// <summary>Loads a configuration file inside the root, or null when it does not exist.</summary>
    public static OpenSslConfig? Load(HostRoot host, string path)
    {
        var text = host.TryReadAllText(path);
        if (text is null)
        {
            return null;
        }

        var config = new OpenSslConfig();
        config.Parse(host, text, path, "default", 0);
        return config;
    }

    /// <summary>Parses text that is not on a host (tests); includes are not followed.</summary>
    public static OpenSslConfig ParseText(string text, string file)
    {
        var config = new OpenSslConfig();
        config.Parse(null, text, file, "default", 0);
        return config;
    }

    /// <summary>The last value of a key in a section (sections and keys compare case-sensitively, as OpenSSL does).</summary>
    public OpenSslSetting? Get(string section, string key)
    {
        OpenSslSetting? found = null;
        foreach (var s in _settings)
        {
            if (s.Section == section && s.Key == key)
            {
                found = s;
            }
        }

        return found;
    }

    /// <summary>Every setting of a section, last value per key.</summary>
    public IReadOnlyDictionary<string, OpenSslSetting> Section(string section)
    {
        var d = new Dictionary<string, OpenSslSetting>(StringComparer.Ordinal);
        foreach (var s in _settings)
        {
            if (s.Section == section)
            {
                d[s.Key] = s;
            }
        }

        return d;
    }

    private string Parse(HostRoot? host, string text, string file, string section, int depth)
    {
        Files.Add(file);
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = StripComment(raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                section = line.Substring(1, line.Length - 2).Trim();
                continue;
            }

            if (line.StartsWith(".include", StringComparison.Ordinal))
            {
                var target = line.Substring(8).TrimStart();
                if (target.StartsWith('='))
                {
                    target = target.Substring(1).Trim();
                }

                if (host is not null && depth < MaxIncludeDepth && target.Length > 0)
                {
                    section = Include(host, target, file, section, depth + 1);
                }

                continue;
            }

            if (line.StartsWith(".pragma", StringComparison.Ordinal))
            {
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var key = line.Substring(0, eq).Trim();
            var value = line.Substring(eq + 1).Trim();
            if (value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')))
            {
                value = value.Substring(1, value.Length - 2);
            }

            _settings.Add(new OpenSslSetting(section, key, value, file, lineNumber));
        }

        return section;
    }

    private string Include(HostRoot host, string target, string from, string section, int depth)
    {
        var dir = from.LastIndexOf('/') is var i and > 0 ? from.Substring(0, i) : "/";
        var path = target.StartsWith('/') ? target : HostRoot.Normalize(dir + "/" + target);
        if (host.DirectoryExists(path))
        {
            foreach (var f in host.ListDirectory(path))
            {
                if (f.EndsWith(".cnf", StringComparison.Ordinal) || f.EndsWith(".conf", StringComparison.Ordinal))
                {
                    var t = host.TryReadAllText(f);
                    if (t is not null)
                    {
                        section = Parse(host, t, f, section, depth);
                    }
                }
            }

            return section;
        }

        var text = host.TryReadAllText(path);
        if (text is null)
        {
            MissingIncludes.Add(path + " (included from " + from + ")");
            return section;
        }

        return Parse(host, text, path, section, depth);
    }

    private static string StripComment(string line)
    {
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? line : line.Substring(0, hash);
    }
}

/// <summary>One provider in the output of <c>openssl list -providers</c>.</summary>
public sealed record OpenSslProvider(string Id, string? Name, string? Version, string? Status);

/// <summary>Parses <c>openssl list -providers</c> output (pure and total: unknown lines are ignored).</summary>
public static class OpenSslProviderList
{
    /// <summary>The providers listed.</summary>
    public static IReadOnlyList<OpenSslProvider> Parse(string output)
    {
        var result = new List<OpenSslProvider>();
        string? id = null;
        string? name = null, version = null, status = null;
        void Flush()
        {
            if (id is not null)
            {
                result.Add(new OpenSslProvider(id, name, version, status));
            }

            id = null;
            name = version = status = null;
        }

        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0 || line.StartsWith('#') || line.StartsWith("Providers:", StringComparison.Ordinal))
            {
                continue;
            }

            var indent = line.Length - line.TrimStart().Length;
            var text = line.Trim();
            if (indent <= 2 && !text.Contains(':', StringComparison.Ordinal))
            {
                Flush();
                id = text;
                continue;
            }

            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && id is not null)
            {
                var key = text.Substring(0, colon).Trim();
                var value = text.Substring(colon + 1).Trim();
                switch (key)
                {
                    case "name": name = value; break;
                    case "version": version = value; break;
                    case "status": status = value; break;
                }
            }
        }

        Flush();
        return result;
    }
}
