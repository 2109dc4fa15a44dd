using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.IO;
using System.Text;
using GoBaseline.Core;
using GoBaseline.Core.Audit;
using GoBaseline.Core.Journal;

namespace GoBaseline.Infrastructure;

/// <summary>
/// The shared flow of Add-, Remove- and Set-AuditRule: where to change (-Live, -Persistent), the managed rules.d
/// file, the immutable refusal (decided on auditctl -s before anything is touched), and the journal.
/// </summary>
public abstract class AuditRemediationCmdlet : RemediationCmdlet
{
    /// <summary>
    /// <para type="description">Change the rules loaded in the running kernel (auditctl). Default on the live host, together with -Persistent.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Live { get; set; }

    /// <summary>
    /// <para type="description">Change the managed rules file in /etc/audit/rules.d, then run augenrules --load (which also loads the kernel) where it is installed. The only mode under -Root.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Persistent { get; set; }

    /// <summary>
    /// <para type="description">The managed rules file (a path inside -Root). Default /etc/audit/rules.d/50-gobaseline.rules.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string ManagedFile { get; set; } = AuditRulePlanner.DefaultManagedFile;

    /// <summary>
    /// <para type="description">Returns the rules as they are afterwards (AuditRule objects) instead of the change result.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private AuditRuleSources? _sources;

    /// <summary>
    /// The test seam below argv building: when set, every audit change cmdlet runs its native calls through it (so
    /// a test can answer auditctl -s with a recorded "enabled 2" and see that nothing else is called).
    /// </summary>
    internal static Core.Host.INativeRunner? RunnerOverride { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        if (RunnerOverride is not null)
        {
            Runner = RunnerOverride;
        }

        base.BeginProcessing();
    }

    /// <summary>The rule sources of the root.</summary>
    internal AuditRuleSources Sources => _sources ??= new AuditRuleSources(TargetRoot);

    /// <summary>Whether the live kernel is changed.</summary>
    internal bool ChangeLive => Live || (!Persistent && TargetRoot.IsLive);

    /// <summary>Whether the persistent files are changed.</summary>
    internal bool ChangePersistent => Persistent || !Live;

    /// <summary>augenrules --load runs (and loads the kernel) when persistent rules change on the live host and augenrules is installed.</summary>
    internal bool UseAugenrules => ChangePersistent && TargetRoot.IsLive && Runner.Which("augenrules") is not null;

    /// <summary>Checks the target and, when the kernel will be touched, refuses an immutable one.</summary>
    internal void Preflight()
    {
        if (Live && !TargetRoot.IsLive)
        {
            ThrowEngineError(new GoBaselineException(ErrorIds.InvalidRoot, FailureKind.InvalidArgument, "-Live changes the running kernel, which only exists for -Root /.", Root), Root);
        }

        if (ChangeLive || UseAugenrules)
        {
            try
            {
                AuditRulePlanner.EnsureMutable(new AuditCtl(Runner).Status(CancelToken));
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                ThrowEngineError(ex, "auditctl -s");
            }
        }
    }

    /// <summary>The rules of the managed file now (empty when it does not exist); a bad line stops the cmdlet.</summary>
    internal List<AuditRule> ManagedRules()
    {
        if (!TargetRoot.FileExists(ManagedFile))
        {
            return new List<AuditRule>();
        }

        var read = Sources.ReadFile(ManagedFile, "Persistent");
        if (read.Error is not null)
        {
            ThrowEngineError(read.Error, ManagedFile);
        }

        return read.Rules.Where(r => r.Kind == AuditRuleKind.Rule).ToList();
    }

    /// <summary>The live rules (empty under -Root).</summary>
    internal IReadOnlyList<AuditRule> LiveRules()
    {
        if (!TargetRoot.IsLive)
        {
            return Array.Empty<AuditRule>();
        }

        try
        {
            return Sources.ReadLive(new AuditCtl(Runner), CancelToken);
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowEngineError(ex, "auditctl -l");
            throw;
        }
    }

    /// <summary>
    /// The changes that make the managed file hold <paramref name="newManaged"/> and the kernel reflect
    /// <paramref name="liveAdd"/>/<paramref name="liveDelete"/>: a file write plus augenrules --load, or auditctl calls.
    /// </summary>
    internal List<Change> BuildChanges(IReadOnlyList<AuditRule> oldManaged, IReadOnlyList<AuditRule> newManaged, IReadOnlyList<AuditRule> liveAdd, IReadOnlyList<AuditRule> liveDelete)
    {
        var changes = new List<Change>();
        if (ChangePersistent)
        {
            var text = AuditRulePlanner.ManagedFileText(newManaged);
            var current = TargetRoot.TryReadAllText(ManagedFile);
            if (current != text)
            {
                var added = newManaged.Select((r, i) => (r, i)).Where(x => !oldManaged.Any(o => o.CanonicalText == x.r.CanonicalText))
                    .Select(x => $"line {x.i + 2}: {AuditRulePlanner.EscapedCommand(x.r)}");
                var removed = oldManaged.Where(o => !newManaged.Any(n => n.CanonicalText == o.CanonicalText)).Select(o => "remove: " + AuditRulePlanner.EscapedCommand(o));
                var summary = string.Join("; ", added.Concat(removed));
                changes.Add(new FileWriteChange(ManagedFile, Encoding.UTF8.GetBytes(text), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, summary: summary.Length == 0 ? "rewrite" : summary));
            }

            if (UseAugenrules)
            {
                // What augenrules will load: the rules.d files with the managed file as it will be.
                var texts = Sources.PersistentFiles().Where(f => f != ManagedFile).Select(f => (f, TargetRoot.ReadAllText(f))).ToList();
                texts.Add((ManagedFile, text));
                texts.Sort((a, b) => AuditRuleSources.VersionCompare(a.Item1.Substring(a.Item1.LastIndexOf('/') + 1), b.Item1.Substring(b.Item1.LastIndexOf('/') + 1)));
                if (changes.Count > 0 || !PersistentLoaded(texts.Select(t => t.Item2)))
                {
                    changes.Add(new AugenrulesLoadChange(texts.Select(t => t.Item2), ReloadSummary(texts.Select(t => t.Item2))));
                }

                return changes;
            }

            if (ChangePersistent && TargetRoot.IsLive && !ChangeLive)
            {
                WriteWarning("augenrules is not installed: the kernel keeps its rules until the audit service loads the files.");
            }
        }

        if (ChangeLive && (liveAdd.Count > 0 || liveDelete.Count > 0))
        {
            changes.Add(new AuditLiveRulesChange(AuditRulePlanner.LiveOperations(LiveRules(), liveAdd, liveDelete)));
        }

        return changes;
    }

    /// <summary>What the reload does to the kernel ("kernel + rule; - rule"), set by <see cref="BuildChanges"/> for the result's summary.</summary>
    private string? _reloadSummary;

    /// <summary>
    /// The kernel difference of augenrules --load with these rules.d texts against the live listing; warns about
    /// every loaded rule that is in no rules.d file and that the reload deletes (rules.d starting with -D).
    /// </summary>
    private string? ReloadSummary(IEnumerable<string> texts)
    {
        try
        {
            var (adds, deletes) = AugenrulesLoadChange.KernelDifference(AuditRuleSources.BuildAugenrules(texts), LiveRules(), Sources.Environment);
            foreach (var r in deletes)
            {
                WriteWarning($"augenrules --load deletes the loaded rule '{r.Text}': it is in no {AuditRuleSources.RulesDirectory} file and the generated rules start with -D. Add it to a rules file (or use -Live) to keep it.");
            }

            _reloadSummary = AugenrulesLoadChange.Summarize(adds, deletes);
            return _reloadSummary;
        }
        catch (Core.ParseException ex)
        {
            WriteWarning($"The rules augenrules builds do not parse ({ex.Message}): the reload's effect on the kernel is not known.");
            return null;
        }
    }

    /// <summary>True when audit.rules is what rules.d builds and the kernel holds exactly its rules (augenrules --load would change nothing).</summary>
    private bool PersistentLoaded(IEnumerable<string> texts)
    {
        var build = AuditRuleSources.BuildAugenrules(texts);
        if (TargetRoot.TryReadAllText(AuditRuleSources.GeneratedFile) != build)
        {
            return false;
        }

        try
        {
            var want = AuditRules.Parse(build, AuditRuleSources.GeneratedFile, Sources.Environment).Where(r => r.Kind == AuditRuleKind.Rule).Select(r => r.CanonicalText);
            var have = LiveRules().Select(r => r.CanonicalText);
            return new HashSet<string>(want, StringComparer.Ordinal).SetEquals(have);
        }
        catch (Core.ParseException)
        {
            return false;
        }
    }

    /// <summary>Runs the changes through the journal and writes the result (or, with -PassThru, the rules afterwards).</summary>
    internal void Run(List<Change> changes, string summary, IReadOnlyList<AuditRule> subject)
    {
        if (changes.Count == 0)
        {
            WriteVerbose("Nothing to change: the rules are already as asked.");
            if (!PassThru)
            {
                // Idempotent rerun: still one result, Changed = False, for Ansible's "changed".
                WriteObject(new BaselineChangeResult(MyInvocation.MyCommand.Name, false, null, null, Array.Empty<BaselineChange>(), subject.Select(r => r.Text).ToList(), string.Empty, "Nothing to change: the rules are already as asked."));
                return;
            }
        }

        if (_reloadSummary is not null)
        {
            summary += " (augenrules --load: " + _reloadSummary + ")";
        }

        var result = changes.Count == 0 ? null : ApplyChanges(changes, summary, ManagedFile);
        if (changes.Count > 0 && result is null)
        {
            return;
        }

        if (!PassThru)
        {
            if (result is not null)
            {
                WriteObject(result);
            }

            return;
        }

        var wanted = new HashSet<string>(subject.Select(r => r.CanonicalText), StringComparer.Ordinal);
        var after = TargetRoot.IsLive && (ChangeLive || UseAugenrules) ? LiveRules() : ManagedRules();
        foreach (var r in after.Where(r => wanted.Contains(r.CanonicalText)))
        {
            WriteObject(r);
        }
    }
}
