using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using GoBaseline.Core.Host;
using GoBaseline.Core.Host.Native;

namespace GoBaseline.Core.GoBinary;

/// <summary>A file a directory walk found worth reading: a path inside the root and the real path on this machine.</summary>
public readonly record struct ScanCandidate(string Path, string RealPath);

/// <summary>
/// Walks directories the way <c>go version</c> does (cmd/go/internal/version scanDir): depth first, entries in
/// lexical order, directory links not followed, file links followed when they lead to a regular file, and only
/// files with an execute bit considered.
/// </summary>
public sealed class GoBinaryScanner
{
    private readonly HostRoot _host;

    /// <summary>Creates a scanner over a host root.</summary>
    public GoBinaryScanner(HostRoot host) => _host = host;

    /// <summary>Every executable regular file under a directory (a path inside the root), in <c>go version</c> order.</summary>
    public IEnumerable<ScanCandidate> Walk(string directory, CancellationToken cancellationToken = default)
    {
        var dir = HostRoot.Normalize(directory);
        var realDir = _host.Map(dir);
        var stack = new Stack<(string Dir, string Real, string[] Names, int Next)>();
        stack.Push((dir, realDir, ListEntries(realDir), 0));
        while (stack.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (d, real, names, next) = stack.Pop();
            if (next >= names.Length)
            {
                continue;
            }

            stack.Push((d, real, names, next + 1));
            var entry = names[next];
            var kind = entry[0];
            var name = entry.Substring(1);
            var path = d == "/" ? "/" + name : d + "/" + name;
            var realPath = real == "/" ? "/" + name : real + "/" + name;
            if (kind == 'd')
            {
                stack.Push((path, realPath, ListEntries(realPath), 0));
                continue;
            }

            if (Accept(path, ref realPath))
            {
                yield return new ScanCandidate(path, realPath);
            }
        }
    }

    /// <summary>The executable regular files directly in a directory (no recursion), in name order.</summary>
    public IEnumerable<ScanCandidate> ListFiles(string directory)
    {
        var dir = HostRoot.Normalize(directory);
        var realDir = _host.Map(dir);
        foreach (var entry in ListEntries(realDir))
        {
            if (entry[0] == 'd')
            {
                continue;
            }

            var name = entry.Substring(1);
            var path = dir == "/" ? "/" + name : dir + "/" + name;
            var realPath = realDir == "/" ? "/" + name : realDir + "/" + name;
            if (Accept(path, ref realPath))
            {
                yield return new ScanCandidate(path, realPath);
            }
        }
    }

    private bool Accept(string path, ref string realPath)
    {
        UnixFileStatus? status;
        try
        {
            status = LibC.Stat(realPath, followSymlinks: false);
            if (status is { Kind: UnixFileKind.SymbolicLink })
            {
                // A file link: follow it (inside the root) and accept it only when it ends at a regular file.
                realPath = _host.Map(path);
                status = LibC.Stat(realPath, followSymlinks: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or GoBaselineException)
        {
            return false;
        }

        return status is { Kind: UnixFileKind.RegularFile } s && (s.Mode & 0x49) != 0;
    }

    // Entries as kind + name ('d' directory, 'f' anything else but a link to a directory), sorted by name.
    private static string[] ListEntries(string realDir)
    {
        var result = new List<string>();
        try
        {
            var options = new EnumerationOptions { IgnoreInaccessible = true, RecurseSubdirectories = false, AttributesToSkip = 0, ReturnSpecialDirectories = false };
            var enumerable = new System.IO.Enumeration.FileSystemEnumerable<string?>(
                realDir,
                static (ref System.IO.Enumeration.FileSystemEntry e) =>
                {
                    // Only directories pay for the attribute lookup (a stat); a link to a directory is not walked
                    // and, not being a regular file, not read either. Files are stat'ed once by the caller.
                    if (e.IsDirectory)
                    {
                        return (e.Attributes & FileAttributes.ReparsePoint) != 0 ? null : "d" + e.FileName.ToString();
                    }

                    return "f" + e.FileName.ToString();
                },
                options);
            foreach (var item in enumerable)
            {
                if (item is not null)
                {
                    result.Add(item);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }

        var array = result.ToArray();
        Array.Sort(array, static (a, b) => string.CompareOrdinal(a, 1, b, 1, int.MaxValue));
        return array;
    }
}
