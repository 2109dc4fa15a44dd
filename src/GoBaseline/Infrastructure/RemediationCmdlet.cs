using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GoBaseline.Core;
using GoBaseline.Core.Journal;

namespace GoBaseline.Infrastructure;

/// <summary>
/// The base of every state-changing cmdlet (Set-, Add-, Remove-, Undo-, Restore-): -Root, -Force,
/// -AcceptIrreversible and -LockTimeout; ShouldProcess once per change before any side effect, with the change's
/// exact description (file and line, or command line) as the text; the change journal opened for writing; engine
/// failures turned into ErrorRecords. A domain cmdlet builds its Change list and calls <see cref="ApplyChanges"/>.
/// See src/GoBaseline.Core/Journal/README.md.
/// </summary>
public abstract class RemediationCmdlet : HostReadingCmdlet
{
    /// <summary>
    /// <para type="description">Allows changes that are reboot-bound or irreversible (FIPS mode, SELinux mode, audit
    /// rules made immutable). Without it such a change is refused before anything is touched.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter AcceptIrreversible { get; set; }

    /// <summary>
    /// <para type="description">Skips the extra confirmation of reboot-bound and irreversible changes (and, in Undo
    /// and Restore, the drift check).</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>
    /// <para type="description">Seconds to wait for another GoBaseline change in progress to finish (the journal lock)
    /// before failing with JournalBusy. Default 30.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0, 3600)]
    public int LockTimeout { get; set; } = 30;

    /// <summary>The ShouldProcess action text: by default the cmdlet's name.</summary>
    private protected virtual string ActionText => MyInvocation.MyCommand.Name;

    /// <summary>True under -WhatIf (the switch, or $WhatIfPreference when the switch is not given).</summary>
    private protected bool WhatIfMode =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) ? LanguagePrimitives.IsTrue(w) : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    /// <summary>
    /// The result written under -WhatIf, after the "What if:" lines: <c>WhatIf</c> = true, <c>Changed</c> = whether
    /// anything would change, <c>Planned</c> = the exact steps, <c>Diff</c> = the planned file diff; no transaction.
    /// </summary>
    private protected BaselineChangeResult PreviewResult(IReadOnlyList<string> planned, IReadOnlyList<string> unchanged, string diff) =>
        new(MyInvocation.MyCommand.Name, planned.Count > 0, null, null, Array.Empty<BaselineChange>(), unchanged, diff,
            planned.Count > 0 ? $"What if: {planned.Count} change(s) would be made, {unchanged.Count} already in place; nothing was written." : $"What if: nothing to change, {unchanged.Count} change(s) already in place; nothing was written.",
            whatIf: true, planned: planned);

    /// <summary>
    /// Works out which changes would change the system (without writing anything), asks ShouldProcess once for
    /// each of them, and returns those confirmed. Reboot-bound and irreversible changes need -AcceptIrreversible
    /// (else a terminating ExplicitConsentRequired error) and, unless -Force, a ShouldContinue that says what undo
    /// can and cannot do.
    /// </summary>
    private protected ChangePlan ConfirmChanges(IReadOnlyList<Change> changes, out IReadOnlyList<Change> confirmed)
    {
        ChangePlan plan;
        try
        {
            plan = ChangePlan.Create(TargetRoot, Runner, changes, CancelToken);
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowEngineError(ex, changes.Count > 0 ? changes[0].Target : null);
            throw;
        }

        foreach (var c in plan.ToApply.Where(c => c.Reversibility != Reversibility.Reversible))
        {
            if (!AcceptIrreversible)
            {
                ThrowEngineError(new GoBaselineException(ErrorIds.ExplicitConsentRequired, FailureKind.InvalidOperation, $"'{c.Description}' is {c.Reversibility}. {ChangePlan.UndoCaveat(c.Reversibility)} Pass -AcceptIrreversible to apply it.", c.Target), c.Target);
            }
        }

        var ok = new List<Change>();
        foreach (var c in plan.ToApply)
        {
            if (!ShouldProcess(c.Description, ActionText))
            {
                continue;
            }

            if (c.Reversibility != Reversibility.Reversible)
            {
                var caveat = ChangePlan.UndoCaveat(c.Reversibility);
                WriteWarning($"{c.Description}: {caveat}");
                if (!Force && !ShouldContinue($"{c.Description}\n{caveat}", $"{c.Reversibility} change"))
                {
                    continue;
                }
            }

            ok.Add(c);
        }

        confirmed = ok;
        return plan;
    }

    /// <summary>Opens the journal for writing (waits up to -LockTimeout); reports transactions a crash had left.</summary>
    private protected ChangeJournal OpenJournal()
    {
        ChangeJournal journal;
        try
        {
            journal = ChangeJournal.OpenWrite(TargetRoot, Runner, TimeSpan.FromSeconds(LockTimeout), CancelToken);
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowEngineError(ex, ChangeJournal.DefaultDirectory);
            throw;
        }

        foreach (var tx in journal.Recovered)
        {
            WriteWarning($"Recovered transaction {tx.Id} ({tx.Cmdlet}: {tx.Summary}) that a crash or kill had interrupted; it is now {tx.State}." + (tx.RollbackError is { } e ? $" Rollback errors: {e}" : string.Empty));
        }

        return journal;
    }

    /// <summary>
    /// The whole remediation flow for one transaction: plan, ShouldProcess per change, journal, apply. Returns the
    /// automation result (Changed=false when everything was already in place), or null when the user declined
    /// everything, or when the transaction failed (the error is written, non-terminating, and whatever had been
    /// applied was rolled back). Under -WhatIf it writes the preview result itself (see <see cref="PreviewResult"/>)
    /// and returns null, so the caller does nothing more.
    /// </summary>
    private protected BaselineChangeResult? ApplyChanges(IReadOnlyList<Change> changes, string summary, object? target = null)
    {
        var whatIf = WhatIfMode;
        var plan = ConfirmChanges(changes, out var confirmed);
        if (whatIf)
        {
            string diff;
            try
            {
                diff = plan.PlannedDiff(TargetRoot, Runner, CancelToken);
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                WriteEngineError(ex, target);
                diff = string.Empty;
            }

            WriteObject(PreviewResult(plan.ToApply.Select(c => c.Description).ToList(), plan.Unchanged.Select(c => c.Description).ToList(), diff));
            return null;
        }

        if (plan.ToApply.Count == 0)
        {
            WriteVerbose($"Nothing to change: all {plan.Unchanged.Count} change(s) already in place.");
            return new BaselineChangeResult(MyInvocation.MyCommand.Name, false, null, null, Array.Empty<BaselineChange>(), plan.Unchanged.Select(c => c.Description).ToList(), string.Empty, $"Nothing to change: {plan.Unchanged.Count} change(s) already in place.");
        }

        if (confirmed.Count == 0)
        {
            return null;
        }

        using var journal = OpenJournal();
        try
        {
            var result = journal.Run(confirmed, new TransactionOptions { Cmdlet = MyInvocation.MyCommand.Name, Summary = summary, AllowIrreversible = AcceptIrreversible }, CancelToken);
            return JournalReport.ToResult(MyInvocation.MyCommand.Name, result, journal.Blobs);
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            WriteEngineError(ex, target ?? (ex as GoBaselineException)?.Target);
            return null;
        }
    }
}
