using System;
using System.IO;
using System.Security.Cryptography;
using GoBaseline.Core.Host.Native;

namespace GoBaseline.Core.Journal;

/// <summary>
/// Replaces files so that a crash at any point leaves either the old or the new content, never a mix: a temporary
/// file in the same directory, written and fsynced, given the mode, owner and SELinux label, renamed over the
/// target, and the directory fsynced.
/// </summary>
public static class AtomicFile
{
    /// <summary>The xattr that carries the SELinux label.</summary>
    public const string SeLinuxXattr = "security.selinux";

    /// <summary>The suffix of temporary files, so that recovery can find and remove leftovers.</summary>
    public const string TempMarker = ".gb-tmp-";

    /// <summary>Writes a file of the journal itself (mode given, owner unchanged), durably and atomically.</summary>
    public static void WriteDurable(string realPath, byte[] bytes, UnixFileMode mode) =>
        Replace(realPath, bytes, mode, null, null, null);

    /// <summary>
    /// Atomically replaces (or creates) <paramref name="realPath"/> with <paramref name="bytes"/>, setting the mode,
    /// owner, group and SELinux label given (null: leave as created).
    /// </summary>
    public static void Replace(string realPath, byte[] bytes, UnixFileMode? mode, uint? uid, uint? gid, byte[]? seLinuxLabel)
    {
        var dir = Path.GetDirectoryName(realPath) ?? "/";
        var temp = Path.Combine(dir, "." + Path.GetFileName(realPath) + TempMarker + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant());
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            };
            using (var fs = new FileStream(temp, options))
            {
                fs.Write(bytes);
                fs.Flush(flushToDisk: true);
            }

            if (uid is not null || gid is not null)
            {
                LibC.Chown(temp, uid ?? uint.MaxValue, gid ?? uint.MaxValue);
            }

            if (mode is not null)
            {
                File.SetUnixFileMode(temp, mode.Value);
            }

            if (seLinuxLabel is not null)
            {
                LibC.SetXattr(temp, SeLinuxXattr, seLinuxLabel);
            }

            File.Move(temp, realPath, overwrite: true);
            LibC.FsyncDirectory(dir);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Deletes a file and fsyncs its directory.</summary>
    public static void DeleteDurable(string realPath)
    {
        File.Delete(realPath);
        LibC.FsyncDirectory(Path.GetDirectoryName(realPath) ?? "/");
    }

    /// <summary>Removes temporary files this class left next to <paramref name="realPath"/> (after a crash).</summary>
    public static int RemoveLeftovers(string realPath)
    {
        var dir = Path.GetDirectoryName(realPath);
        if (dir is null || !Directory.Exists(dir))
        {
            return 0;
        }

        var n = 0;
        foreach (var f in Directory.EnumerateFiles(dir, "." + Path.GetFileName(realPath) + TempMarker + "*"))
        {
            TryDelete(f);
            n++;
        }

        return n;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temporary file is harmless and recovery removes it later.
        }
    }
}
