using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using GoBaseline.Core.Host;
using GoBaseline.Core.Host.Native;

namespace GoBaseline.Core.Journal;

/// <summary>Reads and restores the state of a file: content, type, mode, owner, group, SELinux label.</summary>
internal static class FileState
{
    internal static Snapshot Capture(ChangeContext context, string path, bool followSymlink)
    {
        var real = context.Host.Map(path, followSymlink);
        var st = LibC.Stat(real, followSymlinks: followSymlink);
        var facts = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (st is null)
        {
            facts["exists"] = "false";
            return new Snapshot(facts);
        }

        facts["exists"] = "true";
        facts["type"] = st.Kind.ToString();
        facts["mode"] = st.OctalMode;
        facts["uid"] = st.Uid.ToString(CultureInfo.InvariantCulture);
        facts["gid"] = st.Gid.ToString(CultureInfo.InvariantCulture);
        var label = LibC.GetXattr(real, AtomicFile.SeLinuxXattr, followSymlinks: followSymlink);
        facts["label"] = label is null ? null : Convert.ToBase64String(label);
        if (st.Kind == UnixFileKind.SymbolicLink)
        {
            facts["linkTarget"] = new FileInfo(real).LinkTarget;
        }
        else if (st.Kind == UnixFileKind.RegularFile)
        {
            facts["sha256"] = context.Blobs.Put(File.ReadAllBytes(real));
        }

        return new Snapshot(facts);
    }

    internal static void Restore(ChangeContext context, string path, Snapshot before, bool followSymlink)
    {
        var real = context.Host.Map(path, followSymlink);
        var current = LibC.Stat(real, followSymlinks: false);
        if (before["exists"] != "true")
        {
            if (current is not null && current.Kind != UnixFileKind.Directory)
            {
                AtomicFile.DeleteDurable(real);
            }

            return;
        }

        var type = before["type"];
        if (type == nameof(UnixFileKind.SymbolicLink))
        {
            if (current is not null)
            {
                File.Delete(real);
            }

            File.CreateSymbolicLink(real, before["linkTarget"]!);
            LibC.FsyncDirectory(Path.GetDirectoryName(real) ?? "/");
            return;
        }

        if (type != nameof(UnixFileKind.RegularFile))
        {
            throw new GoBaselineException(ErrorIds.ChangeNotReversible, FailureKind.InvalidOperation, $"{path} was a {type} before; only regular files and links are restored.", path);
        }

        var bytes = context.Blobs.Get(before["sha256"]!);
        var label = before["label"] is { } l ? Convert.FromBase64String(l) : null;
        AtomicFile.Replace(real, bytes, (UnixFileMode)Convert.ToInt32(before["mode"], 8), uint.Parse(before["uid"]!, CultureInfo.InvariantCulture), uint.Parse(before["gid"]!, CultureInfo.InvariantCulture), label);
    }

    /// <summary>
    /// Refuses a target whose path inside the root goes through a symbolic link (a directory component, e.g.
    /// /etc/profile.d -> ../elsewhere): writing there would land somewhere the caller did not name. The caller's
    /// followSymlink is the escape (it named the path and asked for links to be followed).
    /// </summary>
    internal static void RefuseSymlinkInPath(ChangeContext context, string path, bool followSymlink)
    {
        if (followSymlink)
        {
            return;
        }

        var parts = HostRoot.Normalize(path).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var prefix = string.Empty;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            prefix += "/" + parts[i];

            // Shortest prefix first: every component before this one is a real directory, so mapping it resolves nothing.
            var real = context.Host.Map(prefix, followFinal: false);
            var st = LibC.Stat(real, followSymlinks: false);
            if (st is null)
            {
                return;
            }

            if (st.Kind == UnixFileKind.SymbolicLink)
            {
                throw new GoBaselineException(ErrorIds.SymlinkRefused, FailureKind.InvalidOperation, $"{prefix} is a symbolic link to {new FileInfo(real).LinkTarget}, so {path} is not where it seems; GoBaseline does not write through links in a target's path it was not told to follow. Nothing was written there.", path);
            }
        }
    }

    internal static void RefuseUnnamedSymlink(ChangeContext context, string path, bool followSymlink)
    {
        if (followSymlink)
        {
            return;
        }

        RefuseSymlinkInPath(context, path, followSymlink);
        var st = LibC.Stat(context.Host.Map(path, followFinal: false), followSymlinks: false);
        if (st is { Kind: UnixFileKind.SymbolicLink })
        {
            throw new GoBaselineException(ErrorIds.SymlinkRefused, FailureKind.InvalidOperation, $"{path} is a symbolic link; GoBaseline does not write through links it was not told to follow.", path);
        }

        if (st is { Kind: not UnixFileKind.RegularFile })
        {
            throw new GoBaselineException(ErrorIds.ChangeFailed, FailureKind.InvalidOperation, $"{path} is a {st.Kind}, not a regular file.", path);
        }
    }
}

/// <summary>What undoing a file change does, and what applying one would do to its content.</summary>
internal static class FileUndo
{
    internal static string Describe(string target, Snapshot before)
    {
        if (before["exists"] != "true")
        {
            return $"Delete {target} (it did not exist before)";
        }

        if (before["type"] == nameof(UnixFileKind.SymbolicLink))
        {
            return $"Restore the symbolic link {target} -> {before["linkTarget"]}";
        }

        return $"Restore {target} as it was before (sha256 {Short(before["sha256"])}, mode {before["mode"]}, owner {before["uid"]}:{before["gid"]}" + (before["label"] is { } l ? $", label {Label(l)}" : string.Empty) + ")";
    }

    // The diff between the file now (read through the same mapping the change writes through) and new content.
    internal static string? Diff(ChangeContext context, string target, bool follow, byte[]? after, bool deletes)
    {
        if (after is null && !deletes)
        {
            return null;
        }

        var real = context.Host.Map(target, follow);
        var st = LibC.Stat(real, followSymlinks: follow);
        string? before = null;
        if (st is { Kind: UnixFileKind.RegularFile })
        {
            before = JournalReport.Decode(File.ReadAllBytes(real));
        }
        else if (st is not null)
        {
            return null;
        }

        return UnifiedDiff.Format(target, before, after is null ? null : JournalReport.Decode(after));
    }

    private static string Short(string? hash) => hash is null ? "-" : hash.Substring(0, Math.Min(12, hash.Length));

    private static string Label(string base64)
    {
        try
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64)).TrimEnd('\0');
        }
        catch (FormatException)
        {
            return base64;
        }
    }
}

/// <summary>Writes or replaces a file atomically, keeping mode, owner, group and SELinux label of an existing file.</summary>
public sealed class FileWriteChange : Change
{
    /// <summary>The kind name in the journal.</summary>
    public const string KindName = "file.write";
    private byte[]? _content;

    /// <summary>Creates a write of <paramref name="content"/> to <paramref name="path"/> (inside the root).</summary>
    /// <param name="path">The file.</param>
    /// <param name="content">The new content.</param>
    /// <param name="newFileMode">Mode for a file that does not exist yet (existing files keep theirs).</param>
    /// <param name="followSymlink">Write through a symbolic link at <paramref name="path"/> (otherwise refused).</param>
    /// <param name="summary">A line for ShouldProcess, e.g. the line that changes.</param>
    /// <param name="newFileUid">Owner for a file that does not exist yet (null: the writing process's).</param>
    /// <param name="newFileGid">Group for a file that does not exist yet (null: the writing process's).</param>
    public FileWriteChange(string path, byte[] content, UnixFileMode newFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, bool followSymlink = false, string? summary = null, uint? newFileUid = null, uint? newFileGid = null)
        : base(KindName, HostRoot.Normalize(path), new Dictionary<string, string?>
        {
            ["sha256"] = BlobStore.Hash(content),
            ["mode"] = Convert.ToString((int)newFileMode, 8),
            ["follow"] = followSymlink ? "true" : null,
            ["summary"] = summary,
            ["uid"] = newFileUid?.ToString(CultureInfo.InvariantCulture),
            ["gid"] = newFileGid?.ToString(CultureInfo.InvariantCulture),
        })
    {
        _content = content;
    }

    internal FileWriteChange(string target, IDictionary<string, string?> data)
        : base(KindName, target, data)
    {
    }

    private bool Follow => Data.GetValueOrDefault("follow") == "true";

    /// <inheritdoc/>
    public override string Description => $"Write {Target}" + (Data.GetValueOrDefault("summary") is { } s ? ": " + s : string.Empty);

    /// <summary>Stores the new content in the journal's blob store.</summary>
    public void Persist(BlobStore blobs)
    {
        if (_content is not null)
        {
            blobs.Put(_content);
        }
    }

    /// <inheritdoc/>
    public override Snapshot Capture(ChangeContext context) => FileState.Capture(context, Target, Follow);

    /// <inheritdoc/>
    public override void Apply(ChangeContext context)
    {
        FileState.RefuseUnnamedSymlink(context, Target, Follow);
        var content = _content ?? context.Blobs.Get(Data["sha256"]!);
        var real = context.Host.Map(Target, Follow);
        var st = LibC.Stat(real, followSymlinks: true);
        if (st is null)
        {
            AtomicFile.Replace(real, content, (UnixFileMode)Convert.ToInt32(Data["mode"], 8), ParseId("uid"), ParseId("gid"), null);
            return;
        }

        var label = LibC.GetXattr(real, AtomicFile.SeLinuxXattr, followSymlinks: true);
        AtomicFile.Replace(real, content, (UnixFileMode)st.Mode, st.Uid, st.Gid, label);
    }

    private uint? ParseId(string key) => Data.GetValueOrDefault(key) is { } v ? uint.Parse(v, CultureInfo.InvariantCulture) : null;

    /// <inheritdoc/>
    public override bool Verify(ChangeContext context, Snapshot current, out string? why)
    {
        if (current["exists"] == "true" && current["sha256"] == Data["sha256"])
        {
            why = null;
            return true;
        }

        why = current["exists"] == "true" ? $"{Target} has other content" : $"{Target} does not exist";
        return false;
    }

    /// <inheritdoc/>
    public override void Revert(ChangeContext context, Snapshot before)
    {
        AtomicFile.RemoveLeftovers(context.Host.Map(Target, Follow));
        FileState.Restore(context, Target, before, Follow);
    }

    /// <inheritdoc/>
    public override string UndoDescription(Snapshot before) => FileUndo.Describe(Target, before);

    /// <inheritdoc/>
    public override string? PlannedDiff(ChangeContext context) => FileUndo.Diff(context, Target, Follow, _content, deletes: false);
}

/// <summary>Deletes a file; undo restores it with its content, mode, owner and label.</summary>
public sealed class FileDeleteChange : Change
{
    /// <summary>The kind name in the journal.</summary>
    public const string KindName = "file.delete";

    /// <summary>Creates a deletion of <paramref name="path"/> (inside the root).</summary>
    public FileDeleteChange(string path)
        : base(KindName, HostRoot.Normalize(path), new Dictionary<string, string?>())
    {
    }

    internal FileDeleteChange(string target, IDictionary<string, string?> data)
        : base(KindName, target, data)
    {
    }

    /// <inheritdoc/>
    public override string Description => $"Delete {Target}";

    /// <inheritdoc/>
    public override Snapshot Capture(ChangeContext context) => FileState.Capture(context, Target, false);

    /// <inheritdoc/>
    public override void Apply(ChangeContext context)
    {
        FileState.RefuseSymlinkInPath(context, Target, followSymlink: false);
        var real = context.Host.Map(Target, followFinal: false);
        var st = LibC.Stat(real, followSymlinks: false);
        if (st is { Kind: UnixFileKind.Directory })
        {
            throw new GoBaselineException(ErrorIds.ChangeFailed, FailureKind.InvalidOperation, $"{Target} is a directory.", Target);
        }

        if (st is not null)
        {
            AtomicFile.DeleteDurable(real);
        }
    }

    /// <inheritdoc/>
    public override bool Verify(ChangeContext context, Snapshot current, out string? why)
    {
        why = current["exists"] == "true" ? $"{Target} still exists" : null;
        return why is null;
    }

    /// <inheritdoc/>
    public override void Revert(ChangeContext context, Snapshot before)
    {
        AtomicFile.RemoveLeftovers(context.Host.Map(Target, followFinal: false));
        FileState.Restore(context, Target, before, false);
    }

    /// <inheritdoc/>
    public override string UndoDescription(Snapshot before) => FileUndo.Describe(Target, before);

    /// <inheritdoc/>
    public override string? PlannedDiff(ChangeContext context) => FileUndo.Diff(context, Target, follow: false, after: null, deletes: true);
}

/// <summary>
/// Creates a directory (one level: give one change per missing level, outermost first); undo removes it again if it
/// is empty. Used for the parents of files a remediation creates (a user's ~/.config/go, a unit's drop-in folder).
/// </summary>
public sealed class DirectoryCreateChange : Change
{
    /// <summary>The kind name in the journal.</summary>
    public const string KindName = "dir.create";

    /// <summary>Creates the change.</summary>
    /// <param name="path">The directory (inside the root).</param>
    /// <param name="mode">Its mode.</param>
    /// <param name="uid">Its owner (null: the writing process's).</param>
    /// <param name="gid">Its group (null: the writing process's).</param>
    public DirectoryCreateChange(string path, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute, uint? uid = null, uint? gid = null)
        : base(KindName, HostRoot.Normalize(path), new Dictionary<string, string?>
        {
            ["mode"] = Convert.ToString((int)mode, 8),
            ["uid"] = uid?.ToString(CultureInfo.InvariantCulture),
            ["gid"] = gid?.ToString(CultureInfo.InvariantCulture),
        })
    {
    }

    internal DirectoryCreateChange(string target, IDictionary<string, string?> data)
        : base(KindName, target, data)
    {
    }

    /// <inheritdoc/>
    public override string Description =>
        $"Create directory {Target} (mode {Data["mode"]!.PadLeft(4, '0')}" + (Data.GetValueOrDefault("uid") is { } u ? $", owner {u}:{Data.GetValueOrDefault("gid") ?? "-"}" : string.Empty) + ")";

    /// <inheritdoc/>
    public override Snapshot Capture(ChangeContext context)
    {
        var st = LibC.Stat(context.Host.Map(Target, followFinal: false), followSymlinks: false);
        var facts = new Dictionary<string, string?>(StringComparer.Ordinal) { ["exists"] = st is null ? "false" : "true" };
        if (st is not null)
        {
            facts["type"] = st.Kind.ToString();
            facts["mode"] = st.OctalMode;
            facts["uid"] = st.Uid.ToString(CultureInfo.InvariantCulture);
            facts["gid"] = st.Gid.ToString(CultureInfo.InvariantCulture);
        }

        return new Snapshot(facts);
    }

    /// <inheritdoc/>
    public override void Apply(ChangeContext context)
    {
        FileState.RefuseSymlinkInPath(context, Target, followSymlink: false);
        var real = context.Host.Map(Target, followFinal: false);
        if (LibC.Stat(real, followSymlinks: false) is { Kind: UnixFileKind.SymbolicLink })
        {
            throw new GoBaselineException(ErrorIds.SymlinkRefused, FailureKind.InvalidOperation, $"{Target} is a symbolic link to {new FileInfo(real).LinkTarget}; GoBaseline does not follow links it was not told to follow. Nothing was created.", Target);
        }

        var mode = (UnixFileMode)Convert.ToInt32(Data["mode"], 8);
        Directory.CreateDirectory(real, mode);
        File.SetUnixFileMode(real, mode);
        if (Data.GetValueOrDefault("uid") is not null || Data.GetValueOrDefault("gid") is not null)
        {
            LibC.Chown(real, Id("uid") ?? uint.MaxValue, Id("gid") ?? uint.MaxValue);
        }

        LibC.FsyncDirectory(Path.GetDirectoryName(real) ?? "/");
    }

    /// <inheritdoc/>
    public override bool Verify(ChangeContext context, Snapshot current, out string? why)
    {
        why = current["exists"] == "true" && current["type"] == nameof(UnixFileKind.Directory) ? null : $"{Target} is not a directory";
        return why is null;
    }

    /// <inheritdoc/>
    public override void Revert(ChangeContext context, Snapshot before)
    {
        if (before["exists"] == "true")
        {
            return;
        }

        var real = context.Host.Map(Target, followFinal: false);
        if (LibC.Stat(real, followSymlinks: false) is not { Kind: UnixFileKind.Directory })
        {
            return;
        }

        if (Directory.EnumerateFileSystemEntries(real).Any())
        {
            throw new GoBaselineException(ErrorIds.ChangeNotReversible, FailureKind.InvalidOperation, $"{Target} is not empty any more; it was left in place.", Target);
        }

        Directory.Delete(real);
        LibC.FsyncDirectory(Path.GetDirectoryName(real) ?? "/");
    }

    /// <inheritdoc/>
    public override string UndoDescription(Snapshot before) =>
        before["exists"] == "true" ? $"Keep directory {Target} (it existed before)" : $"Remove directory {Target} (if empty)";

    private uint? Id(string key) => Data.GetValueOrDefault(key) is { } v ? uint.Parse(v, CultureInfo.InvariantCulture) : null;
}
