using System;
using System.Collections.Generic;
using System.Threading;
using GoBaseline.Core.Host;

namespace GoBaseline.Core.Journal;

/// <summary>What the host looked like for one change's target: named facts, compared as a whole.</summary>
public sealed class Snapshot
{
    /// <summary>Creates a snapshot from facts.</summary>
    public Snapshot(IDictionary<string, string?> facts) => Facts = new SortedDictionary<string, string?>(facts, StringComparer.Ordinal);

    /// <summary>The facts (e.g. exists, sha256, mode, uid, gid, label).</summary>
    public SortedDictionary<string, string?> Facts { get; }

    /// <summary>A fact or null.</summary>
    public string? this[string key] => Facts.TryGetValue(key, out var v) ? v : null;

    /// <summary>The facts that differ from another snapshot, as "key: this → other" lines.</summary>
    public IReadOnlyList<string> DiffTo(Snapshot other)
    {
        var lines = new List<string>();
        var keys = new SortedSet<string>(Facts.Keys, StringComparer.Ordinal);
        keys.UnionWith(other.Facts.Keys);
        foreach (var k in keys)
        {
            var a = this[k];
            var b = other[k];
            if (!string.Equals(a, b, StringComparison.Ordinal))
            {
                lines.Add($"{k}: {a ?? "(none)"} -> {b ?? "(none)"}");
            }
        }

        return lines;
    }

    /// <summary>True when both have the same facts.</summary>
    public bool SameAs(Snapshot other) => DiffTo(other).Count == 0;
}

/// <summary>What undo can do for a change.</summary>
public enum Reversibility
{
    /// <summary>Undo restores the previous state.</summary>
    Reversible,
    /// <summary>Undo restores the configuration, but the effect only changes at the next reboot.</summary>
    RebootBound,
    /// <summary>Undo cannot restore the previous state (e.g. audit rules made immutable until reboot).</summary>
    Irreversible,
}

/// <summary>Everything a change needs to touch the host.</summary>
/// <param name="Host">The host root.</param>
/// <param name="Runner">The native runner.</param>
/// <param name="Blobs">Content-addressed storage for before/after file contents.</param>
/// <param name="Cancel">Cancellation.</param>
public sealed record ChangeContext(HostRoot Host, INativeRunner Runner, BlobStore Blobs, CancellationToken Cancel = default);

/// <summary>
/// One reversible step. A change can be rebuilt from its <see cref="Kind"/> and <see cref="Data"/> in another
/// process (that is how undo and crash recovery work), so everything it needs is in <see cref="Data"/>.
/// </summary>
public abstract class Change
{
    /// <summary>Creates a change.</summary>
    protected Change(string kind, string target, IDictionary<string, string?> data)
    {
        Kind = kind;
        Target = target;
        Data = new SortedDictionary<string, string?>(data, StringComparer.Ordinal);
    }

    /// <summary>The registered kind (file.write, file.delete, xattr.set, native).</summary>
    public string Kind { get; }

    /// <summary>What is changed: a path inside the root, a rule, a module.</summary>
    public string Target { get; }

    /// <summary>The parameters that rebuild this change.</summary>
    public SortedDictionary<string, string?> Data { get; }

    /// <summary>Exactly what will happen, for ShouldProcess and the journal: the file and line, or the command.</summary>
    public abstract string Description { get; }

    /// <summary>What undo can do.</summary>
    public virtual Reversibility Reversibility => Reversibility.Reversible;

    /// <summary>Reads the target's current state.</summary>
    public abstract Snapshot Capture(ChangeContext context);

    /// <summary>Applies the change.</summary>
    public abstract void Apply(ChangeContext context);

    /// <summary>True when the current state is what <see cref="Apply"/> should have produced; else says why not.</summary>
    public abstract bool Verify(ChangeContext context, Snapshot current, out string? why);

    /// <summary>Brings the target back to <paramref name="before"/>.</summary>
    public abstract void Revert(ChangeContext context, Snapshot before);

    /// <summary>True when applying would change nothing (idempotence: the target already is as wanted).</summary>
    public virtual bool IsNoOp(ChangeContext context, Snapshot current) => Verify(context, current, out _);

    /// <summary>
    /// Exactly what undoing this change does when the target was <paramref name="before"/> before it: the file it
    /// restores or the command it runs (the ShouldProcess text of Undo-BaselineChange and Restore-Baseline).
    /// Every kind overrides it; the fallback only names the change.
    /// </summary>
    public virtual string UndoDescription(Snapshot before) => "Revert: " + Description;

    /// <summary>
    /// A unified diff of what applying would do to a file's content, for the -WhatIf preview (null when the change
    /// involves no file content or the new content is not at hand). Reads only; writes nothing.
    /// </summary>
    public virtual string? PlannedDiff(ChangeContext context) => null;

    private static readonly Dictionary<string, Func<string, IDictionary<string, string?>, Change>> Factories = new(StringComparer.Ordinal)
    {
        [FileWriteChange.KindName] = (t, d) => new FileWriteChange(t, d),
        [FileDeleteChange.KindName] = (t, d) => new FileDeleteChange(t, d),
        [DirectoryCreateChange.KindName] = (t, d) => new DirectoryCreateChange(t, d),
        [XattrChange.KindName] = (t, d) => new XattrChange(t, d),
        [NativeCommandChange.KindName] = (t, d) => new NativeCommandChange(t, d),

        // Every domain's kinds are listed here, in the one place the journal rebuilds from: Undo-BaselineChange and
        // crash recovery run in a fresh process (often after a reboot) where no domain cmdlet has run yet, so a
        // registration made by a cmdlet or a type initializer would come too late.
        [Audit.AuditLiveRulesChange.KindName] = (t, d) => new Audit.AuditLiveRulesChange(t, d),
        [Audit.AugenrulesLoadChange.KindName] = (t, d) => new Audit.AugenrulesLoadChange(t, d),
        [Fips.RebootBoundFileWrite.KindName] = (t, d) => new Fips.RebootBoundFileWrite(new FileWriteChange(t, d)),
        [SeLinux.SemanageChange.KindName] = (t, d) => new SeLinux.SemanageChange(t, d),
        [SeLinux.SeLinuxModeChange.KindName] = (t, d) => new SeLinux.SeLinuxModeChange(t, d),
    };

    /// <summary>The kinds of change the journal can rebuild.</summary>
    public static IReadOnlyCollection<string> KnownKinds => Factories.Keys;

    /// <summary>Rebuilds a change from the journal.</summary>
    public static Change Rebuild(string kind, string target, IDictionary<string, string?> data)
    {
        if (Factories.TryGetValue(kind, out var f))
        {
            return f(target, data);
        }

        throw new GoBaselineException(ErrorIds.JournalCorrupt, FailureKind.InvalidData, $"The journal names an unknown kind of change '{kind}' for {target}.", target);
    }

    /// <inheritdoc/>
    public override string ToString() => Description;
}
