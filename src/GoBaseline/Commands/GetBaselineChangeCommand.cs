using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GoBaseline.Core.Journal;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Gets the changes GoBaseline made, from its change journal.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "BaselineChange", DefaultParameterSetName = "All")]
[OutputType(typeof(BaselineChange))]
public sealed class GetBaselineChangeCommand : HostReadingCmdlet
{
    /// <summary>
    /// <para type="description">Change ids ("&lt;transaction id&gt;#&lt;index&gt;") or transaction ids; wildcards allowed.</para>
    /// </summary>
    [Parameter(Position = 0, ParameterSetName = "Id", ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    /// <summary>
    /// <para type="description">Transaction ids: every change of these transactions. Binds from the pipeline by property name (a BaselineChangeResult).</para>
    /// </summary>
    [Parameter(ParameterSetName = "Transaction", Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Transaction")]
    [ValidateNotNullOrEmpty]
    public string[]? TransactionId { get; set; }

    /// <summary>
    /// <para type="description">Only changes of transactions started at or after this time.</para>
    /// </summary>
    [Parameter]
    public DateTime? Since { get; set; }

    /// <summary>
    /// <para type="description">Only changes of transactions started before this time.</para>
    /// </summary>
    [Parameter]
    public DateTime? Before { get; set; }

    /// <summary>
    /// <para type="description">Only changes whose target (path, rule, module) matches; wildcards allowed.</para>
    /// </summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Target { get; set; }

    /// <summary>
    /// <para type="description">Only the newest N transactions (after the other filters).</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Last { get; set; }

    /// <summary>
    /// <para type="description">Adds every fact before and after (content hash, mode, owner, SELinux label, probe output) and a unified diff of file contents.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    private const string DetailedTypeName = "GoBaseline.BaselineChange#Detailed";

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        IReadOnlyList<TransactionRecord> all;
        using var journal = ChangeJournal.OpenRead(TargetRoot, Runner);
        try
        {
            all = journal.List();
        }
        catch (Exception ex)
        {
            ThrowEngineError(ex, journal.Directory);
            return;
        }

        var ids = (Id ?? Array.Empty<string>()).Select(p => WildcardPattern.Get(p, WildcardOptions.IgnoreCase)).ToList();
        var txIds = new HashSet<string>(TransactionId ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);
        var targets = (Target ?? Array.Empty<string>()).Select(p => WildcardPattern.Get(p, WildcardOptions.None)).ToList();
        var since = Since?.ToUniversalTime();
        var before = Before?.ToUniversalTime();
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var selected = new List<BaselineChange>();
        foreach (var tx in all)
        {
            if ((since is not null && tx.Time.UtcDateTime < since) || (before is not null && tx.Time.UtcDateTime >= before))
            {
                continue;
            }

            if (txIds.Count > 0 && !txIds.Contains(tx.Id))
            {
                continue;
            }

            found.Add(tx.Id);
            foreach (var rec in tx.Changes)
            {
                var id = tx.Id + "#" + rec.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (ids.Count > 0 && !ids.Exists(p => p.IsMatch(id) || p.IsMatch(tx.Id)))
                {
                    continue;
                }

                if (targets.Count > 0 && !targets.Exists(p => p.IsMatch(rec.Target)))
                {
                    continue;
                }

                selected.Add(JournalReport.ToChange(tx, rec, Detailed ? journal.Blobs : null));
            }
        }

        if (Last > 0)
        {
            var keep = selected.Select(c => c.Sequence).Distinct().OrderByDescending(s => s).Take(Last).ToHashSet();
            selected = selected.Where(c => keep.Contains(c.Sequence)).ToList();
        }

        foreach (var c in selected)
        {
            if (Detailed)
            {
                // Its own view (GoBaseline.Journal.Format.ps1xml): a list with facts, diff and note.
                var o = PSObject.AsPSObject(c);
                o.TypeNames.Insert(0, DetailedTypeName);
                WriteObject(o);
            }
            else
            {
                WriteObject(c);
            }
        }

        foreach (var t in txIds.Where(t => !found.Contains(t)))
        {
            WriteEngineError(new GoBaseline.Core.GoBaselineException(GoBaseline.Core.ErrorIds.ChangeNotFound, GoBaseline.Core.FailureKind.NotFound, $"No transaction {t} in the journal.", t), t);
        }

        foreach (var p in Id ?? Array.Empty<string>())
        {
            if (!WildcardPattern.ContainsWildcardCharacters(p) && !selected.Exists(c => string.Equals(c.Id, p, StringComparison.OrdinalIgnoreCase) || string.Equals(c.TransactionId, p, StringComparison.OrdinalIgnoreCase)))
            {
                WriteEngineError(new GoBaseline.Core.GoBaselineException(GoBaseline.Core.ErrorIds.ChangeNotFound, GoBaseline.Core.FailureKind.NotFound, $"No journaled change {p}.", p), p);
            }
        }
    }
}
