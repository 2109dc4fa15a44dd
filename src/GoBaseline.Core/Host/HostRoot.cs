using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using GoBaseline.Core.Host.Native;

namespace GoBaseline.Core.Host;

/// <summary>
/// The one place the engine reads the machine's files. Every path the engine handles is a path *inside* the host
/// root (as a process chrooted there would see it); this class maps it to the real path, resolving symbolic links
/// the way the kernel would inside a chroot, so an absolute link in a container image or fixture tree never escapes
/// to the live host. With the default root "/", paths are used as they are.
/// </summary>
public sealed class HostRoot
{
    private const int MaxSymlinkHops = 40;

    /// <summary>The live host.</summary>
    public static HostRoot Live { get; } = new HostRoot("/");

    /// <summary>Binds to a root directory (a mounted image, a chroot, a fixture tree, or "/").</summary>
    public HostRoot(string root)
    {
        if (string.IsNullOrEmpty(root))
        {
            throw new ArgumentException("A host root is needed.", nameof(root));
        }

        var full = Path.GetFullPath(root);
        if (full.Length > 1)
        {
            full = full.TrimEnd('/');
        }

        if (!Directory.Exists(full))
        {
            throw new GoBaselineException(ErrorIds.InvalidRoot, FailureKind.NotFound, $"The host root '{root}' is not a directory.", root);
        }

        Root = full;
        IsLive = full == "/";
    }

    /// <summary>The root directory on this machine.</summary>
    public string Root { get; }

    /// <summary>True when the root is "/", i.e. the live host: only then do /proc, the kernel and native tools describe it.</summary>
    public bool IsLive { get; }

    /// <summary>
    /// Maps a path inside the root to the path on this machine. Intermediate symbolic links are resolved inside the
    /// root; the last component is resolved too unless <paramref name="followFinal"/> is false.
    /// </summary>
    public string Map(string path, bool followFinal = true)
    {
        var normal = Normalize(path);
        return IsLive ? normal : Walk(normal, followFinal);
    }

    // Resolves symbolic links component by component, as the kernel does under a chroot at Root: absolute targets
    // restart at the root, ".." stops at the root, and more than 40 links is ELOOP.
    private string Walk(string normal, bool followFinal)
    {
        var prefix = IsLive ? string.Empty : Root;
        var parts = new List<string>(normal.Split('/', StringSplitOptions.RemoveEmptyEntries));
        var resolved = new List<string>();
        var hops = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            resolved.Add(part);
            var isLast = i == parts.Count - 1;
            if (isLast && !followFinal)
            {
                break;
            }

            // readlink on the component; null when it is not a link or does not exist.
            var target = new FileInfo(prefix + "/" + string.Join('/', resolved)).LinkTarget;
            if (target is null)
            {
                continue;
            }

            if (++hops > MaxSymlinkHops)
            {
                throw new IOException($"{normal}: too many levels of symbolic links.");
            }

            resolved.RemoveAt(resolved.Count - 1);
            if (target.StartsWith('/'))
            {
                resolved.Clear();
            }

            var rest = parts.GetRange(i + 1, parts.Count - i - 1);
            parts = new List<string>(resolved.Count + 8);
            parts.AddRange(resolved);
            parts.AddRange(target.Split('/', StringSplitOptions.RemoveEmptyEntries));
            parts.AddRange(rest);
            resolved.Clear();
            i = -1;
        }

        if (resolved.Count == 0)
        {
            return IsLive ? "/" : Root;
        }

        return prefix + "/" + string.Join('/', resolved);
    }

    /// <summary>Maps a real path on this machine back to the path inside the root.</summary>
    public string ToHostPath(string realPath)
    {
        if (IsLive)
        {
            return realPath;
        }

        if (realPath == Root)
        {
            return "/";
        }

        return realPath.StartsWith(Root + "/", StringComparison.Ordinal) ? realPath.Substring(Root.Length) : realPath;
    }

    /// <summary>Makes a path absolute and clean ("/a/./b/../c" → "/a/c") without touching the file system.</summary>
    public static string Normalize(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }

        if (!path.StartsWith('/'))
        {
            path = "/" + path;
        }

        var stack = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (stack.Count > 0)
                {
                    stack.RemoveAt(stack.Count - 1);
                }

                continue;
            }

            stack.Add(part);
        }

        return "/" + string.Join('/', stack);
    }

    /// <summary>True when a regular file (after links) exists at the path.</summary>
    public bool FileExists(string path) => File.Exists(Map(path));

    /// <summary>True when a directory (after links) exists at the path.</summary>
    public bool DirectoryExists(string path) => Directory.Exists(Map(path));

    /// <summary>Reads a whole text file; null when it does not exist. Other failures throw a <see cref="GoBaselineException"/>.</summary>
    public string? TryReadAllText(string path)
    {
        var real = Map(path);
        try
        {
            return File.Exists(real) ? File.ReadAllText(real, Encoding.UTF8) : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw GoBaselineException.FromIo(ex, path);
        }
    }

    /// <summary>Reads a whole text file, throwing a positioned <see cref="GoBaselineException"/> when it cannot.</summary>
    public string ReadAllText(string path) =>
        TryReadAllText(path) ?? throw new GoBaselineException(ErrorIds.PathNotFound, FailureKind.NotFound, $"{path}: not found under root {Root}.", path);

    /// <summary>Opens a file for reading.</summary>
    public FileStream OpenRead(string path)
    {
        try
        {
            return new FileStream(Map(path), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw GoBaselineException.FromIo(ex, path);
        }
    }

    /// <summary>The entries of a directory as paths inside the root, sorted ordinally; empty when it does not exist.</summary>
    public IReadOnlyList<string> ListDirectory(string directory, string pattern = "*")
    {
        var real = Map(directory);
        if (!Directory.Exists(real))
        {
            return Array.Empty<string>();
        }

        var names = new List<string>();
        try
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(real, pattern))
            {
                names.Add(Path.GetFileName(entry));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw GoBaselineException.FromIo(ex, directory);
        }

        names.Sort(StringComparer.Ordinal);
        var dir = Normalize(directory);
        var result = new string[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            result[i] = dir == "/" ? "/" + names[i] : dir + "/" + names[i];
        }

        return result;
    }

    /// <summary>stat (or lstat) of a path inside the root; null when it does not exist.</summary>
    public UnixFileStatus? Stat(string path, bool followSymlinks = true) => LibC.Stat(Map(path, followSymlinks), followSymlinks);

    /// <summary>Reads an extended attribute as bytes; null when absent.</summary>
    public byte[]? GetXattr(string path, string name, bool followSymlinks = true) => LibC.GetXattr(Map(path, followSymlinks), name, followSymlinks);

    /// <summary>Reads a text extended attribute (security.selinux); null when absent.</summary>
    public string? GetXattrText(string path, string name, bool followSymlinks = true)
    {
        var value = GetXattr(path, name, followSymlinks);
        return value is null ? null : LibC.DecodeText(value);
    }

    /// <summary>The target of a symbolic link (as written in the link), or null when the path is not a link.</summary>
    public string? ReadLink(string path)
    {
        var real = Map(path, followFinal: false);
        var info = new FileInfo(real);
        return info.LinkTarget;
    }

    /// <summary>Resolves all links of a path inside the root (like realpath(3)) and returns it as a path inside the root.</summary>
    public string RealPath(string path) => ToHostPath(Walk(Normalize(path), followFinal: true));

    /// <summary>Looks up a user in the root's /etc/passwd by name or numeric id.</summary>
    public PasswdEntry? GetUser(string nameOrId) => Passwd.Find(this, nameOrId);

    /// <summary>Looks up a user by uid.</summary>
    public PasswdEntry? GetUser(uint uid) => Passwd.Find(this, uid.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <inheritdoc/>
    public override string ToString() => Root;
}
