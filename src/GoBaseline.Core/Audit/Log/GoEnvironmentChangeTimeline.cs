using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using GoBaseline.Core.GoEnv;
using GoBaseline.Core.Host;
using GoBaseline.Core.Journal;

namespace GoBaseline.Core.Audit.Log;

/// <summary>
/// The "who changed GOPROXY, when" timeline: audit events of the Go environment watch rules (by key, or by the Go
/// environment files they touched), joined with the before and after values of the Go variables from the change
/// journal where GoBaseline made the change; journal changes of Go environment files without an audit event
/// (auditd off, rules not loaded) are part of the timeline too.
/// </summary>
public sealed class GoEnvironmentChangeTimeline
{
    /// <summary>The default keys of the Go environment watch rules.</summary>
    public static readonly IReadOnlyList<string> DefaultKeys = new[] { "go_env" };

    /// <summary>How far apart an audit event and a journal transaction may be and still be the same change.</summary>
    public static readonly TimeSpan JoinWindow = TimeSpan.FromSeconds(5);

    private readonly HostRoot _host;
    private readonly AuditLogSearch _search;

    /// <summary>Creates a timeline reader for a root.</summary>
    public GoEnvironmentChangeTimeline(HostRoot host, IAuditLogSink? sink = null)
    {
        _host = host;
        _search = new AuditLogSearch(host, sink);
    }

    /// <summary>True for the files that set Go environment variables.</summary>
    public static bool IsGoEnvFile(string path) =>
        path.EndsWith("/go/env", StringComparison.Ordinal) || path.EndsWith("/go.env", StringComparison.Ordinal)
        || path == "/etc/environment" || path.StartsWith("/etc/profile.d/", StringComparison.Ordinal)
        || (path.StartsWith("/etc/systemd/system/", StringComparison.Ordinal) && (path.EndsWith(".conf", StringComparison.Ordinal) || path.EndsWith(".service", StringComparison.Ordinal)));

    /// <summary>Builds the timeline, oldest first.</summary>
    public List<GoBaseline.GoEnvironmentChange> Read(IReadOnlyList<string> files, AuditQuery range, IReadOnlyList<string> keys, IReadOnlyList<string>? variables, CancellationToken cancel = default)
    {
        var journal = JournalChanges();
        var used = new HashSet<(string, int)>();
        var result = new List<GoBaseline.GoEnvironmentChange>();
        foreach (var raw in _search.SearchRaw(files, range, cancel))
        {
            var items = AuditEventItems.From(raw);
            var byKey = items.Keys.Any(k => keys.Contains(k, StringComparer.Ordinal));
            var goFiles = items.Files.Where(IsGoEnvFile).ToList();
            if (!byKey && goFiles.Count == 0)
            {
                continue;
            }

            var ev = _search.Interpreter.ToEvent(raw);
            var matched = false;
            foreach (var j in journal)
            {
                if (used.Contains((j.Transaction.Id, j.Change.Index)))
                {
                    continue;
                }

                var touches = ev.File.Any(f => f == j.Change.Target) || (ev.Cwd is not null && ev.File.Any(f => !f.StartsWith('/') && (ev.Cwd.TrimEnd('/') + "/" + f) == j.Change.Target));
                var start = j.Transaction.Time - JoinWindow;
                var end = (j.Transaction.EndedAt ?? j.Transaction.Time) + JoinWindow;
                if (!touches || ev.Time < start || ev.Time > end)
                {
                    continue;
                }

                used.Add((j.Transaction.Id, j.Change.Index));
                matched = true;
                foreach (var (name, before, after) in j.Values)
                {
                    if (Wanted(variables, name))
                    {
                        result.Add(Make(ev, j, name, before, after));
                    }
                }
            }

            if (!matched && variables is null)
            {
                result.Add(Make(ev, null, null, null, null));
            }
        }

        foreach (var j in journal)
        {
            if (used.Contains((j.Transaction.Id, j.Change.Index)) || (range.Start is { } s && j.Transaction.Time < s) || (range.End is { } e && j.Transaction.Time > e))
            {
                continue;
            }

            foreach (var (name, before, after) in j.Values)
            {
                if (Wanted(variables, name))
                {
                    result.Add(Make(null, j, name, before, after));
                }
            }
        }

        result.Sort((a, b) => a.Time.CompareTo(b.Time));
        return result;
    }

    private static bool Wanted(IReadOnlyList<string>? variables, string name) => variables is null || variables.Contains(name, StringComparer.OrdinalIgnoreCase);

    private static GoBaseline.GoEnvironmentChange Make(GoBaseline.AuditEvent? ev, JournalChange? j, string? name, string? before, string? after)
    {
        var file = j?.Change.Target ?? ev?.File.FirstOrDefault(IsGoEnvFile) ?? (ev is { File.Count: > 0 } ? ev.File[0] : null);
        return new GoBaseline.GoEnvironmentChange(
            ev?.Time ?? j!.Transaction.Time,
            name,
            before,
            after,
            file,
            ev?.LoginUserName ?? j?.Transaction.User,
            ev?.UserName,
            ev?.Executable,
            ev?.ProcessTitle,
            ev?.Syscall,
            ev?.Success,
            ev?.Key ?? Array.Empty<string>(),
            ev?.EventId,
            j?.Transaction.Id,
            j?.Transaction.Cmdlet,
            ev is null ? GoBaseline.GoEnvironmentChangeSource.Journal : j is null ? GoBaseline.GoEnvironmentChangeSource.Audit : GoBaseline.GoEnvironmentChangeSource.AuditAndJournal,
            ev);
    }

    private sealed record JournalChange(TransactionRecord Transaction, ChangeRecord Change, List<(string Name, string? Before, string? After)> Values);

    // The file changes of the journal that touched Go environment files, with the Go variables they changed.
    private List<JournalChange> JournalChanges()
    {
        var list = new List<JournalChange>();
        ChangeJournal journal;
        try
        {
            journal = ChangeJournal.OpenRead(_host);
        }
        catch (GoBaselineException)
        {
            return list;
        }

        using (journal)
        {
            IReadOnlyList<TransactionRecord> txs;
            try
            {
                txs = journal.List();
            }
            catch (GoBaselineException)
            {
                return list;
            }

            foreach (var tx in txs)
            {
                foreach (var c in tx.Changes)
                {
                    if (!IsGoEnvFile(c.Target) || (c.Kind != "file.write" && c.Kind != "file.delete"))
                    {
                        continue;
                    }

                    var before = Values(journal, c.Target, c.Before);
                    var after = Values(journal, c.Target, c.After);
                    var changed = new List<(string, string?, string?)>();
                    foreach (var name in before.Keys.Union(after.Keys).OrderBy(n => n, StringComparer.Ordinal))
                    {
                        before.TryGetValue(name, out var b);
                        after.TryGetValue(name, out var a);
                        if (b != a)
                        {
                            changed.Add((name, b, a));
                        }
                    }

                    list.Add(new JournalChange(tx, c, changed));
                }
            }
        }

        return list;
    }

    private static Dictionary<string, string> Values(ChangeJournal journal, string target, IReadOnlyDictionary<string, string?> snapshot)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!snapshot.TryGetValue("exists", out var exists) || exists != "true" || !snapshot.TryGetValue("sha256", out var sha) || sha is null)
        {
            return d;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(journal.Blobs.Get(sha));
        }
        catch (GoBaselineException)
        {
            return d;
        }

        IReadOnlyList<EnvAssignment> assignments = target switch
        {
            "/etc/environment" => EnvFileParsers.ParseEtcEnvironment(text, target),
            _ when target.StartsWith("/etc/profile.d/", StringComparison.Ordinal) => EnvFileParsers.ParseShellAssignments(text, target),
            _ when target.StartsWith("/etc/systemd/", StringComparison.Ordinal) => EnvFileParsers.ParseSystemdEnvironmentFile(text, target),
            _ => EnvFileParsers.ParseGoEnvFile(text, target),
        };
        foreach (var a in assignments)
        {
            if (a.Name.StartsWith("GO", StringComparison.Ordinal) || a.Name == "CGO_ENABLED")
            {
                d[a.Name] = a.Value;
            }
        }

        return d;
    }
}
