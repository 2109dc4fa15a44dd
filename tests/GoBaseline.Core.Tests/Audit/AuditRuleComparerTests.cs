using System.Linq;
using GoBaseline.Core.Audit;
using Xunit;

namespace GoBaseline.Core.Tests.Audit;

public sealed class AuditRuleComparerTests
{
    private static readonly FakeAuditEnvironment Env = new();

    private static GoBaseline.AuditRule[] P(string text, string origin = "File") => AuditRules.Parse(text, "/f.rules", Env, origin).ToArray();

    [Fact]
    public void ThreeWayStatusesByMeaning()
    {
        var desired = P("-a always,exit -F arch=b64 -S execve,execveat -k go_exec\n-a always,exit -F arch=b32 -S execve -k go_exec\n-w /etc/environment -p wa -k go_env\n");
        var persistent = P("-a exit,always -F arch=b64 -S execveat -S execve -F key=go_exec\n-w /etc/environment -p wa -k go_env\n-a always,exit -F arch=b64 -S kill -k extra\n");
        var live = P("-a always,exit -F arch=b64 -S execve,execveat -F key=go_exec\n", "Live");
        var d = AuditRuleComparer.Compare(desired, persistent, live).ToDictionary(x => x.Text, x => x.Status);
        Assert.Equal("InSync", d["-a always,exit -F arch=b64 -S execve,execveat -F key=go_exec"]);
        Assert.Equal("Missing", d["-a always,exit -F arch=b32 -S execve -F key=go_exec"]);
        Assert.Equal("MissingLive", d["-w /etc/environment -p wa -k go_env"]);
        Assert.Equal("NotDesired", d["-a always,exit -F arch=b64 -S kill -F key=extra"]);
    }

    [Fact]
    public void SwappingANeverAndAnAlwaysRuleIsReportedOtherOrdersAreNot()
    {
        var persistent = P("-a never,exit -F arch=b64 -S execve -F auid=1000\n-a always,exit -F arch=b64 -S execve -k go_exec\n-a always,exit -F arch=b64 -S kill -k k\n");
        var swapped = P("-a always,exit -F arch=b64 -S execve -k go_exec\n-a never,exit -F arch=b64 -S execve -F auid=1000\n-a always,exit -F arch=b64 -S kill -k k\n", "Live");
        var d = AuditRuleComparer.Compare(null, persistent, swapped).ToDictionary(x => x.Text, x => x.Status);
        Assert.Equal("OrderDiffers", d["-a never,exit -F arch=b64 -S execve -F auid=1000"]);
        Assert.Equal("OrderDiffers", d["-a always,exit -F arch=b64 -S execve -F key=go_exec"]);
        Assert.Equal("InSync", d["-a always,exit -F arch=b64 -S kill -F key=k"]);
        var alwaysOnlySwapped = P("-a never,exit -F arch=b64 -S execve -F auid=1000\n-a always,exit -F arch=b64 -S kill -k k\n-a always,exit -F arch=b64 -S execve -k go_exec\n", "Live");
        Assert.All(AuditRuleComparer.Compare(null, persistent, alwaysOnlySwapped), x => Assert.Equal("InSync", x.Status));
    }

    [Fact]
    public void WithoutADesiredSetPersistentOnlyIsNotLoadedAndLiveOnlyIsNotPersisted()
    {
        var persistent = P("-w /etc/environment -p wa -k go_env\n-a always,exit -F arch=b64 -S execve -k go_exec\n");
        var live = P("-a always,exit -F arch=b64 -S execve -k go_exec\n-a always,exit -F arch=b64 -S kill -k k\n", "Live");
        var d = AuditRuleComparer.Compare(null, persistent, live).ToDictionary(x => x.Text, x => x.Status);
        Assert.Equal("NotLoaded", d["-w /etc/environment -p wa -k go_env"]);
        Assert.Equal("InSync", d["-a always,exit -F arch=b64 -S execve -F key=go_exec"]);
        Assert.Equal("NotPersisted", d["-a always,exit -F arch=b64 -S kill -F key=k"]);
        var withDesired = AuditRuleComparer.Compare(P("-a always,exit -F arch=b64 -S kill -k k\n"), persistent, live).ToDictionary(x => x.Text, x => x.Status);
        Assert.Equal("MissingPersistent", withDesired["-a always,exit -F arch=b64 -S kill -F key=k"]);
    }

    [Fact]
    public void DesiredOrderIsComparedWithPersistentAndTheUnreadKernelIsNotChecked()
    {
        // The reviewer's case: desired has the never rule first, the persistent file the always rule first, no kernel read.
        var desired = P("-a never,exit -F arch=b64 -S execve -F exe=/usr/bin/ls\n-a always,exit -F arch=b64 -S execve -k go_exec\n");
        var persistent = P("-a always,exit -F arch=b64 -S execve -k go_exec\n-a never,exit -F arch=b64 -S execve -F exe=/usr/bin/ls\n");
        var d = AuditRuleComparer.Compare(desired, persistent, null).ToDictionary(x => x.Text, x => x.Status);
        Assert.Equal("OrderDiffers", d["-a never,exit -F arch=b64 -S execve -F exe=/usr/bin/ls"]);
        Assert.Equal("OrderDiffers", d["-a always,exit -F arch=b64 -S execve -F key=go_exec"]);
        var same = AuditRuleComparer.Compare(desired, desired, null);
        Assert.All(same, x => Assert.Equal(AuditRuleComparer.LiveNotChecked, x.Status));
        Assert.All(same, x => Assert.False(x.InLive));
        // Desired against live (persistent in the desired order): the kernel's order is compared too.
        var liveSwapped = P("-a always,exit -F arch=b64 -S execve -k go_exec\n-a never,exit -F arch=b64 -S execve -F exe=/usr/bin/ls\n", "Live");
        var l = AuditRuleComparer.Compare(desired, desired, liveSwapped).ToDictionary(x => x.Text, x => x.Status);
        Assert.Equal("OrderDiffers", l["-a never,exit -F arch=b64 -S execve -F exe=/usr/bin/ls"]);
        Assert.All(AuditRuleComparer.Compare(desired, desired, P("-a never,exit -F arch=b64 -S execve -F exe=/usr/bin/ls\n-a always,exit -F arch=b64 -S execve -k go_exec\n", "Live")), x => Assert.Equal("InSync", x.Status));
    }
}
