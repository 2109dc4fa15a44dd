using System;
using System.IO;
using System.Runtime.InteropServices;

namespace GoBaseline.Core.Host.Native;

/// <summary>
/// The libc calls .NET does not offer (owner, xattrs, directory fsync, flock). Each native call has one wrapper that
/// turns errno into a typed exception naming the path; nothing else in the engine P/Invokes.
/// </summary>
internal static partial class LibC
{
    private const string Lib = "libc";

    internal const int ENOENT = 2;
    internal const int EPERM = 1;
    internal const int EACCES = 13;
    internal const int EAGAIN = 11;
    internal const int ERANGE = 34;
    internal const int ENODATA = 61;
    internal const int ENOTSUP = 95;

    /// <summary>Maps an errno on a path to the exception .NET code expects.</summary>
    internal static Exception ErrnoException(int errno, string path, string call)
    {
        var text = Marshal.GetPInvokeErrorMessage(errno);
        var message = $"{call}({path}): {text} (errno {errno}).";
        return errno switch
        {
            ENOENT => new FileNotFoundException(message, path),
            EACCES or EPERM => new UnauthorizedAccessException(message),
            _ => new IOException(message, errno),
        };
    }
}
