using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using GoBaseline.Core.Audit.Log;

namespace GoBaseline.Infrastructure;

/// <summary>
/// The base of the cmdlets that read audit logs: -Path, -Start/-End, -Node, the default log from auditd.conf
/// under -Root, warnings for malformed lines (each reported once, with file and line) and progress.
/// </summary>
public abstract class AuditLogCmdlet : HostReadingCmdlet
{
    private const int WarningsPerFile = 10;
    private readonly Dictionary<string, long> _malformedPerFile = new(StringComparer.Ordinal);
    private AuditSink? _sink;

    /// <summary>
    /// <para type="description">Audit log files or directories to read (a directory means its audit.log and rotations, oldest
    /// first; .gz files are read compressed). Default: log_file of /etc/audit/auditd.conf under -Root and its rotations.</para>
    /// </summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary><para type="description">Only events at or after this time (ausearch -ts; local time unless the value says otherwise). The reader seeks to it.</para></summary>
    [Parameter]
    public DateTime? Start { get; set; }

    /// <summary><para type="description">Only events at or before this time (ausearch -te).</para></summary>
    [Parameter]
    public DateTime? End { get; set; }

    /// <summary><para type="description">Only events from these nodes (node= prefix) (ausearch -n).</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Node { get; set; }

    private readonly List<string> _paths = new();

    /// <summary>The sink that turns reader diagnostics into warnings and progress.</summary>
    internal IAuditLogSink Sink => _sink ??= new AuditSink(this);

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (Path is not null)
        {
            foreach (var p in Path)
            {
                _paths.Add(ResolveUserPath(p));
            }
        }
    }

    /// <summary>The files to read.</summary>
    internal IReadOnlyList<string> ResolveFiles() => NewSearch().ResolveFiles(_paths.Count > 0 ? _paths : null);

    /// <summary>A search engine bound to the root and this cmdlet's sink.</summary>
    internal AuditLogSearch NewSearch() => new(TargetRoot, Sink);

    /// <summary>Adds the common filters to a query.</summary>
    internal AuditQuery BuildQuery(AuditQuery q) => new()
    {
        Keys = q.Keys,
        MessageTypes = q.MessageTypes,
        EventIds = q.EventIds,
        ProcessIds = q.ProcessIds,
        ParentProcessIds = q.ParentProcessIds,
        Executables = q.Executables,
        Comms = q.Comms,
        Syscalls = q.Syscalls,
        Success = q.Success,
        ExitCodes = q.ExitCodes,
        Uids = q.Uids,
        LoginUids = q.LoginUids,
        Sessions = q.Sessions,
        Files = q.Files,
        Start = ToOffset(Start),
        End = ToOffset(End),
        Nodes = Node,
    };

    /// <summary>Writes the closing warning for files with more malformed lines than were reported one by one.</summary>
    internal void FinishWarnings()
    {
        foreach (var (file, count) in _malformedPerFile)
        {
            if (count > WarningsPerFile)
            {
                WriteWarning(string.Format(CultureInfo.InvariantCulture, "{0}: {1} malformed lines skipped in all ({2} more than reported above).", file, count, count - WarningsPerFile));
            }
        }

        WriteProgress(new ProgressRecord(1, "Reading audit logs", "Done") { RecordType = ProgressRecordType.Completed });
    }

    private static DateTimeOffset? ToOffset(DateTime? t) => t switch
    {
        null => null,
        { Kind: DateTimeKind.Utc } u => new DateTimeOffset(u, TimeSpan.Zero),
        { } l => new DateTimeOffset(l.ToUniversalTime(), TimeSpan.Zero),
    };

    private sealed class AuditSink : IAuditLogSink
    {
        private readonly AuditLogCmdlet _cmdlet;

        public AuditSink(AuditLogCmdlet cmdlet)
        {
            _cmdlet = cmdlet;
        }

        public void Malformed(MalformedLine line)
        {
            var n = _cmdlet._malformedPerFile.TryGetValue(line.File, out var c) ? c + 1 : 1;
            _cmdlet._malformedPerFile[line.File] = n;
            if (n <= WarningsPerFile)
            {
                var where = line.Line > 0 ? line.File + ":" + line.Line.ToString(CultureInfo.InvariantCulture) : line.File;
                _cmdlet.WriteWarning(where + ": " + line.Reason + (line.Reason.Contains("read anyway", StringComparison.Ordinal) ? "." : "; line skipped."));
            }
        }

        public void Progress(string file, long done, long total)
        {
            var pct = total > 0 ? (int)Math.Min(100, done * 100 / total) : -1;
            _cmdlet.WriteProgress(new ProgressRecord(1, "Reading audit logs", file) { PercentComplete = pct });
        }
    }
}
