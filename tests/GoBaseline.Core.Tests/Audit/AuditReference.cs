using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using GoBaseline.Core.Audit.Log;
using GoBaseline.Core.Host;

namespace GoBaseline.Core.Tests.Audit;

/// <summary>Runs the real ausearch/aureport (audit userspace installed here) and parses what they print.</summary>
internal static class AuditReference
{
    private static readonly Dictionary<string, string?> UtcC = new() { ["TZ"] = "UTC", ["LC_ALL"] = "C" };

    public static string Run(string program, IEnumerable<string> args)
    {
        var cmd = new NativeCommand(program, args, "auditd", TimeSpan.FromMinutes(3))
        {
            SuccessExitCodes = new[] { 0, 1 },
            Environment = UtcC,
        };
        return NativeRunner.Default.Run(cmd).StandardOutput;
    }

    /// <summary>Event ids (node|sec.ms:serial) that ausearch --format raw prints for these filters.</summary>
    public static List<string> AusearchIds(string file, params string[] filters)
    {
        var output = Run("ausearch", new[] { "-if", file, "--format", "raw" }.Concat(filters));
        var ids = new List<string>();
        var names = new NameCache();
        foreach (var line in output.Split('\n'))
        {
            var rec = AuditLine.TryParse(System.Text.Encoding.UTF8.GetBytes(line), file, 0, names, out _);
            if (rec is null)
            {
                continue;
            }

            var id = Id(rec.Node, rec.Seconds, rec.Milliseconds, rec.Serial);
            if (ids.Count == 0 || !ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    public static string Id(string? node, long sec, int ms, long serial) => (node ?? string.Empty) + "|" + sec.ToString(CultureInfo.InvariantCulture) + "." + ms.ToString("000", CultureInfo.InvariantCulture) + ":" + serial.ToString(CultureInfo.InvariantCulture);

    public static string Id(GoBaseline.AuditEvent e) => Id(e.Node, e.Time.ToUnixTimeSeconds(), e.Time.Millisecond, e.Serial);

    /// <summary>One record line of ausearch -i: node, type, time text, serial, and the text after " : ".</summary>
    public sealed record InterpretedLine(string? Node, string Type, string Time, long Serial, string Fields);

    /// <summary>Parses ausearch -i output into record lines.</summary>
    public static List<InterpretedLine> AusearchInterpreted(string file, params string[] filters)
    {
        var output = Run("ausearch", new[] { "-if", file, "-i" }.Concat(filters));
        var list = new List<InterpretedLine>();
        foreach (var raw in output.Split('\n'))
        {
            var line = raw;
            if (line.Length == 0 || line == "----")
            {
                continue;
            }

            string? node = null;
            if (line.StartsWith("node=", StringComparison.Ordinal))
            {
                var sp = line.IndexOf(' ');
                node = line.Substring(5, sp - 5);
                line = line.Substring(sp + 1);
            }

            if (!line.StartsWith("type=", StringComparison.Ordinal))
            {
                continue;
            }

            var typeEnd = line.IndexOf(' ');
            var type = line.Substring(5, typeEnd - 5);
            var open = line.IndexOf("msg=audit(", StringComparison.Ordinal);
            var close = open < 0 ? -1 : line.IndexOf(')', open);
            if (open < 0 || close < 0)
            {
                continue;
            }

            var stamp = line.Substring(open + 10, close - open - 10);
            var colon = stamp.LastIndexOf(':');
            var rest = line.Substring(close + 1);
            rest = rest.StartsWith(" : ", StringComparison.Ordinal) ? rest.Substring(3) : rest.TrimStart();
            list.Add(new InterpretedLine(node, type, stamp.Substring(0, colon), long.Parse(stamp.AsSpan(colon + 1), CultureInfo.InvariantCulture), rest.TrimEnd()));
        }

        return list;
    }

    /// <summary>
    /// The value ausearch -i printed for <paramref name="name"/>: the text between " name=" and " next=" where next is
    /// the field that follows in the record (the field order is the log's).
    /// </summary>
    public static string? ValueOf(string fields, IReadOnlyList<string> order, int index)
    {
        var text = " " + fields;
        var name = order[index];
        var from = 0;

        // Skip earlier fields of the same name (e.g. a repeated key).
        for (var k = 0; k < index; k++)
        {
            var at = text.IndexOf(" " + order[k] + "=", from, StringComparison.Ordinal);
            if (at >= 0)
            {
                from = at + 1;
            }
        }

        var start = text.IndexOf(" " + name + "=", from, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += name.Length + 2;
        var end = text.Length;
        for (var k = index + 1; k < order.Count; k++)
        {
            var e = text.IndexOf(" " + order[k] + "=", start, StringComparison.Ordinal);
            if (e >= 0)
            {
                end = e;
                break;
            }
        }

        return text.Substring(start, end - start);
    }

    /// <summary>aureport --summary numbers by their label.</summary>
    public static Dictionary<string, long> AureportSummary(string file, params string[] extra)
    {
        var output = Run("aureport", new[] { "-if", file, "--summary" }.Concat(extra));
        var d = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n'))
        {
            var colon = line.LastIndexOf(':');
            if (line.StartsWith("Number of ", StringComparison.Ordinal) && colon > 0 && long.TryParse(line.AsSpan(colon + 1).Trim(), out var n))
            {
                d[line.Substring(0, colon)] = n;
            }
        }

        return d;
    }

    /// <summary>aureport per-item summary rows (count, value).</summary>
    public static Dictionary<string, long> AureportItems(string file, string option, params string[] extra)
    {
        var output = Run("aureport", new[] { "-if", file, option, "--summary" }.Concat(extra));
        var d = new Dictionary<string, long>(StringComparer.Ordinal);
        var pastHeader = 0;
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("=====", StringComparison.Ordinal))
            {
                pastHeader++;
                continue;
            }

            if (pastHeader < 2 || line.Trim().Length == 0)
            {
                continue;
            }

            var t = line.Trim();
            var sp = t.IndexOf(' ');
            if (sp > 0 && long.TryParse(t.AsSpan(0, sp), out var n))
            {
                var v = t.Substring(sp).Trim();
                d[v] = d.TryGetValue(v, out var o) ? o + n : n;
            }
        }

        return d;
    }

    /// <summary>Copies a file into a fresh temp directory (the tests never read shared paths in place).</summary>
    public static string CopyToTemp(TempTree tree, string source)
    {
        var dest = Path.Combine(tree.Dir("/logs"), Path.GetFileName(source));
        File.Copy(source, dest, overwrite: true);
        return dest;
    }
}
