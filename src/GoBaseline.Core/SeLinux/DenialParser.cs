using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GoBaseline.Core.SeLinux;

/// <summary>
/// Reads AVC denials from audit log text the way audit2allow's parser (sepolgen audit.py) finds them: any line with
/// an "avc:" token (kernel AVC, USER_AVC's msg='avc:, syslog "message=avc:"), the permissions between "{" and "}",
/// and scontext, tcontext, tclass, comm, exe, name/path fields split on white space. Granted messages are skipped.
/// Pure and total: a line that is not a complete AVC message is ignored, as sepolgen does.
/// </summary>
public static class DenialParser
{
    /// <summary>Parses every denial in the text.</summary>
    public static List<GoBaseline.SeLinuxDenial> Parse(string text, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<GoBaseline.SeLinuxDenial>();
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            if (!raw.Contains("avc:", StringComparison.Ordinal))
            {
                continue;
            }

            var d = ParseLine(raw.TrimEnd('\r'), file, lineNo);
            if (d is not null)
            {
                result.Add(d);
            }
        }

        return result;
    }

    private static GoBaseline.SeLinuxDenial? ParseLine(string line, string? file, int lineNo)
    {
        var recs = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var start = Array.FindIndex(recs, r => r is "avc:" or "message=avc:" or "msg='avc:");
        if (start < 0)
        {
            return null;
        }

        var perms = new SortedSet<string>(StringComparer.Ordinal);
        string? scon = null, tcon = null, tclass = null, comm = null, exe = null, name = null, path = null;
        int? pid = null;
        bool? permissive = null;
        var denial = true;
        var foundAccess = false;
        for (var i = 0; i < recs.Length; i++)
        {
            if (recs[i] == "{")
            {
                i++;
                while (i < recs.Length && recs[i] != "}")
                {
                    perms.Add(recs[i]);
                    i++;
                }

                foundAccess = true;
                continue;
            }

            if (recs[i] == "granted")
            {
                denial = false;
            }

            var fields = recs[i].Split('=');
            if (fields.Length != 2)
            {
                continue;
            }

            var value = fields[1];
            switch (fields[0])
            {
                case "scontext":
                    scon = value;
                    break;
                case "tcontext":
                    tcon = value;
                    break;
                case "tclass":
                    tclass = value.TrimEnd('\'');
                    break;
                case "comm":
                    comm = Unquote(value);
                    break;
                case "exe":
                    exe = Unquote(value.TrimEnd('\''));
                    break;
                case "name":
                    name = Unquote(value);
                    break;
                case "path":
                    path = Unquote(value);
                    break;
                case "pid":
                    pid = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
                    break;
                case "permissive":
                    permissive = value.TrimEnd('\'') == "1";
                    break;
            }
        }

        if (!denial || !foundAccess || scon is null || tcon is null || tclass is null || perms.Count == 0)
        {
            return null;
        }

        var (time, serial) = AuditStamp(line);
        var recordType = line.Contains("type=USER_AVC", StringComparison.Ordinal) || line.Contains("type=1107", StringComparison.Ordinal) ? "USER_AVC" : "AVC";
        var sourceType = TypeOf(scon);
        var targetType = TypeOf(tcon);
        var rule = AllowRule(sourceType, targetType, tclass, perms);
        var sctx = GoBaseline.SeLinuxContext.TryParse(scon, out var sc) ? sc : null;
        var tctx = GoBaseline.SeLinuxContext.TryParse(tcon, out var tc) ? tc : null;
        return new GoBaseline.SeLinuxDenial(time, serial, recordType, perms.ToList(), scon, tcon, sctx, tctx, tclass, comm, exe, path ?? name, pid, permissive, rule, file, lineNo);
    }

    /// <summary>"allow S T:C perm;" or "allow S T:C { p1 p2 };" with "self" for S == T, permissions sorted as sepolgen sorts them.</summary>
    public static string AllowRule(string sourceType, string targetType, string cls, IEnumerable<string> permissions)
    {
        var sorted = permissions.Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToList();
        var perms = sorted.Count == 1 ? sorted[0] : "{ " + string.Join(' ', sorted) + " }";
        var target = sourceType == targetType ? "self" : targetType;
        return $"allow {sourceType} {target}:{cls} {perms};";
    }

    /// <summary>
    /// The rules of a set of denials, one per source, target and class with the union of their permissions, grouped
    /// by source domain in sorted order with audit2allow's "#============= domain ==============" headers.
    /// </summary>
    public static IReadOnlyList<string> MergedRules(IEnumerable<GoBaseline.SeLinuxDenial> denials, bool headers = true)
    {
        var map = new SortedDictionary<string, SortedDictionary<(string Target, string Class), SortedSet<string>>>(StringComparer.Ordinal);
        foreach (var d in denials)
        {
            if (!map.TryGetValue(d.SourceType, out var byTarget))
            {
                byTarget = new SortedDictionary<(string, string), SortedSet<string>>(Comparer<(string, string)>.Create((a, b) =>
                {
                    var c = string.CompareOrdinal(a.Item1, b.Item1);
                    return c != 0 ? c : string.CompareOrdinal(a.Item2, b.Item2);
                }));
                map[d.SourceType] = byTarget;
            }

            var key = (d.SourceType == d.TargetType ? "self" : d.TargetType, d.Class);
            if (!byTarget.TryGetValue(key, out var set))
            {
                set = new SortedSet<string>(StringComparer.Ordinal);
                byTarget[key] = set;
            }

            set.UnionWith(d.Permissions);
        }

        var lines = new List<string>();
        foreach (var (source, byTarget) in map)
        {
            if (headers)
            {
                lines.Add($"#============= {source} ==============");
            }

            foreach (var ((target, cls), perms) in byTarget)
            {
                lines.Add(AllowRule(source, target == "self" ? source : target, cls, perms));
            }
        }

        return lines;
    }

    /// <summary>
    /// The role authorisations audit2allow asks for: every SELINUX_ERR "security_compute_sid:  invalid context
    /// U:R:T:L for scontext=… tcontext=…" gives (R, T, the source type), in the order first seen.
    /// </summary>
    public static IReadOnlyList<(string Role, string Type, string SourceType)> InvalidContextRoles(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<(string, string, string)>();
        var seen = new HashSet<(string, string)>();
        foreach (var raw in text.Split('\n'))
        {
            if (!raw.Contains("security_compute_sid:", StringComparison.Ordinal))
            {
                continue;
            }

            var words = raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var at = Array.IndexOf(words, "context");
            if (at < 1 || words[at - 1] != "invalid" || at + 1 >= words.Length)
            {
                continue;
            }

            var parts = words[at + 1].Split(':');
            var scontext = words.FirstOrDefault(w => w.StartsWith("scontext=", StringComparison.Ordinal));
            if (parts.Length < 3)
            {
                continue;
            }

            if (seen.Add((parts[1], parts[2])))
            {
                result.Add((parts[1], parts[2], scontext is null ? string.Empty : TypeOf(scontext.Substring("scontext=".Length))));
            }
        }

        return result;
    }

    /// <summary>
    /// audit2allow's ROLES section: "#============= ROLES ==============" and "role R types T;" per pair, with a blank
    /// line between roles. audit2allow's order comes from Python sets (it changes from run to run); here roles and
    /// the types of a role are sorted.
    /// </summary>
    public static IReadOnlyList<string> RoleRules(IEnumerable<(string Role, string Type)> pairs)
    {
        var lines = new List<string>();
        foreach (var group in pairs.GroupBy(p => p.Role).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            lines.Add(lines.Count == 0 ? "#============= ROLES ==============" : string.Empty);
            lines.AddRange(group.Select(p => p.Type).Distinct().OrderBy(t => t, StringComparer.Ordinal).Select(t => $"role {group.Key} types {t};"));
        }

        return lines;
    }

    private static string TypeOf(string context)
    {
        var parts = context.Split(':');
        return parts.Length > 2 ? parts[2] : context;
    }

    private static string Unquote(string v) => v.Length >= 2 && v[0] == '"' && v[^1] == '"' ? v.Substring(1, v.Length - 2) : (IsHex(v) ? FromHex(v) : v);

    private static bool IsHex(string v) => v.Length > 0 && v.Length % 2 == 0 && v.All(Uri.IsHexDigit) && v.Any(c => c is >= 'A' and <= 'F');

    private static string FromHex(string v)
    {
        var bytes = new byte[v.Length / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = byte.Parse(v.AsSpan(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private static (DateTimeOffset?, long?) AuditStamp(string line)
    {
        var at = line.IndexOf("audit(", StringComparison.Ordinal);
        if (at < 0)
        {
            return (null, null);
        }

        var end = line.IndexOf(')', at);
        var colon = line.IndexOf(':', at);
        if (end < 0 || colon < 0 || colon > end)
        {
            return (null, null);
        }

        var stamp = line.Substring(at + 6, colon - at - 6);
        var serialText = line.Substring(colon + 1, end - colon - 1);
        DateTimeOffset? time = decimal.TryParse(stamp, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var secs)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(secs * 1000m))
            : null;
        long? serial = long.TryParse(serialText, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
        return (time, serial);
    }
}
