using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GoBaseline.Core.Audit;
using GoBaseline.Core.GoEnv;
using GoBaseline.Core.Host;
using GoBaseline.Core.Profiles;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Checks that the Go baseline's audit rules are persistent and loaded (execve b64 and b32 with key go_exec, watches on the files that change the Go environment), or lints rules files.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "AuditRule", DefaultParameterSetName = "Baseline")]
[OutputType(typeof(CheckResult), ParameterSetName = new[] { "Baseline" })]
[OutputType(typeof(bool), ParameterSetName = new[] { "Baseline" })]
[OutputType(typeof(AuditRuleLintFinding), ParameterSetName = new[] { "Lint" })]
public sealed class TestAuditRuleCommand : AuditCmdletBase
{
    /// <summary>
    /// <para type="description">Lint rules files instead: what silently breaks loading (bad lines, -e 2 not last, duplicates, missing watch paths, unknown users, never after always, missing arch, no final newline).</para>
    /// </summary>
    [Parameter(ParameterSetName = "Lint", Mandatory = true)]
    public SwitchParameter Lint { get; set; }

    /// <summary>
    /// <para type="description">The files to lint (paths inside -Root), in load order. Default: /etc/audit/rules.d/*.rules in augenrules order.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Lint", Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>
    /// <para type="description">Only these controls (ids, wildcards allowed), e.g. AUDIT-001.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Baseline")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ControlIdCompleter))]
    public string[]? ControlId { get; set; }

    /// <summary>
    /// <para type="description">A profile YAML file whose AuditRule controls are the rules to check, instead of the embedded default profile (the Go baseline's AUDIT-001 to AUDIT-007).</para>
    /// </summary>
    [Parameter(ParameterSetName = "Baseline")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProfilePathCompleter))]
    public string? Profile { get; set; }

    /// <summary>
    /// <para type="description">Return one bool: true when no control is Fail or Error.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Baseline")]
    public SwitchParameter Quiet { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        try
        {
            if (Lint)
            {
                var files = Path is null
                    ? Sources.PersistentTexts()
                    : Path.Select(p => TargetRoot.IsLive ? ResolveUserPath(p) : p).Select(p => new AuditRuleFileText(p, TargetRoot.ReadAllText(p))).ToList();
                foreach (var f in AuditRuleLinter.Lint(files, Sources.Environment))
                {
                    WriteObject(f);
                }

                return;
            }

            var patterns = (ControlId ?? new[] { "*" }).Select(c => WildcardPattern.Get(c, WildcardOptions.IgnoreCase)).ToList();
            var expectations = Expectations(TargetRoot, LoadProfile(this, Profile)).Where(e => patterns.Any(p => p.IsMatch(e.ControlId))).ToList();
            var persistent = Sources.ReadPersistent();
            IReadOnlyList<AuditRule>? live = null;
            if (TargetRoot.IsLive)
            {
                live = Sources.ReadLive(AuditCtl, CancelToken);
            }

            var good = true;
            foreach (var r in new AuditBaselineChecker(Sources.Environment).Evaluate(expectations, persistent, live, AuditRules.LiveSource))
            {
                if (r.Status is CheckStatus.Fail or CheckStatus.Error)
                {
                    good = false;
                }

                if (!Quiet)
                {
                    WriteObject(r);
                }
            }

            if (Quiet)
            {
                WriteObject(good);
            }
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowEngineError(ex, Path?.FirstOrDefault() ?? Root);
        }
    }

    /// <summary>The expectations of a profile for a host (see <see cref="AuditBaselineChecker.ForHost"/>).</summary>
    internal static IReadOnlyList<AuditExpectation> Expectations(HostRoot host, BaselineProfile profile) => AuditBaselineChecker.ForHost(host, profile);

    /// <summary>The -Profile argument: null or "default" is the embedded default profile, else a YAML file on the caller's file system.</summary>
    internal static BaselineProfile LoadProfile(PSCmdlet cmdlet, string? profile) =>
        ProfileLoader.Load(profile is null || profile == ProfileLoader.DefaultName ? null : cmdlet.GetUnresolvedProviderPathFromPSPath(profile));
}
