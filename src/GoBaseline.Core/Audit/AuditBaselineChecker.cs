using System;
using System.Collections.Generic;
using System.Linq;
using GoBaseline;
using GoBaseline.Core.Host;

namespace GoBaseline.Core.Audit;

/// <summary>
/// One audit rule the Go baseline requires. <paramref name="Blocker"/>, when set, says why the rule cannot be
/// loaded on this host (a watch whose directory does not exist: the kernel refuses it, and auditctl -R stops there).
/// </summary>
public sealed record AuditExpectation(string ControlId, string Title, Severity Severity, string RuleText, string Rationale, string? Blocker = null);

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
    /// The expectations for a host: execve b64/b32, /etc/environment, /etc/profile.d, every systemd unit directory,
    /// the GOENV file of every login user (root and uid 1000 and up) as the go command resolves it (GOENV,
    /// XDG_CONFIG_HOME, HOME) whether or not it exists yet (the first go env -w creates it), and $GOROOT/go.env of
    /// every toolchain found. A watch whose directory does not exist carries a <see cref="AuditExpectation.Blocker"/>.
    /// </summary>
    public static IReadOnlyList<AuditExpectation> ForHost(HostRoot host)
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

        var goRootEnv = new List<string>();
        foreach (var t in new GoEnv.GoToolchainLocator(host).FindAll(GoEnv.GoEnvResolver.DefaultPath, null, Passwd.LoginHomes(host)))
        {
            var file = t.GoRoot.TrimEnd('/') + "/go.env";
            if (!goRootEnv.Contains(file))
            {
                goRootEnv.Add(file);
            }
        }

        return Expectations(goEnvFiles, goRootEnv, host.DirectoryExists);
    }

    /// <summary>
    /// The expectations: the fixed ones plus a watch per GOENV file and per $GOROOT/go.env. With
    /// <paramref name="directoryExists"/>, a watch whose parent directory is missing gets a blocker.
    /// </summary>
    public static IReadOnlyList<AuditExpectation> Expectations(IEnumerable<string> goEnvFiles, IEnumerable<string> goRootEnvFiles, Func<string, bool>? directoryExists = null)
    {
        var list = new List<AuditExpectation>
        {
            new("AUDIT-001", "execve of 64-bit programs is audited (key go_exec)", Severity.High, "-a always,exit -F arch=b64 -S execve -k go_exec",
                "Go programs start children with execve (os/exec); the exit list with an explicit arch sees every execve return."),
            new("AUDIT-002", "execve of 32-bit programs is audited (key go_exec)", Severity.High, "-a always,exit -F arch=b32 -S execve -k go_exec",
                "Without a b32 rule a 32-bit execve (syscall 11) slips past a b64-only rule."),
            new("AUDIT-003", "/etc/environment changes are audited", Severity.Medium, "-w /etc/environment -p wa -k go_env",
                "pam_env reads GO* variables from /etc/environment at login."),
            new("AUDIT-004", "/etc/profile.d changes are audited", Severity.Medium, "-w /etc/profile.d/ -p wa -k go_env",
                "Login shells source /etc/profile.d/*.sh, where GOPROXY, GOFLAGS or CGO_ENABLED can be exported."),
        };
        foreach (var d in UnitDirectories)
        {
            list.Add(new AuditExpectation("AUDIT-005", $"systemd unit and drop-in changes in {d} are audited", Severity.Medium, $"-w {d} -p wa -k go_env",
                "Environment= and EnvironmentFile= in units and their drop-ins (/etc, /run and /usr/lib/systemd/system) set the Go environment of services."));
        }

        foreach (var f in goEnvFiles)
        {
            list.Add(new AuditExpectation("AUDIT-006", $"GOENV file {f} changes are audited", Severity.Medium, $"-w {f} -p wa -k go_env",
                "go env -w writes (and the first time creates) the user's GOENV file, which overrides the defaults of every go command the user runs."));
        }

        foreach (var f in goRootEnvFiles)
        {
            list.Add(new AuditExpectation("AUDIT-007", $"{f} changes are audited", Severity.Medium, $"-w {f} -p wa -k go_env",
                "$GOROOT/go.env sets the toolchain-wide defaults (GOPROXY, GOSUMDB, GOTOOLCHAIN) of Go 1.21 and later."));
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
            var expectedText = AuditRules.ParseOne(e.RuleText, _env).Text;
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
