using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using GoBaseline.Core.Host;
using GoBaseline.Core.Host.Native;

namespace GoBaseline.Core.Journal;

/// <summary>Options for one transaction.</summary>
public sealed class TransactionOptions
{
    /// <summary>The cmdlet or caller recorded in the journal.</summary>
    public string Cmdlet { get; init; } = "GoBaseline";

    /// <summary>One line for the journal.</summary>
    public string Summary { get; init; } = string.Empty;

    /// <summary>Allows reboot-bound and irreversible changes (the cmdlets' explicit switch).</summary>
    public bool AllowIrreversible { get; init; }
}

/// <summary>What running a transaction did.</summary>
/// <param name="Changed">False when every change was already in place (nothing was written, no transaction recorded).</param>
/// <param name="Transaction">The journaled transaction, or null when nothing changed.</param>
/// <param name="Skipped">Changes that were already in place.</param>
public sealed record TransactionResult(bool Changed, TransactionRecord? Transaction, IReadOnlyList<Change> Skipped);

/// <summary>
/// The change journal: every change GoBaseline makes is recorded durably (intent and before-state before it is
/// applied, after-state after), applied atomically, and can be undone. One writer at a time (a lock file).
/// See Journal/README.md for the model.
/// </summary>
public sealed class ChangeJournal : IDisposable
{
    /// <summary>The journal directory, inside the host root.</summary>
    public const string DefaultDirectory = "/var/lib/gobaseline/journal";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly string _dir;
    private readonly FileStream? _lock;

    private ChangeJournal(HostRoot host, INativeRunner runner, string dir, FileStream? lockStream)
    {
        Host = host;
        Runner = runner;
        _dir = dir;
        _lock = lockStream;
        Blobs = new BlobStore(Path.Combine(dir, "blobs"));
    }

    /// <summary>The host root the journal belongs to.</summary>
    public HostRoot Host { get; }

    /// <summary>The runner for native changes.</summary>
    public INativeRunner Runner { get; }

    /// <summary>The content store.</summary>
    public BlobStore Blobs { get; }

    /// <summary>The journal directory on this machine.</summary>
    public string Directory => _dir;

    /// <summary>Transactions recovered (rolled back) when the journal was opened for writing.</summary>
    public IReadOnlyList<TransactionRecord> Recovered { get; private set; } = Array.Empty<TransactionRecord>();

    /// <summary>Opens the journal to read it (no lock; nothing is created).</summary>
    public static ChangeJournal OpenRead(HostRoot host, INativeRunner? runner = null) =>
        new(host, runner ?? NativeRunner.Default, host.Map(DefaultDirectory), null);

    /// <summary>
    /// Opens the journal to write: creates it (mode 0700), takes the writer lock (waiting up to
    /// <paramref name="lockTimeout"/>), and recovers transactions a crash left half done.
    /// </summary>
    public static ChangeJournal OpenWrite(HostRoot host, INativeRunner? runner = null, TimeSpan? lockTimeout = null, CancellationToken cancel = default)
    {
        var dir = host.Map(DefaultDirectory);
        try
        {
            System.IO.Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            System.IO.Directory.CreateDirectory(Path.Combine(dir, "blobs"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new GoBaselineException(ErrorIds.JournalUnavailable, ex is UnauthorizedAccessException ? FailureKind.PermissionDenied : FailureKind.Unspecified, $"Cannot create the journal {dir}: {ex.Message}", dir, ex);
        }

        var lockPath = Path.Combine(dir, "lock");
        var timeout = lockTimeout ?? TimeSpan.FromSeconds(30);
        var deadline = DateTime.UtcNow + timeout;
        FileStream? stream = null;
        while (true)
        {
            try
            {
                // .NET itself takes a shared flock when it opens a file on Unix, so while another writer holds the
                // exclusive lock the open fails; both cases mean "busy, wait".
                stream = new FileStream(lockPath, new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.ReadWrite | FileShare.Delete, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite });
                if (LibC.Flock(stream.SafeFileHandle, exclusive: true, wait: false, lockPath))
                {
                    break;
                }

                stream.Dispose();
                stream = null;
            }
            catch (IOException) when (stream is null)
            {
            }

            if (DateTime.UtcNow >= deadline || cancel.IsCancellationRequested)
            {
                throw new GoBaselineException(ErrorIds.JournalBusy, FailureKind.ResourceBusy, $"Another GoBaseline change is in progress{ReadHolder(dir)}; waited {timeout.TotalSeconds:0.#} s for the journal lock {lockPath}.", lockPath);
            }

            Thread.Sleep(50);
        }

        // Record who holds the lock, for the error a waiting writer gives.
        File.WriteAllText(Path.Combine(dir, "lock.owner"), $"{Environment.ProcessId} {Environment.UserName} {DateTimeOffset.UtcNow:O}\n");

        // Temporary files of journal records and blobs a crash left behind are garbage: the records they were
        // meant to replace are still complete.
        foreach (var leftover in System.IO.Directory.EnumerateFiles(dir, "*" + AtomicFile.TempMarker + "*").Concat(System.IO.Directory.EnumerateFiles(Path.Combine(dir, "blobs"), "*" + AtomicFile.TempMarker + "*")).ToList())
        {
            File.Delete(leftover);
        }

        var journal = new ChangeJournal(host, runner ?? NativeRunner.Default, dir, stream);
        journal.Recovered = journal.Recover();
        return journal;
    }

    private static string ReadHolder(string dir)
    {
        try
        {
            var parts = File.ReadAllText(Path.Combine(dir, "lock.owner")).Split(' ');
            return parts.Length >= 2 ? $" (process {parts[0]}, user {parts[1]})" : string.Empty;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _lock?.Dispose();
    }

    private ChangeContext Context(CancellationToken cancel) => new(Host, Runner, Blobs, cancel);

    private void RequireWriter()
    {
        if (_lock is null)
        {
            throw new InvalidOperationException("The journal was opened for reading.");
        }
    }

    /// <summary>
    /// Captures, records, applies and verifies the changes as one transaction. Changes already in place are
    /// skipped (idempotence). On failure, every applied change is reverted in reverse and the exception names both
    /// the failure and any rollback error.
    /// </summary>
    public TransactionResult Run(IReadOnlyList<Change> changes, TransactionOptions options, CancellationToken cancel = default)
    {
        RequireWriter();
        var ctx = Context(cancel);
        var todo = new List<(Change Change, Snapshot Before)>();
        var skipped = new List<Change>();
        foreach (var c in changes)
        {
            var before = c.Capture(ctx);
            if (c.IsNoOp(ctx, before))
            {
                skipped.Add(c);
            }
            else
            {
                todo.Add((c, before));
            }
        }

        if (todo.Count == 0)
        {
            return new TransactionResult(false, null, skipped);
        }

        var bound = todo.FirstOrDefault(t => t.Change.Reversibility != Reversibility.Reversible).Change;
        if (bound is not null && !options.AllowIrreversible)
        {
            throw new GoBaselineException(ErrorIds.ExplicitConsentRequired, FailureKind.InvalidOperation, $"'{bound.Description}' is {(bound.Reversibility == Reversibility.RebootBound ? "reboot-bound: it takes effect at the next boot and so does its undo" : "irreversible: undo cannot restore the state before it")}. Pass the explicit switch to apply it.", bound.Target);
        }

        var tx = new TransactionRecord
        {
            Id = NewId(),
            Sequence = NextSequence(),
            Time = DateTimeOffset.UtcNow,
            User = Environment.UserName,
            Cmdlet = options.Cmdlet,
            Summary = options.Summary,
            State = TransactionState.Pending,
        };
        for (var i = 0; i < todo.Count; i++)
        {
            var (c, before) = todo[i];
            (c as FileWriteChange)?.Persist(Blobs);
            tx.Changes.Add(new ChangeRecord
            {
                Index = i,
                Kind = c.Kind,
                Target = c.Target,
                Description = c.Description,
                Reversibility = c.Reversibility,
                State = ChangeState.Pending,
                Data = new SortedDictionary<string, string?>(c.Data, StringComparer.Ordinal),
                Before = before.Facts,
            });
        }

        // Intent and before-state are durable before anything is touched.
        Save(tx);
        for (var i = 0; i < todo.Count; i++)
        {
            var (c, _) = todo[i];
            var rec = tx.Changes[i];
            var applyReturned = false;
            try
            {
                cancel.ThrowIfCancellationRequested();
                rec.State = ChangeState.Applying;
                Save(tx);
                c.Apply(ctx);
                applyReturned = true;
                var after = c.Capture(ctx);
                if (!c.Verify(ctx, after, out var why))
                {
                    throw new GoBaselineException(ErrorIds.ChangeFailed, FailureKind.InvalidOperation, $"{c.Description}: applied, but verification failed: {why}.", c.Target);
                }

                rec.After = after.Facts;
                rec.State = ChangeState.Applied;
                Save(tx);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A change that captures no state (a native command pair without a probe) cannot show the rollback
                // whether its apply took effect: when the apply itself succeeded and a later step failed, it stays
                // Applied so the rollback runs its revert. Every other failed change is compared with its before-state.
                rec.State = applyReturned && rec.Before.Count == 0 ? ChangeState.Applied : ChangeState.Failed;
                rec.Error = ex.Message;
                tx.Error = $"{c.Description}: {ex.Message}";
                var rollbackErrors = RollBack(tx, ctx, upTo: i);
                tx.State = TransactionState.Failed;
                tx.RollbackError = rollbackErrors.Count == 0 ? null : string.Join("; ", rollbackErrors);
                tx.EndedAt = DateTimeOffset.UtcNow;
                Save(tx);
                if (rollbackErrors.Count > 0)
                {
                    throw new GoBaselineException(ErrorIds.RollbackFailed, FailureKind.InvalidOperation, $"{tx.Error} Rolling back failed too: {tx.RollbackError}. Transaction {tx.Id} in the journal records the state.", c.Target, ex);
                }

                throw new GoBaselineException(ErrorIds.ChangeFailed, ex is GoBaselineException g ? g.Kind : FailureKind.InvalidOperation, $"{tx.Error} Every change of transaction {tx.Id} was rolled back.", c.Target, ex);
            }
        }

        tx.State = TransactionState.Applied;
        Save(tx);
        return new TransactionResult(true, tx, skipped);
    }

    private const string NoProbeReverted = "No drift check was possible (the change captures no state: a command pair without a probe); its revert command was run because its apply command had run, or may have.";
    private const string NoProbeNotReverted = "No drift check was possible (the change captures no state: a command pair without a probe); its apply command failed, so its revert command was not run.";
    private const string NoProbeUndone = "No drift check was possible (the change captures no state: a command pair without a probe); its revert command was run without checking that its effect was still in place.";

    // Reverts changes 0..upTo (inclusive) in reverse (only those in `only`, when given); returns the errors.
    private List<string> RollBack(TransactionRecord tx, ChangeContext ctx, int upTo, IReadOnlyCollection<int>? only = null)
    {
        var errors = new List<string>();
        for (var j = upTo; j >= 0; j--)
        {
            var rec = tx.Changes[j];
            if (rec.State is ChangeState.Pending or ChangeState.Reverted || (only is not null && !only.Contains(rec.Index)))
            {
                continue;
            }

            try
            {
                var change = Change.Rebuild(rec.Kind, rec.Target, rec.Data);
                var before = new Snapshot(rec.Before);
                if (before.Facts.Count == 0)
                {
                    // The change captures no state (a native command pair without a probe): an empty snapshot
                    // always equals an empty snapshot, so comparing says nothing. Revert whenever the apply ran or
                    // may have run (Applying: killed during the command; Reverting: killed during the revert).
                    if (rec.State is ChangeState.Applying or ChangeState.Applied or ChangeState.Reverting)
                    {
                        rec.Note = NoProbeReverted;
                        rec.State = ChangeState.Reverting;
                        Save(tx);
                        change.Revert(ctx, before);
                        rec.State = ChangeState.Reverted;
                    }
                    else
                    {
                        rec.Note = NoProbeNotReverted;
                    }

                    Save(tx);
                    continue;
                }

                var current = change.Capture(ctx);
                if (current.SameAs(before))
                {
                    // Nothing of it is in place (it failed before touching anything, or was never applied).
                    rec.State = rec.State == ChangeState.Failed ? ChangeState.Failed : ChangeState.Reverted;
                    Save(tx);
                    continue;
                }

                rec.State = ChangeState.Reverting;
                Save(tx);
                change.Revert(ctx, before);
                rec.State = ChangeState.Reverted;
                Save(tx);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                errors.Add($"{rec.Description}: {ex.Message}");
            }
        }

        return errors;
    }

    /// <summary>
    /// Finishes what a crash left: a Pending transaction is rolled back (state Interrupted); an undo that was
    /// interrupted is completed. Called when the journal is opened for writing.
    /// </summary>
    public IReadOnlyList<TransactionRecord> Recover()
    {
        RequireWriter();
        var recovered = new List<TransactionRecord>();
        var ctx = Context(CancellationToken.None);
        foreach (var tx in List())
        {
            if (tx.State == TransactionState.Pending)
            {
                RemoveFileLeftovers(tx);
                var errors = RollBack(tx, ctx, tx.Changes.Count - 1);
                tx.State = TransactionState.Interrupted;
                tx.RollbackError = errors.Count == 0 ? null : string.Join("; ", errors);
                tx.EndedAt = DateTimeOffset.UtcNow;
                tx.EndedBy = Environment.UserName;
                Save(tx);
                recovered.Add(tx);
            }
            else if (tx.Undoing is not null || tx.Changes.Any(c => c.State == ChangeState.Reverting))
            {
                // An undo was interrupted: finish exactly the changes it had selected (all, for records written
                // before the selection was journaled).
                RemoveFileLeftovers(tx);
                var errors = RollBack(tx, ctx, tx.Changes.Count - 1, tx.Undoing);
                if (errors.Count == 0 && tx.Changes.All(c => c.State is ChangeState.Reverted or ChangeState.Pending or ChangeState.Failed))
                {
                    tx.State = tx.State == TransactionState.Applied ? TransactionState.RolledBack : tx.State;
                    tx.EndedAt ??= DateTimeOffset.UtcNow;
                    tx.EndedBy ??= Environment.UserName;
                }

                tx.RollbackError = errors.Count == 0 ? tx.RollbackError : string.Join("; ", errors);
                tx.Undoing = null;
                Save(tx);
                recovered.Add(tx);
            }
        }

        return recovered;
    }

    // Temporary files a killed writer left next to the files of a transaction (while applying a write, or while
    // restoring a written or deleted file): the targets themselves are whole, so the temporaries are garbage.
    private void RemoveFileLeftovers(TransactionRecord tx)
    {
        foreach (var rec in tx.Changes)
        {
            if (rec.Kind is FileWriteChange.KindName or FileDeleteChange.KindName)
            {
                AtomicFile.RemoveLeftovers(Host.Map(rec.Target, rec.Data.GetValueOrDefault("follow") == "true"));
            }
        }
    }

    /// <summary>
    /// Undoes a transaction (or some of its changes) in reverse order. Each change must still be as GoBaseline left
    /// it; otherwise nothing is undone and the error names what drifted, unless <paramref name="force"/>.
    /// </summary>
    public TransactionRecord Undo(string transactionId, IReadOnlyCollection<int>? changeIndexes, bool force, bool allowIrreversible = false, CancellationToken cancel = default)
    {
        RequireWriter();
        var tx = Load(transactionId) ?? throw new GoBaselineException(ErrorIds.ChangeNotFound, FailureKind.NotFound, $"No transaction {transactionId} in the journal.", transactionId);
        var ctx = Context(cancel);
        var selected = tx.Changes.Where(c => changeIndexes is null || changeIndexes.Contains(c.Index)).ToList();
        var applied = selected.Where(c => c.State == ChangeState.Applied).ToList();
        if (applied.Count == 0)
        {
            throw new GoBaselineException(ErrorIds.ChangeNotReversible, FailureKind.InvalidOperation, $"Transaction {tx.Id} has nothing applied to undo (state {tx.State}).", tx.Id);
        }

        var irreversible = applied.FirstOrDefault(c => c.Reversibility == Reversibility.Irreversible);
        if (irreversible is not null && !allowIrreversible)
        {
            throw new GoBaselineException(ErrorIds.ChangeNotReversible, FailureKind.InvalidOperation, $"'{irreversible.Description}' is irreversible; undo cannot restore the state before it.", irreversible.Target);
        }

        // Check every change for drift first, so an undo never stops half way because of someone else's edit.
        var drift = Drift(tx, applied, ctx);

        if (drift.Count > 0 && !force)
        {
            throw new GoBaselineException(ErrorIds.ChangeDrifted, FailureKind.InvalidOperation, $"Changed since transaction {tx.Id}: {string.Join("; ", drift)}. Nothing was undone; use -Force to restore the recorded state anyway.", tx.Id);
        }

        // The selection is durable before anything is reverted, so a crash half way is finished by Recover.
        tx.Undoing = applied.Select(c => c.Index).ToList();
        Save(tx);
        var errors = new List<string>();
        foreach (var rec in applied.OrderByDescending(c => c.Index))
        {
            try
            {
                var change = Change.Rebuild(rec.Kind, rec.Target, rec.Data);
                if (rec.Before.Count == 0 && rec.After.Count == 0)
                {
                    rec.Note = NoProbeUndone;
                }

                rec.State = ChangeState.Reverting;
                Save(tx);
                change.Revert(ctx, new Snapshot(rec.Before));
                rec.State = ChangeState.Reverted;
                Save(tx);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                rec.Error = ex.Message;
                errors.Add($"{rec.Description}: {ex.Message}");
                Save(tx);
                break;
            }
        }

        if (tx.Changes.All(c => c.State is ChangeState.Reverted or ChangeState.Pending or ChangeState.Failed))
        {
            tx.State = TransactionState.RolledBack;
            tx.EndedAt = DateTimeOffset.UtcNow;
            tx.EndedBy = Environment.UserName;
        }

        tx.Undoing = null;
        Save(tx);
        if (errors.Count > 0)
        {
            throw new GoBaselineException(ErrorIds.RollbackFailed, FailureKind.InvalidOperation, $"Undo of {tx.Id} stopped: {string.Join("; ", errors)}", tx.Id);
        }

        return tx;
    }

    /// <summary>
    /// What changed since GoBaseline applied the selected changes of a transaction (its applied changes by default),
    /// as "target (fact: recorded -> now, …)" lines; empty when everything is as GoBaseline left it.
    /// </summary>
    public IReadOnlyList<string> Drift(TransactionRecord tx, IReadOnlyCollection<int>? changeIndexes = null, IReadOnlySet<string>? skipTargets = null, CancellationToken cancel = default)
    {
        var applied = tx.Changes.Where(c => c.State == ChangeState.Applied && (changeIndexes is null || changeIndexes.Contains(c.Index)) && (skipTargets is null || !skipTargets.Contains(c.Target))).ToList();
        return Drift(tx, applied, Context(cancel));
    }

    private static List<string> Drift(TransactionRecord tx, List<ChangeRecord> applied, ChangeContext ctx)
    {
        var drift = new List<string>();
        foreach (var rec in applied)
        {
            var change = Change.Rebuild(rec.Kind, rec.Target, rec.Data);
            var current = change.Capture(ctx);
            var diff = new Snapshot(rec.After).DiffTo(current);
            if (diff.Count > 0)
            {
                drift.Add($"{rec.Target} ({string.Join(", ", diff)})");
            }
        }

        return drift;
    }

    /// <summary>Records a named checkpoint at the current end of the journal.</summary>
    public CheckpointRecord Checkpoint(string name)
    {
        RequireWriter();
        var cp = new CheckpointRecord { Name = name, Time = DateTimeOffset.UtcNow, Sequence = NextSequence() - 1, User = Environment.UserName };
        AtomicFile.WriteDurable(Path.Combine(_dir, "checkpoint-" + SafeName(name) + ".json"), JsonSerializer.SerializeToUtf8Bytes(cp, Json), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return cp;
    }

    /// <summary>All checkpoints, oldest first.</summary>
    public IReadOnlyList<CheckpointRecord> Checkpoints()
    {
        var list = new List<CheckpointRecord>();
        if (!System.IO.Directory.Exists(_dir))
        {
            return list;
        }

        foreach (var f in System.IO.Directory.EnumerateFiles(_dir, "checkpoint-*.json"))
        {
            var cp = JsonSerializer.Deserialize<CheckpointRecord>(File.ReadAllBytes(f), Json);
            if (cp is not null)
            {
                list.Add(cp);
            }
        }

        list.Sort((a, b) => a.Time.CompareTo(b.Time));
        return list;
    }

    /// <summary>The applied transactions after a checkpoint, newest first: what Restore-Baseline undoes.</summary>
    public IReadOnlyList<TransactionRecord> Since(string checkpoint)
    {
        var cp = Checkpoints().LastOrDefault(c => c.Name == checkpoint) ?? throw new GoBaselineException(ErrorIds.CheckpointNotFound, FailureKind.NotFound, $"No checkpoint named '{checkpoint}' in the journal.", checkpoint);
        return List().Where(t => t.Sequence > cp.Sequence && t.State == TransactionState.Applied).OrderByDescending(t => t.Sequence).ToList();
    }

    /// <summary>All transactions, oldest first. A damaged record is reported, not skipped silently.</summary>
    public IReadOnlyList<TransactionRecord> List()
    {
        var list = new List<TransactionRecord>();
        if (!System.IO.Directory.Exists(_dir))
        {
            return list;
        }

        foreach (var f in System.IO.Directory.EnumerateFiles(_dir, "tx-*.json"))
        {
            list.Add(Read(f));
        }

        list.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return list;
    }

    /// <summary>One transaction, or null.</summary>
    public TransactionRecord? Load(string id)
    {
        var path = Path.Combine(_dir, "tx-" + SafeName(id) + ".json");
        return File.Exists(path) ? Read(path) : null;
    }

    private static TransactionRecord Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<TransactionRecord>(File.ReadAllBytes(path), Json)
                ?? throw new GoBaselineException(ErrorIds.JournalCorrupt, FailureKind.InvalidData, $"{path} is empty.", path);
        }
        catch (JsonException ex)
        {
            throw new GoBaselineException(ErrorIds.JournalCorrupt, FailureKind.InvalidData, $"{path}: {ex.Message}", path, ex, new SourcePosition(path, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1));
        }
    }

    private void Save(TransactionRecord tx) =>
        AtomicFile.WriteDurable(Path.Combine(_dir, "tx-" + tx.Id + ".json"), JsonSerializer.SerializeToUtf8Bytes(tx, Json), UnixFileMode.UserRead | UnixFileMode.UserWrite);

    private long NextSequence()
    {
        long max = 0;
        foreach (var t in List())
        {
            max = Math.Max(max, t.Sequence);
        }

        foreach (var c in Checkpoints())
        {
            max = Math.Max(max, c.Sequence);
        }

        return max + 1;
    }

    private static string NewId() =>
        DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + "-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();

    private static string SafeName(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            sb.Append(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_');
        }

        return sb.ToString();
    }
}
