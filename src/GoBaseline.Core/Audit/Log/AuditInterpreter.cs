using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text;
using GoBaseline.Core.Host;

namespace GoBaseline.Core.Audit.Log;

/// <summary>
/// Interprets field values the way <c>ausearch -i</c> does: ids to names (from the root's passwd and group, or the
/// ENRICHED section when the log has one), syscall numbers to names per architecture, errno names for exit=,
/// hex-encoded strings decoded, sockaddrs decoded. Built once per query; the name tables are read lazily.
/// </summary>
public sealed class AuditInterpreter
{
    internal const long Unset = 4294967295;

    private static readonly HashSet<string> UidFields = new(StringComparer.Ordinal)
    {
        "auid", "uid", "euid", "suid", "fsuid", "ouid", "loginuid", "old-auid", "oauid", "iuid", "inode_uid", "sauid", "obj_uid", "old-uid", "new-uid", "new-auid",
    };

    private static readonly HashSet<string> GidFields = new(StringComparer.Ordinal)
    {
        "gid", "egid", "sgid", "fsgid", "ogid", "obj_gid", "igid", "inode_gid", "new_gid", "old-gid", "new-gid",
    };

    private static readonly HashSet<string> EncodedFields = new(StringComparer.Ordinal)
    {
        "name", "exe", "comm", "cwd", "path", "cmd", "proctitle", "acct", "key", "ocomm", "watch", "dir", "file", "data", "vm", "old-chardev", "new-chardev", "root_dir", "sw",
    };

    private readonly HostRoot _host;
    private Dictionary<long, string>? _users;
    private Dictionary<long, string>? _groups;

    /// <summary>Creates the object.</summary>
    public AuditInterpreter(HostRoot host)
    {
        _host = host;
    }

    /// <summary>
    /// Builds the typed event: the summary values come from byte scans of the few records that hold them; the
    /// records themselves are split and interpreted only when the caller reads <c>Records</c>.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public GoBaseline.AuditEvent ToEvent(RawEvent ev)
    {
        AuditLine? sys = null;
        foreach (var line in ev.Records)
        {
            if (line.TypeNumber == 1300)
            {
                sys = line;
                break;
            }
        }

        string? archRaw = null;
        string? arch = null;
        string? syscall = null;
        bool? success = null;
        long? exit = null;
        string? exitName = null;
        if (sys is not null)
        {
            var body = sys.Body;
            var interp = sys.Interp;
            if (AuditFields.TryFind(body, "arch="u8, out var a, out _))
            {
                archRaw = Encoding.ASCII.GetString(a);
                arch = AuditFields.TryFind(interp, "ARCH="u8, out var ia, out _) ? Encoding.UTF8.GetString(ia) : ArchName(archRaw);
            }

            if (AuditFields.TryFind(body, "syscall="u8, out var sc, out _))
            {
                syscall = AuditFields.TryFind(interp, "SYSCALL="u8, out var isc, out _) ? Encoding.UTF8.GetString(isc) : SyscallName(archRaw ?? "c000003e", Encoding.ASCII.GetString(sc));
            }

            if (AuditFields.TryFind(body, "success="u8, out var su, out _))
            {
                success = su.SequenceEqual("yes"u8);
            }

            if (AuditFields.FindLong(body, "exit="u8) is long x)
            {
                exit = x;
                exitName = x < 0 ? ErrnoNames.Name(-x) : null;
            }
        }

        int? pid = null;
        int? ppid = null;
        long? uid = null;
        string? userName = null;
        long? auid = null;
        string? loginName = null;
        long? ses = null;
        string? exe = null;
        string? comm = null;
        string? title = null;
        string? cwd = null;
        var files = new List<string>();
        var args = new List<string>();
        var keys = new List<string>();
        foreach (var line in sys is null ? ev.Records : Prepend(sys, ev.Records))
        {
            var body = line.Body;
            switch (line.TypeNumber)
            {
                case 1327:
                    if (title is null && AuditFields.TryFind(body, "proctitle="u8, out var pt, out var q))
                    {
                        title = AuditFields.Decode(pt, q, nulAsSpace: true);
                    }

                    continue;
                case 1307:
                    cwd ??= AuditFields.FindString(body, "cwd="u8);
                    continue;
                case 1302:
                    if (AuditFields.TryFind(body, "name="u8, out var nm, out var nq) && !(!nq && nm.SequenceEqual("(null)"u8)))
                    {
                        files.Add(AuditFields.Decode(nm, nq, nulAsSpace: false));
                    }

                    continue;
                case 1309:
                    foreach (var f in AuditFields.Split(body))
                    {
                        if (f.Name.Length > 1 && f.Name[0] == 'a' && char.IsAsciiDigit(f.Name[1]) && !f.Name.EndsWith("_len", StringComparison.Ordinal))
                        {
                            args.Add(AuditFields.Decode(f.Value, f.Quoted, nulAsSpace: false));
                        }
                    }

                    continue;
                case 1320:
                    continue;
            }

            if (pid is null && AuditFields.FindLong(body, "pid="u8) is long p)
            {
                pid = (int)p;
            }

            if (ppid is null && AuditFields.FindLong(body, "ppid="u8) is long pp)
            {
                ppid = (int)pp;
            }

            if (uid is null && AuditFields.TryFind(body, "uid="u8, out var u, out _))
            {
                var text = Encoding.ASCII.GetString(u);
                uid = TryId(text, out var id) ? id : null;
                userName = AuditFields.TryFind(line.Interp, "UID="u8, out var iu, out _) ? Encoding.UTF8.GetString(iu) : UserName(text);
            }

            if (auid is null && (AuditFields.TryFind(body, "auid="u8, out var au, out _) || AuditFields.TryFind(body, "loginuid="u8, out au, out _)))
            {
                var text = Encoding.ASCII.GetString(au);
                auid = TryId(text, out var id) ? id : null;
                loginName = AuditFields.TryFind(line.Interp, "AUID="u8, out var iau, out _) ? Encoding.UTF8.GetString(iau) : UserName(text);
            }

            if (ses is null && AuditFields.FindLong(body, "ses="u8) is long se)
            {
                ses = se == -1 ? Unset : se;
            }

            exe ??= AuditFields.FindString(body, "exe="u8);
            comm ??= AuditFields.FindString(body, "comm="u8);
            if (success is null && AuditFields.TryFind(body, "res="u8, out var res, out _))
            {
                success = res.StartsWith("success"u8) || res.SequenceEqual("yes"u8) || res.SequenceEqual("1"u8);
            }

            if (AuditFields.TryFind(body, "key="u8, out var k, out var kq) && !(!kq && k.SequenceEqual("(null)"u8)))
            {
                foreach (var part in AuditFields.Decode(k, kq, nulAsSpace: false).Split('\u0001'))
                {
                    if (part.Length > 0 && !keys.Contains(part))
                    {
                        keys.Add(part);
                    }
                }
            }
        }

        var mainType = sys is not null ? "SYSCALL" : ev.Records[0].Type;
        var records = ev.Records;
        return new GoBaseline.AuditEvent(ev.Time, ev.Node, ev.Serial, keys, mainType, arch, syscall, success, exit, exitName, pid, ppid, uid, userName, auid, loginName, ses, exe, comm, title, cwd, files, args, () => BuildRecords(records, archRaw), ev.Records[0].File);
    }

    private static IEnumerable<AuditLine> Prepend(AuditLine first, List<AuditLine> all)
    {
        yield return first;
        foreach (var l in all)
        {
            if (!ReferenceEquals(l, first))
            {
                yield return l;
            }
        }
    }

    private List<GoBaseline.AuditRecord> BuildRecords(List<AuditLine> lines, string? archRaw)
    {
        var records = new List<GoBaseline.AuditRecord>(lines.Count);
        foreach (var line in lines)
        {
            var raw = AuditFields.Split(line.Body);
            var interp = line.InterpStart >= 0 ? AuditFields.SplitInterp(line.Interp) : null;
            string? recordArch = null;
            foreach (var f in raw)
            {
                if (f.Name == "arch")
                {
                    recordArch = f.Value;
                }
            }

            var fields = new List<GoBaseline.AuditField>(raw.Count);
            foreach (var f in raw)
            {
                fields.Add(new GoBaseline.AuditField(f.Name, f.Value, Interpret(line.Type, f, archRaw, interp, recordArch)));
            }

            records.Add(new GoBaseline.AuditRecord(line.Type, line.Time, line.Serial, line.Node, fields, line.Text, line.File, line.LineNumber));
        }

        return records;
    }

    private static bool TryId(string v, out long id)
    {
        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out id))
        {
            if (id == -1)
            {
                id = Unset;
            }

            return true;
        }

        return false;
    }

    /// <summary>Interprets one field.</summary>
    internal string Interpret(string recordType, RawField f, string? archRaw, Dictionary<string, string>? enriched, string? recordArch = null)
    {
        var name = f.Name;
        if (name.Length == 0)
        {
            return f.Value;
        }

        recordArch ??= archRaw;

        if (enriched is not null && enriched.TryGetValue(name.ToUpperInvariant(), out var e))
        {
            return e;
        }

        if (UidFields.Contains(name))
        {
            return UserName(f.Value);
        }

        if (GidFields.Contains(name))
        {
            return GroupName(f.Value);
        }

        switch (name)
        {
            case "arch":
                return ArchName(f.Value);
            case "syscall":
                return SyscallName(recordArch ?? "c000003e", f.Value);
            case "key" when f.Value != "(null)":
                return AuditFields.Decode(f.Value, f.Quoted, nulAsSpace: false).Replace("\u0001", " key=", StringComparison.Ordinal);
            case "exit" when recordType == "SYSCALL":
                return ExitText(f.Value);
            case "ses" or "old-ses":
                return f.Value is "4294967295" or "-1" ? "unset" : f.Value;
            case "saddr":
                return SockAddr(f.Value);
            case "proctitle":
                return AuditFields.Decode(f.Value, f.Quoted, nulAsSpace: true);
        }

        if (EncodedFields.Contains(name) || (recordType == "EXECVE" && name.Length > 1 && name[0] == 'a' && char.IsAsciiDigit(name[1]) && !name.EndsWith("_len", StringComparison.Ordinal)))
        {
            var decoded = AuditFields.Decode(f.Value, f.Quoted, nulAsSpace: false);
            return f.Quoted ? decoded : EscapeControl(decoded);
        }

        // Fields without an interpretation print as written, quotes included.
        return f.Quoted && !f.Value.StartsWith('{') ? "\"" + f.Value + "\"" : f.Value;
    }

    // ausearch -i prints control characters of decoded strings as octal escapes (\012 for a line feed).
    private static string EscapeControl(string s)
    {
        var needs = false;
        foreach (var c in s)
        {
            if (c < ' ' || c == (char)127)
            {
                needs = true;
                break;
            }
        }

        if (!needs)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length + 16);
        foreach (var c in s)
        {
            if (c < ' ' || c == (char)127)
            {
                sb.Append('\\').Append(Convert.ToString(c, 8).PadLeft(3, '0'));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>uid → name; 4294967295/-1 → unset; unknown → unknown(N).</summary>
    public string UserName(string value)
    {
        var id = StrToUl(value);

        if (id == Unset || id == -1)
        {
            return "unset";
        }

        _users ??= LoadUsers();
        return _users.TryGetValue(id, out var n) ? n : "unknown(" + ((int)id).ToString(CultureInfo.InvariantCulture) + ")";
    }

    /// <summary>gid → group name; unknown → unknown(N).</summary>
    public string GroupName(string value)
    {
        var id = StrToUl(value);

        if (id == Unset || id == -1)
        {
            return "unset";
        }

        _groups ??= LoadGroups();
        return _groups.TryGetValue(id, out var n) ? n : "unknown(" + ((int)id).ToString(CultureInfo.InvariantCulture) + ")";
    }

    // Like strtoul as ausearch uses it: an optional sign and the leading digits; no digits is 0.
    private static long StrToUl(string value)
    {
        var i = 0;
        var neg = false;
        if (i < value.Length && (value[i] == '-' || value[i] == '+'))
        {
            neg = value[i] == '-';
            i++;
        }

        long n = 0;
        for (; i < value.Length && char.IsAsciiDigit(value[i]); i++)
        {
            n = unchecked((n * 10) + (value[i] - '0'));
        }

        return neg ? (n == 1 ? -1 : unchecked((uint)(-n))) : n;
    }

    private Dictionary<long, string> LoadUsers()
    {
        var d = new Dictionary<long, string>();
        try
        {
            foreach (var u in Passwd.ReadUsers(_host))
            {
                d.TryAdd(u.Uid, u.Name);
            }
        }
        catch (GoBaselineException)
        {
            // No passwd under the root: ids stay numeric, as ausearch prints unknown(N).
        }

        return d;
    }

    private Dictionary<long, string> LoadGroups()
    {
        var d = new Dictionary<long, string>();
        try
        {
            foreach (var g in Passwd.ReadGroups(_host))
            {
                d.TryAdd(g.Gid, g.Name);
            }
        }
        catch (GoBaselineException)
        {
            // As above.
        }

        return d;
    }

    /// <summary>The AUDIT_ARCH_* value (hex) to its name.</summary>
    public static string ArchName(string hex) => hex.ToLowerInvariant() switch
    {
        "c000003e" => "x86_64",
        "40000003" => "i386",
        "c00000b7" => "aarch64",
        "40000028" => "armeb",
        "c0000028" => "arm",
        "14" => "ppc",
        "80000015" => "ppc64",
        "c0000015" => "ppc64le",
        "16" => "s390",
        "80000016" => "s390x",
        "c00000f3" => "riscv64",
        "40000001" => "i386",
        _ => "unknown-elf-type(" + hex + ")",
    };

    /// <summary>A syscall number to its name in the architecture's table; the number when unknown.</summary>
    public static string SyscallName(string archHex, string number)
    {
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            // ausearch reads the number with strtoul: text that is not a number is syscall 0.
            n = 0;
            number = "0";
        }

        var table = SyscallTables.For(ArchName(archHex)) ?? SyscallTables.For("x86_64");
        return table is not null && table.TryGetValue(n, out var name) ? name : number;
    }

    /// <summary>exit= as ausearch -i prints it: negative errno as NAME(text), else the number.</summary>
    public static string ExitText(string value)
    {
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var x) && x < 0 && ErrnoNames.Name(-x) is { } name)
        {
            return name + "(" + ErrnoNames.Text(-x) + ")";
        }

        return value;
    }

    /// <summary>A hex sockaddr decoded to ausearch -i's form: { saddr_fam=inet laddr=127.0.0.1 lport=9 }.</summary>
    public static string SockAddr(string hex)
    {
        var b = Encoding.ASCII.GetBytes(hex);
        if (!AuditFields.IsHex(b) || b.Length < 4)
        {
            return hex;
        }

        var bytes = Convert.FromHexString(hex);
        var fam = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        switch (fam)
        {
            case 1:
                {
                    if (bytes.Length <= 2)
                    {
                        return "{ saddr_fam=local path= }";
                    }

                    var p = bytes.AsSpan(2);
                    if (p[0] == 0)
                    {
                        var rest = p.Slice(1);
                        var z = rest.IndexOf((byte)0);
                        return "{ saddr_fam=local path=@" + Encoding.UTF8.GetString(z < 0 ? rest : rest.Slice(0, z)) + " }";
                    }

                    var nul = p.IndexOf((byte)0);
                    return "{ saddr_fam=local path=" + Encoding.UTF8.GetString(nul < 0 ? p : p.Slice(0, nul)) + " }";
                }

            case 2 when bytes.Length >= 8:
                {
                    var port = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(2));
                    var ip = new IPAddress(bytes.AsSpan(4, 4));
                    return "{ saddr_fam=inet laddr=" + ip + " lport=" + port.ToString(CultureInfo.InvariantCulture) + " }";
                }

            case 10 when bytes.Length >= 24:
                {
                    var port = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(2));
                    var ip = new IPAddress(bytes.AsSpan(8, 16));
                    return "{ saddr_fam=inet6 laddr=" + ip + " lport=" + port.ToString(CultureInfo.InvariantCulture) + " }";
                }

            case 16 when bytes.Length >= 12:
                {
                    var pid = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
                    return "{ saddr_fam=netlink nlnk-fam=16 nlnk-pid=" + pid.ToString(CultureInfo.InvariantCulture) + " }";
                }

            default:
                var fname = FamilyName(fam);
                return fname.StartsWith("unknown", StringComparison.Ordinal) ? fname : "{ saddr_fam=" + fname + " }";
        }
    }

    private static string FamilyName(int fam) => fam switch
    {
        1 => "local",
        2 => "inet",
        4 => "ipx",
        10 => "inet6",
        16 => "netlink",
        17 => "packet",
        _ => "unknown-family(" + fam.ToString(CultureInfo.InvariantCulture) + ")",
    };
}

/// <summary>Parses the static syscall dumps once per architecture.</summary>
internal static partial class SyscallTables
{
    private static readonly Dictionary<string, Dictionary<int, string>> Cache = new(StringComparer.Ordinal);

    /// <summary>The table of an architecture name (x86_64, i386, aarch64, arm, ppc, s390x), or null.</summary>
    public static Dictionary<int, string>? For(string arch)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(arch, out var t))
            {
                return t;
            }

            var dump = arch switch
            {
                "x86_64" => X86_64Dump,
                "i386" => I386Dump,
                "aarch64" => Aarch64Dump,
                "arm" or "armeb" => ArmDump,
                "ppc" or "ppc64" or "ppc64le" => PpcDump,
                "s390x" or "s390" => S390xDump,
                _ => null,
            };
            if (dump is null)
            {
                return null;
            }

            t = Parse(dump);
            Cache[arch] = t;
            return t;
        }
    }

    /// <summary>Parses "number TAB name" lines.</summary>
    public static Dictionary<int, string> Parse(string dump)
    {
        var t = new Dictionary<int, string>();
        foreach (var line in dump.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.IndexOf('\t');
            if (tab > 0 && int.TryParse(line.AsSpan(0, tab), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                t[n] = line.Substring(tab + 1).Trim();
            }
        }

        return t;
    }
}
