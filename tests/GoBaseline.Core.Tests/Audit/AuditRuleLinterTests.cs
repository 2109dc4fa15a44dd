using System.Linq;
using GoBaseline.Core.Audit;
using Xunit;

namespace GoBaseline.Core.Tests.Audit;

public sealed class AuditRuleLinterTests
{
    [Fact]
    public void FindsWhatBreaksRealRuleSets()
    {
        var env = new FakeAuditEnvironment();
        var first = "-D\n-e 2\n-a always,exit -F arch=b64 -S execve -k go_exec\n-a always,exit -F arch=b64 -S execve -k go_exec\n"
            + "-w /etc/missing.d/file -p wa\n-w /etc/environment.new -p wa\n-a always,exit -S open -k noarch\n-a always,exit -F uid=chrony -F arch=b64 -S adjtimex\n"
            + "-a never,exit -F arch=b64 -S execve -F auid=1000\n-a never,task\n-a always,exit -F arch=b64 -S unlink";
        var second = "-a always,exit -F arch=b64 -S rename -k x\n";
        var findings = AuditRuleLinter.Lint(new[] { new AuditRuleFileText("/etc/audit/rules.d/10-a.rules", first), new AuditRuleFileText("/etc/audit/rules.d/20-b.rules", second) }, env);
        string Codes(int line) => string.Join(",", findings.Where(f => f.Line == line && f.Source!.EndsWith("10-a.rules", System.StringComparison.Ordinal)).Select(f => f.Code).OrderBy(c => c, System.StringComparer.Ordinal));
        Assert.Equal("ImmutableNotLast", Codes(3));
        Assert.Equal("DuplicateRule", Codes(4));
        Assert.Equal("WatchPathMissing", Codes(5));
        Assert.Equal(GoBaseline.Severity.High, findings.Single(f => f.Line == 5).Severity);
        Assert.Equal(GoBaseline.Severity.Low, findings.Single(f => f.Line == 6).Severity);
        Assert.Equal("MissingArch", Codes(7));
        Assert.Equal("UnknownUser", Codes(8));
        Assert.Equal("NeverAfterAlways", Codes(9));
        Assert.Equal("SyscallAuditingDisabled", Codes(10));
        Assert.Equal("NoFinalNewline", Codes(11));
        Assert.Contains("20-b.rules", findings.Single(f => f.Code == "NoFinalNewline").Message, System.StringComparison.Ordinal);
        Assert.DoesNotContain(findings, f => f.Source!.EndsWith("20-b.rules", System.StringComparison.Ordinal));
    }

    [Fact]
    public void ACleanFileHasNoFindings()
    {
        var env = new FakeAuditEnvironment();
        var text = "-D\n-b 8192\n-a never,exit -F arch=b64 -S execve -F auid=1000\n-a always,exit -F arch=b64 -S execve -k go_exec\n-a always,exit -F arch=b32 -S execve -k go_exec\n-w /etc/environment -p wa -k go_env\n-e 2\n";
        Assert.Empty(AuditRuleLinter.Lint(new[] { new AuditRuleFileText("/x.rules", text) }, env));
    }
}
