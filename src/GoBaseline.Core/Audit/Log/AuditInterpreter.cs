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

    /// <summary>Builds the typed event from its records.</summary>
    public GoBaseline.AuditEvent ToEvent(RawEvent ev)
    {
        var records = new List<GoBaseline.AuditRecord>(ev.Records.Count);
        string? arch = null;
        string? syscall = null;
        bool? success = null;
        long? exit = null;
        string? exitName = null;
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
        string? mainType = null;

        // The syscall record gives the architecture every other record of the event is interpreted with.
        string? archRaw = null;
        foreach (var line in ev.Records)
        {
            if (line.TypeNumber == 1300 && AuditFields.TryFind(line.Body, "arch="u8, out var a, out _))
            {
                archRaw = Encoding.ASCII.GetString(a);
            }
        }

        foreach (var line in ev.Records)
        {
            var raw = AuditFields.Split(line.Body);
            var interp = line.InterpStart >= 0 ? AuditFields.SplitInterp(line.Interp) : null;
            var fields = new List<GoBaseline.AuditField>(raw.Count);
            string? recordArch = null;
            foreach (var f in raw)
            {
                if (f.Name == "arch")
                {
                    recordArch = f.Value;
                }
            }

            foreach (var f in raw)
            {
                fields.Add(new GoBaseline.AuditField(f.Name, f.Value, Interpret(line.Type, f, archRaw, interp, recordArch)));
            }

            records.Add(new GoBaseline.AuditRecord(line.Type, line.Time, line.Serial, line.Node, fields, line.Text, line.File, line.LineNumber));
            switch (line.Type)
            {
                case "SYSCALL":
                    mainType = "SYSCALL";
                    foreach (var f in fields)
                    {
                        switch (f.Name)
                        {
                            case "arch": arch = f.Interpreted; break;
                            case "syscall": syscall = f.Interpreted; break;
                            case "success": success = f.Value == "yes"; break;
                            case "exit":
                                if (long.TryParse(f.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var x))
                                {
                                    exit = x;
                                    exitName = x < 0 ? ErrnoNames.Name(-x) : null;
                                }

                                break;
                        }
                    }

                    break;
                case "PROCTITLE":
                    title ??= FieldOf(fields, "proctitle");
                    break;
                case "CWD":
                    cwd ??= FieldOf(fields, "cwd");
                    break;
                case "PATH":
                    if (FieldOf(fields, "name") is { } n && n != "(null)")
                    {
                        files.Add(n);
                    }

                    break;
                case "EXECVE":
                    foreach (var f in fields)
                    {
                        if (f.Name.Length > 1 && f.Name[0] == 'a' && char.IsAsciiDigit(f.Name[1]) && !f.Name.Contains("_len", StringComparison.Ordinal))
                        {
                            args.Add(f.Interpreted);
                        }
                    }

                    break;
            }

            foreach (var f in fields)
            {
                switch (f.Name)
                {
                    case "pid" when pid is null && int.TryParse(f.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var p): pid = p; break;
                    case "ppid" when ppid is null && int.TryParse(f.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var pp): ppid = pp; break;
                    case "uid" when uid is null && TryId(f.Value, out var u): uid = u; userName = f.Interpreted; break;
                    case "auid" or "loginuid" when auid is null && TryId(f.Value, out var au): auid = au; loginName = f.Interpreted; break;
                    case "ses" when ses is null && TryId(f.Value, out var s): ses = s; break;
                    case "exe" when exe is null: exe = f.Interpreted; break;
                    case "comm" when comm is null: comm = f.Interpreted; break;
                    case "res" when success is null: success = f.Value is "success" or "yes" or "1"; break;
                    case "key" when f.Value != "(null)":
                        foreach (var k in f.Interpreted.Split('\u0001'))
                        {
                            if (k.Length > 0 && !keys.Contains(k))
                            {
                                keys.Add(k);
                            }
                        }

                        break;
                }
            }
        }

        mainType ??= ev.Records[0].Type;
        return new GoBaseline.AuditEvent(ev.Time, ev.Node, ev.Serial, keys, mainType, arch, syscall, success, exit, exitName, pid, ppid, uid, userName, auid, loginName, ses, exe, comm, title, cwd, files, args, records);
    }

    private static string? FieldOf(List<GoBaseline.AuditField> fields, string name)
    {
        foreach (var f in fields)
        {
            if (f.Name == name)
            {
                return f.Interpreted;
            }
        }

        return null;
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
            return AuditFields.Decode(f.Value, f.Quoted, nulAsSpace: false);
        }

        return f.Value;
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
