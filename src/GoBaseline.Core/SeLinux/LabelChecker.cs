using System;
using System.Collections.Generic;
using System.IO;
using GoBaseline.Core.Host;
using GoBaseline.Core.Host.Native;

namespace GoBaseline.Core.SeLinux;

/// <summary>Walks a tree the way find does: the path itself, then everything below, symbolic links not followed.</summary>
public static class TreeWalker
{
    /// <summary>Yields the path and, when it is a directory (not a link to one), every entry below it, with its lstat.</summary>
    public static IEnumerable<(string Path, UnixFileStatus? Status)> Walk(HostRoot host, string path, bool recurse)
    {
        var st = host.Stat(path, followSymlinks: false);
        yield return (path, st);
        if (!recurse || st is null || st.Kind != UnixFileKind.Directory)
        {
            yield break;
        }

        var stack = new Stack<string>();
        stack.Push(path);
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = 0, ReturnSpecialDirectories = false };
        while (stack.Count > 0)
        {
            var dir = stack.Pop();
            var real = host.Map(dir, followFinal: false);
            IEnumerable<string> names;
            try
            {
                names = Directory.EnumerateFileSystemEntries(real, "*", options);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            var children = new List<string>();
            foreach (var entry in names)
            {
                children.Add(entry.Substring(real.Length + (real.EndsWith('/') ? 0 : 1)));
            }

            var subdirs = new List<string>();
            foreach (var name in children)
            {
                var child = dir.EndsWith('/') ? dir + name : dir + "/" + name;
                var cst = LibC.Stat(host.IsLive ? child : real + "/" + name, followSymlinks: false);
                yield return (child, cst);
                if (cst?.Kind == UnixFileKind.Directory)
                {
                    subdirs.Add(child);
                }
            }

            for (var i = subdirs.Count - 1; i >= 0; i--)
            {
                stack.Push(subdirs[i]);
            }
        }
    }
}

/// <summary>
/// Compares a file's label with the expected one the way restorecon decides (restore.c): nothing to do without a rule
/// (&lt;&lt;none&gt;&gt;); an unlabelled file is labelled; a customizable type is kept unless forced; without force
/// only a different type counts; with force the whole context must be equal.
/// </summary>
public sealed class LabelChecker
{
    private readonly HostRoot _host;
    private readonly ExpectedLabelResolver _resolver;
    private readonly IReadOnlySet<string> _customizable;

    /// <summary>Creates a checker.</summary>
    public LabelChecker(HostRoot host, ExpectedLabelResolver resolver, IReadOnlySet<string> customizableTypes)
    {
        _host = host;
        _resolver = resolver;
        _customizable = customizableTypes;
    }

    /// <summary>Checks one path; <paramref name="force"/> plays restorecon -F.</summary>
    public GoBaseline.SeLinuxLabelCheck Check(string path, UnixFileStatus? status, bool force)
    {
        var expected = _resolver.Resolve(path, null, status);
        GoBaseline.SeLinuxContext? actual;
        try
        {
            actual = status is null ? null : SeLinuxLabels.ReadFileContext(_host, path);
        }
        catch (GoBaselineException ex) when (ex.ErrorId == ErrorIds.SeLinuxContextInvalid)
        {
            actual = null;
        }

        var verified = expected.Context is not null && actual is not null && expected.Context.EqualsIgnoringUser(actual);
        GoBaseline.SeLinuxLabelStatus verdict;
        bool relabel;
        if (expected.Context is null)
        {
            verdict = GoBaseline.SeLinuxLabelStatus.NoRule;
            relabel = false;
        }
        else if (actual is null)
        {
            verdict = GoBaseline.SeLinuxLabelStatus.Unlabeled;
            relabel = true;
        }
        else if (string.Equals(actual.Raw, expected.Context.Raw, StringComparison.Ordinal))
        {
            verdict = GoBaseline.SeLinuxLabelStatus.Verified;
            relabel = false;
        }
        else if (!force && _customizable.Contains(actual.Type))
        {
            verdict = GoBaseline.SeLinuxLabelStatus.Customizable;
            relabel = false;
        }
        else if (!force && string.Equals(actual.Type, expected.Context.Type, StringComparison.Ordinal))
        {
            verdict = GoBaseline.SeLinuxLabelStatus.Verified;
            relabel = false;
        }
        else
        {
            verdict = GoBaseline.SeLinuxLabelStatus.Mismatch;
            relabel = true;
        }

        return new GoBaseline.SeLinuxLabelCheck(path, actual, expected, verdict, relabel, verified);
    }
}
