using System.Linq;
using GoBaseline.Core.Audit;
using GoBaseline.Core.Host;
using Xunit;

namespace GoBaseline.Core.Tests.Audit;

public sealed class AuditRulePlannerTests
{
    private static readonly FakeAuditEnvironment Env = new();

    private static GoBaseline.AuditRule R(string text) => AuditRules.ParseOne(text, Env);

    [Fact]
    public void ArgumentsAddAndDelete()
    {
        var r = R("-a exit,always -F arch=b64 -S execve -k go_exec");
        Assert.Equal(new[] { "-a", "always,exit", "-F", "arch=b64", "-S", "execve", "-F", "key=go_exec" }, AuditRulePlanner.Arguments(r, delete: false));
        Assert.Equal(new[] { "-d", "always,exit", "-F", "arch=b64", "-S", "execve", "-F", "key=go_exec" }, AuditRulePlanner.Arguments(r, delete: true));
        var w = R("-w /etc/profile.d/ -p wa -k go_env");
        Assert.Equal(new[] { "-W", "/etc/profile.d", "-p", "wa", "-k", "go_env" }, AuditRulePlanner.Arguments(w, delete: true));
        var spaced = R(@"-w /tmp/a\ b -p w");
        Assert.Equal(new[] { "-w", "/tmp/a b", "-p", "w" }, AuditRulePlanner.Arguments(spaced, delete: false));
        Assert.Equal("auditctl -w '/tmp/a b' -p w", new AuditLiveOperation(true, spaced).Command.CommandLine);
        Assert.Equal(AuditRulePlanner.ManagedHeader + "-w /tmp/a\\ b -p w\n", AuditRulePlanner.ManagedFileText(new[] { spaced }));
    }

    [Fact]
    public void ManagedFileRoundTripsThroughTheParser()
    {
        var rules = new[] { R("-a always,exit -F arch=b64 -S execve -k go_exec"), R("-w /etc/environment -p wa -k go_env"), R("-a never,exit -F arch=b64 -S all -F path=/tmp/x -F perm=r") };
        var text = AuditRulePlanner.ManagedFileText(rules);
        var back = AuditRules.Parse(text, "/m.rules", Env);
        Assert.Equal(rules.Select(r => r.CanonicalText), back.Select(r => r.CanonicalText));
    }

    [Fact]
    public void PlanReachesTheDesiredStateForAKey()
    {
        var current = new[] { R("-a always,exit -F arch=b64 -S execve -k go_exec"), R("-a always,exit -F arch=b64 -S open -k go_exec"), R("-a always,exit -F arch=b64 -S kill -k other") };
        var desired = new[] { R("-a always,exit -F arch=b64 -S execve -F key=go_exec"), R("-a always,exit -F arch=b32 -S execve -k go_exec") };
        var (add, delete) = AuditRulePlanner.Plan(desired, current, new[] { "go_exec" });
        Assert.Equal("-a always,exit -F arch=b32 -S execve -F key=go_exec", Assert.Single(add).Text);
        Assert.Equal("-a always,exit -F arch=b64 -S open -F key=go_exec", Assert.Single(delete).Text);
        var (_, deleteAll) = AuditRulePlanner.Plan(desired, current, null);
        Assert.Equal(2, deleteAll.Count);
    }

    [Fact]
    public void ImmutableKernelIsRefusedOnTheRecordedStatus()
    {
        // Recorded from a host whose rules end with -e 2 (this machine's kernel must never be locked in a test).
        var locked = AuditCtl.ParseStatus("enabled 2\nfailure 1\npid 712\nrate_limit 0\nbacklog_limit 8192\nlost 0\nbacklog 0\nbacklog_wait_time 60000\nbacklog_wait_time_actual 0\nloginuid_immutable 1 locked\n");
        var ex = Assert.Throws<GoBaselineException>(() => AuditRulePlanner.EnsureMutable(locked));
        Assert.Equal(ErrorIds.AuditRulesImmutable, ex.ErrorId);
        Assert.Equal(FailureKind.InvalidOperation, ex.Kind);
        AuditRulePlanner.EnsureMutable(AuditCtl.ParseStatus("enabled 1\nfailure 1\npid 712\nrate_limit 0\nbacklog_limit 8192\nlost 0\nbacklog 0\n"));
    }

    [Fact]
    public void TheArgumentsLoadTheRuleTheKernelListsAsItsText()
    {
        var env = new HostAuditEnvironment(HostRoot.Live);
        var rules = new[]
        {
            AuditRules.ParseOne("-a exit,always -F arch=b64 -S execve -F auid>=1000 -k go_exec", env),
            AuditRules.ParseOne("-w /etc/profile.d/ -p wa -k go_env", env),
            AuditRules.ParseOne("-a always,exit -F arch=b32 -S execve -k go_exec", env),
        };
        var listed = AuditKernelHarness.WithKernel(ctl =>
        {
            ctl.DeleteAll();
            foreach (var r in rules)
            {
                ctl.Run(AuditRulePlanner.Arguments(r, delete: false));
            }

            var afterAdd = ctl.List();
            ctl.Run(AuditRulePlanner.Arguments(rules[1], delete: true));
            return (afterAdd, ctl.List());
        });
        Assert.Equal(string.Join('\n', rules.Select(r => r.Text)) + "\n", listed.afterAdd);
        Assert.DoesNotContain("profile.d", listed.Item2, System.StringComparison.Ordinal);
    }
}
