using System;
using GoBaseline.Core.Host;
using Xunit;

namespace GoBaseline.Core.Tests;

public class NativeRunnerTests
{
    [Fact]
    public void PassesArgumentsExactlyWithoutAShell()
    {
        var r = NativeRunner.Default.Run(new NativeCommand("printf", new[] { "%s|", "a b", "$HOME", "'q'", ";ls" }));
        Assert.Equal("a b|$HOME|'q'|;ls|", r.StandardOutput);
    }

    [Fact]
    public void RunsWithTheCLocale()
    {
        var r = NativeRunner.Default.Run(new NativeCommand("sh", new[] { "-c", "echo $LC_ALL" }));
        Assert.Equal("C\n", r.StandardOutput);
    }

    [Fact]
    public void AMissingProgramNamesItsPackage()
    {
        var ex = Assert.Throws<NativeCommandException>(() => NativeRunner.Default.Run(new NativeCommand("no-such-program-gb", Array.Empty<string>(), "gb-package")));
        Assert.Equal(ErrorIds.NativeCommandNotFound, ex.ErrorId);
        Assert.Contains("apt-get install gb-package", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonZeroExitCarriesStderr()
    {
        var ex = Assert.Throws<NativeCommandException>(() => NativeRunner.Default.Run(new NativeCommand("sh", new[] { "-c", "echo boom >&2; exit 3" })));
        Assert.Equal(ErrorIds.NativeCommandFailed, ex.ErrorId);
        Assert.Equal(3, ex.Result!.ExitCode);
        Assert.Contains("boom", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StderrFailsWhenAsked()
    {
        var cmd = new NativeCommand("sh", new[] { "-c", "echo warn >&2" }) { FailOnStderr = true };
        Assert.Throws<NativeCommandException>(() => NativeRunner.Default.Run(cmd));
    }

    [Fact]
    public void ATimeoutKillsTheChild()
    {
        var cmd = new NativeCommand("sleep", new[] { "30" }) { Timeout = TimeSpan.FromMilliseconds(300) };
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var ex = Assert.Throws<NativeCommandException>(() => NativeRunner.Default.Run(cmd));
        Assert.Equal(ErrorIds.NativeCommandTimedOut, ex.ErrorId);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void LargeOutputOnBothStreamsDoesNotDeadlock()
    {
        var r = NativeRunner.Default.Run(new NativeCommand("sh", new[] { "-c", "head -c 300000 /dev/zero | tr '\\0' a; head -c 300000 /dev/zero | tr '\\0' b >&2" }));
        Assert.Equal(300000, r.StandardOutput.Length);
        Assert.Equal(300000, r.StandardError.Length);
    }

    [Fact]
    public void CommandLineQuotesForTheShell()
    {
        Assert.Equal("auditctl -a always,exit -F arch=b64 -S execve -k go_exec", new NativeCommand("auditctl", new[] { "-a", "always,exit", "-F", "arch=b64", "-S", "execve", "-k", "go_exec" }).CommandLine);
        Assert.Equal("echo 'a b' 'it'\\''s'", new NativeCommand("echo", new[] { "a b", "it's" }).CommandLine);
    }

    // sh records its pid and execs sleep 30 in place, so the pid is the sleeping child's.
    private static (NativeCommand Command, string PidFile) SleepThirty()
    {
        var pidFile = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gb-runner-" + Guid.NewGuid().ToString("N"));
        return (new NativeCommand("sh", new[] { "-c", "echo $$ > \"$1\"; exec sleep 30", "sh", pidFile }), pidFile);
    }

    private static void AssertStoppedPromptlyAndKilled(Action<System.Threading.CancellationToken> run)
    {
        using var cts = new System.Threading.CancellationTokenSource();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        cts.CancelAfter(TimeSpan.FromMilliseconds(500));
        Assert.ThrowsAny<OperationCanceledException>(() => run(cts.Token));
        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"cancellation took {watch.Elapsed.TotalSeconds:0.0} s");
    }

    private static void AssertGone(string pidFile)
    {
        var pid = System.IO.File.ReadAllText(pidFile).Trim();
        System.IO.File.Delete(pidFile);
        Assert.False(System.IO.Directory.Exists("/proc/" + pid), $"sleep (pid {pid}) still runs after the cancellation");
    }

    [Fact]
    public void CancellingARunningCallReturnsPromptlyAndKillsTheChild()
    {
        var (cmd, pidFile) = SleepThirty();
        AssertStoppedPromptlyAndKilled(token => NativeRunner.Default.Run(cmd, token));
        AssertGone(pidFile);
    }

    [Fact]
    public void ARunnerBoundToAStoppingTokenCancelsCallsThatPassNone()
    {
        var (cmd, pidFile) = SleepThirty();
        AssertStoppedPromptlyAndKilled(token => NativeRunner.Default.WithCancellation(token).Run(cmd, System.Threading.CancellationToken.None));
        AssertGone(pidFile);

        // Its own token still works too, linked with the bound one.
        var (cmd2, pidFile2) = SleepThirty();
        AssertStoppedPromptlyAndKilled(token => NativeRunner.Default.WithCancellation(new System.Threading.CancellationTokenSource().Token).Run(cmd2, token));
        AssertGone(pidFile2);
    }
}
