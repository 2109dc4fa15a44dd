using System;
using System.IO;
using System.Linq;
using System.Text;
using GoBaseline.Core.Host;
using GoBaseline.Core.Journal;
using Xunit;

namespace GoBaseline.Core.Tests.Journal;

public class ChangeJournalTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void ApplyRecordsAndUndoRestoresByteForByteWithModeOwnerAndLabel()
    {
        using var t = new TempTree();
        var real = t.Write("/etc/environment", "PATH=/usr/bin\n");
        File.SetUnixFileMode(real, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        File.SetAttributes(real, FileAttributes.Normal);
        Host.Native.LibC.SetXattr(real, "security.selinux", B("system_u:object_r:etc_t:s0\0"));
        Host.Native.LibC.Chown(real, 0, 4);
        var host = new HostRoot(t.Root);

        TransactionResult result;
        using (var j = ChangeJournal.OpenWrite(host))
        {
            result = j.Run(new Change[] { new FileWriteChange("/etc/environment", B("PATH=/usr/bin\nGO111MODULE=on\n")) }, new TransactionOptions { Summary = "test" });
        }

        Assert.True(result.Changed);
        Assert.Equal("PATH=/usr/bin\nGO111MODULE=on\n", File.ReadAllText(real));
        var st = host.Stat("/etc/environment")!;
        Assert.Equal("0640", st.OctalMode);
        Assert.Equal(4u, st.Gid);
        Assert.Equal("system_u:object_r:etc_t:s0", host.GetXattrText("/etc/environment", "security.selinux"));
        Assert.Empty(Directory.GetFiles(t.Root + "/etc", ".*"));

        using (var j = ChangeJournal.OpenWrite(host))
        {
            j.Undo(result.Transaction!.Id, null, force: false);
            Assert.Equal(TransactionState.RolledBack, j.Load(result.Transaction.Id)!.State);
        }

        Assert.Equal("PATH=/usr/bin\n", File.ReadAllText(real));
        Assert.Equal("0640", host.Stat("/etc/environment")!.OctalMode);
        Assert.Equal("system_u:object_r:etc_t:s0", host.GetXattrText("/etc/environment", "security.selinux"));
        var journalDir = host.Map(ChangeJournal.DefaultDirectory);
        Assert.Equal("0700", host.Stat(ChangeJournal.DefaultDirectory)!.OctalMode);
        Assert.True(File.Exists(Path.Combine(journalDir, "tx-" + result.Transaction.Id + ".json")));
    }

    [Fact]
    public void ASecondRunChangesNothing()
    {
        using var t = new TempTree();
        t.Dir("/etc/profile.d");
        var host = new HostRoot(t.Root);
        using var j = ChangeJournal.OpenWrite(host);
        var c = new FileWriteChange("/etc/profile.d/go.sh", B("export GO111MODULE=on\n"));
        Assert.True(j.Run(new Change[] { c }, new TransactionOptions()).Changed);
        var second = j.Run(new Change[] { new FileWriteChange("/etc/profile.d/go.sh", B("export GO111MODULE=on\n")) }, new TransactionOptions());
        Assert.False(second.Changed);
        Assert.Single(second.Skipped);
        Assert.Single(j.List());
    }

    [Fact]
    public void AFailureMidwayRollsBackWhatWasApplied()
    {
        using var t = new TempTree();
        var a = t.Write("/etc/a.conf", "old a\n");
        t.Dir("/etc/b.conf"); // a directory where a file should be written: the second change fails for real
        var host = new HostRoot(t.Root);
        using var j = ChangeJournal.OpenWrite(host);
        var ex = Assert.Throws<GoBaselineException>(() => j.Run(new Change[]
        {
            new FileWriteChange("/etc/a.conf", B("new a\n")),
            new FileWriteChange("/etc/b.conf", B("new b\n")),
        }, new TransactionOptions()));
        Assert.Equal(ErrorIds.ChangeFailed, ex.ErrorId);
        Assert.Equal("old a\n", File.ReadAllText(a));
        var tx = j.List().Single();
        Assert.Equal(TransactionState.Failed, tx.State);
        Assert.Equal(ChangeState.Reverted, tx.Changes[0].State);
        Assert.Equal(ChangeState.Failed, tx.Changes[1].State);
    }

    [Fact]
    public void UndoRefusesAfterSomeoneElsesEditUnlessForced()
    {
        using var t = new TempTree();
        var f = t.Write("/etc/x.conf", "v1\n");
        var host = new HostRoot(t.Root);
        using var j = ChangeJournal.OpenWrite(host);
        var r = j.Run(new Change[] { new FileWriteChange("/etc/x.conf", B("v2\n")) }, new TransactionOptions());
        File.WriteAllText(f, "v3 by someone else\n");
        var ex = Assert.Throws<GoBaselineException>(() => j.Undo(r.Transaction!.Id, null, force: false));
        Assert.Equal(ErrorIds.ChangeDrifted, ex.ErrorId);
        Assert.Contains("/etc/x.conf", ex.Message, StringComparison.Ordinal);
        Assert.Equal("v3 by someone else\n", File.ReadAllText(f));
        j.Undo(r.Transaction!.Id, null, force: true);
        Assert.Equal("v1\n", File.ReadAllText(f));
    }

    [Fact]
    public void NewFilesAreRemovedOnUndoAndSymlinksAreRefused()
    {
        using var t = new TempTree();
        t.Write("/etc/real.conf", "real\n");
        t.Link("/etc/link.conf", "/etc/real.conf");
        var host = new HostRoot(t.Root);
        using var j = ChangeJournal.OpenWrite(host);
        var r = j.Run(new Change[] { new FileWriteChange("/etc/new.conf", B("n\n")) }, new TransactionOptions());
        j.Undo(r.Transaction!.Id, null, false);
        Assert.False(File.Exists(t.Root + "/etc/new.conf"));
        var ex = Assert.Throws<GoBaselineException>(() => j.Run(new Change[] { new FileWriteChange("/etc/link.conf", B("x\n")) }, new TransactionOptions()));
        Assert.Equal(ErrorIds.ChangeFailed, ex.ErrorId);
        Assert.Equal(ErrorIds.SymlinkRefused, ((GoBaselineException)ex.InnerException!).ErrorId);
        Assert.Equal("real\n", File.ReadAllText(t.Root + "/etc/real.conf"));
    }

    [Fact]
    public void ASecondWriterWaitsThenFailsClearly()
    {
        using var t = new TempTree();
        var host = new HostRoot(t.Root);
        using var first = ChangeJournal.OpenWrite(host);
        var ex = Assert.Throws<GoBaselineException>(() => ChangeJournal.OpenWrite(host, lockTimeout: TimeSpan.FromMilliseconds(200)));
        Assert.Equal(ErrorIds.JournalBusy, ex.ErrorId);
        Assert.Contains($"process {Environment.ProcessId}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RebootBoundChangesNeedConsent()
    {
        using var t = new TempTree();
        var host = new HostRoot(t.Root);
        using var j = ChangeJournal.OpenWrite(host);
        var c = new NativeCommandChange("kernel", new NativeCommand("true", Array.Empty<string>()), new NativeCommand("true", Array.Empty<string>()), reversibility: Reversibility.RebootBound);
        var ex = Assert.Throws<GoBaselineException>(() => j.Run(new Change[] { c }, new TransactionOptions()));
        Assert.Equal(ErrorIds.ExplicitConsentRequired, ex.ErrorId);
        Assert.True(j.Run(new Change[] { c }, new TransactionOptions { AllowIrreversible = true }).Changed);
    }

    [Fact]
    public void AnInterruptedTransactionIsRolledBackByTheNextWriter()
    {
        using var t = new TempTree();
        var f = t.Write("/etc/y.conf", "before\n");
        var host = new HostRoot(t.Root);
        string id;
        using (var j = ChangeJournal.OpenWrite(host))
        {
            id = j.Run(new Change[] { new FileWriteChange("/etc/y.conf", B("after\n")) }, new TransactionOptions()).Transaction!.Id;
        }

        // Simulate a crash right after the change was applied but before the transaction was marked done.
        var path = Path.Combine(host.Map(ChangeJournal.DefaultDirectory), "tx-" + id + ".json");
        var json = File.ReadAllText(path);
        var at = json.IndexOf("\"State\": \"Applied\"", StringComparison.Ordinal);
        File.WriteAllText(path, json[..at] + "\"State\": \"Pending\"" + json[(at + "\"State\": \"Applied\"".Length)..]);
        File.WriteAllText(t.Root + "/etc/.y.conf" + AtomicFile.TempMarker + "abc", "half");
        using (var j = ChangeJournal.OpenWrite(host))
        {
            Assert.Single(j.Recovered);
            Assert.Equal(TransactionState.Interrupted, j.Load(id)!.State);
        }

        Assert.Equal("before\n", File.ReadAllText(f));
        Assert.False(File.Exists(t.Root + "/etc/.y.conf" + AtomicFile.TempMarker + "abc"));
    }

    [Fact]
    public void CheckpointsNameAPointToReturnTo()
    {
        using var t = new TempTree();
        t.Write("/etc/z.conf", "0\n");
        var host = new HostRoot(t.Root);
        using var j = ChangeJournal.OpenWrite(host);
        j.Run(new Change[] { new FileWriteChange("/etc/z.conf", B("1\n")) }, new TransactionOptions());
        j.Checkpoint("before-risky");
        j.Run(new Change[] { new FileWriteChange("/etc/z.conf", B("2\n")) }, new TransactionOptions());
        j.Run(new Change[] { new FileWriteChange("/etc/z.conf", B("3\n")) }, new TransactionOptions());
        var since = j.Since("before-risky");
        Assert.Equal(2, since.Count);
        foreach (var tx in since)
        {
            j.Undo(tx.Id, null, false);
        }

        Assert.Equal("1\n", File.ReadAllText(t.Root + "/etc/z.conf"));
    }

    [Fact]
    public void NativeCommandPairsRunAndRevert()
    {
        using var t = new TempTree();
        var marker = t.Root + "/marker";
        var host = new HostRoot(t.Root);
        using var j = ChangeJournal.OpenWrite(host);
        var c = new NativeCommandChange("marker", new NativeCommand("touch", new[] { marker }), new NativeCommand("rm", new[] { "-f", marker }), new NativeCommand("ls", new[] { t.Root }));
        var r = j.Run(new Change[] { c }, new TransactionOptions());
        Assert.True(File.Exists(marker));
        j.Undo(r.Transaction!.Id, null, false);
        Assert.False(File.Exists(marker));
    }

    // A command pair without a probe captures no state: its before and current snapshots are both empty, so a
    // comparison cannot show whether the apply took effect. The rollback must run the revert anyway.
    [Fact]
    public void ANativeChangeWithoutProbeIsRevertedWhenALaterChangeFails()
    {
        using var t = new TempTree();
        var marker = t.Root + "/marker";
        t.Dir("/etc/b.conf"); // a directory where a file should be written: the second change fails for real
        var host = new HostRoot(t.Root);
        using var j = ChangeJournal.OpenWrite(host);
        var ex = Assert.Throws<GoBaselineException>(() => j.Run(new Change[]
        {
            new NativeCommandChange("marker", new NativeCommand("touch", new[] { marker }), new NativeCommand("rm", new[] { marker })),
            new FileWriteChange("/etc/b.conf", B("new b\n")),
        }, new TransactionOptions()));
        Assert.Equal(ErrorIds.ChangeFailed, ex.ErrorId);
        Assert.False(File.Exists(marker), "the revert command (rm) was not run");
        var tx = j.List().Single();
        Assert.Equal(TransactionState.Failed, tx.State);
        Assert.Equal(ChangeState.Reverted, tx.Changes[0].State);
        Assert.Contains("No drift check was possible", tx.Changes[0].Note, StringComparison.Ordinal);
        Assert.Equal(ChangeState.Failed, tx.Changes[1].State);
    }

    [Fact]
    public void ANativeChangeWithoutProbeWhoseCommandFailedIsNotReverted()
    {
        using var t = new TempTree();
        var reverted = t.Root + "/reverted";
        var host = new HostRoot(t.Root);
        using var j = ChangeJournal.OpenWrite(host);
        Assert.Throws<GoBaselineException>(() => j.Run(new Change[]
        {
            new NativeCommandChange("fails", new NativeCommand("false", Array.Empty<string>()), new NativeCommand("touch", new[] { reverted })),
        }, new TransactionOptions()));
        Assert.False(File.Exists(reverted), "the revert of a command that failed was run");
        var rec = j.List().Single().Changes.Single();
        Assert.Equal(ChangeState.Failed, rec.State);
        Assert.Contains("was not run", rec.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Applied")]
    [InlineData("Applying")]
    public void RecoveryRunsTheRevertOfANativeChangeWithoutProbe(string changeState)
    {
        using var t = new TempTree();
        var marker = t.Root + "/marker";
        var host = new HostRoot(t.Root);
        string id;
        using (var j = ChangeJournal.OpenWrite(host))
        {
            id = j.Run(new Change[] { new NativeCommandChange("marker", new NativeCommand("touch", new[] { marker }), new NativeCommand("rm", new[] { marker })) }, new TransactionOptions()).Transaction!.Id;
        }

        Assert.True(File.Exists(marker));

        // Simulate a kill while the transaction was in flight: after the command ran (Applied), or during it (Applying).
        var path = Path.Combine(host.Map(ChangeJournal.DefaultDirectory), "tx-" + id + ".json");
        var json = File.ReadAllText(path);
        var txState = json.IndexOf("\"State\": \"Applied\"", StringComparison.Ordinal);
        json = json[..txState] + "\"State\": \"Pending\"" + json[(txState + "\"State\": \"Applied\"".Length)..];
        var recState = json.IndexOf("\"State\": \"Applied\"", StringComparison.Ordinal);
        json = json[..recState] + $"\"State\": \"{changeState}\"" + json[(recState + "\"State\": \"Applied\"".Length)..];
        File.WriteAllText(path, json);

        using (var j = ChangeJournal.OpenWrite(host))
        {
            Assert.Single(j.Recovered);
            var tx = j.Load(id)!;
            Assert.Equal(TransactionState.Interrupted, tx.State);
            Assert.Equal(ChangeState.Reverted, tx.Changes[0].State);
            Assert.Null(tx.RollbackError);
            Assert.Contains("No drift check was possible", tx.Changes[0].Note, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(marker), "recovery did not run the revert command (rm)");
    }

    [Fact]
    public void AnXattrChangeIsRolledBackWhenALaterChangeFails()
    {
        using var t = new TempTree();
        var f = t.Write("/etc/labelled.conf", "x\n");
        var g = t.Write("/etc/unlabelled.conf", "y\n");
        Host.Native.LibC.SetXattr(f, "user.gobaseline", B("old"));
        t.Dir("/etc/b.conf");
        var host = new HostRoot(t.Root);
        using var j = ChangeJournal.OpenWrite(host);
        Assert.Throws<GoBaselineException>(() => j.Run(new Change[]
        {
            new XattrChange("/etc/labelled.conf", "user.gobaseline", B("new")),
            new XattrChange("/etc/unlabelled.conf", "user.gobaseline", B("new")),
            new FileWriteChange("/etc/b.conf", B("new b\n")),
        }, new TransactionOptions()));
        Assert.Equal("old", Encoding.UTF8.GetString(Host.Native.LibC.GetXattr(f, "user.gobaseline", followSymlinks: false)!));
        Assert.Null(Host.Native.LibC.GetXattr(g, "user.gobaseline", followSymlinks: false));
        var tx = j.List().Single();
        Assert.Equal(new[] { ChangeState.Reverted, ChangeState.Reverted, ChangeState.Failed }, tx.Changes.Select(c => c.State));

        // And an applied xattr change undoes to the value before.
        var r = j.Run(new Change[] { new XattrChange("/etc/labelled.conf", "user.gobaseline", B("newer")) }, new TransactionOptions());
        Assert.Equal("newer", Encoding.UTF8.GetString(Host.Native.LibC.GetXattr(f, "user.gobaseline", followSymlinks: false)!));
        j.Undo(r.Transaction!.Id, null, force: false);
        Assert.Equal("old", Encoding.UTF8.GetString(Host.Native.LibC.GetXattr(f, "user.gobaseline", followSymlinks: false)!));
    }
}
