using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using GoBaseline.Core.Audit;
using GoBaseline.Core.Host;
using GoBaseline.Core.Journal;
using GoBaseline.Core.SeLinux;
using Xunit;

namespace GoBaseline.Core.Tests.Journal;

/// <summary>
/// The undo preview (ChangePlan.UndoDescription: the ShouldProcess text of Undo-BaselineChange and Restore-Baseline)
/// is what each kind's revert really does; and a target whose path goes through a symbolic link is refused.
/// </summary>
public class UndoTextAndSymlinkPathTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    // The journal's record of a change, as Undo-BaselineChange reads it back (rebuilt from kind and data).
    private static ChangeRecord Record(Change c, IDictionary<string, string?> before) => new()
    {
        Kind = c.Kind,
        Target = c.Target,
        Description = c.Description,
        Data = new SortedDictionary<string, string?>(c.Data, StringComparer.Ordinal),
        Before = new SortedDictionary<string, string?>(before, StringComparer.Ordinal),
        State = ChangeState.Applied,
    };

    [Fact]
    public void ASemanageChangePreviewsItsRevertCommand()
    {
        var c = new SemanageChange(SemanageObject.Permissive, "httpd_t", null, null, true, new NativeCommand("semanage", new[] { "permissive", "-a", "httpd_t" }), new NativeCommand("semanage", new[] { "permissive", "-d", "httpd_t" }), "default");
        Assert.Equal("semanage permissive -a httpd_t", c.Description);
        Assert.Equal("semanage permissive -d httpd_t", ChangePlan.UndoDescription(Record(c, new Dictionary<string, string?> { ["present"] = "false" })));
    }

    [Fact]
    public void ANativeChangePreviewsItsRevertCommand()
    {
        var c = new NativeCommandChange("rule", new NativeCommand("auditctl", new[] { "-a", "always,exit", "-S", "execve" }), new NativeCommand("auditctl", new[] { "-d", "always,exit", "-S", "execve" }));
        Assert.Equal("auditctl -d always,exit -S execve", ChangePlan.UndoDescription(Record(c, new Dictionary<string, string?>())));
    }

    [Fact]
    public void TheSeLinuxModeChangePreviewsTheFileItRestoresAndTheReboot()
    {
        var c = new SeLinuxModeChange("SELINUX=enforcing\nSELINUXTYPE=default\n", GoBaseline.SeLinuxMode.Permissive);
        var text = ChangePlan.UndoDescription(Record(c, new Dictionary<string, string?> { ["exists"] = "true", ["type"] = "RegularFile", ["sha256"] = "0123456789abcdef0123", ["mode"] = "0644", ["uid"] = "0", ["gid"] = "0" }));
        Assert.Equal("Restore /etc/selinux/config as it was before (sha256 0123456789ab, mode 0644, owner 0:0) (takes effect at the next boot)", text);
        Assert.DoesNotContain("Revert:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditChangesPreviewTheAuditctlCallsOfTheirRevert()
    {
        var live = new ChangeRecord { Kind = AuditLiveRulesChange.KindName, Target = "kernel audit rules", Description = "auditctl -a always,exit -F arch=b64 -S execve -k go", Data = new(StringComparer.Ordinal) { ["ops"] = "[]" }, Before = new(StringComparer.Ordinal) { ["listing"] = "-a always,exit -F arch=b64 -S execve -F key=a\n-w /etc/go -p wa -k b\n" } };
        Assert.Equal("auditctl -D; auditctl -R <the 2 rule(s) the kernel listed before>", ChangePlan.UndoDescription(live));
        live.Before["listing"] = "No rules\n";
        Assert.Equal("auditctl -D (there were no rules before)", ChangePlan.UndoDescription(live));

        var aug = new ChangeRecord { Kind = AugenrulesLoadChange.KindName, Target = AuditRuleSources.GeneratedFile, Description = "augenrules --load", Data = new(StringComparer.Ordinal), Before = new(StringComparer.Ordinal) { ["rules.exists"] = "false", ["prev.exists"] = "false", ["listing"] = "No rules\n", ["status.backlog_limit"] = "8192" } };
        Assert.Equal($"Delete {AuditRuleSources.GeneratedFile} (it did not exist before); Delete {AuditRuleSources.GeneratedFile}.prev (it did not exist before); auditctl -D (there were no rules before); auditctl -b 8192", ChangePlan.UndoDescription(aug));
    }

    [Fact]
    public void FileAndXattrChangesPreviewWhatTheirRevertRestores()
    {
        Assert.Equal("Delete /etc/new.conf (it did not exist before)", ChangePlan.UndoDescription(Record(new FileWriteChange("/etc/new.conf", B("x")), new Dictionary<string, string?> { ["exists"] = "false" })));
        var label = new XattrChange("/usr/local/bin/app", "security.selinux", B("system_u:object_r:bin_t:s0"));
        Assert.Equal("setfattr -h -n security.selinux -v system_u:object_r:usr_t:s0 /usr/local/bin/app", ChangePlan.UndoDescription(Record(label, new Dictionary<string, string?> { ["exists"] = "true", ["value"] = Convert.ToBase64String(B("system_u:object_r:usr_t:s0\0")) })));
        Assert.Equal("setfattr -h -x security.selinux /usr/local/bin/app", ChangePlan.UndoDescription(Record(label, new Dictionary<string, string?> { ["exists"] = "true", ["value"] = null })));
        var unknown = new ChangeRecord { Kind = "no.such.kind", Target = "t", Description = "something" };
        Assert.Equal("Revert: something", ChangePlan.UndoDescription(unknown));
    }

    [Fact]
    public void AWriteThroughASymlinkedDirectoryIsRefusedAndWritesNothing()
    {
        using var t = new TempTree();
        t.Dir("/elsewhere");
        t.Dir("/etc");
        t.Link("/etc/profile.d", "../elsewhere");
        var host = new HostRoot(t.Root);
        using var j = ChangeJournal.OpenWrite(host);
        var ex = Assert.Throws<GoBaselineException>(() => j.Run(new Change[] { new FileWriteChange("/etc/profile.d/x.sh", B("export A=1\n")) }, new TransactionOptions()));
        var inner = Assert.IsType<GoBaselineException>(ex.InnerException);
        Assert.Equal(ErrorIds.SymlinkRefused, inner.ErrorId);
        Assert.Contains("/etc/profile.d is a symbolic link to ../elsewhere", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(t.Root + "/elsewhere"));

        // The same for a deletion and a new directory below the link.
        t.Write("/elsewhere/old.sh", "old\n");
        var del = Assert.Throws<GoBaselineException>(() => j.Run(new Change[] { new FileDeleteChange("/etc/profile.d/old.sh") }, new TransactionOptions()));
        Assert.Equal(ErrorIds.SymlinkRefused, ((GoBaselineException)del.InnerException!).ErrorId);
        Assert.Equal("old\n", File.ReadAllText(t.Root + "/elsewhere/old.sh"));
        var mk = Assert.Throws<GoBaselineException>(() => j.Run(new Change[] { new DirectoryCreateChange("/etc/profile.d/sub") }, new TransactionOptions()));
        Assert.Equal(ErrorIds.SymlinkRefused, ((GoBaselineException)mk.InnerException!).ErrorId);
        Assert.False(Directory.Exists(t.Root + "/elsewhere/sub"));

        // A caller that named the path and asked to follow links still can.
        Assert.True(j.Run(new Change[] { new FileWriteChange("/etc/profile.d/x.sh", B("export A=1\n"), followSymlink: true) }, new TransactionOptions()).Changed);
        Assert.Equal("export A=1\n", File.ReadAllText(t.Root + "/elsewhere/x.sh"));
    }

    [Fact]
    public void ASymlinkHigherUpTheTargetPathIsRefusedToo()
    {
        using var t = new TempTree();
        t.Dir("/real/systemd/system");
        t.Link("/etc", "/real");
        var host = new HostRoot(t.Root);
        using var j = ChangeJournal.OpenWrite(host);
        var ex = Assert.Throws<GoBaselineException>(() => j.Run(new Change[] { new FileWriteChange("/etc/systemd/system/x.conf", B("x\n")) }, new TransactionOptions()));
        Assert.Contains("/etc is a symbolic link to /real", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(t.Root + "/real/systemd/system/x.conf"));
    }
}
