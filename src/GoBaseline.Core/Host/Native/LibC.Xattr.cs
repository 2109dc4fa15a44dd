using System;
using System.Runtime.InteropServices;
using System.Text;

namespace GoBaseline.Core.Host.Native;

internal static partial class LibC
{
    [DllImport(Lib, EntryPoint = "lgetxattr", SetLastError = true)]
    private static extern nint LGetXattr([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, byte[]? value, nuint size);

    [DllImport(Lib, EntryPoint = "getxattr", SetLastError = true)]
    private static extern nint GetXattrNative([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, byte[]? value, nuint size);

    [DllImport(Lib, EntryPoint = "lsetxattr", SetLastError = true)]
    private static extern int LSetXattr([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, byte[] value, nuint size, int flags);

    [DllImport(Lib, EntryPoint = "lremovexattr", SetLastError = true)]
    private static extern int LRemoveXattr([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    /// <summary>Reads an extended attribute; null when the file has none of that name.</summary>
    internal static byte[]? GetXattr(string path, string name, bool followSymlinks)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var size = followSymlinks ? GetXattrNative(path, name, null, 0) : LGetXattr(path, name, null, 0);
            if (size < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == ENODATA || errno == ENOTSUP)
                {
                    return null;
                }

                throw ErrnoException(errno, path, "getxattr");
            }

            var buffer = new byte[size];
            var read = followSymlinks ? GetXattrNative(path, name, buffer, (nuint)buffer.Length) : LGetXattr(path, name, buffer, (nuint)buffer.Length);
            if (read >= 0)
            {
                return read == buffer.Length ? buffer : buffer.AsSpan(0, (int)read).ToArray();
            }

            var err = Marshal.GetLastPInvokeError();
            if (err != ERANGE)
            {
                throw ErrnoException(err, path, "getxattr");
            }

            // The value grew between the two calls: ask again.
        }

        throw new InvalidOperationException($"getxattr({path}, {name}): value keeps changing size.");
    }

    /// <summary>Sets an extended attribute on the path itself (a symlink is not followed).</summary>
    internal static void SetXattr(string path, string name, byte[] value)
    {
        if (LSetXattr(path, name, value, (nuint)value.Length, 0) != 0)
        {
            throw ErrnoException(Marshal.GetLastPInvokeError(), path, "setxattr");
        }
    }

    /// <summary>Removes an extended attribute; absent is not an error.</summary>
    internal static void RemoveXattr(string path, string name)
    {
        if (LRemoveXattr(path, name) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != ENODATA)
            {
                throw ErrnoException(errno, path, "removexattr");
            }
        }
    }

    /// <summary>Decodes a text xattr such as security.selinux (trailing NUL stripped).</summary>
    internal static string DecodeText(byte[] value)
    {
        var n = value.Length;
        while (n > 0 && value[n - 1] == 0)
        {
            n--;
        }

        return Encoding.UTF8.GetString(value, 0, n);
    }
}
