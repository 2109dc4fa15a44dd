using System;
using System.Collections.Generic;

namespace GoBaseline;

/// <summary>The state of a journaled transaction (and so of every change in it).</summary>
public enum BaselineChangeState
{
    /// <summary>Being applied right now (or the writer was killed and the journal has not been opened for writing since).</summary>
    Pending,
    /// <summary>Applied and verified; still in place as far as the journal knows.</summary>
    Applied,
    /// <summary>A change failed while applying; what had been applied was rolled back.</summary>
    Failed,
    /// <summary>Undone on request (Undo-BaselineChange, Restore-Baseline).</summary>
    RolledBack,
    /// <summary>Interrupted by a crash or kill; the next writer rolled back what had been applied.</summary>
    Interrupted,
}

/// <summary>The state of one change inside its transaction.</summary>
public enum BaselineChangeStepState
{
    /// <summary>Recorded, not applied.</summary>
    Pending,
    /// <summary>Being applied.</summary>
    Applying,
    /// <summary>Applied and verified.</summary>
    Applied,
    /// <summary>Applying it failed.</summary>
    Failed,
    /// <summary>Being reverted.</summary>
    Reverting,
    /// <summary>Reverted: the target is back in its state before.</summary>
    Reverted,
}

/// <summary>What undo can do for a change.</summary>
public enum ChangeReversibility
{
    /// <summary>Undo restores the state before.</summary>
    Reversible,
    /// <summary>Undo restores the configuration, but the effect (like the change itself) only follows at the next boot.</summary>
    RebootBound,
    /// <summary>Undo cannot restore the state before (e.g. audit rules made immutable until reboot with -e 2).</summary>
    Irreversible,
}

/// <summary>One fact of a change's target before and after it (content hash, mode, owner, label, probe output).</summary>
public sealed class BaselineChangeFact
{
    /// <summary>Creates a fact.</summary>
    public BaselineChangeFact(string name, string? before, string? after)
    {
        Name = name;
        Before = before;
        After = after;
    }

    /// <summary>The fact: exists, type, sha256, mode, uid, gid, label, linkTarget, value, probe.</summary>
    public string Name { get; }

    /// <summary>Its value before the change (null: not present).</summary>
    public string? Before { get; }

    /// <summary>Its value after the change (null: not present, or the change was never applied).</summary>
    public string? After { get; }

    /// <summary>True when the change altered this fact.</summary>
    public bool Changed => !string.Equals(Before, After, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Before ?? "(none)"} -> {After ?? "(none)"}";
}

/// <summary>
/// One change GoBaseline made (or tried to make), as the journal records it. <see cref="Id"/> is
/// "&lt;transaction id&gt;#&lt;index&gt;"; pipe it to Undo-BaselineChange to revert it.
/// </summary>
public sealed class BaselineChange
{
    /// <summary>Creates a change record.</summary>
    public BaselineChange(
        string transactionId,
        int index,
        long sequence,
        DateTimeOffset time,
        string user,
        string cmdlet,
        string target,
        string kind,
        string description,
        string summary,
        BaselineChangeState state,
        BaselineChangeStepState changeState,
        ChangeReversibility reversibility,
        string? error = null,
        DateTimeOffset? endedAt = null,
        string? endedBy = null,
        IReadOnlyList<BaselineChangeFact>? facts = null,
        string? diff = null,
        string? note = null)
    {
        TransactionId = transactionId;
        Index = index;
        Id = transactionId + "#" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Sequence = sequence;
        Time = time;
        User = user;
        Cmdlet = cmdlet;
        Target = target;
        Kind = kind;
        Description = description;
        Summary = summary;
        State = state;
        ChangeState = changeState;
        Reversibility = reversibility;
        Error = error;
        EndedAt = endedAt;
        EndedBy = endedBy;
        Facts = facts;
        Diff = diff;
        Note = note;
    }

    /// <summary>"&lt;transaction id&gt;#&lt;index&gt;": binds to Undo-BaselineChange -Id.</summary>
    public string Id { get; }

    /// <summary>The transaction the change belongs to: binds to Undo-BaselineChange -TransactionId.</summary>
    public string TransactionId { get; }

    /// <summary>The change's position in its transaction, from 0.</summary>
    public int Index { get; }

    /// <summary>The transaction's number in the journal (increasing).</summary>
    public long Sequence { get; }

    /// <summary>When the transaction started (UTC).</summary>
    public DateTimeOffset Time { get; }

    /// <summary>Who ran it.</summary>
    public string User { get; }

    /// <summary>The cmdlet that made it.</summary>
    public string Cmdlet { get; }

    /// <summary>What was changed: a path inside the root, a rule, a module.</summary>
    public string Target { get; }

    /// <summary>The kind of change: file.write, file.delete, dir.create, xattr.set, native, or a domain's own.</summary>
    public string Kind { get; }

    /// <summary>Exactly what the change does: the file and line, or the command line.</summary>
    public string Description { get; }

    /// <summary>The transaction's one-line summary.</summary>
    public string Summary { get; }

    /// <summary>The transaction's state: Applied, RolledBack, Failed, Interrupted (Pending while it runs).</summary>
    public BaselineChangeState State { get; }

    /// <summary>This change's own state inside the transaction.</summary>
    public BaselineChangeStepState ChangeState { get; }

    /// <summary>What undo can do for it.</summary>
    public ChangeReversibility Reversibility { get; }

    /// <summary>The error of this change, or of the transaction's rollback.</summary>
    public string? Error { get; }

    /// <summary>When the transaction was undone or recovered.</summary>
    public DateTimeOffset? EndedAt { get; }

    /// <summary>Who undid it.</summary>
    public string? EndedBy { get; }

    /// <summary>The target's facts before and after (Get-BaselineChange -Detailed only; null otherwise).</summary>
    public IReadOnlyList<BaselineChangeFact>? Facts { get; }

    /// <summary>A unified diff of a file's content before and after (Get-BaselineChange -Detailed, file changes only).</summary>
    public string? Diff { get; }

    /// <summary>
    /// What the journal could not check about this change, e.g. that a command pair without a probe was reverted
    /// without a drift check (null when there is nothing to say).
    /// </summary>
    public string? Note { get; }

    /// <inheritdoc/>
    public override string ToString() => Id + " " + Description;
}

/// <summary>
/// What a state-changing cmdlet did, for automation: <see cref="Changed"/> is Ansible's "changed", <see cref="Diff"/>
/// its "--diff", <see cref="TransactionId"/> the journal id to undo it with. Under -WhatIf (Ansible's check mode) the
/// cmdlet writes one preview result instead: <see cref="WhatIf"/> is true, <see cref="Changed"/> says whether it
/// would change anything, <see cref="Planned"/> and <see cref="Diff"/> what it would do, and nothing was written.
/// </summary>
public sealed class BaselineChangeResult
{
    /// <summary>Creates a result.</summary>
    public BaselineChangeResult(string cmdlet, bool changed, string? transactionId, BaselineChangeState? state, IReadOnlyList<BaselineChange> changes, IReadOnlyList<string> unchanged, string diff, string message, bool whatIf = false, IReadOnlyList<string>? planned = null)
    {
        WhatIf = whatIf;
        Planned = planned ?? Array.Empty<string>();
        Cmdlet = cmdlet;
        Changed = changed;
        TransactionId = transactionId;
        State = state;
        Changes = changes;
        Unchanged = unchanged;
        Diff = diff;
        Message = message;
    }

    /// <summary>The cmdlet that produced it.</summary>
    public string Cmdlet { get; }

    /// <summary>
    /// True when something on the system changed; false when everything already was as asked (idempotent rerun).
    /// Under -WhatIf: true when the cmdlet would change something.
    /// </summary>
    public bool Changed { get; }

    /// <summary>
    /// True for the preview written under -WhatIf: nothing was written (not even the journal), there is no
    /// transaction, and <see cref="Changed"/>, <see cref="Planned"/> and <see cref="Diff"/> say what a real run would do.
    /// </summary>
    public bool WhatIf { get; }

    /// <summary>Under -WhatIf, exactly what would be done (the ShouldProcess texts: file and line, or command line); empty otherwise.</summary>
    public IReadOnlyList<string> Planned { get; }

    /// <summary>The journal transaction (null when nothing changed): binds to Undo-BaselineChange -TransactionId.</summary>
    public string? TransactionId { get; }

    /// <summary>The transaction's state after the cmdlet (Applied, or RolledBack for an undo).</summary>
    public BaselineChangeState? State { get; }

    /// <summary>The changes made, in order.</summary>
    public IReadOnlyList<BaselineChange> Changes { get; }

    /// <summary>The changes that were already in place (their descriptions).</summary>
    public IReadOnlyList<string> Unchanged { get; }

    /// <summary>A unified diff of every file the cmdlet changed, or under -WhatIf would change (empty when nothing changed or no file was involved).</summary>
    public string Diff { get; }

    /// <summary>One line saying what happened.</summary>
    public string Message { get; }

    /// <inheritdoc/>
    public override string ToString() => Message;
}

/// <summary>A named point in the change journal to return to with Restore-Baseline.</summary>
public sealed class BaselineCheckpoint
{
    /// <summary>Creates a checkpoint record.</summary>
    public BaselineCheckpoint(string name, DateTimeOffset time, long sequence, string user)
    {
        Name = name;
        Time = time;
        Sequence = sequence;
        User = user;
    }

    /// <summary>The checkpoint's name: binds to Restore-Baseline -Name.</summary>
    public string Name { get; }

    /// <summary>When it was taken (UTC).</summary>
    public DateTimeOffset Time { get; }

    /// <summary>The last transaction number at that time: Restore-Baseline undoes every later transaction.</summary>
    public long Sequence { get; }

    /// <summary>Who took it.</summary>
    public string User { get; }
}
