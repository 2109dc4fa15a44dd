using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using GoBaseline.Core;
using GoBaseline.Core.Journal;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Returns the system to a checkpoint: undoes every journaled change made since, newest first.</para>
/// </summary>
[Cmdlet(VerbsData.Restore, "Baseline", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(BaselineChangeResult))]
public sealed class RestoreBaselineCommand : RemediationCmdlet
{
    /// <summary>
    /// <para type="description">The checkpoint to return to (as given to Checkpoint-Baseline). Binds from the pipeline by property name.</para>
    /// </summary>
    [Parameter(Position = 0, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    private protected override string ActionText => "Restore-Baseline " + Name;

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        IReadOnlyList<TransactionRecord> since;
        using (var reader = ChangeJournal.OpenRead(TargetRoot, Runner))
        {
            try
            {
                since = reader.Since(Name);
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                WriteEngineError(ex, Name);
                return;
            }
        }

        if (since.Count == 0)
        {
            WriteVerbose($"Nothing was changed since checkpoint '{Name}'.");
            WriteObject(new BaselineChangeResult(MyInvocation.MyCommand.Name, false, null, null, Array.Empty<BaselineChange>(), Array.Empty<string>(), string.Empty, $"Nothing was changed since checkpoint '{Name}'.", whatIf: WhatIfMode));
            return;
        }

        foreach (var tx in since)
        {
            foreach (var rec in tx.Changes.Where(c => c.State == ChangeState.Applied).OrderByDescending(c => c.Index))
            {
                if (rec.Reversibility == Reversibility.Irreversible && !AcceptIrreversible)
                {
                    ThrowEngineError(new GoBaselineException(ErrorIds.ChangeNotReversible, FailureKind.InvalidOperation, $"'{rec.Description}' (transaction {tx.Id}) is irreversible: {ChangePlan.UndoCaveat(rec.Reversibility)}", rec.Target), tx.Id);
                }
            }
        }

        // ShouldProcess once per change to undo, before anything is touched; declining one cancels the restore (it is all or nothing).
        var steps = since.SelectMany(tx => tx.Changes.Where(c => c.State == ChangeState.Applied).OrderByDescending(c => c.Index).Select(c => $"{tx.Id}#{c.Index.ToString(CultureInfo.InvariantCulture)}: {ChangePlan.UndoDescription(c)}")).ToList();
        var whatIf = WhatIfMode;
        foreach (var step in steps)
        {
            if (!ShouldProcess(step, ActionText) && !whatIf)
            {
                return;
            }
        }

        if (whatIf)
        {
            // Ansible's check mode: one preview of the whole restore, nothing written.
            using var read = ChangeJournal.OpenRead(TargetRoot, Runner);
            var previews = since.Select(tx => JournalReport.ToUndoPreview(MyInvocation.MyCommand.Name, tx, tx.Changes.Where(c => c.State == ChangeState.Applied).Select(c => c.Index).ToHashSet(), steps, read.Blobs)).ToList();
            WriteObject(new BaselineChangeResult(MyInvocation.MyCommand.Name, steps.Count > 0, null, null, Array.Empty<BaselineChange>(), Array.Empty<string>(), string.Concat(previews.Select(p => p.Diff)), $"What if: {steps.Count} change(s) of {since.Count} transaction(s) since checkpoint '{Name}' would be undone; nothing was written.", whatIf: true, planned: steps));
            return;
        }

        using var journal = OpenJournal();
        if (!Force)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var drift = new List<string>();
            foreach (var tx in since)
            {
                var fresh = journal.Load(tx.Id) ?? tx;
                drift.AddRange(journal.Drift(fresh, null, seen, CancelToken).Select(d => $"{tx.Id}: {d}"));
                foreach (var c in fresh.Changes.Where(c => c.State == ChangeState.Applied))
                {
                    seen.Add(c.Target);
                }
            }

            if (drift.Count > 0)
            {
                ThrowEngineError(new GoBaselineException(ErrorIds.ChangeDrifted, FailureKind.InvalidOperation, $"Changed since GoBaseline changed it: {string.Join("; ", drift)}. Nothing was undone; use -Force to restore the recorded state anyway.", Name), Name);
                return;
            }
        }

        foreach (var tx in since)
        {
            try
            {
                var done = journal.Undo(tx.Id, null, Force, AcceptIrreversible, CancelToken);
                WriteObject(JournalReport.ToUndoResult(MyInvocation.MyCommand.Name, done, null, journal.Blobs));
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                WriteEngineError(ex, tx.Id);
                return;
            }
        }
    }
}
