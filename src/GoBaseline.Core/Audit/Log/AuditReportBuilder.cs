using System;
using System.Collections.Generic;
using System.Globalization;

namespace GoBaseline.Core.Audit.Log;

/// <summary>
/// Counts events the way aureport does: the --summary numbers, and per-item summaries (key, executable, syscall,
/// user, file, comm, pid), optionally restricted to failed or successful events.
/// </summary>
public sealed class AuditReportBuilder
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _users = new(StringComparer.Ordinal);
    private readonly HashSet<string> _terms = new(StringComparer.Ordinal);
    private readonly HashSet<string> _hosts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _exes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _comms = new(StringComparer.Ordinal);
    private readonly HashSet<string> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly HashSet<long> _pids = new();
    private readonly Dictionary<string, long> _items = new(StringComparer.Ordinal);
    private readonly GoBaseline.AuditReportKind _kind;
    private readonly bool? _success;
    private readonly bool _interpret;
    private readonly AuditInterpreter? _interpreter;

    /// <summary>Creates the object.</summary>
    public AuditReportBuilder(GoBaseline.AuditReportKind kind, bool? success, bool interpret, AuditInterpreter? interpreter)
    {
        _kind = kind;
        _success = success;
        _interpret = interpret;
        _interpreter = interpreter;
        foreach (var n in new[] { "Changes", "AccountChanges", "Logins", "FailedLogins", "Authentications", "FailedAuthentications", "Avcs", "MacEvents", "FailedSyscalls", "Anomalies", "AnomalyResponses", "CryptoEvents", "IntegrityEvents", "VirtEvents", "Events" })
        {
            _counts[n] = 0;
        }
    }

    /// <summary>Time of the first event counted.</summary>
    public DateTimeOffset? First { get; private set; }

    /// <summary>Time of the last event counted.</summary>
    public DateTimeOffset? Last { get; private set; }

    /// <summary>Adds one event.</summary>
    public void Add(RawEvent ev)
    {
        var t = ev.Time;
        if (First is null || t < First)
        {
            First = t;
        }

        if (Last is null || t > Last)
        {
            Last = t;
        }

        if (AuditEventItems.IsUnparseable(ev))
        {
            return;
        }

        var it = AuditEventItems.From(ev);
        if (_success is bool want && it.Outcome != (want ? EventOutcome.Success : EventOutcome.Failed))
        {
            return;
        }

        if (_kind == GoBaseline.AuditReportKind.Summary)
        {
            Summary(ev, it);
        }
        else
        {
            Item(ev, it);
        }
    }

    private void Item(RawEvent ev, AuditEventItems it)
    {
        switch (_kind)
        {
            case GoBaseline.AuditReportKind.Key:
                foreach (var k in it.Keys)
                {
                    Hit(k);
                }

                break;
            case GoBaseline.AuditReportKind.Executable:
                if (it.Exe is not null)
                {
                    Hit(it.Exe);
                }

                break;
            case GoBaseline.AuditReportKind.Comm:
                if (it.Comm is not null)
                {
                    Hit(it.Comm);
                }

                break;
            case GoBaseline.AuditReportKind.Syscall:
                if (it.Syscall is int sc && sc > 0)
                {
                    var num = sc.ToString(CultureInfo.InvariantCulture);
                    var arch = it.Arch is long a ? a.ToString("x", CultureInfo.InvariantCulture) : "c000003e";
                    Hit(_interpret ? AuditInterpreter.SyscallName(arch, num) : num);
                }

                break;
            case GoBaseline.AuditReportKind.User:
                if (it.LoginUid is long au)
                {
                    Hit(_interpret && _interpreter is not null ? _interpreter.UserName(au.ToString(CultureInfo.InvariantCulture)) : au.ToString(CultureInfo.InvariantCulture));
                }

                break;
            case GoBaseline.AuditReportKind.File:
                foreach (var f in it.Files)
                {
                    Hit(f);
                }

                break;
            case GoBaseline.AuditReportKind.ProcessId:
                if (it.Pid is long pid)
                {
                    Hit(pid.ToString(CultureInfo.InvariantCulture));
                }

                break;
            case GoBaseline.AuditReportKind.Event:
                Hit(ev.Records[0].Type);
                break;
        }
    }

    private void Hit(string item) => _items[item] = _items.TryGetValue(item, out var n) ? n + 1 : 1;

    private static bool Has(RawEvent ev, int type)
    {
        foreach (var r in ev.Records)
        {
            if (r.TypeNumber == type)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasRange(RawEvent ev, int first, int last)
    {
        foreach (var r in ev.Records)
        {
            if (r.TypeNumber >= first && r.TypeNumber <= last)
            {
                return true;
            }
        }

        return false;
    }

    private void Inc(string name) => _counts[name]++;

    private void Summary(RawEvent ev, AuditEventItems it)
    {
        Inc("Events");

        // Configuration changes: CONFIG_CHANGE, DAEMON_CONFIG, USYS_CONFIG, FEATURE_CHANGE, (not NETFILTER_CFG in audit 3.0.9),
        // USER_MAC_CONFIG_CHANGE, and the MAC policy range, each counting once.
        foreach (var type in new[] { 1305, 1203, 1111, 1328, 2312 })
        {
            if (Has(ev, type))
            {
                Inc("Changes");
            }
        }

        if (HasRange(ev, 1403, 1417))
        {
            Inc("Changes");
        }

        // Account changes: USER_CHAUTHTOK, ADD_USER…DEL_GROUP, USER_MGMT, GRP_MGMT, ROLE_ASSIGN…ROLE_REMOVE.
        if (Has(ev, 1108))
        {
            Inc("AccountChanges");
        }

        if (HasRange(ev, 1114, 1117))
        {
            Inc("AccountChanges");
        }

        if (Has(ev, 1102))
        {
            Inc("AccountChanges");
        }

        if (Has(ev, 1132))
        {
            Inc("AccountChanges");
        }

        if (HasRange(ev, 2301, 2302))
        {
            Inc("AccountChanges");
        }

        if (HasRange(ev, 1600, 1699))
        {
            Inc("CryptoEvents");
        }

        if (HasRange(ev, 2400, 2499))
        {
            Inc("CryptoEvents");
        }

        if (Has(ev, 1112))
        {
            if (it.Outcome == EventOutcome.Success)
            {
                Inc("Logins");
            }
            else if (it.Outcome == EventOutcome.Failed)
            {
                Inc("FailedLogins");
            }
        }

        if (Has(ev, 1100))
        {
            Auth(it);
        }
        else if (Has(ev, 1102))
        {
            if (it.Outcome == EventOutcome.Failed)
            {
                Inc("FailedAuthentications");
            }
        }
        else if (Has(ev, 1126))
        {
            Auth(it);
        }

        if (it.LoginUid is long au)
        {
            _users.Add(((int)au).ToString(CultureInfo.InvariantCulture));
        }

        if (it.Terminal is not null)
        {
            _terms.Add(it.Terminal);
        }

        if (it.HostName is not null)
        {
            _hosts.Add(it.HostName);
        }

        if (it.Exe is not null)
        {
            _exes.Add(it.Exe);
        }

        if (it.Comm is not null)
        {
            _comms.Add(it.Comm);
        }

        foreach (var f in it.Files)
        {
            _files.Add(f);
        }

        if (Has(ev, 1400) || Has(ev, 1107))
        {
            Inc("Avcs");
        }

        if (HasRange(ev, 1403, 1417))
        {
            Inc("MacEvents");
        }

        if (HasRange(ev, 2300, 2399))
        {
            Inc("MacEvents");
        }

        if (HasRange(ev, 2500, 2599))
        {
            Inc("VirtEvents");
        }

        if (HasRange(ev, 1800, 1899))
        {
            Inc("IntegrityEvents");
        }

        if (it.Outcome == EventOutcome.Failed && it.Syscall is int sc && sc > 0)
        {
            Inc("FailedSyscalls");
        }

        if (it.Pid is long pid)
        {
            _pids.Add(pid);
        }

        if (HasRange(ev, 2100, 2199))
        {
            Inc("Anomalies");
        }

        if (HasRange(ev, 1700, 1799))
        {
            Inc("Anomalies");
        }

        if (HasRange(ev, 2200, 2299))
        {
            Inc("AnomalyResponses");
        }

        foreach (var k in it.Keys)
        {
            _keys.Add(k);
        }
    }

    private void Auth(AuditEventItems it)
    {
        if (it.Outcome == EventOutcome.Success)
        {
            Inc("Authentications");
        }
        else if (it.Outcome == EventOutcome.Failed)
        {
            Inc("FailedAuthentications");
        }
    }

    /// <summary>The summary numbers.</summary>
    public GoBaseline.AuditSummaryReport ToSummary(long malformed)
    {
        var d = new Dictionary<string, long>(_counts, StringComparer.Ordinal)
        {
            ["Users"] = _users.Count,
            ["Terminals"] = _terms.Count,
            ["HostNames"] = _hosts.Count,
            ["Executables"] = _exes.Count,
            ["Commands"] = _comms.Count,
            ["Files"] = _files.Count,
            ["Keys"] = _keys.Count,
            ["ProcessIds"] = _pids.Count,
        };
        return new GoBaseline.AuditSummaryReport(First, Last, d, malformed);
    }

    /// <summary>The per-item rows, most frequent first (ties by value).</summary>
    public List<GoBaseline.AuditReportItem> ToItems()
    {
        var list = new List<GoBaseline.AuditReportItem>(_items.Count);
        foreach (var (k, v) in _items)
        {
            list.Add(new GoBaseline.AuditReportItem(_kind, k, v, _success == false));
        }

        list.Sort((a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Value, b.Value));
        return list;
    }
}
