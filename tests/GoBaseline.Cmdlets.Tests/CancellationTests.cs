using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using Xunit;

namespace GoBaseline.Cmdlets.Tests;

/// <summary>Changes PATH of the test process: runs alone.</summary>
[CollectionDefinition(nameof(PathChangingCollection), DisableParallelization = true)]
public sealed class PathChangingCollection
{
}

/// <summary>Ctrl+C / PowerShell.Stop() while a cmdlet waits on a native program: the cmdlet stops promptly and the child is killed.</summary>
[Collection(nameof(PathChangingCollection))]
public class CancellationTests
{
    [Fact]
    public void StoppingACmdletWaitingOnANativeProgramKillsItPromptly()
    {
        // A fixture root with a compiled policy, so Get-SeLinuxPermissiveDomain asks seinfo --permissive; the seinfo
        // first on PATH is a stand-in that never answers (it records its pid and becomes sleep 30).
        using var root = new FixtureRoot();
        root.Write("/etc/selinux/config", "SELINUX=enforcing\nSELINUXTYPE=targeted\n");
        root.Write("/etc/selinux/targeted/policy/policy.33", "not read by the stand-in");
        var bin = Path.Combine(root.Root, "stand-in-bin");
        Directory.CreateDirectory(bin);
        var pidFile = Path.Combine(bin, "pid");
        File.WriteAllText(Path.Combine(bin, "seinfo"), "#!/bin/sh\necho $$ > \"$(dirname \"$0\")/pid\"\nexec sleep 30\n");
        File.SetUnixFileMode(Path.Combine(bin, "seinfo"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var path = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", bin + ":" + path);
        try
        {
            using var host = new PowerShellHost();
            using var ps = host.Create();
            ps.AddCommand("Get-SeLinuxPermissiveDomain").AddParameter("Root", root.Root);
            var running = ps.BeginInvoke();
            var started = Stopwatch.StartNew();
            while (!File.Exists(pidFile) || File.ReadAllText(pidFile).Trim().Length == 0)
            {
                Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), "the cmdlet never started seinfo");
                Assert.False(running.IsCompleted, "the cmdlet finished without waiting on seinfo");
                Thread.Sleep(50);
            }

            var pid = File.ReadAllText(pidFile).Trim();
            Assert.True(Directory.Exists("/proc/" + pid), "seinfo is not running");
            var watch = Stopwatch.StartNew();
            ps.Stop();
            Assert.True(running.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(10)), "the pipeline did not end");
            watch.Stop();
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"Stop() took {watch.Elapsed.TotalSeconds:0.0} s");
            Assert.Equal(System.Management.Automation.PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            Assert.False(Directory.Exists("/proc/" + pid), $"seinfo (pid {pid}) still runs after Stop()");
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }
    }
}
