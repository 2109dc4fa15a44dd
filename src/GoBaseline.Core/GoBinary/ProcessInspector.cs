using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace GoBaseline.Core.GoBinary;

/// <summary>The executable and environment of a running process, from /proc (live host only).</summary>
public static class ProcessInspector
{
    /// <summary>
    /// The path to open (/proc/PID/exe, which works even when the file was deleted or replaced since the start) and
    /// the path to show (the link target; a deleted binary keeps its " (deleted)" suffix so the admin sees it).
    /// </summary>
    public static (string RealPath, string DisplayPath) Executable(int processId)
    {
        var exe = "/proc/" + processId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/exe";
        if (!Directory.Exists("/proc/" + processId.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            throw new GoBaselineException(ErrorIds.ProcessNotFound, FailureKind.NotFound, $"No process with id {processId}.", processId);
        }

        string? target;
        try
        {
            target = new FileInfo(exe).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new GoBaselineException(ErrorIds.ProcessNotFound, ex is UnauthorizedAccessException ? FailureKind.PermissionDenied : FailureKind.NotFound, $"Process {processId}: cannot read {exe}: {ex.Message}", processId, ex);
        }

        if (string.IsNullOrEmpty(target))
        {
            throw new GoBaselineException(ErrorIds.ProcessNotFound, FailureKind.NotFound, $"Process {processId} has no executable (a kernel thread?).", processId);
        }

        return (exe, target);
    }

    /// <summary>The environment a process started with (/proc/PID/environ), in order; later duplicates win.</summary>
    public static IReadOnlyDictionary<string, string> Environment(int processId)
    {
        var path = "/proc/" + processId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/environ";
        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new GoBaselineException(ErrorIds.ProcessNotFound, ex is UnauthorizedAccessException ? FailureKind.PermissionDenied : FailureKind.NotFound, $"Process {processId}: cannot read {path}: {ex.Message}", processId, ex);
        }

        return ParseEnviron(data);
    }

    /// <summary>Parses NUL-separated NAME=value entries; entries without '=' are skipped.</summary>
    public static IReadOnlyDictionary<string, string> ParseEnviron(ReadOnlySpan<byte> data)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        while (data.Length > 0)
        {
            var end = data.IndexOf((byte)0);
            var entry = end < 0 ? data : data.Slice(0, end);
            data = end < 0 ? ReadOnlySpan<byte>.Empty : data.Slice(end + 1);
            var eq = entry.IndexOf((byte)'=');
            if (eq > 0)
            {
                result[Encoding.UTF8.GetString(entry.Slice(0, eq))] = Encoding.UTF8.GetString(entry.Slice(eq + 1));
            }
        }

        return result;
    }
}
