using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace GoBaseline.Core.Journal;

/// <summary>Turns journal records into the public output types (BaselineChange, BaselineChangeResult).</summary>
public static class JournalReport
{
    /// <summary>The public records of a transaction's changes; with <paramref name="blobs"/> they carry facts and diffs.</summary>
    public static IReadOnlyList<BaselineChange> ToChanges(TransactionRecord tx, BlobStore? blobs = null)
    {
        var list = new List<BaselineChange>(tx.Changes.Count);
        foreach (var c in tx.Changes)
        {
            list.Add(ToChange(tx, c, blobs));
        }

        return list;
    }

    /// <summary>The public record of one change; with <paramref name="blobs"/> it carries facts and a diff.</summary>
    public static BaselineChange ToChange(TransactionRecord tx, ChangeRecord c, BlobStore? blobs = null)
    {
        IReadOnlyList<BaselineChangeFact>? facts = null;
        string? diff = null;
        if (blobs is not null)
        {
            var keys = new SortedSet<string>(c.Before.Keys, StringComparer.Ordinal);
            keys.UnionWith(c.After.Keys);
            facts = keys.Select(k => new BaselineChangeFact(k, c.Before.GetValueOrDefault(k), c.After.GetValueOrDefault(k))).ToList();
            diff = FileDiff(c, blobs);
        }

        return new BaselineChange(
            tx.Id,
            c.Index,
            tx.Sequence,
            tx.Time,
            tx.User,
            tx.Cmdlet,
            c.Target,
            c.Kind,
            c.Description,
            tx.Summary,
            (BaselineChangeState)(int)tx.State,
            (BaselineChangeStepState)(int)c.State,
            (ChangeReversibility)(int)c.Reversibility,
            c.Error ?? (c.State == ChangeState.Failed ? tx.Error : null) ?? tx.RollbackError,
            tx.EndedAt,
            tx.EndedBy,
            facts,
            diff,
            c.Note);
    }

    /// <summary>The automation result of a transaction that ran (or of nothing to do).</summary>
    public static BaselineChangeResult ToResult(string cmdlet, TransactionResult result, BlobStore blobs)
    {
        var unchanged = result.Skipped.Select(s => s.Description).ToList();
        if (!result.Changed || result.Transaction is null)
        {
            return new BaselineChangeResult(cmdlet, false, null, null, Array.Empty<BaselineChange>(), unchanged, string.Empty, $"Nothing to change: {unchanged.Count} change(s) already in place.");
        }

        var tx = result.Transaction;
        var changes = ToChanges(tx, blobs);
        return new BaselineChangeResult(cmdlet, true, tx.Id, (BaselineChangeState)(int)tx.State, changes, unchanged, JoinDiffs(changes), $"Transaction {tx.Id}: {changes.Count} change(s) applied, {unchanged.Count} already in place.");
    }

    /// <summary>The automation result of an undo.</summary>
    public static BaselineChangeResult ToUndoResult(string cmdlet, TransactionRecord tx, IReadOnlyCollection<int>? indexes, BlobStore blobs)
    {
        var changes = tx.Changes.Where(c => indexes is null || indexes.Contains(c.Index)).Select(c => ToChange(tx, c, blobs)).ToList();

        // An undo's diff goes from after back to before.
        var diff = new StringBuilder();
        foreach (var c in tx.Changes.Where(c => indexes is null || indexes.Contains(c.Index)).OrderByDescending(c => c.Index))
        {
            var d = FileDiff(c, blobs, reverse: true);
            if (!string.IsNullOrEmpty(d))
            {
                diff.Append(d);
            }
        }

        return new BaselineChangeResult(cmdlet, true, tx.Id, (BaselineChangeState)(int)tx.State, changes, Array.Empty<string>(), diff.ToString(), $"Transaction {tx.Id}: {changes.Count(c => c.ChangeState == BaselineChangeStepState.Reverted)} change(s) undone; transaction is {tx.State}.");
    }

    /// <summary>
    /// The -WhatIf preview of undoing the selected changes of a transaction: Changed when there is something to
    /// undo, <paramref name="planned"/> the exact steps, the diff from after back to before; nothing was written.
    /// </summary>
    public static BaselineChangeResult ToUndoPreview(string cmdlet, TransactionRecord tx, IReadOnlyCollection<int> indexes, IReadOnlyList<string> planned, BlobStore blobs)
    {
        var diff = new StringBuilder();
        foreach (var c in tx.Changes.Where(c => indexes.Contains(c.Index)).OrderByDescending(c => c.Index))
        {
            diff.Append(FileDiff(c, blobs, reverse: true));
        }

        return new BaselineChangeResult(cmdlet, planned.Count > 0, null, null, Array.Empty<BaselineChange>(), Array.Empty<string>(), diff.ToString(), $"What if: {planned.Count} change(s) of transaction {tx.Id} would be undone; nothing was written.", whatIf: true, planned: planned);
    }

    private static string JoinDiffs(IEnumerable<BaselineChange> changes) => string.Concat(changes.Select(c => c.Diff ?? string.Empty));

    private static string? FileDiff(ChangeRecord c, BlobStore blobs, bool reverse = false)
    {
        if (!c.Before.ContainsKey("exists") || (c.Kind != FileWriteChange.KindName && c.Kind != FileDeleteChange.KindName && !c.Before.ContainsKey("sha256") && !c.After.ContainsKey("sha256")))
        {
            return null;
        }

        var before = Content(c.Before, blobs);
        var after = c.After.Count == 0 ? null : Content(c.After, blobs);
        if (c.After.Count == 0 && c.Kind == FileWriteChange.KindName && c.Data.GetValueOrDefault("sha256") is { } wanted)
        {
            // Never applied: show what it would have written.
            after = blobs.Contains(wanted) ? Decode(blobs.Get(wanted)) : null;
        }

        return reverse ? UnifiedDiff.Format(c.Target, after, before) : UnifiedDiff.Format(c.Target, before, after);
    }

    private static string? Content(IReadOnlyDictionary<string, string?> facts, BlobStore blobs)
    {
        if (facts.GetValueOrDefault("exists") != "true" || facts.GetValueOrDefault("sha256") is not { } hash)
        {
            return null;
        }

        return blobs.Contains(hash) ? Decode(blobs.Get(hash)) : $"(content {hash} is not in the journal)\n";
    }

    internal static string Decode(byte[] bytes) =>
        Array.IndexOf(bytes, (byte)0) >= 0 ? UnifiedDiff.BinaryMarker : Encoding.UTF8.GetString(bytes);
}

/// <summary>A unified diff (diff -u style, 3 lines of context) of two texts, for -Detailed and the automation result.</summary>
public static class UnifiedDiff
{
    /// <summary>Stands for content that is not text.</summary>
    public const string BinaryMarker = "\0binary";

    private const int Context = 3;
    private const int MaxLines = 20000;

    /// <summary>
    /// The diff of <paramref name="before"/> and <paramref name="after"/> (null: the file does not exist), headed
    /// "--- a/path" / "+++ b/path" (or /dev/null). Empty when both are equal.
    /// </summary>
    public static string Format(string path, string? before, string? after)
    {
        if (string.Equals(before, after, StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        sb.Append("--- ").Append(before is null ? "/dev/null" : "a" + path).Append('\n');
        sb.Append("+++ ").Append(after is null ? "/dev/null" : "b" + path).Append('\n');
        if (before == BinaryMarker || after == BinaryMarker)
        {
            sb.Append("Binary content differs\n");
            return sb.ToString();
        }

        var a = Lines(before);
        var b = Lines(after);
        if (a.Count > MaxLines || b.Count > MaxLines)
        {
            sb.Append("File too large to show a diff\n");
            return sb.ToString();
        }

        var ops = Diff(a, b);
        var i = 0;
        while (i < ops.Count)
        {
            // Find the next change and the hunk around it.
            while (i < ops.Count && ops[i].Op == ' ')
            {
                i++;
            }

            if (i >= ops.Count)
            {
                break;
            }

            var start = Math.Max(0, i - Context);
            var end = i;
            var lastChange = i;
            while (end < ops.Count && (ops[end].Op != ' ' || end - lastChange <= 2 * Context))
            {
                if (ops[end].Op != ' ')
                {
                    lastChange = end;
                }

                end++;
            }

            end = Math.Min(ops.Count, lastChange + Context + 1);
            int aStart = ops[start].A, bStart = ops[start].B, aLen = 0, bLen = 0;
            for (var k = start; k < end; k++)
            {
                if (ops[k].Op != '+')
                {
                    aLen++;
                }

                if (ops[k].Op != '-')
                {
                    bLen++;
                }
            }

            sb.Append("@@ -").Append(Range(aStart, aLen)).Append(" +").Append(Range(bStart, bLen)).Append(" @@\n");
            for (var k = start; k < end; k++)
            {
                sb.Append(ops[k].Op).Append(ops[k].Text.TrimEnd('\n')).Append('\n');
                if (!ops[k].Text.EndsWith('\n'))
                {
                    sb.Append("\\ No newline at end of file\n");
                }
            }

            i = end;
        }

        return sb.ToString();
    }

    private static string Range(int start, int length) =>
        length == 1 ? (start + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : (length == 0 ? start : start + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "," + length.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static List<string> Lines(string? text)
    {
        var list = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return list;
        }

        var start = 0;
        while (start < text.Length)
        {
            var nl = text.IndexOf('\n', start);
            var end = nl < 0 ? text.Length : nl + 1;
            list.Add(text.Substring(start, end - start));
            start = end;
        }

        return list;
    }

    private readonly record struct Edit(char Op, string Text, int A, int B);

    // A longest-common-subsequence diff; configuration files are small, so O(n*m) is fine (bounded by MaxLines).
    private static List<Edit> Diff(List<string> a, List<string> b)
    {
        // Trim the common head and tail first: most edits touch a few lines of a long file.
        var head = 0;
        while (head < a.Count && head < b.Count && a[head] == b[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Count - head && tail < b.Count - head && a[a.Count - 1 - tail] == b[b.Count - 1 - tail])
        {
            tail++;
        }

        var n = a.Count - head - tail;
        var m = b.Count - head - tail;
        var lcs = new int[n + 1, m + 1];
        for (var x = n - 1; x >= 0; x--)
        {
            for (var y = m - 1; y >= 0; y--)
            {
                lcs[x, y] = a[head + x] == b[head + y] ? lcs[x + 1, y + 1] + 1 : Math.Max(lcs[x + 1, y], lcs[x, y + 1]);
            }
        }

        var ops = new List<Edit>();
        for (var k = 0; k < head; k++)
        {
            ops.Add(new Edit(' ', a[k], k, k));
        }

        int i = 0, j = 0;
        while (i < n || j < m)
        {
            if (i < n && j < m && a[head + i] == b[head + j])
            {
                ops.Add(new Edit(' ', a[head + i], head + i, head + j));
                i++;
                j++;
            }
            else if (i < n && (j >= m || lcs[i + 1, j] >= lcs[i, j + 1]))
            {
                ops.Add(new Edit('-', a[head + i], head + i, head + j));
                i++;
            }
            else
            {
                ops.Add(new Edit('+', b[head + j], head + i, head + j));
                j++;
            }
        }

        for (var k = 0; k < tail; k++)
        {
            ops.Add(new Edit(' ', a[a.Count - tail + k], a.Count - tail + k, b.Count - tail + k));
        }

        return ops;
    }
}
