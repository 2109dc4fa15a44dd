using System.Runtime.InteropServices;

namespace GoBaseline.Core.Host.Native;

internal static partial class LibC
{
    [DllImport(Lib, EntryPoint = "realpath", SetLastError = true)]
    private static extern nint RealPathNative([MarshalAs(UnmanagedType.LPUTF8Str)] string path, nint resolved);

    [DllImport(Lib, EntryPoint = "free")]
    private static extern void Free(nint pointer);

    /// <summary>realpath(3): every link resolved, "." and ".." removed; null when the path cannot be resolved (does not exist).</summary>
    internal static string? RealPath(string path)
    {
        var p = RealPathNative(path, 0);
        if (p == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(p);
        }
        finally
        {
            Free(p);
        }
    }
}
