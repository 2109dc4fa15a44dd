using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using GoBaseline.Core.Host;

namespace GoBaseline.Core.Audit.Log;

/// <summary>
/// The filters of ausearch, ANDed; values within one filter are ORed (like -m). Key, executable, comm and file
/// match as substrings, as ausearch does without --exact-match; the others match exactly.
/// </summary>
public sealed class AuditQuery
{
    /// <summary>Rule keys; an event matches when one of its keys contains one of them (ausearch -k).</summary>
    public IReadOnlyList<string>? Keys { get; init; }

    /// <summary>Record types; an event matches when one of its records has one (ausearch -m).</summary>
    public IReadOnlySet<string>? MessageTypes { get; init; }

    /// <summary>Events at or after this time (ausearch -ts).</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>Events at or before this time (ausearch -te).</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>Event serial numbers (ausearch -a).</summary>
    public IReadOnlySet<long>? EventIds { get; init; }

    /// <summary>pid= values (ausearch -p).</summary>
    public IReadOnlySet<long>? ProcessIds { get; init; }

    /// <summary>ppid= values (ausearch -pp).</summary>
    public IReadOnlySet<long>? ParentProcessIds { get; init; }

    /// <summary>exe= substrings (ausearch -x).</summary>
    public IReadOnlyList<string>? Executables { get; init; }

    /// <summary>comm= substrings (ausearch -c).</summary>
    public IReadOnlyList<string>? Comms { get; init; }

    /// <summary>Syscall names or numbers.</summary>
    public IReadOnlyList<string>? Syscalls { get; init; }

    /// <summary>True for successful, false for failed events (ausearch -sv).</summary>
    public bool? Success { get; init; }

    /// <summary>exit= values (ausearch -e).</summary>
    public IReadOnlySet<long>? ExitCodes { get; init; }

    /// <summary>uid= values (ausearch -ui).</summary>
    public IReadOnlySet<long>? Uids { get; init; }

    /// <summary>auid= values (ausearch -ul).</summary>
    public IReadOnlySet<long>? LoginUids { get; init; }

    /// <summary>ses= values (ausearch --session).</summary>
    public IReadOnlySet<long>? Sessions { get; init; }

    /// <summary>File name substrings (ausearch -f).</summary>
    public IReadOnlyList<string>? Files { get; init; }

    /// <summary>node= names (ausearch -n).</summary>
    public IReadOnlyList<string>? Nodes { get; init; }

    private byte[][]? _keyBytes;

    /// <summary>The byte range the reader may restrict itself to.</summary>
    public AuditReadRange? Range => Start is null && End is null ? null : new AuditReadRange(Start?.ToUnixTimeSeconds(), End?.ToUnixTimeSeconds());

    /// <summary>True when only the header is needed to decide.</summary>
    private bool NeedsItems => ProcessIds is not null || ParentProcessIds is not null || Executables is not null || Comms is not null || Syscalls is not null
        || Success is not null || ExitCodes is not null || Uids is not null || LoginUids is not null || Sessions is not null || Files is not null;

    /// <summary>Decides whether an event matches.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public bool Matches(RawEvent ev)
    {
        if (Start is { } s && ev.Seconds < s.ToUnixTimeSeconds())
        {
            return false;
        }

        if (End is { } e && ev.Seconds > e.ToUnixTimeSeconds())
        {
            return false;
        }

        if (EventIds is not null && !EventIds.Contains(ev.Serial))
        {
            return false;
        }

        if (Nodes is not null && (ev.Node is null || !Contains(Nodes, ev.Node, exact: true)))
        {
            return false;
        }

        if (MessageTypes is not null)
        {
            var found = false;
            foreach (var r in ev.Records)
            {
                if (MessageTypes.Contains(r.Type))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        if (Keys is not null && !KeyBytesPresent(ev))
        {
            return false;
        }

        if (AuditEventItems.IsUnparseable(ev))
        {
            return false;
        }

        if (!NeedsItems)
        {
            // Only keys (or nothing) asked: read the key= fields, not every item of the event.
            return Keys is null || KeysMatch(AuditEventItems.KeysOf(ev));
        }

        var it = AuditEventItems.From(ev);
        if (ProcessIds is not null && (it.Pid is not long pid || !ProcessIds.Contains(pid)))
        {
            return false;
        }

        if (ParentProcessIds is not null && (it.Ppid is not long ppid || !ParentProcessIds.Contains(ppid)))
        {
            return false;
        }

        if (Uids is not null && (it.Uid is not long uid || !Uids.Contains(uid)))
        {
            return false;
        }

        if (LoginUids is not null && (it.LoginUid is not long au || !(LoginUids.Contains(au) || (au == -1 && LoginUids.Contains(AuditInterpreter.Unset)))))
        {
            return false;
        }

        if (Sessions is not null && (it.Session is not long ses || !Sessions.Contains(ses)))
        {
            return false;
        }

        if (Syscalls is not null && (it.Syscall is not int sc || !SyscallMatches(sc, it.Arch)))
        {
            return false;
        }

        if (Success is bool want && it.Outcome != (want ? EventOutcome.Success : EventOutcome.Failed))
        {
            return false;
        }

        if (ExitCodes is not null && (it.Exit is not long x || !ExitCodes.Contains(x)))
        {
            return false;
        }

        if (Files is not null && !FileMatches(it))
        {
            return false;
        }

        if (Executables is not null && (it.Exe is null || !Contains(Executables, it.Exe, exact: false)))
        {
            return false;
        }

        if (Comms is not null && (it.Comm is null || !Contains(Comms, it.Comm, exact: false)))
        {
            return false;
        }

        return Keys is null || KeysMatch(it.Keys);
    }

    private bool KeysMatch(List<string> keys)
    {
        foreach (var k in keys)
        {
            if (Contains(Keys!, k, exact: false))
            {
                return true;
            }
        }

        return false;
    }

    private bool FileMatches(AuditEventItems it)
    {
        if (it.Files.Count == 0 && it.Cwd is null)
        {
            return false;
        }

        foreach (var f in it.Files)
        {
            if (Contains(Files!, f, exact: false))
            {
                return true;
            }
        }

        return it.Cwd is not null && Contains(Files!, it.Cwd, exact: false);
    }

    private bool SyscallMatches(int number, long? arch)
    {
        var archName = arch is long a ? AuditInterpreter.ArchName(a.ToString("x", CultureInfo.InvariantCulture)) : "x86_64";
        foreach (var s in Syscalls!)
        {
            if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                if (n == number)
                {
                    return true;
                }
            }
            else if (SyscallTables.For(archName) is { } t && t.TryGetValue(number, out var name) && name == s)
            {
                return true;
            }
        }

        return false;
    }

    // Cheap test before any field is split: a record must contain one of the keys' bytes, or a hex-encoded key.
    private bool KeyBytesPresent(RawEvent ev)
    {
        _keyBytes ??= BuildKeyBytes();
        foreach (var r in ev.Records)
        {
            var span = r.Body;
            foreach (var k in _keyBytes)
            {
                if (span.IndexOf(k) >= 0)
                {
                    return true;
                }
            }

            var at = span.IndexOf("key="u8);
            if (at >= 0 && at + 4 < span.Length && AuditFields.HexVal(span[at + 4]) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private byte[][] BuildKeyBytes()
    {
        var list = new List<byte[]>();
        foreach (var k in Keys!)
        {
            list.Add(Encoding.UTF8.GetBytes(k));
        }

        return list.ToArray();
    }

    private static bool Contains(IReadOnlyList<string> needles, string haystack, bool exact)
    {
        foreach (var n in needles)
        {
            if (exact ? haystack == n : haystack.Contains(n, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A user given by name or number, resolved against the root's passwd ("unset" is 4294967295).</summary>
    public static long ResolveUser(HostRoot host, string value)
    {
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return n == -1 ? AuditInterpreter.Unset : n;
        }

        if (value == "unset")
        {
            return AuditInterpreter.Unset;
        }

        return host.GetUser(value)?.Uid ?? throw new GoBaselineException(ErrorIds.UserNotFound, FailureKind.NotFound, $"No user '{value}' in {host.Root}/etc/passwd.", value);
    }

    /// <summary>An exit value given as a number, an errno name (EACCES) or a negated name (-EACCES).</summary>
    public static long ResolveExit(string value)
    {
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        var name = value.TrimStart('-');
        for (var i = 1; i < 200; i++)
        {
            if (ErrnoNames.Name(i) == name)
            {
                return -i;
            }
        }

        throw new GoBaselineException(ErrorIds.AuditQueryInvalid, FailureKind.InvalidArgument, $"'{value}' is neither a number nor an errno name.", value);
    }
}
