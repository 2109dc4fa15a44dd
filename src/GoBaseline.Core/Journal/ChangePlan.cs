using System;
using System.Collections.Generic;
using System.Threading;
using GoBaseline.Core.Host;

namespace GoBaseline.Core.Journal;

/// <summary>
/// What a list of changes would do, worked out without writing anything (not even the journal directory): the
/// changes to apply and those already in place. Cmdlets call it before ShouldProcess, so -WhatIf and -Confirm show
/// only real changes and an idempotent rerun asks nothing.
/// </summary>
/// <param name="ToApply">The changes that would change the system.</param>
/// <param name="Unchanged">The changes already in place.</param>
public sealed record ChangePlan(IReadOnlyList<Change> ToApply, IReadOnlyList<Change> Unchanged)
{
    /// <summary>Captures each change's target and sorts the changes into "to apply" and "already in place".</summary>
    public static ChangePlan Create(HostRoot host, INativeRunner runner, IReadOnlyList<Change> changes, CancellationToken cancel = default)
    {
        var ctx = new ChangeContext(host, runner, BlobStore.HashOnly, cancel);
        var apply = new List<Change>();
        var unchanged = new List<Change>();
        foreach (var c in changes)
        {
            (c.IsNoOp(ctx, c.Capture(ctx)) ? unchanged : apply).Add(c);
        }

        return new ChangePlan(apply, unchanged);
    }

    /// <summary>What undo can and cannot do for a change that is not plainly reversible (null when it is).</summary>
    public static string? UndoCaveat(Reversibility reversibility) => reversibility switch
    {
        Reversibility.RebootBound => "It takes effect at the next boot; undo restores the configuration, and the previous behaviour also only returns after the next boot.",
        Reversibility.Irreversible => "Undo cannot restore the state before it (for example audit rules made immutable stay loaded until the next reboot); the journal records it, but Undo-BaselineChange refuses it without -AcceptIrreversible.",
        _ => null,
    };

    /// <summary>Exactly what undoing a journaled change will do: the file it restores or the command it runs.</summary>
    public static string UndoDescription(ChangeRecord rec)
    {
        Change change;
        try
        {
            change = Change.Rebuild(rec.Kind, rec.Target, rec.Data);
        }
        catch (GoBaselineException)
        {
            return $"Revert: {rec.Description}";
        }

        return change.UndoDescription(new Snapshot(rec.Before));
    }

    /// <summary>The unified diff of every file the changes to apply would write or delete (for the -WhatIf preview).</summary>
    public string PlannedDiff(HostRoot host, INativeRunner runner, CancellationToken cancel = default)
    {
        var ctx = new ChangeContext(host, runner, BlobStore.HashOnly, cancel);
        var sb = new System.Text.StringBuilder();
        foreach (var c in ToApply)
        {
            sb.Append(c.PlannedDiff(ctx));
        }

        return sb.ToString();
    }
}
