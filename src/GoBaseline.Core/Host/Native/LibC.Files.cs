using System.Runtime.InteropServices;

namespace GoBaseline.Core.Host.Native;

internal static partial class LibC
{
    [DllImport(Lib, EntryPoint = "lchown", SetLastError = true)]
    private static extern int LChown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);

    [DllImport(Lib, EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport(Lib, EntryPoint = "fsync", SetLastError = true)]
    private static extern int FsyncNative(int fd);

    [DllImport(Lib, EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);

    [DllImport(Lib, EntryPoint = "flock", SetLastError = true)]
    private static extern int FlockNative(nint fd, int operation);

    [DllImport(Lib, EntryPoint = "geteuid")]
    internal static extern uint GetEuid();

    /// <summary>Sets owner and group of the path itself (a symlink is not followed).</summary>
    internal static void Chown(string path, uint uid, uint gid)
    {
        if (LChown(path, uid, gid) != 0)
        {
            throw ErrnoException(Marshal.GetLastPInvokeError(), path, "lchown");
        }
    }

    /// <summary>fsyncs a directory so that a rename or create inside it is durable.</summary>
    internal static void FsyncDirectory(string directory)
    {
        // O_RDONLY without O_DIRECTORY: the flag's value differs between architectures and a plain read-only open of
        // a directory is allowed.
        var fd = Open(directory, 0);
        if (fd < 0)
        {
            throw ErrnoException(Marshal.GetLastPInvokeError(), directory, "open");
        }

        try
        {
            if (FsyncNative(fd) != 0)
            {
                throw ErrnoException(Marshal.GetLastPInvokeError(), directory, "fsync");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>Takes or releases an advisory lock; returns false when a non-blocking lock is held elsewhere.</summary>
    internal static bool Flock(SafeHandle handle, bool exclusive, bool wait, string path)
    {
        var op = (exclusive ? 2 : 1) | (wait ? 0 : 4);
        if (FlockNative(handle.DangerousGetHandle(), op) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno == EAGAIN)
        {
            return false;
        }

        throw ErrnoException(errno, path, "flock");
    }
}
