using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace GoBaseline.Cmdlets.Tests;

/// <summary>The argument completers, through TabExpansion2 as the console calls them.</summary>
public class CompleterTests
{
    private static List<string> Complete(PowerShellHost ps, string input)
    {
        var output = ps.Run("(TabExpansion2 -inputScript $i -cursorColumn $i.Length).CompletionMatches | ForEach-Object CompletionText", out var errors, ("i", input));
        Assert.Empty(errors);
        return output.Select(o => o.ToString()).ToList();
    }

    [Fact]
    public void ControlIdCompletesTheEmbeddedDefaultsIdsTheCommandEvaluates()
    {
        using var ps = new PowerShellHost();
        var goenv = Complete(ps, "Test-GoEnvBaseline -ControlId GOENV-01");
        Assert.Equal(new[] { "GOENV-010", "GOENV-011", "GOENV-012" }, goenv.Where(c => c.StartsWith("GOENV-01", System.StringComparison.Ordinal)).ToArray());
        Assert.Equal(goenv.Count, goenv.Count(c => c.StartsWith("GOENV-01", System.StringComparison.Ordinal)));

        var all = Complete(ps, "Test-GoEnvBaseline -ControlId ");
        Assert.Contains("GOENV-001", all);
        Assert.DoesNotContain(all, c => c.StartsWith("AUDIT-", System.StringComparison.Ordinal));

        var audit = Complete(ps, "Test-AuditRule -ControlId ");
        Assert.Contains("AUDIT-001", audit);
        Assert.DoesNotContain(audit, c => c.StartsWith("GOENV-", System.StringComparison.Ordinal));
    }

    [Fact]
    public void ControlIdCompletesTheIdsOfTheBoundProfileRelativeToTheCurrentLocation()
    {
        using var root = new FixtureRoot();
        root.Write("/profiles/mine.yaml",
            "id: mine\ncontrols:\n" +
            "  - id: MINE-GO\n    title: t\n    check: { type: GoEnv, variable: GOFLAGS, forbiddenTokens: [\"-insecure\"] }\n" +
            "  - id: MINE-AUDIT\n    title: t\n    check: { type: AuditRule, rule: \"-w /etc/environment -p wa -k go_env\" }\n");
        using var ps = new PowerShellHost();
        ps.Run("Set-Location $d", out _, ("d", root.Root + "/profiles"));

        Assert.Equal(new[] { "MINE-GO" }, Complete(ps, "Test-GoEnvBaseline -Profile ./mine.yaml -ControlId M"));
        Assert.Equal(new[] { "MINE-AUDIT" }, Complete(ps, "Test-AuditRule -Profile mine.yaml -ControlId "));

        // A profile that does not load offers nothing (and does not fall back to the default's ids).
        Assert.Empty(Complete(ps, "Test-GoEnvBaseline -Profile ./missing.yaml -ControlId GOENV"));
    }

    [Fact]
    public void ProfileCompletesYamlFilesAndDirectoriesOnly()
    {
        using var root = new FixtureRoot();
        root.Write("/p/a.yaml", "id: a\n");
        root.Write("/p/b.yml", "id: b\n");
        root.Write("/p/c.txt", "x\n");
        Directory.CreateDirectory(root.Root + "/p/sub");
        using var ps = new PowerShellHost();
        foreach (var command in new[] { "Test-GoEnvBaseline", "Test-AuditRule", "Compare-AuditRule", "Set-GoEnvBaseline" })
        {
            var names = Complete(ps, $"{command} -Profile {root.Root}/p/").Select(c => Path.GetFileName(c.Trim('\'').TrimEnd('/'))).OrderBy(n => n, System.StringComparer.Ordinal).ToArray();
            Assert.Equal(new[] { "a.yaml", "b.yml", "sub" }, names);
        }
    }
}
