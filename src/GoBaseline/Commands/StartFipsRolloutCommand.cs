using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using GoBaseline.Core;
using GoBaseline.Core.Fips;
using GoBaseline.Core.Journal;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Switches named Go services to GODEBUG=fips140=on stage by stage, checks health after each stage,
/// and rolls every stage back automatically when a check fails; the state lives in the change journal.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "FipsRollout", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(FipsRolloutStage))]
public sealed class StartFipsRolloutCommand : RemediationCmdlet
{
    private readonly List<string> _services = new();

    /// <summary>
    /// <para type="description">The Go services (systemd units), in rollout order; binds from the pipeline and from
    /// ServiceName properties.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? ServiceName { get; set; }

    /// <summary>
    /// <para type="description">The health condition, run after every stage with the services switched so far as its
    /// argument ($args[0]). It fails when it throws, writes an error, or outputs $false.</para>
    /// </summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    public ScriptBlock? HealthCheck { get; set; }

    /// <summary>
    /// <para type="description">The cumulative share of the services switched after each stage, in percent. Default 25,
    /// 50, 100: a first quarter, then half, then all.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 100)]
    public int[] StagePercent { get; set; } = { 25, 50, 100 };

    /// <summary>
    /// <para type="description">The rollout's name; it names the journal checkpoint taken before the first stage, so
    /// Restore-Baseline -Checkpoint can undo the whole rollout later. Default fips-rollout-(UTC time).</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RolloutId { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        foreach (var s in ServiceName!)
        {
            if (!_services.Contains(s, StringComparer.Ordinal))
            {
                _services.Add(s);
            }
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var id = RolloutId ?? "fips-rollout-" + DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var stages = FipsRollout.Stages(_services, StagePercent.OrderBy(p => p).ToList());
        var baselineErrors = FipsRollout.CountCryptoErrors(TargetRoot);
        var applied = new List<(int Stage, string? Tx, IReadOnlyList<string> Services, List<string> Checks)>();
        var switchedSoFar = new List<string>();
        ChangeJournal? journal = null;
        try
        {
            for (var k = 0; k < stages.Count; k++)
            {
                var stage = stages[k];
                var changes = FipsRemediation.Plan(TargetRoot, enable: true, stage, includeHost: false).Changes;
                ConfirmChanges(changes, out var confirmed);
                if (changes.Count > 0 && confirmed.Count == 0)
                {
                    // -WhatIf, or the admin declined: nothing further is switched.
                    for (var rest = k; rest < stages.Count; rest++)
                    {
                        WriteObject(new FipsRolloutStage(id, rest + 1, stages.Count, stages[rest], null, FipsRolloutStageStatus.Skipped, Array.Empty<string>(), "Not applied (-WhatIf or declined)."));
                    }

                    return;
                }

                if (journal is null)
                {
                    journal = OpenJournal();
                    journal.Checkpoint(id);
                }

                string? tx = null;
                try
                {
                    var result = journal.Run(confirmed, new TransactionOptions { Cmdlet = MyInvocation.MyCommand.Name, Summary = $"{id} stage {k + 1}/{stages.Count}: GODEBUG=fips140=on for {string.Join(", ", stage)}" }, CancelToken);
                    tx = result.Transaction?.Id;
                }
                catch (Exception ex) when (ex is not PipelineStoppedException)
                {
                    // The failed stage rolled itself back; undo the earlier ones too.
                    var undone = RollBack(journal, applied, id, stages.Count);
                    WriteObject(new FipsRolloutStage(id, k + 1, stages.Count, stage, null, FipsRolloutStageStatus.Failed, Array.Empty<string>(), "Applying the stage failed: " + ex.Message + undone));
                    WriteEngineError(ex, string.Join(", ", stage));
                    return;
                }

                switchedSoFar.AddRange(stage);
                var checks = new List<string>();
                var failure = Check(switchedSoFar, stage, baselineErrors, checks);
                applied.Add((k + 1, tx, stage, checks));
                if (failure is null)
                {
                    WriteObject(new FipsRolloutStage(id, k + 1, stages.Count, stage, tx, FipsRolloutStageStatus.Succeeded, checks, null));
                    continue;
                }

                var rolledBack = RollBack(journal, applied, id, stages.Count);
                WriteObject(new FipsRolloutStage(id, k + 1, stages.Count, stage, tx, FipsRolloutStageStatus.Failed, checks, failure + rolledBack));
                WriteError(new ErrorRecord(
                    new GoBaselineException(ErrorIds.RolloutStageFailed, FailureKind.InvalidOperation, $"FIPS rollout {id}: stage {k + 1}/{stages.Count} ({string.Join(", ", stage)}) failed: {failure}{rolledBack}", string.Join(", ", stage)),
                    ErrorIds.RolloutStageFailed,
                    ErrorCategory.InvalidResult,
                    string.Join(", ", stage)));
                return;
            }
        }
        finally
        {
            journal?.Dispose();
        }
    }

    private string? Check(List<string> switched, IReadOnlyList<string> stage, int baselineErrors, List<string> checks)
    {
        string? failure = null;
        if (FipsRollout.SystemdRuns(TargetRoot))
        {
            foreach (var (line, ok) in FipsRollout.RestartAndCheck(Runner, stage))
            {
                checks.Add(line);
                if (!ok)
                {
                    failure ??= line;
                }
            }
        }
        else
        {
            checks.Add("systemd does not run here (or -Root is not /): units were not restarted or asked whether they are active.");
        }

        try
        {
            var output = HealthCheck!.Invoke((object)switched.ToArray());
            var bad = output.Any(o => o?.BaseObject is bool b && !b);
            checks.Add("health check: " + (bad ? "returned $false" : "passed"));
            if (bad)
            {
                failure ??= "The health check returned $false.";
            }
        }
        catch (RuntimeException ex)
        {
            checks.Add("health check: threw " + ex.Message);
            failure ??= "The health check failed: " + ex.Message;
        }

        var errors = FipsRollout.CountCryptoErrors(TargetRoot);
        checks.Add($"audit log: {errors - baselineErrors} new failed CRYPTO_* record(s)");
        if (errors > baselineErrors)
        {
            failure ??= $"{errors - baselineErrors} new crypto error(s) in /var/log/audit/audit.log.";
        }

        return failure;
    }

    private string RollBack(ChangeJournal journal, List<(int Stage, string? Tx, IReadOnlyList<string> Services, List<string> Checks)> applied, string id, int stageCount)
    {
        var problems = new List<string>();
        for (var i = applied.Count - 1; i >= 0; i--)
        {
            var (stage, tx, services, checks) = applied[i];
            if (tx is null)
            {
                continue;
            }

            try
            {
                journal.Undo(tx, null, force: false, cancel: CancelToken);
                if (i < applied.Count - 1)
                {
                    WriteObject(new FipsRolloutStage(id, stage, stageCount, services, tx, FipsRolloutStageStatus.RolledBack, checks, "Undone because a later stage failed."));
                }
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                problems.Add($"stage {stage} ({tx}): {ex.Message}");
                WriteEngineError(ex, tx);
            }
        }

        return problems.Count == 0 ? " Every stage was rolled back." : " Rolling back failed for " + string.Join("; ", problems);
    }
}
