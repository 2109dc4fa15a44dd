using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using GoBaseline.Core.Audit.Log;
using GoBaseline.Core.Host;
using GoBaseline.Core.Journal;
using Xunit;

namespace GoBaseline.Core.Tests.Audit;

/// <summary>Export-AuditLogArchive's engine and Get-GoEnvironmentChange's join with the journal.</summary>
public class AuditArchiveTests
{
    private sealed class Approver : IArchiveApprover
    {
        private readonly bool _answer;

        public Approver(bool answer)
        {
            _answer = answer;
        }

        public List<(string Target, string Action)> Asked { get; } = new();

        public bool Approve(string target, string action)
        {
            Asked.Add((target, action));
            return _answer;
        }
    }

    // Three rotated logs spanning three UTC days, made from the real generated log with moved timestamps.
    private static List<string> MakeRotatedLogs(TempTree tree)
    {
        var dir = tree.Dir("/var/log/audit");
        var big = Path.Combine(dir, "all.tmp");
        var awk = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "bench", "New-AuditBenchLog.awk"));
        var r = NativeRunner.Default.Run(new NativeCommand("sh", new[] { "-c", "awk -v copies=6 -v step=40000 -f \"$0\" \"$1\" > \"$2\"", awk, AuditLogMatchesAusearchTests.GeneratedLog, big }));
        Assert.Equal(0, r.ExitCode);
        var lines = File.ReadAllLines(big);
        File.Delete(big);
        var third = lines.Length / 3;
        var files = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var p = Path.Combine(dir, "audit.log." + (3 - i).ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.WriteAllText(p, string.Join('\n', lines.Skip(i * third).Take(i == 2 ? lines.Length : third)) + "\n");
            files.Add(p);
        }

        return files;
    }

    private static byte[] Concat(IEnumerable<string> files) => files.SelectMany(File.ReadAllBytes).ToArray();

    private static byte[] Gunzip(string path)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }

    [Fact]
    public void ArchivesPerDayHoldEveryLineAndTheManifestChecksWithSha256sum()
    {
        using var tree = new TempTree();
        var sources = MakeRotatedLogs(tree);
        var original = Concat(sources);
        var dest = Path.Combine(tree.Root, "archive");
        var archives = new AuditLogArchiver(new Approver(true)).Archive(sources, dest, AuditArchiveSplit.Day, 0, removeSource: true, retentionDays: null, DateTimeOffset.UtcNow);

        Assert.True(archives.Count >= 3, $"{archives.Count} archives");
        Assert.All(archives, a => Assert.True(a.Verified));
        Assert.All(archives, a => Assert.Equal(a.FirstEvent!.Value.UtcDateTime.Date, a.LastEvent!.Value.UtcDateTime.Date));
        Assert.Equal(original, archives.SelectMany(a => Gunzip(a.Path)).ToArray());
        Assert.All(sources, s => Assert.False(File.Exists(s)));

        var check = NativeRunner.Default.Run(new NativeCommand("sha256sum", new[] { "-c", AuditLogArchiver.ManifestName }) { WorkingDirectory = dest });
        Assert.Equal(0, check.ExitCode);
        Assert.Equal(archives.Count, check.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.EndsWith(": OK", StringComparison.Ordinal)));

        // The archives search like the logs did.
        var fromArchives = new AuditLogSearch(HostRoot.Live).Search(archives.Select(a => a.Path).ToList(), new AuditQuery { Keys = new[] { "gb_logtest_denied" } }).Count();
        Assert.Equal(66, fromArchives);
    }

    [Fact]
    public void SizeSplitKeepsArchivesUnderTheLimit()
    {
        using var tree = new TempTree();
        var sources = MakeRotatedLogs(tree);
        var dest = Path.Combine(tree.Root, "archive");
        var archives = new AuditLogArchiver(new Approver(true)).Archive(sources, dest, AuditArchiveSplit.Size, 512 * 1024, removeSource: false, retentionDays: null, DateTimeOffset.UtcNow);
        Assert.True(archives.Count > 3);
        Assert.All(archives, a => Assert.True(a.UncompressedBytes <= 512 * 1024));
        Assert.Equal(Concat(sources), archives.SelectMany(a => Gunzip(a.Path)).ToArray());
        Assert.All(sources, s => Assert.True(File.Exists(s)));
    }

    [Fact]
    public void WhatIfWritesAndDeletesNothing()
    {
        using var tree = new TempTree();
        var sources = MakeRotatedLogs(tree);
        var before = Concat(sources);
        var dest = Path.Combine(tree.Root, "archive");
        var approver = new Approver(false);
        var archives = new AuditLogArchiver(approver).Archive(sources, dest, AuditArchiveSplit.Day, 0, removeSource: true, retentionDays: 1, DateTimeOffset.UtcNow);
        Assert.Empty(archives);
        Assert.False(Directory.Exists(dest));
        Assert.Equal(before, Concat(sources));
        Assert.Contains(approver.Asked, a => a.Action.StartsWith("Write archive", StringComparison.Ordinal));
    }

    [Fact]
    public void AFailedArchiveKeepsTheSources()
    {
        using var tree = new TempTree();
        var sources = MakeRotatedLogs(tree);
        var before = Concat(sources);
        var dest = Path.Combine(tree.Root, "archive");
        Directory.CreateDirectory(dest);

        // A source that shrinks after planning makes the copy fail mid-way: nothing may be deleted.
        var approver = new ShrinkingApprover(sources[1]);
        var ex = Assert.Throws<GoBaselineException>(() => new AuditLogArchiver(approver).Archive(sources, dest, AuditArchiveSplit.Day, 0, removeSource: true, retentionDays: null, DateTimeOffset.UtcNow));
        Assert.Equal(ErrorIds.AuditArchiveFailed, ex.ErrorId);
        Assert.All(sources, s => Assert.True(File.Exists(s)));
        Assert.DoesNotContain(Directory.GetFiles(dest), f => f.Contains(".tmp-", StringComparison.Ordinal));
        Assert.True(Concat(sources).Length > 0 && before.Length > 0);
    }

    private sealed class ShrinkingApprover : IArchiveApprover
    {
        private readonly string _victim;

        public ShrinkingApprover(string victim)
        {
            _victim = victim;
        }

        public bool Approve(string target, string action)
        {
            if (action.Contains(_victim, StringComparison.Ordinal) && new FileInfo(_victim).Length > 100)
            {
                using var fs = new FileStream(_victim, FileMode.Open, FileAccess.Write);
                fs.SetLength(100);
            }

            return true;
        }
    }

    [Fact]
    public void RetentionDeletesOldArchivesAndTheirManifestLines()
    {
        using var tree = new TempTree();
        var sources = MakeRotatedLogs(tree);
        var dest = Path.Combine(tree.Root, "archive");
        var archives = new AuditLogArchiver(new Approver(true)).Archive(sources, dest, AuditArchiveSplit.Day, 0, removeSource: false, retentionDays: null, DateTimeOffset.UtcNow);
        var newest = archives.Max(a => a.LastEvent!.Value);

        // Keep one day counted from the newest event: the older archives go.
        new AuditLogArchiver(new Approver(true)).Archive(Array.Empty<string>(), dest, AuditArchiveSplit.Day, 0, removeSource: false, retentionDays: 1, newest);
        var left = Directory.GetFiles(dest, "*.log.gz");
        Assert.True(left.Length < archives.Count && left.Length >= 1);
        var manifest = File.ReadAllLines(Path.Combine(dest, AuditLogArchiver.ManifestName));
        Assert.Equal(left.Select(Path.GetFileName).OrderBy(x => x), manifest.Select(l => l.Substring(66)).OrderBy(x => x));
    }

    [Fact]
    public void GoEnvironmentChangeJoinsAuditEventsWithJournalValues()
    {
        using var tree = new TempTree();
        tree.Write("/etc/profile.d/gobaseline-go.sh", "export GOPROXY=https://proxy.golang.org,direct\nexport GOFLAGS=-mod=mod\n");
        var host = new HostRoot(tree.Root);
        TransactionRecord tx;
        using (var journal = ChangeJournal.OpenWrite(host))
        {
            var change = new FileWriteChange("/etc/profile.d/gobaseline-go.sh", Encoding.UTF8.GetBytes("export GOPROXY=https://goproxy.corp.example,off\nexport GOFLAGS=-mod=mod\nexport GONOSUMDB=corp.example\n"));
            tx = journal.Run(new Change[] { change }, new TransactionOptions { Cmdlet = "Set-GoEnvironment", Summary = "test" }).Transaction!;
        }

        // The audit event of that write: a real watch event of the generated log, moved to the transaction's time
        // and file.
        var watch = new AuditLogReader().ReadEvents(new[] { AuditLogMatchesAusearchTests.GeneratedLog }).First(e => e.Records.Any(r => r.Text.Contains("/go.env\"", StringComparison.Ordinal)) && e.Records.Any(r => r.Text.Contains("key=\"gb_logtest_watch\"", StringComparison.Ordinal)));
        var stamp = tx.Time.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + ".500:777";
        var lines = watch.Records.Select(r => System.Text.RegularExpressions.Regex.Replace(r.Text, @"msg=audit\([0-9.:]+\)", "msg=audit(" + stamp + ")")
            .Replace("gb_logtest_watch", "go_env", StringComparison.Ordinal));
        var text = string.Join('\n', lines) + "\n";
        text = System.Text.RegularExpressions.Regex.Replace(text, "name=\"/tmp/go_env\\.[A-Za-z0-9]+/go\\.env[^\"]*\"", "name=\"/etc/profile.d/gobaseline-go.sh\"");
        var log = tree.Write("/var/log/audit/audit.log", text);

        var timeline = new GoEnvironmentChangeTimeline(host).Read(new[] { log }, new AuditQuery(), GoEnvironmentChangeTimeline.DefaultKeys, null);
        var goproxy = Assert.Single(timeline, c => c.Name == "GOPROXY");
        Assert.Equal("https://proxy.golang.org,direct", goproxy.Before);
        Assert.Equal("https://goproxy.corp.example,off", goproxy.After);
        Assert.Equal(GoBaseline.GoEnvironmentChangeSource.AuditAndJournal, goproxy.Source);
        Assert.Equal(tx.Id, goproxy.TransactionId);
        Assert.Equal("777", goproxy.EventId!.Split(':')[1]);
        var nosum = Assert.Single(timeline, c => c.Name == "GONOSUMDB");
        Assert.Null(nosum.Before);
        Assert.DoesNotContain(timeline, c => c.Name == "GOFLAGS");

        // Without the audit log the journal alone still tells the story.
        var journalOnly = new GoEnvironmentChangeTimeline(host).Read(Array.Empty<string>(), new AuditQuery(), GoEnvironmentChangeTimeline.DefaultKeys, new[] { "GOPROXY" });
        Assert.Equal(GoBaseline.GoEnvironmentChangeSource.Journal, Assert.Single(journalOnly).Source);
    }
}
