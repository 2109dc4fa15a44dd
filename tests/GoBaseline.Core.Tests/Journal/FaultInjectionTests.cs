using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GoBaseline.Core.Host;
using GoBaseline.Core.Journal;
using Xunit;
using Xunit.Abstractions;

namespace GoBaseline.Core.Tests.Journal;

/// <summary>
/// Kills a real writer (GoBaseline.Journal.FaultChild, looping multi-file transactions and undos through the
/// journal) with SIGKILL at random points, at least 200 times (more until enough kills landed inside transactions and undos), and checks after each kill that every file is byte for byte
/// in a state the journal explains, that the journal opens for writing (recovery), and that after recovery the
/// files are consistent: all as before the interrupted transaction, or all as after the last completed one.
/// </summary>
public class FaultInjectionTests
{
    // At least MinRuns kills; then more (up to MaxRuns) until enough landed inside transactions and undos. Where
    // a kill lands depends on the machine's speed and load, so a fixed count made the coverage check flaky.
    private const int MinRuns = 200;
    private const int MaxRuns = 1000;
    private const int MinKillsInsideRun = MinRuns / 10;
    private const int MinKillsInsideUndo = 3;
    private static readonly string[] Paths = { "/etc/fault/a.conf", "/etc/fault/b.conf", "/etc/fault/c.conf" };
    private readonly ITestOutputHelper _output;

    public FaultInjectionTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void KillNineAtRandomPointsAlwaysLeavesARecoverableConsistentState()
    {
        using var t = new TempTree();
        var host = new HostRoot(t.Root);
        var initial = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var p in Paths)
        {
            initial[p] = Hash(Encoding.UTF8.GetBytes("initial " + p + "\n"));
            t.Write(p, "initial " + p + "\n");
        }

        var child = Path.Combine(AppContext.BaseDirectory, "GoBaseline.Journal.FaultChild.dll");
        Assert.True(File.Exists(child), child + " was not built next to the tests.");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";
        var random = new Random(20261129);
        var killPoints = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var totalTransactions = 0;
        var clock = Stopwatch.StartNew();
        var runs = 0;
        for (var run = 0; run < MaxRuns; run++)
        {
            if (run >= MinRuns && Inside(killPoints, "Run:") >= MinKillsInsideRun && Inside(killPoints, "Undo:") >= MinKillsInsideUndo)
            {
                break;
            }

            runs++;
            var psi = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add("exec");
            psi.ArgumentList.Add(child);
            psi.ArgumentList.Add(t.Root);
            psi.ArgumentList.Add(random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
            using (var p = Process.Start(psi)!)
            {
                // The child prints "ready" before its loop (or dies with its error on stderr, which ends stdout too).
                var ready = p.StandardOutput.ReadLine();
                if (ready != "ready")
                {
                    Assert.Fail("the child did not start: " + p.StandardError.ReadToEnd());
                }

                // The child says "ready" after its first transaction, so the kill lands while it runs its loop
                // (opening and recovering, writing blobs and records, replacing files, undoing), not in start-up.
                System.Threading.Thread.Sleep(random.Next(0, 300));
                Assert.False(p.HasExited, "the child died on its own: " + (p.HasExited ? p.StandardError.ReadToEnd() : string.Empty));
                p.Kill();
                p.WaitForExit();
            }

            // 1. Before recovery: where did the kill land, and is every file in a state the journal explains?
            IReadOnlyList<TransactionRecord> before;
            using (var reader = ChangeJournal.OpenRead(host))
            {
                before = reader.List();
            }

            totalTransactions = before.Count;
            var inFlight = before.SingleOrDefault(x => x.State == TransactionState.Pending || x.Undoing is not null || x.Changes.Any(c => c.State == ChangeState.Reverting));
            var point = inFlight is null
                ? "Between:" + (before.Count == 0 ? "none" : before[^1].State.ToString())
                : (inFlight.State == TransactionState.Pending ? "Run:" : "Undo:") + string.Join(",", inFlight.Changes.Select(c => c.State));
            killPoints[point] = killPoints.GetValueOrDefault(point) + 1;

            var stable = Expected(before, inFlight, initial);
            foreach (var path in Paths)
            {
                var now = Current(host, path);
                if (inFlight is null)
                {
                    Assert.True(now == stable[path], $"run {run} ({point}): {path} is {now}, expected {stable[path]}");
                }
                else
                {
                    var rec = inFlight.Changes.Single(c => c.Target == path);
                    var b = rec.Before.GetValueOrDefault("exists") == "true" ? rec.Before["sha256"] : null;
                    var a = rec.Kind == FileWriteChange.KindName ? rec.Data["sha256"] : null;
                    Assert.True(now == b || now == a, $"run {run} ({point}): {path} is {now}, neither before {b} nor after {a}");
                }
            }

            // 2. Recovery: the journal opens for writing and finishes or rolls back what the kill interrupted.
            IReadOnlyList<TransactionRecord> after;
            using (var j = ChangeJournal.OpenWrite(host, lockTimeout: TimeSpan.FromSeconds(5)))
            {
                Assert.Equal(inFlight is null ? 0 : 1, j.Recovered.Count);
                after = j.List();
            }

            // 3. After recovery: nothing in flight, no temporary file left, every file consistent with the journal.
            Assert.DoesNotContain(after, x => x.State == TransactionState.Pending || x.Undoing is not null || x.Changes.Any(c => c.State is ChangeState.Reverting or ChangeState.Applying));
            var leftovers = Directory.GetFiles(host.Map("/etc/fault"), "*" + AtomicFile.TempMarker + "*")
                .Concat(Directory.GetFiles(host.Map(ChangeJournal.DefaultDirectory), "*" + AtomicFile.TempMarker + "*", SearchOption.AllDirectories)).ToList();
            Assert.True(leftovers.Count == 0, $"run {run} ({point}): temporary files left after recovery: {string.Join(", ", leftovers)}");
            var expected = Expected(after, null, initial);
            foreach (var path in Paths)
            {
                Assert.True(Current(host, path) == expected[path], $"run {run} ({point}) after recovery: {path} is {Current(host, path)}, expected {expected[path]}");
            }

            string outcome;
            if (inFlight is null)
            {
                outcome = "nothing to recover, files as after the last completed transaction";
            }
            else
            {
                var done = after.Single(x => x.Id == inFlight.Id);
                foreach (var rec in done.Changes)
                {
                    var b = rec.Before.GetValueOrDefault("exists") == "true" ? rec.Before["sha256"] : null;
                    Assert.True(Current(host, rec.Target) == b, $"run {run} ({point}): {rec.Target} is not back to its state before {done.Id}");
                }

                outcome = inFlight.State == TransactionState.Pending ? $"interrupted run rolled back ({done.State}), all files as before" : $"interrupted undo completed ({done.State}), all files as before";
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        clock.Stop();
        var report = new
        {
            Runs = runs,
            Seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            TransactionsJournaled = totalTransactions,
            KillPoints = killPoints,
            Outcomes = outcomes,
        };
        var json = JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true });
        _output.WriteLine(json);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "gobaseline-fault-injection.json"), json);

        // The test must really hit the middle of transactions and undos, not only the gaps between them.
        Assert.True(Inside(killPoints, "Run:") >= MinKillsInsideRun, json);
        Assert.True(Inside(killPoints, "Undo:") >= MinKillsInsideUndo, json);
    }

    private static int Inside(SortedDictionary<string, int> killPoints, string prefix) =>
        killPoints.Where(k => k.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(k => k.Value);

    // The stable state the journal describes: each transaction of the child touches every file and an undo always
    // undoes the newest applied transaction, so the files are as after the newest applied one (the in-flight one
    // excluded), or as initially.
    private static Dictionary<string, string?> Expected(IReadOnlyList<TransactionRecord> txs, TransactionRecord? inFlight, Dictionary<string, string?> initial)
    {
        var top = txs.Where(x => x.State == TransactionState.Applied && x.Id != inFlight?.Id).OrderBy(x => x.Sequence).LastOrDefault();
        if (top is null)
        {
            return new Dictionary<string, string?>(initial, StringComparer.Ordinal);
        }

        return top.Changes.ToDictionary(c => c.Target, c => c.After.GetValueOrDefault("exists") == "true" ? c.After["sha256"] : null, StringComparer.Ordinal);
    }

    private static string? Current(HostRoot host, string path)
    {
        var real = host.Map(path);
        return File.Exists(real) ? Hash(File.ReadAllBytes(real)) : null;
    }

    private static string Hash(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
}
