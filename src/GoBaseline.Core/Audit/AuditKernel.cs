using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using GoBaseline;
using GoBaseline.Core.Host;
using GoBaseline.Core.Host.Native;

namespace GoBaseline.Core.Audit;

/// <summary>
/// The exclusive lock every change of the live kernel rules takes (the rules are one shared resource of the machine):
/// an advisory flock on /tmp/gobaseline-audit.lock.
/// </summary>
public sealed class AuditRuleLock : IDisposable
{
    /// <summary>The lock file.</summary>
    public const string DefaultPath = "/tmp/gobaseline-audit.lock";

    private readonly FileStream _stream;

    private AuditRuleLock(FileStream stream)
    {
        _stream = stream;
    }

    /// <summary>Takes the lock, waiting up to the timeout.</summary>
    public static AuditRuleLock Acquire(TimeSpan timeout, string path = DefaultPath, CancellationToken cancel = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            FileStream? stream = null;
            try
            {
                // .NET takes its own shared flock when it opens a file; while another process holds the exclusive
                // lock the open itself fails, which is the same "busy, try again" answer.
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                if (LibC.Flock(stream.SafeFileHandle, exclusive: true, wait: false, path))
                {
                    return new AuditRuleLock(stream);
                }
            }
            catch (IOException) when (DateTime.UtcNow <= deadline)
            {
            }

            stream?.Dispose();
            if (DateTime.UtcNow > deadline)
            {
                throw new GoBaselineException(ErrorIds.AuditRuleChangeFailed, FailureKind.ResourceBusy, $"Another process holds the audit rule lock {path}.", path);
            }

            cancel.ThrowIfCancellationRequested();
            Thread.Sleep(100);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _stream.Dispose();
}

/// <summary>auditctl as data: the calls GoBaseline makes, run through the one native runner.</summary>
public sealed class AuditCtl
{
    private readonly INativeRunner _runner;

    /// <summary>Binds to a runner.</summary>
    public AuditCtl(INativeRunner runner)
    {
        _runner = runner;
    }

    /// <summary>The call that lists the kernel rules.</summary>
    public static NativeCommand ListCommand => new("auditctl", new[] { "-l" }, "auditd");

    /// <summary>The call that reports the status.</summary>
    public static NativeCommand StatusCommand => new("auditctl", new[] { "-s" }, "auditd");

    /// <summary>The kernel rules as auditctl -l prints them (raw text).</summary>
    public string List(CancellationToken cancel = default) => _runner.Run(ListCommand, cancel).StandardOutput;

    /// <summary>The parsed status.</summary>
    public AuditStatus Status(CancellationToken cancel = default) => ParseStatus(_runner.Run(StatusCommand, cancel).StandardOutput);

    /// <summary>Runs auditctl with arguments; a non-zero exit throws with the program's stderr.</summary>
    public NativeResult Run(IEnumerable<string> arguments, CancellationToken cancel = default) =>
        _runner.Run(new NativeCommand("auditctl", arguments, "auditd"), cancel);

    /// <summary>Deletes all kernel rules.</summary>
    public void DeleteAll(CancellationToken cancel = default) => Run(new[] { "-D" }, cancel);

    /// <summary>
    /// Replaces the kernel rules with exactly the given auditctl -l lines: delete all, then load them from a root-owned
    /// 0600 file (auditctl -R refuses others).
    /// </summary>
    public void Restore(string listing, CancellationToken cancel = default)
    {
        DeleteAll(cancel);
        var lines = new List<string>();
        foreach (var line in listing.Split('\n'))
        {
            if (line.Length > 0 && line != "No rules")
            {
                lines.Add(line);
            }
        }

        if (lines.Count == 0)
        {
            return;
        }

        var path = Path.Combine(Path.GetTempPath(), "gobaseline-audit-" + Guid.NewGuid().ToString("N") + ".rules");
        try
        {
            File.WriteAllText(path, string.Join('\n', lines) + "\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Run(new[] { "-R", path }, cancel);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Parses auditctl -s output (pure; tested on recorded outputs).</summary>
    public static AuditStatus ParseStatus(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
            {
                throw new ParseException(ErrorIds.AuditOutputUnrecognized, new SourcePosition("auditctl -s", lineNo, 1), "expected 'name value': " + line);
            }

            values[line.Substring(0, space)] = line.Substring(space + 1);
        }

        long Number(string name, bool required = true)
        {
            if (!values.TryGetValue(name, out var v))
            {
                if (required)
                {
                    throw new ParseException(ErrorIds.AuditOutputUnrecognized, new SourcePosition("auditctl -s", 0, 0), $"'{name}' is missing from the status.");
                }

                return -1;
            }

            // "enabled 1" or, with -i, "enabled enabled+immutable".
            var word = v.Split(' ')[0];
            if (long.TryParse(word, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                return n;
            }

            return (name, word) switch
            {
                ("enabled", "disable") => 0,
                ("enabled", "enabled") => 1,
                ("enabled", "enabled+immutable") => 2,
                ("failure", "silent") => 0,
                ("failure", "printk") => 1,
                ("failure", "panic") => 2,
                _ => throw new ParseException(ErrorIds.AuditOutputUnrecognized, new SourcePosition("auditctl -s", 0, 0), $"'{name}' is not a number: {v}"),
            };
        }

        bool? immutable = null;
        bool? locked = null;
        if (values.TryGetValue("loginuid_immutable", out var lui))
        {
            var parts = lui.Split(' ');
            immutable = parts[0] == "1";
            locked = parts.Length > 1 ? parts[1] == "locked" : null;
        }

        var bwt = Number("backlog_wait_time", required: false);
        var bwta = Number("backlog_wait_time_actual", required: false);
        return new AuditStatus(
            (int)Number("enabled"),
            (int)Number("failure"),
            (int)Number("pid"),
            Number("rate_limit"),
            Number("backlog_limit"),
            Number("lost"),
            Number("backlog"),
            bwt < 0 ? null : bwt,
            bwta < 0 ? null : bwta,
            immutable,
            locked,
            text);
    }
}
