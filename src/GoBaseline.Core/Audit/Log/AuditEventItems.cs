using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Net;
using System.Text;

namespace GoBaseline.Core.Audit.Log;

/// <summary>Whether an event succeeded, failed, or says nothing about it.</summary>
internal enum EventOutcome
{
    Unset,
    Success,
    Failed,
}

/// <summary>
/// The searchable items of one event, taken from its records in order by byte scanning (later records refine
/// earlier ones), the way ausearch and aureport see an event: pid, ppid, uid, login uid, session, syscall, exit,
/// success, exe, comm, terminal, host name, files, keys.
/// </summary>
internal sealed class AuditEventItems
{
    public long? Arch { get; private set; }

    public int? Syscall { get; private set; }

    public long? Exit { get; private set; }

    public EventOutcome Outcome { get; private set; }

    public long? Pid { get; private set; }

    public long? Ppid { get; private set; }

    public long? Uid { get; private set; }

    public long? Euid { get; private set; }

    public long? Gid { get; private set; }

    /// <summary>auid/loginuid as a signed 32-bit value (unset is -1), as aureport prints it.</summary>
    public long? LoginUid { get; private set; }

    public long? Session { get; private set; }

    public string? Exe { get; private set; }

    public string? Comm { get; private set; }

    public string? Terminal { get; private set; }

    public string? HostName { get; private set; }

    public string? Cwd { get; private set; }

    public string? Acct { get; private set; }

    public List<string> Files { get; } = new();

    public List<string> Keys { get; } = new();

    /// <summary>
    /// True when ausearch and aureport cannot parse the event and leave it out of every search and report: an AVC
    /// record that is not in the SELinux "avc:" form (AppArmor writes its own).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static bool IsUnparseable(RawEvent ev)
    {
        foreach (var r in ev.Records)
        {
            if (r.TypeNumber == 1400 && r.Body.IndexOf("avc:"u8) < 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Only the keys of an event (SYSCALL and CONFIG_CHANGE key= fields), as <see cref="Keys"/> would hold them.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static List<string> KeysOf(RawEvent ev)
    {
        var s = new AuditEventItems();
        foreach (var line in ev.Records)
        {
            if (line.TypeNumber is 1300 or 1305)
            {
                s.AddKeys(line.Body);
            }
        }

        return s.Keys;
    }

    /// <summary>Extracts the items of an event.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static AuditEventItems From(RawEvent ev)
    {
        var s = new AuditEventItems();
        foreach (var line in ev.Records)
        {
            s.Add(line);
        }

        return s;
    }

    private void Add(AuditLine line)
    {
        var body = line.Body;
        var t = line.TypeNumber;
        switch (t)
        {
            case 1300:
                if (AuditFields.TryFind(body, "arch="u8, out var a, out _) && AuditFields.IsHex(a))
                {
                    Arch = Convert.ToInt64(Encoding.ASCII.GetString(a), 16);
                }

                if (Num(body, "syscall="u8) is long sc)
                {
                    Syscall = (int)sc;
                }

                if (AuditFields.TryFind(body, "success="u8, out var suc, out var sq))
                {
                    // ausearch compares the raw token: success="yes" (quoted) is not "yes".
                    Outcome = !sq && suc.SequenceEqual("yes"u8) ? EventOutcome.Success : EventOutcome.Failed;
                }

                Exit = Num(body, "exit="u8) ?? Exit;
                TaskInfo(body);
                AddKeys(body);
                break;
            case 1307:
                Cwd = Str(body, "cwd="u8) ?? Cwd;
                break;
            case 1302:
                if (AuditFields.TryFind(body, "name="u8, out var nm, out var q) && !nm.SequenceEqual("(null)"u8))
                {
                    var name = AuditFields.Decode(nm, q, nulAsSpace: false);
                    if (name.StartsWith("./", StringComparison.Ordinal) || name.StartsWith("../", StringComparison.Ordinal))
                    {
                        if (Cwd is not null)
                        {
                            name = Cwd.TrimEnd('/') + "/" + name;
                        }
                    }

                    Files.Add(name);
                }

                break;
            case 1402:
                if (Str(body, "path="u8) is { } ap)
                {
                    Files.Add(ap);
                }

                break;
            case 1306:
                SockAddr(body);
                break;
            case 1305:
                LoginUid = Signed(Num(body, "auid="u8)) ?? LoginUid;
                Session = Num(body, "ses="u8) ?? Session;
                KernelResult(body, EventOutcome.Unset);
                AddKeys(body);
                if (Str(body, "path="u8) is { } cp)
                {
                    Files.Add(cp);
                }

                break;
            case 1006:
                Pid = Num(body, "pid="u8) ?? Pid;
                Uid = Num(body, "uid="u8) ?? Uid;
                LoginUid = Signed(Num(body, "auid="u8)) ?? LoginUid;
                Session = Num(body, "ses="u8) ?? Session;
                KernelResult(body, EventOutcome.Success);
                break;
            case >= 1200 and <= 1299:
                LoginUid = Signed(Num(body, "auid="u8)) ?? LoginUid;
                Pid = Num(body, "pid="u8) ?? Pid;
                Uid = Num(body, "uid="u8) ?? Uid;
                Session = Num(body, "ses="u8) ?? Session;
                Result(body);
                break;
            case 1005 or (>= 1100 and <= 1199) or (>= 2100 and <= 2999):
                User(body);
                break;
            case 1400 or 1107:
                TaskInfo(body);
                break;
            case 1319:
                Pid = Num(body, "pid="u8) ?? Pid;
                Uid = Num(body, "uid="u8) ?? Uid;
                LoginUid = Signed(Num(body, "auid="u8)) ?? LoginUid;
                Session = Num(body, "ses="u8) ?? Session;
                Comm = Str(body, "comm="u8) ?? Comm;
                break;
            case 1326 or 1700 or 1701 or 1328 or 1702:
                TaskInfo(body);
                KernelResult(body, EventOutcome.Unset);
                break;
        }
    }

    // A number as ausearch reads it (strtoul): the leading digits, 0 when there are none; null when the field is absent.
    private static long? Num(ReadOnlySpan<byte> body, ReadOnlySpan<byte> nameEq)
    {
        if (!AuditFields.TryFind(body, nameEq, out var v, out _))
        {
            return null;
        }

        var neg = v.Length > 0 && v[0] == (byte)'-';
        long n = 0;
        for (var i = neg ? 1 : 0; i < v.Length && v[i] >= (byte)'0' && v[i] <= (byte)'9'; i++)
        {
            n = (n * 10) + (v[i] - '0');
        }

        return neg ? -n : n;
    }

    // A string as ausearch reads it: quoted text as is; otherwise hex decoded (au_unescape), and nothing when the
    // value does not start with hex digits.
    private static string? Str(ReadOnlySpan<byte> body, ReadOnlySpan<byte> nameEq)
    {
        if (!AuditFields.TryFind(body, nameEq, out var v, out var quoted))
        {
            return null;
        }

        if (quoted)
        {
            return Encoding.UTF8.GetString(v);
        }

        if (v.Length > 0 && v[0] == (byte)'(')
        {
            return Encoding.UTF8.GetString(v);
        }

        var run = 0;
        while (run < v.Length && AuditFields.HexVal(v[run]) >= 0)
        {
            run++;
        }

        return run < 2 ? null : AuditFields.Decode(v, false, nulAsSpace: false);
    }

    private static long? Signed(long? v) => v is long x ? (x == AuditInterpreter.Unset ? -1 : x) : null;

    private void TaskInfo(ReadOnlySpan<byte> body)
    {
        Ppid = Num(body, "ppid="u8) ?? Ppid;
        Pid = Num(body, "pid="u8) ?? Pid;
        var au = Num(body, "auid="u8) ?? Num(body, "loginuid="u8);
        LoginUid = Signed(au) ?? LoginUid;
        Uid = Num(body, "uid="u8) ?? Uid;
        Gid = Num(body, "gid="u8) ?? Gid;
        Euid = Num(body, "euid="u8) ?? Euid;
        if (AuditFields.TryFind(body, "tty="u8, out var tty, out _))
        {
            Terminal = Encoding.UTF8.GetString(tty);
        }

        Session = Num(body, "ses="u8) ?? Session;
        Comm = Str(body, "comm="u8) ?? Comm;
        Exe = Str(body, "exe="u8) ?? Exe;
    }

    private void User(ReadOnlySpan<byte> body)
    {
        Pid = Num(body, "pid="u8) ?? Pid;
        Uid = Num(body, "uid="u8) ?? Uid;
        var au = Num(body, "auid="u8) ?? Num(body, "loginuid="u8);
        LoginUid = Signed(au) ?? LoginUid;
        Session = Num(body, "ses="u8) ?? Session;
        Comm = Str(body, "comm="u8) ?? Comm;
        Acct = Str(body, "acct="u8) ?? Acct;
        if (AuditFields.TryFind(body, "hostname="u8, out var h, out var hq))
        {
            var host = AuditFields.Decode(h, hq, nulAsSpace: false);
            if (host == "?" && AuditFields.TryFind(body, "addr="u8, out var ad, out var aq))
            {
                host = AuditFields.Decode(ad, aq, nulAsSpace: false);
            }

            HostName = host;
        }

        if (AuditFields.TryFind(body, "terminal="u8, out var term, out var tq))
        {
            Terminal = AuditFields.Decode(term, tq, nulAsSpace: false);
        }

        Exe = Str(body, "exe="u8) ?? Exe;
        Result(body);
    }

    // User-space and daemon records: res= starting with "failed" is a failure, anything else a success; the
    // legacy result= form is a success only when it says success.
    private void Result(ReadOnlySpan<byte> body)
    {
        if (AuditFields.TryFind(body, "res="u8, out var r, out _))
        {
            Outcome = r.StartsWith("failed"u8) ? EventOutcome.Failed : EventOutcome.Success;
        }
        else if (AuditFields.TryFind(body, "result="u8, out r, out _))
        {
            var close = r.IndexOf((byte)')');
            var v = close < 0 ? r : r.Slice(0, close);
            Outcome = Encoding.ASCII.GetString(v).Equals("success", StringComparison.OrdinalIgnoreCase) ? EventOutcome.Success : EventOutcome.Failed;
        }
    }

    // Kernel records: res= is a number (1 success, 0 failure); text that is not a number counts as 0.
    private void KernelResult(ReadOnlySpan<byte> body, EventOutcome missing)
    {
        if (AuditFields.TryFind(body, "res="u8, out var r, out _))
        {
            long n = 0;
            foreach (var b in r)
            {
                if (b < (byte)'0' || b > (byte)'9')
                {
                    break;
                }

                n = (n * 10) + (b - '0');
            }

            Outcome = n == 1 ? EventOutcome.Success : n == 0 ? EventOutcome.Failed : (EventOutcome)(-1);
        }
        else if (missing != EventOutcome.Unset)
        {
            Outcome = missing;
        }
    }

    private void AddKeys(ReadOnlySpan<byte> body)
    {
        if (!AuditFields.TryFind(body, "key="u8, out var k, out var q))
        {
            return;
        }

        if (!q && k.SequenceEqual("(null)"u8))
        {
            return;
        }

        var text = AuditFields.Decode(k, q, nulAsSpace: false);
        foreach (var part in text.Split('\u0001'))
        {
            if (part.Length > 0)
            {
                Keys.Add(part);
            }
        }
    }

    private void SockAddr(ReadOnlySpan<byte> body)
    {
        if (!AuditFields.TryFind(body, "saddr="u8, out var v, out _))
        {
            return;
        }

        var hexLen = 0;
        while (hexLen < v.Length && AuditFields.HexVal(v[hexLen]) >= 0)
        {
            hexLen++;
        }

        hexLen &= ~1;
        if (hexLen < 4)
        {
            return;
        }

        var bytes = Convert.FromHexString(Encoding.ASCII.GetString(v.Slice(0, hexLen)));
        var fam = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        switch (fam)
        {
            case 2 when bytes.Length >= 16:
                HostName = new IPAddress(bytes.AsSpan(4, 4)).ToString();
                break;
            case 10 when bytes.Length >= 28:
                HostName = new IPAddress(bytes.AsSpan(8, 16)).ToString();
                break;
            case 1 when bytes.Length > 2:
                var p = bytes.AsSpan(2);
                if (p[0] == 0)
                {
                    p = p.Slice(1);
                }

                var nul = p.IndexOf((byte)0);
                var path = Encoding.UTF8.GetString(nul < 0 ? p : p.Slice(0, nul));
                if (path.Length > 0)
                {
                    Files.Add(path);
                }

                break;
        }
    }
}
