using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace GoBaseline.Core.Host.Native;

/// <summary>
/// A directory read with opendir/readdir64 and its entries stat'ed relative to the directory's descriptor
/// (fstatat-style statx): the file type comes from d_type without a stat, and the kernel does not walk the whole
/// path again for every entry. Used by scans of large trees (Get-GoBinaryInfo -Recurse over /usr).
/// </summary>
internal static partial class LibC
{
    /// <summary>d_type of an entry.</summary>
    internal enum DirEntryType : byte
    {
        Unknown = 0,
        Fifo = 1,
        CharacterDevice = 2,
        Directory = 4,
        BlockDevice = 6,
        Regular = 8,
        Link = 10,
        Socket = 12,
    }

    [DllImport(Lib, EntryPoint = "opendir", SetLastError = true)]
    private static extern IntPtr OpenDirNative([MarshalAs(UnmanagedType.LPUTF8Str)] string path);

    // No SetLastError on readdir64 and statx: the scan only needs success or failure, and saving errno after each of
    // the ~200,000 calls of a /usr walk is measurable.
    [DllImport(Lib, EntryPoint = "readdir64")]
    private static extern IntPtr ReadDirNative(IntPtr dir);

    [DllImport(Lib, EntryPoint = "closedir")]
    private static extern int CloseDirNative(IntPtr dir);

    [DllImport(Lib, EntryPoint = "dirfd")]
    private static extern int DirFdNative(IntPtr dir);

    [DllImport(Lib, EntryPoint = "statx")]
    private static extern unsafe int StatxAtNative(int dirfd, byte* path, int flags, uint mask, out StatxBuffer buffer);

    // STATX_TYPE | STATX_MODE: all a directory scan reads.
    private const uint StatxTypeAndMode = 0x3;

    /// <summary>An entry of a directory: name, d_type, and for regular files and links the stat'ed mode.</summary>
    internal readonly record struct DirEntry(string Name, DirEntryType Type, int Mode, UnixFileKind Kind);

    /// <summary>
    /// Reads a directory. Entries of type regular, link or unknown are stat'ed without following links (their Kind and
    /// Mode filled in); directories are not. Returns null when the directory cannot be opened.
    /// </summary>
    /// <param name="path">The directory.</param>
    /// <param name="executablesAndLinksOnly">
    /// Leave out regular files without an execute bit and special files (devices, fifos, sockets) before their names
    /// are decoded: a walk for executables then allocates nothing for the ~95% of files it would discard.
    /// </param>
    internal static unsafe List<DirEntry>? ReadDirectory(string path, bool executablesAndLinksOnly = false)
    {
        var dir = OpenDirNative(path);
        if (dir == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            var fd = DirFdNative(dir);
            var result = new List<DirEntry>();
            while (true)
            {
                var entry = ReadDirNative(dir);
                if (entry == IntPtr.Zero)
                {
                    break;
                }

                // struct dirent64: d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name.
                var p = (byte*)entry;
                var type = (DirEntryType)p[18];
                var name = p + 19;
                var length = 0;
                while (name[length] != 0)
                {
                    length++;
                }

                if ((length == 1 && name[0] == '.') || (length == 2 && name[0] == '.' && name[1] == '.'))
                {
                    continue;
                }

                if (type is DirEntryType.Directory)
                {
                    result.Add(new DirEntry(Encoding.UTF8.GetString(name, length), type, 0, UnixFileKind.Directory));
                    continue;
                }

                if (type is DirEntryType.Regular or DirEntryType.Link or DirEntryType.Unknown
                    && StatxAtNative(fd, name, AtSymlinkNoFollow, StatxTypeAndMode, out var b) == 0)
                {
                    var kind = (UnixFileKind)(b.Mode & 0xF000);
                    if (executablesAndLinksOnly && !(kind is UnixFileKind.Directory or UnixFileKind.SymbolicLink || (kind == UnixFileKind.RegularFile && (b.Mode & 0x49) != 0)))
                    {
                        continue;
                    }

                    result.Add(new DirEntry(Encoding.UTF8.GetString(name, length), kind == UnixFileKind.Directory ? DirEntryType.Directory : type, b.Mode & 0xFFF, kind));
                }
            }

            return result;
        }
        finally
        {
            _ = CloseDirNative(dir);
        }
    }
}
