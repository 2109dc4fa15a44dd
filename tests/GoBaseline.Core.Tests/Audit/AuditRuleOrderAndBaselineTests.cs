using System.Linq;
using GoBaseline.Core.Audit;
using Xunit;

namespace GoBaseline.Core.Tests.Audit;

/// <summary>Where never rules go (file and kernel), what a reload does to the kernel, and the baseline check's advice.</summary>
public sealed class AuditRuleOrderAndBaselineTests
{
    private static readonly FakeAuditEnvironment Env = new();

    private static readonly GoBaseline.Core.Profiles.BaselineProfile Default = GoBaseline.Core.Profiles.ProfileLoader.LoadDefault();

    private static GoBaseline.AuditRule R(string text) => AuditRules.ParseOne(text, Env);

    private static GoBaseline.AuditRule[] P(string text, string origin = "File") => AuditRules.Parse(text, "/f.rules", Env, origin).ToArray();

    [Fact]
    public void ANeverRuleIsPlacedBeforeTheFirstAlwaysRuleOfItsListAndAlwaysRulesAtTheEnd()
    {
        var managed = new[] { R("-w /etc/environment -p wa -k go_env"), R("-a always,exit -F arch=b64 -S execve -k go_exec") };
        var never1 = R("-a never,exit -F arch=b64 -S execve -F exe=/usr/bin/ls");
        var never2 = R("-a never,exit -F arch=b64 -S execve -F exe=/usr/bin/id");
        var always = R("-a always,exit -F arch=b32 -S execve -k go_exec");
        var placed = AuditRulePlanner.Place(managed, new[] { never1, always, never2 });
        Assert.Equal(new[] { never1, never2, managed[0], managed[1], always }.Select(r => r.Text), placed.Select(r => r.Text));

        // The file written from it passes the linter's never-after-always check.
        var text = AuditRulePlanner.ManagedFileText(placed);
        Assert.DoesNotContain(AuditRuleLinter.Lint(new[] { new AuditRuleFileText("/etc/audit/rules.d/50-gobaseline.rules", text) }, Env), f => f.Code == "NeverAfterAlways");
        var appended = AuditRulePlanner.ManagedFileText(managed.Append(never1));
        Assert.Contains(AuditRuleLinter.Lint(new[] { new AuditRuleFileText("/etc/audit/rules.d/50-gobaseline.rules", appended) }, Env), f => f.Code == "NeverAfterAlways");

        // No always rule in its list: appended.
        var otherNever = R("-a never,exit -F arch=b64 -S kill");
        Assert.Equal(new[] { otherNever.Text, never1.Text }, AuditRulePlanner.Place(new[] { otherNever }, new[] { never1 }).Select(r => r.Text));
    }

    [Fact]
    public void LiveNeverRulesArePrependedInReverseSoTheyLandFirstInTheGivenOrder()
    {
        var live = new[] { R("-a always,exit -F arch=b64 -S execve -k go_exec") };
        var never1 = R("-a never,exit -F arch=b64 -S execve -F exe=/usr/bin/ls");
        var never2 = R("-a never,exit -F arch=b64 -S execve -F exe=/usr/bin/id");
        var always = R("-a always,exit -F arch=b32 -S execve -k go_exec");
        var old = R("-a always,exit -F arch=b64 -S kill -k old");
        var ops = AuditRulePlanner.LiveOperations(live.Append(old).ToArray(), new[] { never1, always, never2 }, new[] { old });
        Assert.Equal(new[]
        {
            "auditctl -d always,exit -F arch=b64 -S kill -F key=old",
            "auditctl -a always,exit -F arch=b32 -S execve -F key=go_exec",
            "auditctl -A never,exit -F arch=b64 -S execve -F exe=/usr/bin/id",
            "auditctl -A never,exit -F arch=b64 -S execve -F exe=/usr/bin/ls",
        }, ops.Select(o => o.Command.CommandLine));

        // With no always rule in its list the never rule is simply appended.
        Assert.Equal("auditctl -a never,exit -F arch=b64 -S execve -F exe=/usr/bin/ls", AuditRulePlanner.LiveOperations(System.Array.Empty<GoBaseline.AuditRule>(), new[] { never1 }, System.Array.Empty<GoBaseline.AuditRule>()).Single().Command.CommandLine);
    }

    [Fact]
    public void APrependedNeverRuleIsNotFlaggedAnAppendedOneIs()
    {
        var text = "-a always,exit -F arch=b64 -S execve -k go_exec\n-A never,exit -F arch=b64 -S execve -F exe=/usr/bin/ls\n-a never,exit -F arch=b64 -S execve -F exe=/usr/bin/id\n";
        var findings = AuditRuleLinter.Lint(new[] { new AuditRuleFileText("/r.rules", text) }, Env).Where(f => f.Code == "NeverAfterAlways").ToList();
        Assert.Equal(3, Assert.Single(findings).Line);
    }

    [Fact]
    public void TheReloadsKernelDifferenceNamesTheRulesItAddsAndTheLiveOnlyRulesItDeletes()
    {
        var live = P("-a always,exit -F arch=b64 -S kill -k handmade\n-a always,exit -F arch=b64 -S execve -k go_exec\n", "Live");
        var generated = "## generated\n-D\n-b 8192\n-a always,exit -F arch=b64 -S execve -F key=go_exec\n-w /etc/environment -p wa -k go_env\n";
        var (adds, deletes) = AugenrulesLoadChange.KernelDifference(generated, live, Env);
        Assert.Equal("-w /etc/environment -p wa -k go_env", Assert.Single(adds).Text);
        Assert.Equal("-a always,exit -F arch=b64 -S kill -F key=handmade", Assert.Single(deletes).Text);
        Assert.Equal("kernel + -w /etc/environment -p wa -k go_env; - -a always,exit -F arch=b64 -S kill -F key=handmade", AugenrulesLoadChange.Summarize(adds, deletes));
        var change = new AugenrulesLoadChange(new[] { generated }, AugenrulesLoadChange.Summarize(adds, deletes));
        Assert.Equal("augenrules --load: kernel + -w /etc/environment -p wa -k go_env; - -a always,exit -F arch=b64 -S kill -F key=handmade", change.Description);

        // Without -D nothing loaded is deleted.
        var (_, none) = AugenrulesLoadChange.KernelDifference(generated.Replace("-D\n", string.Empty, System.StringComparison.Ordinal), live, Env);
        Assert.Empty(none);
    }

    [Fact]
    public void TheSuggestedFixAddsTheOneRuleAndKeepsTheOthers()
    {
        var checker = new AuditBaselineChecker(Env);
        var results = checker.Evaluate(AuditBaselineChecker.Expectations(Default, new[] { "/home/dev/.config/go/env" }, System.Array.Empty<string>()), System.Array.Empty<AuditRuleFileResult>(), null, AuditRules.LiveSource);
        Assert.All(results, r => Assert.Equal(GoBaseline.CheckStatus.Fail, r.Status));
        Assert.All(results, r => Assert.StartsWith("Add-AuditRule -Text '", r.Remediation, System.StringComparison.Ordinal));
        Assert.DoesNotContain(results, r => r.Remediation!.Contains("Set-AuditRule", System.StringComparison.Ordinal));
        Assert.Equal("Add-AuditRule -Text '-w /it''s -p wa'", AuditBaselineChecker.RemediationCommand("-w /it's -p wa"));
    }

    [Fact]
    public void ALiveRuleWithoutArchGivesTheMissingArchReason()
    {
        var checker = new AuditBaselineChecker(Env);
        var live = P("-a always,exit -S execve -F key=go_exec\n", "Live");
        var r = checker.Evaluate(AuditBaselineChecker.Expectations(Default, System.Array.Empty<string>(), System.Array.Empty<string>()).Where(e => e.ControlId == "AUDIT-002").ToList(), System.Array.Empty<AuditRuleFileResult>(), live, AuditRules.LiveSource).Single();
        Assert.Equal(GoBaseline.CheckStatus.Fail, r.Status);
        Assert.Contains("not loaded", r.Message, System.StringComparison.Ordinal);
        Assert.Contains("the loaded rule '-a always,exit -S execve -F key=go_exec' has no -F arch=", r.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void EveryUnitDirectoryIsWatchedAndAWatchWhoseDirectoryIsMissingIsExplainedNotFailed()
    {
        var e = AuditBaselineChecker.Expectations(Default, new[] { "/home/dev/.config/go/env", "/root/.config/go/env" }, new[] { "/usr/local/go" },
            d => d is "/home/dev/.config/go" or "/usr/local/go" or "/etc" or "/etc/systemd" or "/run/systemd" or "/usr/lib/systemd");
        Assert.Equal(new[] { "/etc/systemd/system/", "/run/systemd/system/", "/usr/lib/systemd/system/" }, e.Where(x => x.ControlId == "AUDIT-005").Select(x => x.RuleText.Split(' ')[1]));
        Assert.Null(e.Single(x => x.RuleText.Contains("/home/dev/", System.StringComparison.Ordinal)).Blocker);
        var blocked = e.Single(x => x.RuleText.Contains("/root/", System.StringComparison.Ordinal));
        Assert.Contains("/root/.config/go does not exist", blocked.Blocker, System.StringComparison.Ordinal);
        var r = new AuditBaselineChecker(Env).Evaluate(new[] { blocked }, System.Array.Empty<AuditRuleFileResult>(), null, AuditRules.LiveSource).Single();
        Assert.Equal(GoBaseline.CheckStatus.Warn, r.Status);
        Assert.Null(r.Remediation);
        Assert.Contains("cannot be loaded yet", r.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultProfileHoldsTheGoAuditRulesAndAProfileCanReplaceThem()
    {
        var e = AuditBaselineChecker.Expectations(Default, new[] { "/home/dev/.config/go/env" }, new[] { "/usr/local/go/" });
        Assert.Equal(new[] { "AUDIT-001", "AUDIT-002", "AUDIT-003", "AUDIT-004", "AUDIT-005", "AUDIT-005", "AUDIT-005", "AUDIT-006", "AUDIT-007" }, e.Select(x => x.ControlId));
        Assert.Equal("-a always,exit -F arch=b64 -S execve -k go_exec", e[0].RuleText);
        Assert.Equal("-w /usr/local/go/go.env -p wa -k go_env", e[8].RuleText);
        Assert.Equal("/usr/local/go/go.env changes are audited", e[8].Title);
        Assert.Equal("GOENV file /home/dev/.config/go/env changes are audited", e[7].Title);

        var yaml = "id: team\ncontrols:\n  - id: T-1\n    title: kill is audited\n    severity: low\n    check: { type: AuditRule, rule: \"-a always,exit -F arch=b64 -S kill -k team\" }\n"
            + "  - id: G-1\n    title: env\n    check: { type: GoEnv, variable: GOPROXY, explicit: true }\n";
        var team = AuditBaselineChecker.Expectations(GoBaseline.Core.Profiles.ProfileLoader.Parse(yaml, "team.yaml"), new[] { "/home/dev/.config/go/env" }, System.Array.Empty<string>());
        var only = Assert.Single(team);
        Assert.Equal(("T-1", GoBaseline.Severity.Low), (only.ControlId, only.Severity));
        Assert.Equal("-a always,exit -F arch=b64 -S kill -F key=team", only.Parse(Env).Text);
    }

    [Theory]
    [InlineData("    check: { type: AuditRule }\n", "needs 'rule'")]
    [InlineData("    check: { type: AuditRule, rule: \"-w {home}/x -p wa\" }\n", "one placeholder")]
    [InlineData("    check: { type: AuditRule, rule: \"-w /x -p wa\" }\n    remediation: do it\n", "computed")]
    public void BadAuditRuleControlsAreRejectedAtTheControl(string check, string why)
    {
        var ex = Assert.Throws<ParseException>(() => GoBaseline.Core.Profiles.ProfileLoader.Parse("id: x\ncontrols:\n  - id: A\n" + check, "p.yaml"));
        Assert.Equal(ErrorIds.ProfileInvalid, ex.ErrorId);
        Assert.Equal(3, ex.Position!.Value.Line);
        Assert.Contains(why, ex.Reason, System.StringComparison.Ordinal);
    }

    [Fact]
    public void AProfileRuleThatDoesNotParseNamesTheControl()
    {
        var p = GoBaseline.Core.Profiles.ProfileLoader.Parse("id: x\ncontrols:\n  - id: A\n    check: { type: AuditRule, rule: \"-a always,exit -S nosuchcall\" }\n", "p.yaml");
        var e = Assert.Single(AuditBaselineChecker.Expectations(p, System.Array.Empty<string>(), System.Array.Empty<string>()));
        var ex = Assert.Throws<ParseException>(() => e.Parse(Env));
        Assert.Equal(ErrorIds.ProfileInvalid, ex.ErrorId);
        Assert.Equal("p.yaml", ex.Position!.Value.File);
        Assert.Equal(3, ex.Position!.Value.Line);
    }
}
