using System;
using System.Collections.Generic;

namespace GoBaseline.Core.Journal;

/// <summary>States of a transaction in the journal.</summary>
public enum TransactionState
{
    /// <summary>Intent recorded; changes being applied (a transaction found in this state after a crash is interrupted).</summary>
    Pending,
    /// <summary>All changes applied and verified.</summary>
    Applied,
    /// <summary>A change failed; what was applied was rolled back.</summary>
    Failed,
    /// <summary>Undone on request.</summary>
    RolledBack,
    /// <summary>Interrupted by a crash or kill; recovery rolled back what had been applied.</summary>
    Interrupted,
}

/// <summary>States of one change.</summary>
public enum ChangeState
{
    /// <summary>Recorded, not applied yet.</summary>
    Pending,
    /// <summary>Being applied.</summary>
    Applying,
    /// <summary>Applied and verified.</summary>
    Applied,
    /// <summary>Applying failed.</summary>
    Failed,
    /// <summary>Being reverted.</summary>
    Reverting,
    /// <summary>Reverted.</summary>
    Reverted,
}

/// <summary>One change as the journal stores it.</summary>
public sealed class ChangeRecord
{
    /// <summary>Position in the transaction, from 0.</summary>
    public int Index { get; set; }

    /// <summary>The change kind.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>The target.</summary>
    public string Target { get; set; } = string.Empty;

    /// <summary>What it does.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>What undo can do.</summary>
    public Reversibility Reversibility { get; set; }

    /// <summary>State.</summary>
    public ChangeState State { get; set; }

    /// <summary>The parameters that rebuild the change.</summary>
    public SortedDictionary<string, string?> Data { get; set; } = new(StringComparer.Ordinal);

    /// <summary>State of the target before.</summary>
    public SortedDictionary<string, string?> Before { get; set; } = new(StringComparer.Ordinal);

    /// <summary>State of the target after (empty until applied).</summary>
    public SortedDictionary<string, string?> After { get; set; } = new(StringComparer.Ordinal);

    /// <summary>An error while applying or reverting.</summary>
    public string? Error { get; set; }

    /// <summary>
    /// What the journal could not check about this change, e.g. that a native command pair without a probe was
    /// reverted without a drift check (it captures no state, so whether its effect was still in place is unknown).
    /// </summary>
    public string? Note { get; set; }
}

/// <summary>One transaction as the journal stores it (one JSON file per transaction).</summary>
public sealed class TransactionRecord
{
    /// <summary>Sortable id: time plus random suffix.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Increasing number across the journal.</summary>
    public long Sequence { get; set; }

    /// <summary>When it started.</summary>
    public DateTimeOffset Time { get; set; }

    /// <summary>Who ran it.</summary>
    public string User { get; set; } = string.Empty;

    /// <summary>The cmdlet (or caller) that made it.</summary>
    public string Cmdlet { get; set; } = string.Empty;

    /// <summary>One line saying what it does.</summary>
    public string Summary { get; set; } = string.Empty;

    /// <summary>State.</summary>
    public TransactionState State { get; set; }

    /// <summary>The error that made it fail.</summary>
    public string? Error { get; set; }

    /// <summary>An error while rolling back (both are reported).</summary>
    public string? RollbackError { get; set; }

    /// <summary>When it was undone or recovered.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Who undid it.</summary>
    public string? EndedBy { get; set; }

    /// <summary>The changes in order.</summary>
    public List<ChangeRecord> Changes { get; set; } = new();

    /// <summary>
    /// The indexes of the changes an undo in progress is reverting (null when no undo is in progress). Recorded
    /// durably before the first change is reverted, so recovery after a crash finishes exactly that undo and leaves
    /// the changes a partial undo did not select applied.
    /// </summary>
    public List<int>? Undoing { get; set; }
}

/// <summary>A named point in the journal to return to.</summary>
public sealed class CheckpointRecord
{
    /// <summary>The name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>When it was taken.</summary>
    public DateTimeOffset Time { get; set; }

    /// <summary>The last transaction sequence number at that time.</summary>
    public long Sequence { get; set; }

    /// <summary>Who took it.</summary>
    public string User { get; set; } = string.Empty;
}
