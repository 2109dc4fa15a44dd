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
/// <para type="synopsis">Undoes journaled changes: single changes, whole transactions, or the last N transactions.</para>
/// </summary>
[Cmdlet(VerbsCommon.Undo, "BaselineChange", DefaultParameterSetName = "Id", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(BaselineChangeResult))]
public sealed class UndoBaselineChangeCommand : RemediationCmdlet
{
    private readonly List<(string TxId, int? Index)> _requests = new();

    /// <summary>
    /// <para type="description">Change ids ("&lt;transaction id&gt;#&lt;index&gt;", as Get-BaselineChange shows them); a bare
    /// transaction id means the whole transaction. Binds from the pipeline by property name.</para>
    /// </summary>
    [Parameter(Position = 0, ParameterSetName = "Id", Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    /// <summary>
    /// <para type="description">Transaction ids: every applied change of these transactions, in reverse order. Binds
    /// from the pipeline by property name (the result of a Set- cmdlet).</para>
    /// </summary>
    [Parameter(ParameterSetName = "Transaction", Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Transaction")]
    [ValidateNotNullOrEmpty]
    public string[]? TransactionId { get; set; }

    /// <summary>
    /// <para type="description">Undoes the newest N transactions that are still applied, newest first.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Last", Mandatory = true)]
    [ValidateRange(1, int.MaxValue)]
    public int Last { get; set; }

    private protected override string ActionText => "Undo";

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case "Id":
                foreach (var id in Id!)
                {
                    var hash = id.LastIndexOf('#');
                    if (hash > 0 && int.TryParse(id.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    {
                        _requests.Add((id.Substring(0, hash), index));
                    }
                    else
                    {
                        _requests.Add((id, null));
                    }
                }

                break;
            case "Transaction":
                foreach (var t in TransactionId!)
                {
                    _requests.Add((t, null));
                }

                break;
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        using var journal = ChangeJournal.OpenRead(TargetRoot, Runner);
        IReadOnlyList<TransactionRecord> all;
        try
        {
            all = journal.List();
        }
        catch (Exception ex)
        {
            ThrowEngineError(ex, journal.Directory);
            return;
        }

        // Group what was asked by transaction; undo transactions newest first, each in reverse change order.
        var work = new List<(TransactionRecord Tx, HashSet<int>? Indexes)>();
        if (ParameterSetName == "Last")
        {
            work.AddRange(all.Where(t => t.State == TransactionState.Applied).OrderByDescending(t => t.Sequence).Take(Last).Select(t => (t, (HashSet<int>?)null)));
        }
        else
        {
            foreach (var group in _requests.GroupBy(r => r.TxId, StringComparer.OrdinalIgnoreCase))
            {
                var tx = all.FirstOrDefault(t => string.Equals(t.Id, group.Key, StringComparison.OrdinalIgnoreCase));
                if (tx is null)
                {
                    WriteEngineError(new GoBaselineException(ErrorIds.ChangeNotFound, FailureKind.NotFound, $"No transaction {group.Key} in the journal.", group.Key), group.Key);
                    continue;
                }

                HashSet<int>? indexes = group.Any(r => r.Index is null) ? null : group.Select(r => r.Index!.Value).ToHashSet();
                var missing = indexes?.Where(i => i >= tx.Changes.Count).ToList();
                if (missing is { Count: > 0 })
                {
                    WriteEngineError(new GoBaselineException(ErrorIds.ChangeNotFound, FailureKind.NotFound, $"Transaction {tx.Id} has no change #{missing[0]}.", tx.Id), tx.Id);
                    continue;
                }

                work.Add((tx, indexes));
            }

            work = work.OrderByDescending(w => w.Tx.Sequence).ToList();
        }

        UndoAll(work, journal.Blobs);
    }

    private void UndoAll(List<(TransactionRecord Tx, HashSet<int>? Indexes)> work, BlobStore blobs)
    {
        // ShouldProcess once per change, before anything is touched.
        var whatIf = WhatIfMode;
        var previews = new List<BaselineChangeResult>();
        var confirmed = new List<(TransactionRecord Tx, HashSet<int> Indexes)>();
        foreach (var (tx, indexes) in work)
        {
            var applied = tx.Changes.Where(c => c.State == ChangeState.Applied && (indexes is null || indexes.Contains(c.Index))).OrderByDescending(c => c.Index).ToList();
            if (applied.Count == 0)
            {
                WriteEngineError(new GoBaselineException(ErrorIds.ChangeNotReversible, FailureKind.InvalidOperation, $"Transaction {tx.Id} has nothing applied to undo (it is {tx.State}).", tx.Id), tx.Id);
                continue;
            }

            var yes = new HashSet<int>();
            var planned = new List<string>();
            foreach (var rec in applied)
            {
                if (rec.Reversibility == Reversibility.Irreversible && !AcceptIrreversible)
                {
                    WriteEngineError(new GoBaselineException(ErrorIds.ChangeNotReversible, FailureKind.InvalidOperation, $"'{rec.Description}' is irreversible: {ChangePlan.UndoCaveat(rec.Reversibility)}", rec.Target), tx.Id + "#" + rec.Index.ToString(CultureInfo.InvariantCulture));
                    yes.Clear();
                    break;
                }

                var step = $"{tx.Id}#{rec.Index.ToString(CultureInfo.InvariantCulture)}: {ChangePlan.UndoDescription(rec)}";
                if (ShouldProcess(step, ActionText))
                {
                    yes.Add(rec.Index);
                }
                else if (whatIf)
                {
                    planned.Add(step);
                }
            }

            if (whatIf && planned.Count > 0)
            {
                previews.Add(JournalReport.ToUndoPreview(MyInvocation.MyCommand.Name, tx, applied.Select(c => c.Index).ToHashSet(), planned, blobs));
            }

            if (yes.Count > 0)
            {
                confirmed.Add((tx, yes));
            }
        }

        if (whatIf)
        {
            // Ansible's check mode: one preview per transaction that would be undone, nothing written.
            WriteObject(previews, enumerateCollection: true);
            return;
        }

        if (confirmed.Count == 0)
        {
            return;
        }

        using var journal = OpenJournal();

        // Check drift of everything first (a target's newest change only: an older change of the same target is
        // checked against what the newer undo restores), so a multi-transaction undo does not stop half way.
        if (!Force)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var drift = new List<string>();
            foreach (var (tx, indexes) in confirmed)
            {
                var fresh = journal.Load(tx.Id) ?? tx;
                drift.AddRange(journal.Drift(fresh, indexes, seen, CancelToken).Select(d => $"{tx.Id}: {d}"));
                foreach (var c in fresh.Changes.Where(c => indexes.Contains(c.Index)))
                {
                    seen.Add(c.Target);
                }
            }

            if (drift.Count > 0)
            {
                ThrowEngineError(new GoBaselineException(ErrorIds.ChangeDrifted, FailureKind.InvalidOperation, $"Changed since GoBaseline changed it: {string.Join("; ", drift)}. Nothing was undone; use -Force to restore the recorded state anyway.", confirmed[0].Tx.Id), confirmed[0].Tx.Id);
                return;
            }
        }

        foreach (var (tx, indexes) in confirmed)
        {
            try
            {
                var done = journal.Undo(tx.Id, indexes, Force, AcceptIrreversible, CancelToken);
                WriteObject(JournalReport.ToUndoResult(MyInvocation.MyCommand.Name, done, indexes, journal.Blobs));
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                WriteEngineError(ex, tx.Id);
                return;
            }
        }
    }
}
