using System;
using System.IO;
using System.Linq;
using GoBaseline.Core.Audit;
using GoBaseline.Core.Host;
using Xunit;

namespace GoBaseline.Core.Tests.Audit;

/// <summary>
/// What we predict augenrules writes equals what the installed augenrules writes: its own script runs on a copy of
/// the fixture rules as rules.d, with only its two paths pointed at a temporary directory (never /etc/audit).
/// </summary>
public sealed class AugenrulesEqualityTests
{
    [Fact]
    public void BuildEqualsTheRealAugenrulesOutput()
    {
        var script = File.ReadAllText("/usr/sbin/augenrules");
        using var tree = new TempTree();
        var rulesD = tree.Dir("/rules.d");
        var dest = Path.Combine(tree.Root, "audit.rules");
        var files = Directory.GetFiles(Fixtures.Path("audit", "rules"), "*.rules").OrderBy(f => f, StringComparer.Ordinal).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            // Names that exercise version sort (9 before 10) and a file without a final newline.
            File.Copy(files[i], Path.Combine(rulesD, $"{i % 12}-{Path.GetFileName(files[i])}"));
        }

        File.WriteAllText(Path.Combine(rulesD, "99-nonl.rules"), "  # indented comment\n\t-e 2\n-w /etc/x -p wa");
        File.WriteAllText(Path.Combine(rulesD, "100-last.rules"), "-a always,exit -F arch=b64 -S execve -k last\n");
        File.WriteAllText(Path.Combine(rulesD, "not-rules.txt"), "-D\n");
        var patched = script.Replace("DestinationFile=/etc/audit/audit.rules", "DestinationFile=" + dest, StringComparison.Ordinal)
            .Replace("SourceRulesDir=/etc/audit/rules.d", "SourceRulesDir=" + rulesD, StringComparison.Ordinal);
        Assert.DoesNotContain("/etc/audit/audit.rules", patched.Split('\n').Where(l => l.StartsWith("DestinationFile", StringComparison.Ordinal)), StringComparer.Ordinal);
        var scriptPath = Path.Combine(tree.Root, "augenrules");
        File.WriteAllText(scriptPath, patched);
        NativeRunner.Default.Run(new NativeCommand("bash", new[] { scriptPath }));
        // The header names the source directory, which here is the temporary copy.
        var real = File.ReadAllText(dest).Replace("generated from " + rulesD + "\n", "generated from /etc/audit/rules.d\n", StringComparison.Ordinal);

        var sources = new AuditRuleSources(new HostRoot(tree.Root), new FakeAuditEnvironment());
        var ordered = Directory.GetFiles(rulesD, "*.rules").Select(Path.GetFileName).ToList();
        ordered.Sort((a, b) => AuditRuleSources.VersionCompare(a!, b!));
        var ours = AuditRuleSources.BuildAugenrules(ordered.Select(n => File.ReadAllText(Path.Combine(rulesD, n!))));
        Assert.Equal(real, ours);
        Assert.Contains("-w /etc/x -p wa-a always,exit -F arch=b64 -S execve -k last", ours, StringComparison.Ordinal);
        _ = sources;
    }
}
