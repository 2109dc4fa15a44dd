using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using GoBaseline;
using GoBaseline.Core.Host;

namespace GoBaseline.Core.Audit;

/// <summary>A file's rules, or the parse error that keeps all of them out (auditctl -R stops at a bad line).</summary>
public sealed record AuditRuleFileResult(string Path, IReadOnlyList<AuditRule> Rules, ParseException? Error);

/// <summary>Reads rules from where they live: the rules.d files (in augenrules order), the generated audit.rules, any file, the kernel.</summary>
public sealed class AuditRuleSources
{
    /// <summary>The augenrules source directory.</summary>
    public const string RulesDirectory = "/etc/audit/rules.d";

    /// <summary>The file augenrules generates and auditd loads.</summary>
    public const string GeneratedFile = "/etc/audit/audit.rules";

    private readonly HostRoot _host;
    private readonly IAuditRuleEnvironment _env;

    /// <summary>Binds to a root.</summary>
    public AuditRuleSources(HostRoot host, IAuditRuleEnvironment? env = null)
    {
        _host = host;
        _env = env ?? new HostAuditEnvironment(host);
    }

    /// <summary>The environment rules are parsed with.</summary>
    public IAuditRuleEnvironment Environment => _env;

    /// <summary>The *.rules files of rules.d in augenrules order (ls -1v: version sort).</summary>
    public IReadOnlyList<string> PersistentFiles()
    {
        var files = _host.ListDirectory(RulesDirectory)
            .Where(p => p.EndsWith(".rules", StringComparison.Ordinal) && _host.FileExists(p))
            .ToList();
        files.Sort((a, b) => VersionCompare(a.Substring(a.LastIndexOf('/') + 1), b.Substring(b.LastIndexOf('/') + 1)));
        return files;
    }

    /// <summary>Reads and parses one file.</summary>
    public AuditRuleFileResult ReadFile(string path, string origin = "File")
    {
        var text = _host.ReadAllText(path);
        try
        {
            return new AuditRuleFileResult(path, AuditRules.Parse(text, path, _env, origin), null);
        }
        catch (ParseException ex)
        {
            return new AuditRuleFileResult(path, Array.Empty<AuditRule>(), ex);
        }
    }

    /// <summary>The persistent rules: every rules.d file in order (each file whole or not at all).</summary>
    public IReadOnlyList<AuditRuleFileResult> ReadPersistent()
    {
        var files = PersistentFiles();
        if (files.Count == 0 && _host.FileExists(GeneratedFile))
        {
            return new[] { ReadFile(GeneratedFile, "Persistent") };
        }

        return files.Select(f => ReadFile(f, "Persistent")).ToList();
    }

    /// <summary>The texts of the rules.d files in order (for lint).</summary>
    public IReadOnlyList<AuditRuleFileText> PersistentTexts() =>
        PersistentFiles().Select(f => new AuditRuleFileText(f, _host.ReadAllText(f))).ToList();

    /// <summary>The live kernel rules (auditctl -l); a line that does not read back goes to <paramref name="onError"/> and is skipped.</summary>
    public IReadOnlyList<AuditRule> ReadLive(AuditCtl ctl, Action<ParseException>? onError, System.Threading.CancellationToken cancel = default) => AuditRules.ParseListing(ctl.List(cancel), _env, onError);

    /// <summary>The live kernel rules; a line that does not read back fails the whole read.</summary>
    public IReadOnlyList<AuditRule> ReadLive(AuditCtl ctl, System.Threading.CancellationToken cancel = default) => ReadLive(ctl, null, cancel);

    /// <summary>What augenrules would write to audit.rules from these files (Debian 3.0.9 augenrules: the last -D, -b, -f first, the last -e at the end).</summary>
    public static string BuildAugenrules(IEnumerable<string> fileTexts)
    {
        string? minusE = null, minusD = null, minusF = null, minusB = null;
        var rest = new List<string>();

        // cat joins the files: one without a final newline runs into the next file's first line.
        var all = string.Concat(fileTexts);
        var lines = all.Split('\n');
        var count = all.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        for (var i = 0; i < count; i++)
        {
            var line = lines[i];
            if (line.Length < 1)
            {
                continue;
            }

            // gawk's \s: space, tab, newline, carriage return, form feed, vertical tab.
            var t = line.TrimStart(' ', '\t', '\r', '\f', '\v');
            if (t.StartsWith('#'))
            {
                continue;
            }

            if (t.StartsWith("-e", StringComparison.Ordinal))
            {
                minusE = line;
            }
            else if (t.TrimEnd(' ', '\t', '\r', '\f', '\v') == "-D")
            {
                minusD = line;
            }
            else if (t.StartsWith("-f", StringComparison.Ordinal))
            {
                minusF = line;
            }
            else if (t.StartsWith("-b", StringComparison.Ordinal))
            {
                minusB = line;
            }
            else
            {
                rest.Add(line);
            }
        }

        var sb = new StringBuilder();
        sb.Append("## This file is automatically generated from ").Append(RulesDirectory).Append('\n');
        sb.Append(minusD ?? string.Empty).Append('\n').Append(minusB ?? string.Empty).Append('\n').Append(minusF ?? string.Empty).Append('\n');
        foreach (var r in rest)
        {
            sb.Append(r).Append('\n');
        }

        sb.Append(minusE ?? string.Empty).Append('\n');
        return sb.ToString();
    }

    /// <summary>GNU version sort of file names (ls -v): digit runs compare as numbers.</summary>
    public static int VersionCompare(string a, string b)
    {
        var i = 0;
        var j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                var si = i;
                var sj = j;
                while (i < a.Length && char.IsAsciiDigit(a[i]))
                {
                    i++;
                }

                while (j < b.Length && char.IsAsciiDigit(b[j]))
                {
                    j++;
                }

                var na = a.Substring(si, i - si).TrimStart('0');
                var nb = b.Substring(sj, j - sj).TrimStart('0');
                var c = na.Length != nb.Length ? na.Length.CompareTo(nb.Length) : string.CompareOrdinal(na, nb);
                if (c != 0)
                {
                    return c;
                }
            }
            else
            {
                if (a[i] != b[j])
                {
                    return a[i].CompareTo(b[j]);
                }

                i++;
                j++;
            }
        }

        return (a.Length - i).CompareTo(b.Length - j) is var r && r != 0 ? r : string.CompareOrdinal(a, b);
    }

    /// <summary>Formats a source position "file:line".</summary>
    public static string Where(AuditRule r) => r.Source is null ? string.Empty : r.Source + ":" + r.Line.ToString(CultureInfo.InvariantCulture);
}
