using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using GoBaseline.Core.Audit;
using GoBaseline.Core.Host;
using Xunit;
using Xunit.Abstractions;

namespace GoBaseline.Core.Tests.Audit;

/// <summary>
/// The proof that the normaliser prints what the kernel and auditctl print: every fixture rules file is loaded into
/// the running kernel with auditctl -R, and every line auditctl -l prints must be, in order, our normalised text of
/// one of the rules we parsed from that file (rules the kernel refused are skipped, and counted).
/// </summary>
public sealed class AuditRuleKernelEqualityTests
{
    private readonly ITestOutputHelper _out;

    public AuditRuleKernelEqualityTests(ITestOutputHelper output)
    {
        _out = output;
    }

    public static IEnumerable<object[]> RuleFiles() =>
        Directory.GetFiles(Fixtures.Path("audit", "rules"), "*.rules").OrderBy(f => f, StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    [Fact]
    public void EveryKernelListedRuleOfEveryFixtureEqualsOurNormalisedText()
    {
        var env = new HostAuditEnvironment(HostRoot.Live);
        var report = new StringBuilder();
        var totalMatched = 0;
        var totalRefused = 0;
        var totalRejectedByUs = 0;
        var failures = new List<string>();
        var files = RuleFiles().Select(o => (string)o[0]).ToList();
        AuditKernelHarness.WithKernel(ctl =>
        {
            foreach (var name in files)
            {
                var text = File.ReadAllText(Fixtures.Path("audit", "rules", name));
                var parsed = new List<ParsedAuditLine>();
                var lineNo = 0;
                foreach (var line in text.Split('\n'))
                {
                    lineNo++;
                    if (!AuditKernelHarness.IsSafeRuleLine(line))
                    {
                        continue;
                    }

                    try
                    {
                        var p = AuditRuleParser.ParseLine(line, name, lineNo, env);
                        if (p is not null)
                        {
                            parsed.Add(p);
                        }
                    }
                    catch (ParseException ex)
                    {
                        totalRejectedByUs++;
                        report.AppendLine($"  rejected by the parser: {ex.Message}");
                    }
                }

                var predicted = AuditKernelHarness.Simulate(parsed);
                var listing = AuditKernelHarness.LoadAndList(ctl, text);
                var kernelLines = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l != "No rules").ToList();
                var formatter = new AuditRuleFormatter(env.Machine);
                var p2 = 0;
                var matched = 0;
                var matchedRules = new List<KernelRule>();
                foreach (var k in kernelLines)
                {
                    var found = false;
                    while (p2 < predicted.Count)
                    {
                        var saved = formatter.LastElf;
                        var ours = formatter.Format(predicted[p2]);
                        p2++;
                        if (ours == k)
                        {
                            found = true;
                            break;
                        }

                        // Refused by the kernel (missing path, unsupported field...): listing state is not advanced.
                        formatter.LastElf = saved;
                        totalRefused++;
                        report.AppendLine($"  refused by the kernel: {ours}");
                    }

                    if (!found)
                    {
                        failures.Add($"{name}: kernel line not produced by our normaliser: {k}");
                        break;
                    }

                    matched++;
                    matchedRules.Add(predicted[p2 - 1]);
                }

                // Reading the listing back (Get-AuditRule -Live) must give the same meaning as the file's rules.
                var live = AuditRules.ParseListing(listing, env);
                if (failures.Count == 0)
                {
                    if (live.Count != matchedRules.Count)
                    {
                        failures.Add($"{name}: the listing reads back as {live.Count} rules, expected {matchedRules.Count}");
                    }
                    else
                    {
                        for (var i = 0; i < live.Count; i++)
                        {
                            if (live[i].CanonicalText != matchedRules[i].Canonical(0))
                            {
                                failures.Add($"{name}: listing line {i + 1} reads back as {live[i].CanonicalText}, the file says {matchedRules[i].Canonical(0)}");
                            }
                        }
                    }
                }

                for (var rest = p2; rest < predicted.Count; rest++)
                {
                    report.AppendLine($"  refused by the kernel: {formatter.FormatAlone(predicted[rest])}");
                }

                totalRefused += predicted.Count - p2;
                totalMatched += matched;
                report.AppendLine($"{name}: {matched} kernel rules equal");
            }

            return 0;
        });

        _out.WriteLine(report.ToString());
        _out.WriteLine($"TOTAL equal={totalMatched} refused-by-kernel={totalRefused} rejected-by-parser={totalRejectedByUs}");
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "gobaseline-audit-equality.txt"), report + $"TOTAL equal={totalMatched} refused-by-kernel={totalRefused} rejected-by-parser={totalRejectedByUs}\n");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.True(totalMatched > 500, $"only {totalMatched} rules were compared: the kernel refused too many");
    }
}
