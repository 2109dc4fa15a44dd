using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using GoBaseline.Core;
using GoBaseline.Core.Fips;
using GoBaseline.Core.Host;
using GoBaseline.Core.Journal;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Switches named Go services to GODEBUG=fips140=on stage by stage, checks health after each stage,
/// and rolls every stage back automatically when a check fails; the state lives in the change journal.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "FipsRollout", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "Script")]
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
    /// argument ($args[0]). It fails when it throws, writes an error record (Write-Error, a failing cmdlet), leaves a
    /// non-zero $LASTEXITCODE (the last native program it ran exited non-zero), or its last output is false in
    /// PowerShell's sense ($false, 0, '', $null) or the string 'False'; otherwise it passes. A native program's stderr
    /// alone is not a failure.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = "Script")]
    [ValidateNotNull]
    public ScriptBlock? HealthCheck { get; set; }

    /// <summary>
    /// <para type="description">The health condition as a native command: the program and its arguments, run (never
    /// through a shell) after every stage with the services switched so far appended as further arguments. It passes
    /// when the program exits 0 within two minutes; any other exit, a timeout or a missing program fails the stage.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = "Command")]
    [ValidateNotNullOrEmpty]
    public string[]? HealthCommand { get; set; }

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
            try
            {
                foreach (var (line, ok) in FipsRollout.RestartAndCheck(Runner, stage, CancelToken))
                {
                    checks.Add(line);
                    if (!ok)
                    {
                        failure ??= line;
                    }
                }
            }
            catch (Exception ex) when (ex is not PipelineStoppedException and not OperationCanceledException)
            {
                // daemon-reload or a restart failed or timed out: the check itself failed, which fails the stage.
                checks.Add("systemd: " + ex.Message);
                failure ??= "Restarting the units failed: " + ex.Message;
            }
        }
        else
        {
            checks.Add("systemd does not run here (or -Root is not /): units were not restarted or asked whether they are active.");
        }

        var health = HealthCommand is not null ? RunHealthCommand(switched) : RunHealthScript(switched);
        checks.Add("health check: " + (health ?? "passed"));
        if (health is not null)
        {
            failure ??= "The health check failed: " + health;
        }

        var errors = FipsRollout.CountCryptoErrors(TargetRoot);
        checks.Add($"audit log: {errors - baselineErrors} new failed CRYPTO_* record(s)");
        if (errors > baselineErrors)
        {
            failure ??= $"{errors - baselineErrors} new crypto error(s) in /var/log/audit/audit.log.";
        }

        return failure;
    }

    // The wrapper resets $LASTEXITCODE, runs the check with its error stream merged into the output (errors are
    // written even under -ErrorAction SilentlyContinue on the cmdlet), and hands back the exit code the check left
    // behind as the last object.
    private const string HealthWrapper =
        "param($check, $services) $ErrorActionPreference = 'Continue'; $global:LASTEXITCODE = 0; & $check $services 2>&1; [int]$global:LASTEXITCODE";

    /// <summary>Runs -HealthCheck; null when it passed, else why it failed (the rule is in the parameter's help).</summary>
    private string? RunHealthScript(List<string> switched)
    {
        System.Collections.ObjectModel.Collection<PSObject> output;
        var previousExit = SessionState.PSVariable.GetValue("global:LASTEXITCODE");
        try
        {
            output = ScriptBlock.Create(HealthWrapper).Invoke(HealthCheck!, switched.ToArray());
        }
        catch (RuntimeException ex)
        {
            return "threw " + ex.Message;
        }
        finally
        {
            SessionState.PSVariable.Set("global:LASTEXITCODE", previousExit);
        }

        var exit = output.Count > 0 && output[^1]?.BaseObject is int code ? code : 0;
        var results = output.Take(Math.Max(0, output.Count - 1)).ToList();
        var errors = results
            .Select(o => o?.BaseObject as ErrorRecord)
            .Where(e => e is not null && !e.FullyQualifiedErrorId.StartsWith("NativeCommandError", StringComparison.Ordinal))
            .ToList();
        if (errors.Count > 0)
        {
            return "wrote an error: " + errors[0]!.ToString();
        }

        if (exit != 0)
        {
            return $"a native command it ran exited {exit} ($LASTEXITCODE).";
        }

        var values = results.Where(o => o?.BaseObject is not ErrorRecord).ToList();
        if (values.Count > 0)
        {
            var last = values[^1];
            if (!LanguagePrimitives.IsTrue(last) || (last?.BaseObject is string text && text.Trim().Equals("False", StringComparison.OrdinalIgnoreCase)))
            {
                return "its last output was '" + (last?.ToString() ?? "$null") + "', which is false.";
            }
        }

        return null;
    }

    /// <summary>Runs -HealthCommand through the native runner; null when it exited 0.</summary>
    private string? RunHealthCommand(List<string> switched)
    {
        var command = new NativeCommand(HealthCommand![0], HealthCommand.Skip(1).Concat(switched), null, TimeSpan.FromMinutes(2))
        {
            SuccessExitCodes = Enumerable.Range(0, 256).ToArray(),
        };
        try
        {
            var result = Runner.Run(command, CancelToken);
            return result.ExitCode == 0 ? null : $"{command.CommandLine} exited {result.ExitCode}" + (result.StandardError.Trim().Length > 0 ? ": " + result.StandardError.Trim() : ".");
        }
        catch (Exception ex) when (ex is not PipelineStoppedException and not OperationCanceledException)
        {
            return $"{command.CommandLine}: {ex.Message}";
        }
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
                if (FipsRollout.SystemdRuns(TargetRoot))
                {
                    // The drop-ins are gone; the units still run with fips140=on until systemd reloads and restarts them.
                    try
                    {
                        foreach (var (line, _) in FipsRollout.RestartAndCheck(Runner, services, CancelToken))
                        {
                            checks.Add("after rollback: " + line);
                        }
                    }
                    catch (Exception ex) when (ex is not PipelineStoppedException and not OperationCanceledException)
                    {
                        checks.Add("after rollback: restarting the units failed: " + ex.Message);
                        problems.Add($"stage {stage} ({tx}): undone, but restarting its units failed: {ex.Message}");
                    }
                }

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
