using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using GoBaseline.Core.Audit.Log;
using GoBaseline.Core.Host;
using Xunit;
using Xunit.Abstractions;

namespace GoBaseline.Core.Tests.Audit;

/// <summary>
/// Same answers as the reference: for a set of queries, the event ids ausearch finds, the values ausearch -i prints,
/// and the counts aureport gives, on a log generated on this machine (tests/tools/audit-workload.sh: Go binaries,
/// denied opens, connects, binds, writes under a watched directory) and on the real logs of other kernels and
/// distributions in tests/fixtures/audit/real.
/// </summary>
public class AuditLogMatchesAusearchTests
{
    private static readonly string[] Compared =
    {
        "arch", "syscall", "success", "exit", "uid", "gid", "auid", "euid", "suid", "fsuid", "egid", "sgid", "fsgid", "ouid", "ogid", "ses",
        "proctitle", "name", "exe", "cmd", "comm", "cwd", "saddr", "key", "pid", "ppid",
    };

    private readonly ITestOutputHelper _out;

    public AuditLogMatchesAusearchTests(ITestOutputHelper output)
    {
        _out = output;
    }

    public static string GeneratedLog => Fixtures.Path("audit", "generated", "audit.log");

    public static IEnumerable<object[]> RealLogs()
    {
        foreach (var f in Directory.EnumerateFiles(Fixtures.Path("audit", "real")).OrderBy(f => f, StringComparer.Ordinal))
        {
            yield return new object[] { Path.GetFileName(f) };
        }
    }

    public static IEnumerable<object[]> GeneratedQueries()
    {
        yield return new object[] { "all", Array.Empty<string>() };
        yield return new object[] { "key exec", new[] { "-k", "gb_logtest_exec" } };
        yield return new object[] { "key denied", new[] { "-k", "gb_logtest_denied" } };
        yield return new object[] { "key net", new[] { "-k", "gb_logtest_net" } };
        yield return new object[] { "key watch", new[] { "-k", "gb_logtest_watch" } };
        yield return new object[] { "key substring", new[] { "-k", "logtest_d" } };
        yield return new object[] { "types", new[] { "-m", "CONFIG_CHANGE,SOCKADDR" } };
        yield return new object[] { "syscall openat", new[] { "-sc", "openat" } };
        yield return new object[] { "syscall number", new[] { "-sc", "42" } };
        yield return new object[] { "failed", new[] { "-sv", "no" } };
        yield return new object[] { "succeeded", new[] { "-sv", "yes" } };
        yield return new object[] { "exit -13", new[] { "-e", "-13" } };
        yield return new object[] { "exit 0 and exec", new[] { "-e", "0", "-sc", "execve" } };
        yield return new object[] { "exe cat", new[] { "-x", "/usr/bin/cat" } };
        yield return new object[] { "comm setpriv", new[] { "-c", "setpriv" } };
        yield return new object[] { "uid nobody", new[] { "-ui", "65534" } };
        yield return new object[] { "uid root", new[] { "-ui", "0" } };
        yield return new object[] { "auid unset", new[] { "-ul", "-1" } };
        yield return new object[] { "session unset", new[] { "--session", "4294967295" } };
        yield return new object[] { "file shadow", new[] { "-f", "/etc/shadow" } };
        yield return new object[] { "file watch dir", new[] { "-f", "gb_logtest_watch" } };
        yield return new object[] { "file nscd socket", new[] { "-f", "nscd" } };
    }

    [Theory]
    [MemberData(nameof(GeneratedQueries))]
    public void GeneratedLogSameEventIdsAsAusearch(string name, string[] filters)
    {
        using var tree = new TempTree();
        var log = AuditReference.CopyToTemp(tree, GeneratedLog);
        var expected = AuditReference.AusearchIds(log, filters);
        var actual = Search(log, ToQuery(filters));
        _out.WriteLine($"{name}: ausearch {expected.Count}, ours {actual.Count}");
        Assert.NotEmpty(expected);
        AssertSameIds(expected, actual);
    }

    [Fact]
    public void GeneratedLogSameIdsForPidPpidEventIdAndTimeRange()
    {
        using var tree = new TempTree();
        var log = AuditReference.CopyToTemp(tree, GeneratedLog);
        var all = new AuditLogSearch(HostRoot.Live).Search(new[] { log }, new AuditQuery()).ToList();
        var withPid = all.Where(e => e.ProcessId is not null && e.ParentProcessId is not null).ToList();
        var probe = withPid[withPid.Count / 2];
        var mid = all[all.Count / 2].Time;
        var late = all[(all.Count * 3) / 4].Time;
        var checks = new List<(string[] Filters, AuditQuery Query)>
        {
            (new[] { "-p", probe.ProcessId!.Value.ToString(CultureInfo.InvariantCulture) }, new AuditQuery { ProcessIds = new HashSet<long> { probe.ProcessId.Value } }),
            (new[] { "-pp", probe.ParentProcessId!.Value.ToString(CultureInfo.InvariantCulture) }, new AuditQuery { ParentProcessIds = new HashSet<long> { probe.ParentProcessId.Value } }),
            (new[] { "-a", probe.Serial.ToString(CultureInfo.InvariantCulture) }, new AuditQuery { EventIds = new HashSet<long> { probe.Serial } }),
            (new[] { "-ts", Stamp(mid).Date, Stamp(mid).Time }, new AuditQuery { Start = Seconds(mid) }),
            (new[] { "-te", Stamp(mid).Date, Stamp(mid).Time }, new AuditQuery { End = Seconds(mid) }),
            (new[] { "-ts", Stamp(mid).Date, Stamp(mid).Time, "-te", Stamp(late).Date, Stamp(late).Time, "-k", "gb_logtest_exec" }, new AuditQuery { Start = Seconds(mid), End = Seconds(late), Keys = new[] { "gb_logtest_exec" } }),
        };
        foreach (var (filters, query) in checks)
        {
            var expected = AuditReference.AusearchIds(log, filters);
            var actual = Search(log, query);
            _out.WriteLine($"{string.Join(' ', filters)}: ausearch {expected.Count}, ours {actual.Count}");
            Assert.NotEmpty(expected);
            AssertSameIds(expected, actual);
        }
    }

    [Theory]
    [InlineData("-k", "gb_logtest_net")]
    [InlineData("-k", "gb_logtest_denied")]
    [InlineData("-k", "gb_logtest_watch")]
    [InlineData("-m", "EXECVE")]
    [InlineData("-sv", "no")]
    public void GeneratedLogSameInterpretedValuesAsAusearchI(string option, string value)
    {
        using var tree = new TempTree();
        var log = AuditReference.CopyToTemp(tree, GeneratedLog);
        var compared = CompareInterpreted(log, new[] { option, value }, ToQuery(new[] { option, value }));
        _out.WriteLine($"{option} {value}: {compared} values equal");
        Assert.True(compared > 50, $"only {compared} values compared");
    }

    [Fact]
    public void GeneratedLogSameSummaryAsAureport()
    {
        using var tree = new TempTree();
        var log = AuditReference.CopyToTemp(tree, GeneratedLog);
        AssertSummary(log, Array.Empty<string>(), null);
        AssertSummary(log, new[] { "--failed" }, false);
        AssertSummary(log, new[] { "--success" }, true);
    }

    [Theory]
    [InlineData("-k", AuditReportKind.Key, false)]
    [InlineData("-x", AuditReportKind.Executable, false)]
    [InlineData("-s", AuditReportKind.Syscall, false)]
    [InlineData("-s", AuditReportKind.Syscall, true)]
    [InlineData("-u", AuditReportKind.User, false)]
    [InlineData("-u", AuditReportKind.User, true)]
    [InlineData("-f", AuditReportKind.File, false)]
    [InlineData("-p", AuditReportKind.ProcessId, false)]
    public void GeneratedLogSameItemReportsAsAureport(string option, AuditReportKind kind, bool interpret)
    {
        using var tree = new TempTree();
        var log = AuditReference.CopyToTemp(tree, GeneratedLog);
        foreach (var failed in new[] { false, true })
        {
            var extra = new List<string>();
            if (interpret)
            {
                extra.Add("-i");
            }

            if (failed)
            {
                extra.Add("--failed");
            }

            var expected = AuditReference.AureportItems(log, option, extra.ToArray());
            var actual = new AuditLogSearch(HostRoot.Live).Report(new[] { log }, new AuditQuery(), kind, failed ? false : null, interpret).ToItems().ToDictionary(i => i.Value, i => i.Count, StringComparer.Ordinal);
            _out.WriteLine($"aureport {option} --summary {string.Join(' ', extra)}: {expected.Count} rows, ours {actual.Count}");
            Assert.NotEmpty(expected);
            AssertSameCounts(expected, actual);
        }
    }

    [Theory]
    [MemberData(nameof(RealLogs))]
    public void RealLogsSameEventIdsValuesAndSummary(string fileName)
    {
        using var tree = new TempTree();
        var log = AuditReference.CopyToTemp(tree, Fixtures.Path("audit", "real", fileName));
        var expected = AuditReference.AusearchIds(log);
        var actual = Search(log, new AuditQuery());
        AssertSameIds(expected, actual);
        var failed = AuditReference.AusearchIds(log, "-sv", "no");
        AssertSameIds(failed, Search(log, new AuditQuery { Success = false }));
        var types = new AuditLogSearch(HostRoot.Live).Search(new[] { log }, new AuditQuery()).SelectMany(e => e.Records).Select(r => r.Type).Distinct().Take(3).ToList();
        foreach (var t in types)
        {
            AssertSameIds(AuditReference.AusearchIds(log, "-m", t), Search(log, new AuditQuery { MessageTypes = new HashSet<string> { t } }));
        }

        var compared = CompareInterpreted(log, Array.Empty<string>(), new AuditQuery());
        if (fileName != "laurel_fork-sleep-exec.txt")
        {
            // That file has a comment line '#   execve("/bin/true", NULL, NULL);' whose second word is over 18
            // characters and holds a '(': aureport's lenient timestamp reader counts it as an event at time 0 (an
            // extra "(null)" event in aureport -e). We skip such a line as malformed, as ausearch does.
            AssertSummary(log, Array.Empty<string>(), null);
        }
        _out.WriteLine($"{fileName}: {expected.Count} events, {failed.Count} failed, {compared} interpreted values equal");
    }

    private static (string Date, string Time) Stamp(DateTimeOffset t) => (t.UtcDateTime.ToString("MM/dd/yy", CultureInfo.InvariantCulture), t.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture));

    private static DateTimeOffset Seconds(DateTimeOffset t) => DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds());

    private static List<string> Search(string log, AuditQuery query) => new AuditLogSearch(HostRoot.Live).Search(new[] { log }, query).Select(AuditReference.Id).Distinct().ToList();

    private void AssertSameIds(List<string> expected, List<string> actual)
    {
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            _out.WriteLine("missing: " + string.Join(", ", missing.Take(10)));
            _out.WriteLine("extra: " + string.Join(", ", extra.Take(10)));
        }

        Assert.Empty(missing);
        Assert.Empty(extra);
        Assert.Equal(expected.Count, actual.Count);
    }

    private void AssertSameCounts(Dictionary<string, long> expected, Dictionary<string, long> actual)
    {
        var diffs = expected.Keys.Union(actual.Keys)
            .Where(k => expected.GetValueOrDefault(k) != actual.GetValueOrDefault(k))
            .Select(k => $"{k}: aureport {expected.GetValueOrDefault(k)} ours {actual.GetValueOrDefault(k)}")
            .ToList();
        foreach (var d in diffs.Take(20))
        {
            _out.WriteLine(d);
        }

        Assert.Empty(diffs);
    }

    private void AssertSummary(string log, string[] extra, bool? success)
    {
        var expected = AuditReference.AureportSummary(log, extra);
        var ours = new AuditLogSearch(HostRoot.Live).Report(new[] { log }, new AuditQuery(), AuditReportKind.Summary, success, false).ToSummary(0);
        var actual = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["Number of changes in configuration"] = ours.Changes,
            ["Number of changes to accounts, groups, or roles"] = ours.AccountChanges,
            ["Number of logins"] = ours.Logins,
            ["Number of failed logins"] = ours.FailedLogins,
            ["Number of authentications"] = ours.Authentications,
            ["Number of failed authentications"] = ours.FailedAuthentications,
            ["Number of users"] = ours.Users,
            ["Number of terminals"] = ours.Terminals,
            ["Number of host names"] = ours.HostNames,
            ["Number of executables"] = ours.Executables,
            ["Number of commands"] = ours.Commands,
            ["Number of files"] = ours.Files,
            ["Number of AVC's"] = ours.Avcs,
            ["Number of MAC events"] = ours.MacEvents,
            ["Number of failed syscalls"] = ours.FailedSyscalls,
            ["Number of anomaly events"] = ours.Anomalies,
            ["Number of responses to anomaly events"] = ours.AnomalyResponses,
            ["Number of crypto events"] = ours.CryptoEvents,
            ["Number of integrity events"] = ours.IntegrityEvents,
            ["Number of virt events"] = ours.VirtEvents,
            ["Number of keys"] = ours.Keys,
            ["Number of process IDs"] = ours.ProcessIds,
            ["Number of events"] = ours.Events,
        };
        if (expected.Count == 0)
        {
            // aureport prints no summary for a log without events.
            Assert.Equal(0, ours.Events);
            return;
        }

        AssertSameCounts(expected, actual.Where(kv => expected.ContainsKey(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value));
    }

    /// <summary>Compares our interpreted values with ausearch -i record by record; returns how many values were equal.</summary>
    private int CompareInterpreted(string log, string[] filters, AuditQuery query)
    {
        var reference = AuditReference.AusearchInterpreted(log, filters);
        var byKey = reference.GroupBy(r => (r.Node, r.Serial, r.Type)).ToDictionary(g => g.Key, g => g.ToList());
        var ours = new AuditLogSearch(HostRoot.Live).Search(new[] { log }, query).ToList();
        var equal = 0;
        var diffs = new List<string>();
        foreach (var ev in ours)
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var rec in ev.Records)
            {
                if (rec.Type == "EOE")
                {
                    // ausearch -i does not print the end-of-event marker.
                    continue;
                }

                var n = seen.GetValueOrDefault(rec.Type);
                seen[rec.Type] = n + 1;
                if (!byKey.TryGetValue((rec.Node, rec.Serial, rec.Type), out var lines) || n >= lines.Count)
                {
                    diffs.Add($"{ev.EventId} {rec.Type}: not printed by ausearch -i");
                    continue;
                }

                // ausearch prints the records of an event in its own order: of the lines of the same type, take the one
                // that agrees with this record on the most field values.
                var order0 = rec.Fields.Select(f => f.Name).ToList();
                var line = lines.OrderByDescending(l => Enumerable.Range(0, rec.Fields.Count).Count(i => AuditReference.ValueOf(l.Fields, order0, i) == rec.Fields[i].Interpreted)).First();
                var time = rec.Time.UtcDateTime.ToString("MM/dd/yy HH:mm:ss.fff", CultureInfo.InvariantCulture);
                if (line.Time != time)
                {
                    diffs.Add($"{ev.EventId} {rec.Type}: time {line.Time} vs {time}");
                }

                if (rec.Fields.Any(f => f.Name.Length == 0) || rec.RawText.Contains("msg='", StringComparison.Ordinal))
                {
                    // ausearch -i prints user-space msg='…' sections differently; compare their kernel part only.
                    continue;
                }

                var order = rec.Fields.Select(f => f.Name).ToList();
                for (var i = 0; i < rec.Fields.Count; i++)
                {
                    var f = rec.Fields[i];
                    var isArg = rec.Type == "EXECVE" && f.Name.Length > 1 && f.Name[0] == 'a' && char.IsAsciiDigit(f.Name[1]);
                    if (!Compared.Contains(f.Name) && !isArg)
                    {
                        continue;
                    }

                    var theirs = AuditReference.ValueOf(line.Fields, order, i);
                    if (theirs == f.Interpreted)
                    {
                        equal++;
                    }
                    else
                    {
                        diffs.Add($"{ev.EventId} {rec.Type} {f.Name}: ausearch -i '{theirs}' ours '{f.Interpreted}' (raw '{f.Value}')");
                    }
                }
            }
        }

        foreach (var d in diffs.Take(30))
        {
            _out.WriteLine(d);
        }

        Assert.Empty(diffs);
        return equal;
    }

    private static AuditQuery ToQuery(string[] f)
    {
        string? Get(string opt)
        {
            var i = Array.IndexOf(f, opt);
            return i >= 0 ? f[i + 1] : null;
        }

        HashSet<long>? Longs(string opt) => Get(opt) is { } v ? new HashSet<long> { long.Parse(v, CultureInfo.InvariantCulture) } : null;
        return new AuditQuery
        {
            Keys = Get("-k") is { } k ? new[] { k } : null,
            MessageTypes = Get("-m") is { } m ? new HashSet<string>(m.Split(','), StringComparer.Ordinal) : null,
            Syscalls = Get("-sc") is { } sc ? new[] { sc } : null,
            Success = Get("-sv") is { } sv ? sv == "yes" : null,
            ExitCodes = Longs("-e"),
            Executables = Get("-x") is { } x ? new[] { x } : null,
            Comms = Get("-c") is { } c ? new[] { c } : null,
            Uids = Longs("-ui"),
            LoginUids = Get("-ul") is { } ul ? new HashSet<long> { AuditQuery.ResolveUser(HostRoot.Live, ul) } : null,
            Sessions = Longs("--session"),
            Files = Get("-f") is { } file ? new[] { file } : null,
        };
    }
}
