using System;
using System.Collections.Generic;
using System.Linq;
using GoBaseline;
using GoBaseline.Core.Host;
using GoBaseline.Core.Profiles;

namespace GoBaseline.Core.Audit;

/// <summary>
/// One audit rule the Go baseline requires. <paramref name="Blocker"/>, when set, says why the rule cannot be
/// loaded on this host (a watch whose directory does not exist: the kernel refuses it, and auditctl -R stops there).
/// </summary>
public sealed record AuditExpectation(string ControlId, string Title, Severity Severity, string RuleText, string Rationale, string? Blocker = null)
{
    /// <summary>The profile position of the control the expectation comes from (for a rule that does not parse).</summary>
    public SourcePosition? Origin { get; init; }

    /// <summary>The rule, parsed; a rule of a profile that does not parse is a ProfileInvalid error at the control.</summary>
    public AuditRule Parse(IAuditRuleEnvironment env)
    {
        try
        {
            return AuditRules.ParseOne(RuleText, env);
        }
        catch (ParseException ex) when (Origin is { } o)
        {
            throw new ParseException(ErrorIds.ProfileInvalid, o, $"control {ControlId}: the rule '{RuleText}' does not parse: {ex.Reason}", ex);
        }
    }
}

/// <summary>
/// The seed's Go audit rules: execve on both ABIs with key go_exec, and watches on the files that change the Go
/// environment (/etc/environment, /etc/profile.d/, GOENV files, $GOROOT/go.env, systemd unit drop-ins). Each is
/// looked for in the persistent rules and, on the live host, in the kernel; the seed's misconfigurations
/// (-a task,always, a syscall rule without arch) are reported with the reason.
/// </summary>
public sealed class AuditBaselineChecker
{
    private readonly IAuditRuleEnvironment _env;

    /// <summary>Creates a checker.</summary>
    public AuditBaselineChecker(IAuditRuleEnvironment env)
    {
        _env = env;
    }

    /// <summary>The unit directories whose drop-ins (Environment=, EnvironmentFile=) set the Go environment of services, in systemd's precedence order.</summary>
    public static readonly IReadOnlyList<string> UnitDirectories = new[] { "/etc/systemd/system/", "/run/systemd/system/", "/usr/lib/systemd/system/" };

    /// <summary>
    /// The expectations for a host, from the AuditRule controls of <paramref name="profile"/> (default: the embedded
    /// default profile: execve b64/b32, /etc/environment, /etc/profile.d, every systemd unit directory, the GOENV file
    /// of every login user, $GOROOT/go.env of every toolchain). {goenv} expands to the GOENV file of root and every
    /// login user (uid 1000 and up) as the go command resolves it (GOENV, XDG_CONFIG_HOME, HOME), whether or not it
    /// exists yet (the first go env -w creates it); {goroot} to the GOROOT of every toolchain found. A watch whose
    /// directory does not exist carries a <see cref="AuditExpectation.Blocker"/>.
    /// </summary>
    public static IReadOnlyList<AuditExpectation> ForHost(HostRoot host, BaselineProfile? profile = null)
    {
        var goEnvFiles = new List<string>();
        foreach (var u in Passwd.ReadUsers(host).Where(u => u.Home.Length > 1 && (u.Uid == 0 || u.Uid >= 1000)))
        {
            string? file;
            try
            {
                file = new GoEnv.GoEnvResolver(host).Resolve(new GoEnv.GoEnvRequest(GoEnvScope.User, u.Name)).EnvFile;
            }
            catch (GoBaselineException)
            {
                // An account whose login environment cannot be read: the default place.
                file = u.Home.TrimEnd('/') + "/.config/go/env";
            }

            if (file is not null && file.StartsWith('/') && !goEnvFiles.Contains(file))
            {
                goEnvFiles.Add(file);
            }
        }

        var goRoots = new List<string>();
        foreach (var t in new GoEnv.GoToolchainLocator(host).FindAll(GoEnv.GoEnvResolver.DefaultPath, null, Passwd.LoginHomes(host)))
        {
            var root = t.GoRoot.TrimEnd('/');
            if (!goRoots.Contains(root))
            {
                goRoots.Add(root);
            }
        }

        return Expectations(profile ?? ProfileLoader.LoadDefault(), goEnvFiles, goRoots, host.DirectoryExists);
    }

    /// <summary>
    /// The expectations of a profile's AuditRule controls, placeholders expanded: {goenv} per GOENV file, {goroot}
    /// per GOROOT, {unitdir} per <see cref="UnitDirectories"/>. With <paramref name="directoryExists"/>, a watch
    /// whose parent directory is missing gets a blocker.
    /// </summary>
    public static IReadOnlyList<AuditExpectation> Expectations(BaselineProfile profile, IEnumerable<string> goEnvFiles, IEnumerable<string> goRoots, Func<string, bool>? directoryExists = null)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["{goenv}"] = goEnvFiles.ToList(),
            ["{goroot}"] = goRoots.Select(r => r.TrimEnd('/')).ToList(),
            ["{unitdir}"] = UnitDirectories,
        };
        var list = new List<AuditExpectation>();
        foreach (var c in profile.Controls.Where(c => c.Check.Type == CheckType.AuditRule && c.Check.Rule is not null))
        {
            var rule = c.Check.Rule!;
            var holder = values.Keys.FirstOrDefault(h => rule.Contains(h, StringComparison.Ordinal));
            foreach (var v in holder is null ? new[] { (string?)null } : values[holder].Select(x => (string?)x))
            {
                string Fill(string t) => holder is null ? t : t.Replace(holder, v, StringComparison.Ordinal);
                list.Add(new AuditExpectation(c.Id, Fill(c.Title), c.Severity, Fill(rule), c.Rationale ?? string.Empty)
                {
                    Origin = new SourcePosition(profile.Source, c.Line, 1),
                });
            }
        }

        if (directoryExists is null)
        {
            return list;
        }

        return list.Select(e =>
        {
            var path = WatchedPath(e.RuleText);
            if (path is null)
            {
                return e;
            }

            var trimmed = path.TrimEnd('/');
            var parent = trimmed.LastIndexOf('/') is var i and > 0 ? trimmed.Substring(0, i) : "/";
            return directoryExists(parent) ? e : e with
            {
                Blocker = $"{parent} does not exist: the kernel refuses a watch on {path} until its directory exists (a watch on a missing file in an existing directory is accepted), and auditctl -R stops at the refused line. Add the rule once {parent} exists.",
            };
        }).ToList();
    }

    private static string? WatchedPath(string ruleText) =>
        ruleText.StartsWith("-w ", StringComparison.Ordinal) ? ruleText.Substring(3, ruleText.IndexOf(" -p ", StringComparison.Ordinal) - 3) : null;

    /// <summary>Evaluates the expectations against persistent files and (when given) the live rules.</summary>
    public IReadOnlyList<CheckResult> Evaluate(IReadOnlyList<AuditExpectation> expectations, IReadOnlyList<AuditRuleFileResult> persistent, IReadOnlyList<AuditRule>? live, string liveEvidence)
    {
        var results = new List<CheckResult>();
        var persistentRules = persistent.SelectMany(f => f.Rules).Where(r => r.Kind == AuditRuleKind.Rule && r.Operation != AuditRuleOperation.Delete).ToList();
        var liveRules = live?.Where(r => r.Kind == AuditRuleKind.Rule).ToList();
        foreach (var e in expectations)
        {
            var expectedText = e.Parse(_env).Text;
            var expected = AuditRuleParser.ParseLine(e.RuleText, null, 1, _env)!.Rule!;
            var inP = persistentRules.Select(r => (Rule: r, Verdict: Match(expected, r))).Where(x => x.Verdict is not null).OrderBy(x => x.Verdict!.Value.Narrower ? 1 : 0).FirstOrDefault();
            var inL = liveRules is null ? default : liveRules.Select(r => (Rule: r, Verdict: Match(expected, r))).Where(x => x.Verdict is not null).OrderBy(x => x.Verdict!.Value.Narrower ? 1 : 0).FirstOrDefault();
            var problems = new List<string>();
            if (inP.Rule is null)
            {
                problems.Add("not in the persistent rules (" + AuditRuleSources.RulesDirectory + ")");
            }

            if (liveRules is not null && inL.Rule is null)
            {
                problems.Add("not loaded in the kernel (auditctl -l)");
            }

            var misconfig = Misconfigurations(expected, persistent, liveRules, liveEvidence);
            var narrower = new[] { inP, inL }.Where(x => x.Rule is not null && x.Verdict!.Value.Narrower).Select(x => x.Rule).FirstOrDefault();
            var keyDiffers = new[] { inP, inL }.Where(x => x.Rule is not null && !x.Verdict!.Value.KeyMatches).Select(x => x.Rule).FirstOrDefault();
            var evidence = string.Join("; ", new[]
            {
                inP.Rule is null ? null : AuditRuleSources.Where(inP.Rule) + ": " + inP.Rule.Text,
                inL.Rule is null ? null : liveEvidence + ": " + inL.Rule.Text,
            }.Where(s => s is not null));
            CheckStatus status;
            string message;
            if (problems.Count > 0 && e.Blocker is not null)
            {
                status = CheckStatus.Warn;
                message = "The rule is " + string.Join(" and ", problems) + ", and cannot be loaded yet: " + e.Blocker;
            }
            else if (problems.Count > 0)
            {
                status = CheckStatus.Fail;
                message = "The rule is " + string.Join(" and ", problems) + "." + (misconfig.Count > 0 ? " " + string.Join(" ", misconfig) : string.Empty);
            }
            else if (narrower is not null)
            {
                status = CheckStatus.Warn;
                message = $"The matching rule has extra conditions and sees fewer events than required: {narrower.Text}";
            }
            else if (keyDiffers is not null)
            {
                status = CheckStatus.Warn;
                message = $"The rule is present but without the key of the baseline ({(expected.Keys.Count > 0 ? expected.Keys[0] : null)}): ausearch -k will not find its events.";
            }
            else
            {
                status = CheckStatus.Pass;
                message = liveRules is null ? "Present in the persistent rules (the kernel was not read: not the live host)." : "Present in the persistent rules and loaded in the kernel.";
            }

            var target = expected.Fields.FirstOrDefault(f => f.Type is AuditTables.Watch or AuditTables.Dir)?.Text ?? "execve";
            results.Add(new CheckResult(e.ControlId, e.Title, e.Severity, status, expectedText,
                evidence.Length == 0 ? "absent" : string.Join("; ", new[] { inP.Rule?.Text, inL.Rule?.Text }.Where(s => s is not null).Distinct()),
                evidence.Length == 0 ? (status == CheckStatus.Pass ? null : "rules.d" + (liveRules is null ? string.Empty : ", auditctl -l")) : evidence,
                message, e.Blocker is not null && problems.Count > 0 ? null : RemediationCommand(e.RuleText), target,
                new Dictionary<string, string> { ["Rationale"] = e.Rationale }));
        }

        return results;
    }

    /// <summary>
    /// The suggested fix of a failed control: Add-AuditRule adds the one rule to the managed file (and the kernel on
    /// the live host) and keeps every other rule. (Set-AuditRule without -Key would make the managed file hold only
    /// this rule, so following the suggestions one after another would undo the earlier ones.)
    /// </summary>
    public static string RemediationCommand(string ruleText) => $"Add-AuditRule -Text '{ruleText.Replace("'", "''", StringComparison.Ordinal)}'";

    /// <summary>The seed's misconfigurations of an execve rule found in the persistent files and the live rules, with the reason.</summary>
    private List<string> Misconfigurations(KernelRule expected, IReadOnlyList<AuditRuleFileResult> persistent, IReadOnlyList<AuditRule>? live, string liveEvidence)
    {
        var notes = new List<string>();
        if (expected.Fields.Any(f => f.Type is AuditTables.Watch or AuditTables.Dir))
        {
            return notes;
        }

        foreach (var file in persistent)
        {
            if (file.Error is { } err && err.Reason.Contains("task list", StringComparison.Ordinal))
            {
                notes.Add($"{err.Position}: a syscall rule on the task list (-a task,always -S ...) is refused by auditctl and stops loading the file; the task list is consulted at fork and never sees execve: use -a always,exit.");
            }

            foreach (var r in file.Rules)
            {
                if (MissesArch(r))
                {
                    notes.Add($"{AuditRuleSources.Where(r)}: '{r.Text}' has no -F arch=: it is resolved with the 64-bit table only and misses 32-bit execve; write one b64 and one b32 rule.");
                }
            }
        }

        foreach (var r in live ?? Array.Empty<AuditRule>())
        {
            if (MissesArch(r))
            {
                notes.Add($"{liveEvidence}: the loaded rule '{r.Text}' has no -F arch=: it is resolved with the 64-bit table only and misses 32-bit execve; load one b64 and one b32 rule.");
            }
        }

        return notes.Distinct().ToList();

        static bool MissesArch(AuditRule r) =>
            r.Kind == AuditRuleKind.Rule && r.List == AuditRuleList.Exit && r.Arch is null && !r.AllSyscalls && r.Syscall.Contains("execve");
    }

    private readonly record struct MatchVerdict(bool Narrower, bool KeyMatches);

    /// <summary>Does the actual rule record every event the expected rule records?</summary>
    private MatchVerdict? Match(KernelRule expected, AuditRule actualModel)
    {
        KernelRule actual;
        try
        {
            actual = AuditRules.Reparse(actualModel, _env).Rule!;
        }
        catch (ParseException)
        {
            return null;
        }

        if (actual is null || actual.List != expected.List || actual.Action != expected.Action)
        {
            return null;
        }

        var keyMatches = expected.Keys.All(k => actual.Keys.Contains(k));
        var expectedWatch = expected.Fields.FirstOrDefault(f => f.Type is AuditTables.Watch or AuditTables.Dir);
        if (expectedWatch is not null)
        {
            var path = actual.Fields.FirstOrDefault(f => f.Type is AuditTables.Watch or AuditTables.Dir);
            var perm = actual.Fields.FirstOrDefault(f => f.Type == AuditTables.Perm);
            var wantPerm = expected.Fields.First(f => f.Type == AuditTables.Perm).Value;
            if (path?.Text != expectedWatch.Text || perm is null || (perm.Value & wantPerm) != wantPerm)
            {
                return null;
            }

            var extra = actual.Fields.Any(f => f.Type is not (AuditTables.Watch or AuditTables.Dir or AuditTables.Perm or AuditTables.FilterKey or AuditTables.Arch));
            return new MatchVerdict(extra || !AuditRuleFormatter.IsWatch(actual) && actual.ArchField is not null && !actual.AllSyscalls, keyMatches);
        }

        var ea = expected.ArchField!;
        var aa = actual.ArchField;
        if (aa is null || aa.Value != ea.Value || aa.Op != ea.Op)
        {
            return null;
        }

        for (var i = 0; i < KernelRule.MaskWords; i++)
        {
            if ((actual.Mask[i] & expected.Mask[i]) != expected.Mask[i])
            {
                return null;
            }
        }

        var narrower = actual.Fields.Any(f => f.Type is not (AuditTables.Arch or AuditTables.FilterKey));
        return new MatchVerdict(narrower, keyMatches);
    }
}
