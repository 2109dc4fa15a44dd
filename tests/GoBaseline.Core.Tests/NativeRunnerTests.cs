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
}
