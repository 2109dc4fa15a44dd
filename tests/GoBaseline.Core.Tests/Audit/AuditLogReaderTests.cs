using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GoBaseline.Core.Audit.Log;
using GoBaseline.Core.Host;
using Xunit;

namespace GoBaseline.Core.Tests.Audit;

/// <summary>The reader on its own: malformed input, rotation sets and gzip, interleaving, seeking, following.</summary>
public class AuditLogReaderTests
{
    private static readonly string[] Sample = File.ReadAllLines(AuditLogMatchesAusearchTests.GeneratedLog);

    private sealed class Sink : IAuditLogSink
    {
        public List<MalformedLine> Lines { get; } = new();

        public void Malformed(MalformedLine line) => Lines.Add(line);

        public void Progress(string file, long done, long total)
        {
        }
    }

    private static List<string> Ids(IEnumerable<RawEvent> events) => events.Select(e => AuditReference.Id(e.Node, e.Seconds, e.Milliseconds, e.Serial) + "/" + e.Records.Count.ToString(CultureInfo.InvariantCulture)).ToList();

    [Fact]
    public void MalformedLinesAreSkippedCountedAndReportedWithFileAndLine()
    {
        using var tree = new TempTree();
        var good = Sample.Take(12).ToList();
        var garbage = new byte[] { 0x00, 0xff, 0xfe, (byte)'t', (byte)'y', 0x01, 0x80, 0x1d, (byte)'=' };
        using (var ms = new MemoryStream())
        {
            void Line(string s) => ms.Write(Encoding.UTF8.GetBytes(s + "\n"));
            foreach (var l in good.Take(6))
            {
                Line(l);
            }

            Line("type=SYSCALL msg=audit(1795919238.12");                                   // 7: truncated
            ms.Write(garbage);                                                                // 8: binary garbage
            ms.WriteByte((byte)'\n');
            Line("type=SYSCALL arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2");       // 9: no msg=
            Line("type=PATH msg=audit(1795919238.200:99999): name=\"" + new string('a', 100_000) + "\""); // 10: too long
            Line("node=onlynode");                                                            // 11: node= and nothing else
            foreach (var l in good.Skip(6))
            {
                Line(l);
            }

            ms.Write(Encoding.UTF8.GetBytes("type=EOE msg=audit(1795919299.000:123456): "));  // unterminated last line
            File.WriteAllBytes(Path.Combine(tree.Dir("/logs"), "audit.log"), ms.ToArray());
        }

        var path = Path.Combine(tree.Root, "logs", "audit.log");
        var sink = new Sink();
        var reader = new AuditLogReader(sink);
        var events = reader.ReadEvents(new[] { path }).ToList();
        var clean = Path.Combine(tree.Root, "logs", "clean.log");
        File.WriteAllLines(clean, good);
        var expected = new AuditLogReader().ReadEvents(new[] { clean }).ToList();

        Assert.Equal(Ids(expected), Ids(events));
        Assert.Equal(5, reader.MalformedCount);
        var counted = sink.Lines.Where(l => !l.Reason.Contains("read anyway", StringComparison.Ordinal)).ToList();
        Assert.Equal(new long[] { 7, 8, 9, 10, 11 }, counted.Select(l => l.Line).ToArray());
        Assert.All(sink.Lines, l => Assert.Equal(path, l.File));
        var last = Assert.Single(sink.Lines, l => l.Reason.Contains("read anyway", StringComparison.Ordinal));
        Assert.Equal(good.Count + 6, last.Line);

        // ausearch finds the same events in the damaged file, except that it reads the 100 kB line as a record: we
        // skip lines longer than any record the kernel or auditd writes (the issue asks for that).
        var theirs = AuditReference.AusearchIds(path).Where(id => id != "|1795919238.200:99999").ToList();
        Assert.Equal(theirs, new AuditLogSearch(HostRoot.Live).Search(new[] { path }, new AuditQuery()).Select(AuditReference.Id).Distinct().ToList());
    }

    [Fact]
    public void AnyBytesGiveEventsOrCountedLinesNeverAnException()
    {
        var rng = new Random(5);
        using var tree = new TempTree();
        for (var round = 0; round < 20; round++)
        {
            var bytes = new byte[rng.Next(1, 200_000)];
            rng.NextBytes(bytes);

            // Mix in real lines so the parser sees near-misses too.
            var text = string.Join('\n', Sample.Skip(rng.Next(0, 100)).Take(30));
            var mixed = bytes.Concat(Encoding.UTF8.GetBytes(text)).Concat(bytes.Take(rng.Next(0, 5000))).ToArray();
            var p = Path.Combine(tree.Dir("/fuzz"), "f" + round.ToString(CultureInfo.InvariantCulture));
            File.WriteAllBytes(p, mixed);
            var reader = new AuditLogReader();
            var events = reader.ReadEvents(new[] { p }).ToList();
            var typed = new AuditLogSearch(HostRoot.Live).Search(new[] { p }, new AuditQuery()).ToList();
            Assert.All(typed, e => Assert.NotNull(e.Records));
            Assert.True(reader.LineCount > 0);
        }
    }

    [Fact]
    public void EventsSplitAcrossRotatedAndCompressedFilesAreWhole()
    {
        using var tree = new TempTree();
        var dir = tree.Dir("/var/log/audit");

        // Cut the log inside events: the first cut lands between two records of one serial.
        var cut1 = Enumerable.Range(200, 100).First(i => Serial(Sample[i]) == Serial(Sample[i - 1]));
        var cut2 = Enumerable.Range(1200, 100).First(i => Serial(Sample[i]) == Serial(Sample[i - 1]));
        using (var gz = new GZipStream(File.Create(Path.Combine(dir, "audit.log.2.gz")), CompressionLevel.Fastest))
        {
            gz.Write(Encoding.UTF8.GetBytes(string.Join('\n', Sample.Take(cut1)) + "\n"));
        }

        File.WriteAllText(Path.Combine(dir, "audit.log.1"), string.Join('\n', Sample.Skip(cut1).Take(cut2 - cut1)) + "\n");
        File.WriteAllText(Path.Combine(dir, "audit.log"), string.Join('\n', Sample.Skip(cut2)) + "\n");
        tree.Write("/etc/audit/auditd.conf", "log_file = /var/log/audit/audit.log\nlog_format = ENRICHED\n");

        var host = new HostRoot(tree.Root);
        var files = AuditLogReader.DefaultLogFiles(host);
        Assert.Equal(new[] { "audit.log.2.gz", "audit.log.1", "audit.log" }, files.Select(Path.GetFileName).ToArray());
        var split = Ids(new AuditLogReader().ReadEvents(files));
        var whole = Ids(new AuditLogReader().ReadEvents(new[] { AuditLogMatchesAusearchTests.GeneratedLog }));
        Assert.Equal(whole, split);
    }

    [Fact]
    public void InterleavedRecordsAreGroupedByNodeAndSerial()
    {
        using var tree = new TempTree();

        // Two nodes write events with the same serials; their records are interleaved line by line.
        var events = new AuditLogReader().ReadEvents(new[] { AuditLogMatchesAusearchTests.GeneratedLog }).Where(e => e.Records.Count >= 4).Take(20).ToList();
        var lines = new List<string>();
        var maxRecords = events.Max(e => e.Records.Count);
        for (var r = 0; r < maxRecords; r++)
        {
            foreach (var e in events)
            {
                if (r < e.Records.Count)
                {
                    lines.Add("node=alpha " + e.Records[r].Text);
                    lines.Add("node=beta " + e.Records[r].Text);
                }
            }
        }

        var p = tree.Write("/x/interleaved.log", string.Join('\n', lines) + "\n");
        var got = new AuditLogReader().ReadEvents(new[] { p }).ToList();
        Assert.Equal(events.Count * 2, got.Count);
        Assert.All(got, g => Assert.Equal(events.Single(e => e.Serial == g.Serial).Records.Count, g.Records.Count));
        Assert.Equal(new[] { "alpha", "beta" }, got.Select(g => g.Node).Distinct().OrderBy(n => n).ToArray());
        Assert.Equal(AuditReference.AusearchIds(p, "-n", "beta"), new AuditLogSearch(HostRoot.Live).Search(new[] { p }, new AuditQuery { Nodes = new[] { "beta" } }).Select(AuditReference.Id).Distinct().ToList());
    }

    [Fact]
    public void TimeRangeSeeksAndFindsWhatAScanAndAusearchFind()
    {
        using var tree = new TempTree();
        var big = Path.Combine(tree.Dir("/big"), "audit.log");
        var awk = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "bench", "New-AuditBenchLog.awk");
        var result = NativeRunner.Default.Run(new NativeCommand("sh", new[] { "-c", "awk -v copies=40 -v step=2 -f \"$0\" \"$1\" > \"$2\"", Path.GetFullPath(awk), AuditLogMatchesAusearchTests.GeneratedLog, big }));
        Assert.Equal(0, result.ExitCode);
        var all = new AuditLogReader().ReadEvents(new[] { big }).ToList();
        var start = DateTimeOffset.FromUnixTimeSeconds(all[(all.Count * 2) / 3].Seconds);
        var end = DateTimeOffset.FromUnixTimeSeconds(all[(all.Count * 5) / 6].Seconds);
        var query = new AuditQuery { Start = start, End = end };

        var reader = new AuditLogReader();
        var seeked = reader.ReadEvents(new[] { big }, query.Range).Where(query.Matches).Select(e => AuditReference.Id(e.Node, e.Seconds, e.Milliseconds, e.Serial)).ToList();
        var scanned = all.Where(query.Matches).Select(e => AuditReference.Id(e.Node, e.Seconds, e.Milliseconds, e.Serial)).ToList();
        Assert.NotEmpty(scanned);
        Assert.Equal(scanned, seeked);

        // It read well under the whole file: it sought past the first two thirds and stopped after the end.
        var totalLines = File.ReadLines(big).LongCount();
        Assert.True(reader.LineCount < totalLines / 2, $"read {reader.LineCount} of {totalLines} lines");

        var s = start.UtcDateTime;
        var e = end.UtcDateTime;
        var theirs = AuditReference.AusearchIds(big, "-ts", s.ToString("MM/dd/yy", CultureInfo.InvariantCulture), s.ToString("HH:mm:ss", CultureInfo.InvariantCulture), "-te", e.ToString("MM/dd/yy", CultureInfo.InvariantCulture), e.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        Assert.Equal(theirs, seeked.Distinct().ToList());
    }

    [Fact]
    public async Task FollowSeesAppendedEventsAndSurvivesRotation()
    {
        using var tree = new TempTree();
        var dir = tree.Dir("/var/log/audit");
        var log = Path.Combine(dir, "audit.log");
        var events = new AuditLogReader().ReadEvents(new[] { AuditLogMatchesAusearchTests.GeneratedLog }).Take(30).ToList();
        string Lines(IEnumerable<RawEvent> evs) => string.Concat(evs.SelectMany(e => e.Records).Select(r => r.Text + "\n"));
        File.WriteAllText(log, Lines(events.Take(10)));

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new List<long>();
        var follow = Task.Run(() =>
        {
            foreach (var ev in new AuditLogReader().Follow(new[] { log }, cancel.Token, pollMilliseconds: 50))
            {
                lock (seen)
                {
                    seen.Add(ev.Serial);
                    if (seen.Count == 30)
                    {
                        cancel.Cancel();
                    }
                }
            }
        });

        await Task.Delay(500);
        File.AppendAllText(log, Lines(events.Skip(10).Take(10)));
        await Task.Delay(500);

        // auditd's rotation: rename the log, start a new one.
        File.Move(log, log + ".1");
        File.WriteAllText(log, Lines(events.Skip(20)));
        await follow;
        Assert.Equal(events.Select(e => e.Serial).OrderBy(x => x), seen.OrderBy(x => x));
    }

    [Theory]
    [InlineData("x86_64")]
    [InlineData("i386")]
    [InlineData("aarch64")]
    [InlineData("arm")]
    [InlineData("ppc")]
    [InlineData("s390x")]
    public void SyscallTablesEqualAusyscallDump(string arch)
    {
        var dump = NativeRunner.Default.Run(new NativeCommand("ausyscall", new[] { arch, "--dump" }, "auditd")).StandardOutput;
        var expected = SyscallTables.Parse(string.Join('\n', dump.Split('\n').Skip(1)));
        var ours = SyscallTables.For(arch)!;
        Assert.True(expected.Count > 250);
        Assert.Equal(expected.OrderBy(k => k.Key), ours.OrderBy(k => k.Key));
    }

    private static long Serial(string line)
    {
        var i = line.IndexOf("msg=audit(", StringComparison.Ordinal);
        var c = line.IndexOf(':', i);
        var p = line.IndexOf(')', c);
        return long.Parse(line.AsSpan(c + 1, p - c - 1), CultureInfo.InvariantCulture);
    }
}
