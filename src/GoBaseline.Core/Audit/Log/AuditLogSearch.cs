using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using GoBaseline.Core.Host;

namespace GoBaseline.Core.Audit.Log;

/// <summary>The engine behind Search-AuditLog and Get-AuditReport.</summary>
public sealed class AuditLogSearch
{
    private readonly HostRoot _host;
    private readonly IAuditLogSink? _sink;

    /// <summary>Creates the object.</summary>
    public AuditLogSearch(HostRoot host, IAuditLogSink? sink = null)
    {
        _host = host;
        _sink = sink;
        Interpreter = new AuditInterpreter(host);
    }

    /// <summary>The interpreter bound to the root's passwd and group.</summary>
    public AuditInterpreter Interpreter { get; }

    /// <summary>Lines skipped in the last run.</summary>
    public long Malformed { get; private set; }

    /// <summary>The files to read: the given paths (a directory means its audit.log rotation set), or the configured log.</summary>
    public IReadOnlyList<string> ResolveFiles(IReadOnlyList<string>? paths)
    {
        if (paths is null || paths.Count == 0)
        {
            var files = AuditLogReader.DefaultLogFiles(_host);
            if (files.Count == 0)
            {
                throw new GoBaselineException(ErrorIds.AuditLogNotFound, FailureKind.NotFound, "No audit log: log_file of /etc/audit/auditd.conf does not exist under " + _host.Root + ".", _host.Root);
            }

            return files;
        }

        var list = new List<string>();
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
            {
                list.AddRange(AuditLogReader.RotationSet(Path.Combine(p, "audit.log")));
            }
            else if (File.Exists(p))
            {
                list.Add(p);
            }
            else
            {
                throw new GoBaselineException(ErrorIds.AuditLogNotFound, FailureKind.NotFound, p + ": no such audit log.", p);
            }
        }

        return list;
    }

    /// <summary>Streams the raw events matching the query.</summary>
    public IEnumerable<RawEvent> SearchRaw(IReadOnlyList<string> files, AuditQuery query, CancellationToken cancel = default)
    {
        var reader = new AuditLogReader(_sink);
        try
        {
            foreach (var ev in reader.ReadEvents(files, query.Range, cancel))
            {
                if (query.Matches(ev))
                {
                    yield return ev;
                }
            }
        }
        finally
        {
            Malformed = reader.MalformedCount;
        }
    }

    /// <summary>Streams the typed events matching the query.</summary>
    public IEnumerable<GoBaseline.AuditEvent> Search(IReadOnlyList<string> files, AuditQuery query, CancellationToken cancel = default)
    {
        foreach (var ev in SearchRaw(files, query, cancel))
        {
            yield return Interpreter.ToEvent(ev);
        }
    }

    /// <summary>Builds an aureport report over the events of the query (time range, node).</summary>
    public AuditReportBuilder Report(IReadOnlyList<string> files, AuditQuery query, GoBaseline.AuditReportKind kind, bool? success, bool interpret, CancellationToken cancel = default)
    {
        var builder = new AuditReportBuilder(kind, success, interpret, Interpreter);
        foreach (var ev in SearchRaw(files, query, cancel))
        {
            builder.Add(ev);
        }

        return builder;
    }
}
