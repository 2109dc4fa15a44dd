using System;
using System.Runtime.InteropServices;

namespace GoBaseline.Core.Host.Native;

internal static partial class LibC
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;

    // statx has the same layout on every architecture, unlike struct stat, which is why it is used here.
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(20)] public uint Uid;
        [FieldOffset(24)] public uint Gid;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Inode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(112)] public long MtimeSec;
        [FieldOffset(120)] public uint MtimeNsec;
        [FieldOffset(136)] public uint DevMajor;
        [FieldOffset(140)] public uint DevMinor;
    }

    [DllImport(Lib, EntryPoint = "statx", SetLastError = true)]
    private static extern int StatxNative(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, out StatxBuffer buffer);

    /// <summary>stat or lstat of a path; null when it does not exist.</summary>
    internal static UnixFileStatus? Stat(string path, bool followSymlinks)
    {
        var rc = StatxNative(AtFdCwd, path, followSymlinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, out var b);
        if (rc != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == ENOENT || errno == 20 /* ENOTDIR */)
            {
                return null;
            }

            throw ErrnoException(errno, path, "statx");
        }

        return new UnixFileStatus(
            (UnixFileKind)(b.Mode & 0xF000),
            b.Mode & 0xFFF,
            b.Uid,
            b.Gid,
            (long)b.Size,
            b.Inode,
            ((ulong)b.DevMajor << 32) | b.DevMinor,
            DateTimeOffset.FromUnixTimeSeconds(b.MtimeSec).AddTicks(b.MtimeNsec / 100));
    }
}

/// <summary>The file type bits of st_mode.</summary>
public enum UnixFileKind
{
    /// <summary>Unknown.</summary>
    Unknown = 0,
    /// <summary>FIFO.</summary>
    Fifo = 0x1000,
    /// <summary>Character device.</summary>
    CharacterDevice = 0x2000,
    /// <summary>Directory.</summary>
    Directory = 0x4000,
    /// <summary>Block device.</summary>
    BlockDevice = 0x6000,
    /// <summary>Regular file.</summary>
    RegularFile = 0x8000,
    /// <summary>Symbolic link.</summary>
    SymbolicLink = 0xA000,
    /// <summary>Socket.</summary>
    Socket = 0xC000,
}

/// <summary>What stat says about a file.</summary>
/// <param name="Kind">File type.</param>
/// <param name="Mode">Permission bits including setuid, setgid and sticky (07777).</param>
/// <param name="Uid">Owner.</param>
/// <param name="Gid">Group.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Inode">Inode number.</param>
/// <param name="Device">Device (major &lt;&lt; 32 | minor).</param>
/// <param name="ModifiedUtc">Modification time.</param>
public sealed record UnixFileStatus(UnixFileKind Kind, int Mode, uint Uid, uint Gid, long Size, ulong Inode, ulong Device, DateTimeOffset ModifiedUtc)
{
    /// <summary>True when others may write (mode o+w).</summary>
    public bool IsWorldWritable => (Mode & 0x2) != 0;

    /// <summary>The mode in octal, e.g. 0755.</summary>
    public string OctalMode => Convert.ToString(Mode, 8).PadLeft(4, '0');
}
