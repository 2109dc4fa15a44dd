using System;
using System.IO;
using System.Linq;
using GoBaseline.Core.Audit.Log;
using GoBaseline.Core.Host;
using GoBaseline.Core.Host.Native;
using Xunit;
using Xunit.Abstractions;

namespace GoBaseline.Core.Tests.Audit;

/// <summary>
/// Generates a fresh real log on this machine (audit rules keyed gb_logtest_*, a mixed workload) and requires the
/// same answers as ausearch and aureport on it. Live rules are shared: the test holds /tmp/gobaseline-audit.lock
/// while its rules are loaded and checks that the rules it found are back afterwards.
/// </summary>
public class LiveAuditLogTests
{
    private readonly ITestOutputHelper _out;

    public LiveAuditLogTests(ITestOutputHelper output)
    {
        _out = output;
    }

    [Fact]
    public void FreshlyGeneratedLogGivesTheSameAnswersAsAusearchAndAureport()
    {
        Assert.True(LibC.GetEuid() == 0, "loading audit rules needs root (build.ps1 Test runs as root and starts auditd)");
        using var tree = new TempTree();
        var log = Path.Combine(tree.Dir("/logs"), "audit.log");
        var script = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "tests", "tools", "audit-workload.sh"));
        string rulesBefore;
        string rulesAfter;
        using (var lockFile = new FileStream("/tmp/gobaseline-audit.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            LibC.Flock(lockFile.SafeFileHandle, exclusive: true, wait: true, "/tmp/gobaseline-audit.lock");
            try
            {
                rulesBefore = NativeRunner.Default.Run(new NativeCommand("auditctl", new[] { "-l" }, "auditd")).StandardOutput;
                var run = NativeRunner.Default.Run(new NativeCommand("bash", new[] { script, log }, null, TimeSpan.FromMinutes(2)) { SuccessExitCodes = new[] { 0, 1, 2, 3 } });
                _out.WriteLine(run.StandardError);
                Assert.Equal(0, run.ExitCode);
                rulesAfter = NativeRunner.Default.Run(new NativeCommand("auditctl", new[] { "-l" }, "auditd")).StandardOutput;
            }
            finally
            {
                LibC.Flock(lockFile.SafeFileHandle, exclusive: false, wait: true, "/tmp/gobaseline-audit.lock");
            }
        }

        Assert.Equal(rulesBefore, rulesAfter);
        Assert.DoesNotContain("gb_logtest", rulesAfter, StringComparison.Ordinal);

        var queries = new[]
        {
            new[] { "-k", "gb_logtest_denied" },
            new[] { "-k", "gb_logtest_net" },
            new[] { "-k", "gb_logtest_watch" },
            new[] { "-sv", "no" },
            new[] { "-sc", "connect" },
            new[] { "-ui", "65534" },
        };
        var search = new AuditLogSearch(HostRoot.Live);
        var total = 0;
        foreach (var q in queries)
        {
            var expected = AuditReference.AusearchIds(log, q);
            var query = q[0] switch
            {
                "-k" => new AuditQuery { Keys = new[] { q[1] } },
                "-sv" => new AuditQuery { Success = false },
                "-sc" => new AuditQuery { Syscalls = new[] { q[1] } },
                _ => new AuditQuery { Uids = new System.Collections.Generic.HashSet<long> { 65534 } },
            };
            var actual = search.Search(new[] { log }, query).Select(AuditReference.Id).Distinct().ToList();
            _out.WriteLine($"{string.Join(' ', q)}: ausearch {expected.Count}, ours {actual.Count}");
            Assert.NotEmpty(expected);
            Assert.Equal(expected.OrderBy(x => x, StringComparer.Ordinal), actual.OrderBy(x => x, StringComparer.Ordinal));
            total += expected.Count;
        }

        var summary = AuditReference.AureportSummary(log);
        var ours = search.Report(new[] { log }, new AuditQuery(), GoBaseline.AuditReportKind.Summary, null, false).ToSummary(0);
        Assert.Equal(summary["Number of events"], ours.Events);
        Assert.Equal(summary["Number of failed syscalls"], ours.FailedSyscalls);
        Assert.Equal(summary["Number of keys"], ours.Keys);
        Assert.Equal(summary["Number of files"], ours.Files);
        Assert.Equal(summary["Number of process IDs"], ours.ProcessIds);
        Assert.Equal(summary["Number of executables"], ours.Executables);
        Assert.True(total > 20);
    }
}
