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
    /// <remarks>
    /// The subdirectories of the starting directory are walked in parallel (one worker per core), each into its own
    /// list, and handed out strictly in name order, so the order is the sequential walk's.
    /// </remarks>
    public IEnumerable<ScanCandidate> Walk(string directory, CancellationToken cancellationToken = default) =>
        Walk(directory, static c => c, cancellationToken);

    /// <summary>
    /// Walks like <see cref="Walk(string, CancellationToken)"/> and maps every candidate on the walking thread (e.g.
    /// reads its build info), so the files are read in parallel too; results come back in walk order. The map must
    /// not throw.
    /// </summary>
    public IEnumerable<T> Walk<T>(string directory, Func<ScanCandidate, T> map, CancellationToken cancellationToken = default)
    {
        var dir = HostRoot.Normalize(directory);
        var realDir = _host.Map(dir);
        var jobs = new List<Lazy<List<T>>>();
        var work = new List<(int Index, string Path, string Real)>();
        foreach (var e in Entries(realDir))
        {
            var path = Join(dir, e.Name);
            var real = Join(realDir, e.Name);
            if (e.Type == LibC.DirEntryType.Directory)
            {
                work.Add((jobs.Count, path, real));
                jobs.Add(new Lazy<List<T>>(new List<T>()));
            }
            else
            {
                var c = Accept(path, real, e);
                jobs.Add(new Lazy<List<T>>(c is null ? new List<T>() : new List<T> { map(c.Value) }));
            }
        }

        // Workers take subdirectories in order; each job's list is complete when its done flag is set.
        var done = new ManualResetEventSlim[jobs.Count];
        for (var i = 0; i < done.Length; i++)
        {
            done[i] = new ManualResetEventSlim(true);
        }

        foreach (var w in work)
        {
            done[w.Index].Reset();
        }

        var next = -1;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stop.Token;
        var workers = new List<System.Threading.Tasks.Task>();
        for (var t = 0; t < Math.Max(1, Math.Min(Environment.ProcessorCount, work.Count)); t++)
        {
            workers.Add(System.Threading.Tasks.Task.Run(() =>
            {
                while (true)
                {
                    var i = Interlocked.Increment(ref next);
                    if (i >= work.Count || token.IsCancellationRequested)
                    {
                        break;
                    }

                    var (index, path, real) = work[i];
                    try
                    {
                        WalkInto(path, real, jobs[index].Value, map, token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                    finally
                    {
                        done[index].Set();
                    }
                }
            }, CancellationToken.None));
        }

        try
        {
            for (var i = 0; i < jobs.Count; i++)
            {
                done[i].Wait(cancellationToken);
                foreach (var c in jobs[i].Value)
                {
                    yield return c;
                }
            }
        }
        finally
        {
            // The consumer may stop early (Select-Object -First): stop the workers before releasing their events.
            stop.Cancel();
            System.Threading.Tasks.Task.WaitAll(workers.ToArray(), CancellationToken.None);
            foreach (var d in done)
            {
                d.Dispose();
            }
        }
    }

    private void WalkInto<T>(string dir, string realDir, List<T> into, Func<ScanCandidate, T> map, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var e in Entries(realDir))
        {
            var path = Join(dir, e.Name);
            var real = Join(realDir, e.Name);
            if (e.Type == LibC.DirEntryType.Directory)
            {
                WalkInto(path, real, into, map, cancellationToken);
            }
            else if (Accept(path, real, e) is { } c)
            {
                into.Add(map(c));
            }
        }
    }

    /// <summary>The executable regular files directly in a directory (no recursion), in name order.</summary>
    public IEnumerable<ScanCandidate> ListFiles(string directory)
    {
        var dir = HostRoot.Normalize(directory);
        var realDir = _host.Map(dir);
        foreach (var e in Entries(realDir))
        {
            if (e.Type != LibC.DirEntryType.Directory && Accept(Join(dir, e.Name), Join(realDir, e.Name), e) is { } c)
            {
                yield return c;
            }
        }
    }

    private ScanCandidate? Accept(string path, string realPath, LibC.DirEntry entry)
    {
        if (entry.Kind == UnixFileKind.RegularFile)
        {
            return (entry.Mode & 0x49) != 0 ? new ScanCandidate(path, realPath) : null;
        }

        if (entry.Kind != UnixFileKind.SymbolicLink)
        {
            return null;
        }

        // A file link: follow it (inside the root) and accept it only when it ends at a regular file.
        try
        {
            var real = _host.Map(path);
            var status = LibC.Stat(real, followSymlinks: true);
            return status is { Kind: UnixFileKind.RegularFile } s && (s.Mode & 0x49) != 0 ? new ScanCandidate(path, real) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or GoBaselineException)
        {
            return null;
        }
    }

    private static string Join(string dir, string name) => dir == "/" ? "/" + name : dir + "/" + name;

    // Entries sorted by name as Go sorts them (bytewise); a link to a directory is not a directory here.
    private static List<LibC.DirEntry> Entries(string realDir)
    {
        var entries = LibC.ReadDirectory(realDir, executablesAndLinksOnly: true) ?? new List<LibC.DirEntry>();
        entries.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return entries;
    }
}
