using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Threading;
using GoBaseline.Core.Host;

namespace GoBaseline.Core.Audit.Log;

/// <summary>A line that was skipped: where and why.</summary>
public sealed record MalformedLine(string File, long Line, string Reason);

/// <summary>Receives the reader's diagnostics (the cmdlet turns them into warnings).</summary>
public interface IAuditLogSink
{
    /// <summary>A line was skipped (or, for an unterminated last line, read with a warning).</summary>
    void Malformed(MalformedLine line);

    /// <summary>Progress through the files: bytes done of total.</summary>
    void Progress(string file, long done, long total);
}

/// <summary>
/// A sink made of two callbacks, so a cmdlet can receive the diagnostics without declaring a class that implements
/// an engine interface (the cmdlet assembly must load without the engine, which lives in its own load context).
/// </summary>
public sealed class AuditLogSink : IAuditLogSink
{
    private readonly Action<MalformedLine> _malformed;
    private readonly Action<string, long, long> _progress;

    /// <summary>Creates a sink from callbacks.</summary>
    public AuditLogSink(Action<MalformedLine> malformed, Action<string, long, long> progress)
    {
        _malformed = malformed;
        _progress = progress;
    }

    /// <inheritdoc/>
    public void Malformed(MalformedLine line) => _malformed(line);

    /// <inheritdoc/>
    public void Progress(string file, long done, long total) => _progress(file, done, total);
}

/// <summary>One event's records before interpretation.</summary>
public sealed class RawEvent
{
    /// <summary>Creates the object.</summary>
    public RawEvent(AuditLine first)
    {
        Records = new List<AuditLine>(4) { first };
        Node = first.Node;
        Seconds = first.Seconds;
        Milliseconds = first.Milliseconds;
        Serial = first.Serial;
    }

    /// <summary>The records of the event in the order read.</summary>
    public List<AuditLine> Records { get; }

    /// <summary>The node= name, or null.</summary>
    public string? Node { get; }

    /// <summary>Epoch seconds of the event.</summary>
    public long Seconds { get; }

    /// <summary>Milliseconds of the event.</summary>
    public int Milliseconds { get; }

    /// <summary>The event serial.</summary>
    public long Serial { get; }

    /// <summary>True once the event can get no more records.</summary>
    public bool Complete { get; set; }

    /// <summary>The event time (UTC).</summary>
    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeSeconds(Seconds).AddMilliseconds(Milliseconds);
}

/// <summary>Where to start and stop reading, so a time-range query seeks instead of scanning.</summary>
public sealed record AuditReadRange(long? StartSeconds, long? EndSeconds);

/// <summary>
/// Streams audit log files (plain or gzip) in time order, splits lines with vectorised byte search, parses each
/// header and groups the records of an event by (node, time, serial) even when interleaved with other events and
/// when an event continues in the next (rotated) file.
/// </summary>
public sealed class AuditLogReader
{
    /// <summary>auditd's end_of_event_timeout default: an event with no EOE is complete this many seconds after.</summary>
    internal const int EventTimeoutSeconds = 2;

    /// <summary>Lines longer than this are not audit records (the kernel's limit is 8970 bytes).</summary>
    internal const int MaxLineLength = 1 << 16;

    private const int BufferSize = 1 << 20;
    private readonly NameCache _names = new();
    private readonly LineArena _arena = new();
    private readonly IAuditLogSink? _sink;

    /// <summary>Creates the object.</summary>
    public AuditLogReader(IAuditLogSink? sink = null)
    {
        _sink = sink;
    }

    /// <summary>Lines skipped as malformed so far.</summary>
    public long MalformedCount { get; private set; }

    /// <summary>Lines read so far.</summary>
    public long LineCount { get; private set; }

    /// <summary>The log files of the configured log (log_file in auditd.conf under the root) and its rotations, oldest first.</summary>
    public static IReadOnlyList<string> DefaultLogFiles(HostRoot host)
    {
        var logFile = "/var/log/audit/audit.log";
        var conf = host.TryReadAllText("/etc/audit/auditd.conf");
        if (conf is not null)
        {
            foreach (var raw in conf.Split('\n'))
            {
                var line = raw.Trim();
                if (line.StartsWith("log_file", StringComparison.Ordinal))
                {
                    var eq = line.IndexOf('=');
                    if (eq > 0 && line.Substring(0, eq).Trim() == "log_file")
                    {
                        var v = line.Substring(eq + 1).Trim();
                        if (v.Length > 0)
                        {
                            logFile = v;
                        }
                    }
                }
            }
        }

        return RotationSet(host.Map(logFile));
    }

    /// <summary>
    /// A log and its rotations in time order: name.N(.gz) … name.1(.gz), then name. ausearch reads the same set
    /// when no input file is given.
    /// </summary>
    public static IReadOnlyList<string> RotationSet(string logFile)
    {
        var dir = Path.GetDirectoryName(logFile) ?? "/";
        var name = Path.GetFileName(logFile);
        var rotated = new List<(int N, string Path)>();
        if (Directory.Exists(dir))
        {
            foreach (var f in Directory.EnumerateFiles(dir, name + ".*"))
            {
                if (Path.GetFileName(f).Length <= name.Length + 1)
                {
                    continue;
                }

                var suffix = Path.GetFileName(f).Substring(name.Length + 1);
                if (suffix.EndsWith(".gz", StringComparison.Ordinal))
                {
                    suffix = suffix.Substring(0, suffix.Length - 3);
                }

                if (int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    rotated.Add((n, f));
                }
            }
        }

        rotated.Sort((a, b) => b.N.CompareTo(a.N));
        var result = new List<string>();
        foreach (var (_, p) in rotated)
        {
            result.Add(p);
        }

        if (File.Exists(logFile))
        {
            result.Add(logFile);
        }

        return result;
    }

    /// <summary>Reads the files in order and yields complete events.</summary>
    public IEnumerable<RawEvent> ReadEvents(IReadOnlyList<string> files, AuditReadRange? range = null, CancellationToken cancel = default)
    {
        var assembler = new EventAssembler();
        var ready = new List<RawEvent>();
        foreach (var file in files)
        {
            foreach (var batch in ReadBatches(file, range, cancel))
            {
                ready.Clear();
                assembler.AddRange(batch, ready);
                foreach (var done in ready)
                {
                    yield return done;
                }
            }
        }

        foreach (var done in assembler.Flush())
        {
            yield return done;
        }
    }

    /// <summary>
    /// Reads the files, then follows the last one as auditd appends to it (like Get-Content -Wait), reopening the
    /// path when auditd rotates it. Events without EOE are emitted once the log has been quiet for the timeout.
    /// Ends only when <paramref name="cancel"/> is cancelled.
    /// </summary>
    public IEnumerable<RawEvent> Follow(IReadOnlyList<string> files, CancellationToken cancel, int pollMilliseconds = 200)
    {
        var assembler = new EventAssembler();
        for (var i = 0; i < files.Count - 1; i++)
        {
            foreach (var line in ReadLines(files[i], null, cancel))
            {
                foreach (var done in assembler.Add(line))
                {
                    yield return done;
                }
            }
        }

        var path = files[^1];
        FileStream? fs = null;
        ulong inode = 0;
        long lineNumber = 0;
        var pending = new byte[BufferSize];
        var filled = 0;
        var quietSince = Environment.TickCount64;
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                if (fs is null)
                {
                    var st = GoBaseline.Core.Host.Native.LibC.Stat(path, true);
                    if (st is not null)
                    {
                        fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
                        inode = st.Inode;
                        lineNumber = 0;
                        filled = 0;
                    }
                }

                var got = 0;
                if (fs is not null)
                {
                    if (filled == pending.Length)
                    {
                        // A line longer than the buffer: drop it.
                        filled = 0;
                        MalformedCount++;
                    }

                    got = fs.Read(pending, filled, pending.Length - filled);
                    filled += got;
                    var start = 0;
                    while (true)
                    {
                        var nl = pending.AsSpan(start, filled - start).IndexOf((byte)'\n');
                        if (nl < 0)
                        {
                            break;
                        }

                        lineNumber++;
                        var rec = Parse(pending.AsSpan(start, nl), path, lineNumber);
                        start += nl + 1;
                        if (rec is not null)
                        {
                            foreach (var done in assembler.Add(rec))
                            {
                                yield return done;
                            }
                        }
                    }

                    Buffer.BlockCopy(pending, start, pending, 0, filled - start);
                    filled -= start;
                }

                if (got > 0)
                {
                    quietSince = Environment.TickCount64;
                    continue;
                }

                if (Environment.TickCount64 - quietSince >= EventTimeoutSeconds * 1000L)
                {
                    foreach (var done in assembler.Flush())
                    {
                        yield return done;
                    }

                    quietSince = Environment.TickCount64;
                }

                // Rotation: the path now names another file (auditd renamed ours to .1). Our handle was read to its
                // end above, so switch to the new file from its start.
                var now = GoBaseline.Core.Host.Native.LibC.Stat(path, true);
                if (fs is not null && (now is null || now.Inode != inode))
                {
                    fs.Dispose();
                    fs = null;
                    continue;
                }

                cancel.WaitHandle.WaitOne(pollMilliseconds);
            }
        }
        finally
        {
            fs?.Dispose();
        }
    }

    /// <summary>Reads the records of one file (seeking to the range start when the file is plain and the range asks).</summary>
    public IEnumerable<AuditLine> ReadLines(string file, AuditReadRange? range = null, CancellationToken cancel = default)
    {
        foreach (var batch in ReadBatches(file, range, cancel))
        {
            foreach (var line in batch)
            {
                yield return line;
            }
        }
    }

    /// <summary>The lines of one file as <see cref="ReadLines(string, AuditReadRange?, CancellationToken)"/> reads them, one reused list per buffer.</summary>
    internal IEnumerable<List<AuditLine>> ReadBatches(string file, AuditReadRange? range, CancellationToken cancel)
    {
        Stream stream;
        try
        {
            stream = OpenLog(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw GoBaselineException.FromIo(ex, file);
        }

        using (stream)
        {
            long lineNumber = 0;
            var total = stream.CanSeek ? stream.Length : -1;
            if (range?.StartSeconds is long start && stream is FileStream fs && fs.Length > BufferSize)
            {
                // Start a few seconds early: records of one event can be logged out of order and events near the
                // boundary must be whole. Line numbers are unknown after a seek; they count from the seek point.
                var offset = SeekToTime(fs, start - (2 * EventTimeoutSeconds));
                fs.Position = offset;
                lineNumber = offset == 0 ? 0 : -1;
            }

            foreach (var batch in ReadBatches(stream, file, lineNumber, total, range?.EndSeconds, cancel))
            {
                yield return batch;
            }
        }
    }

    /// <summary>Opens a log, decompressing gzip (detected by magic bytes, not by name).</summary>
    public static Stream OpenLog(string file)
    {
        var fs = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[2];
        var n = fs.Read(magic);
        fs.Position = 0;
        if (n == 2 && magic[0] == 0x1f && magic[1] == 0x8b)
        {
            return new GZipStream(fs, CompressionMode.Decompress);
        }

        return fs;
    }

    /// <summary>
    /// The lines of a stream, one list per buffer read (the list is reused: consume it before the next one); stops
    /// early (with slack) once past <paramref name="endSeconds"/>. The
    /// splitting and parsing run in <see cref="ScanBuffer"/>, a plain method the JIT optimises fully at once: a
    /// search is a short-lived process, and an iterator's loop spends most of such a process in unoptimised or
    /// instrumented code.
    /// </summary>
    internal IEnumerable<List<AuditLine>> ReadBatches(Stream stream, string file, long firstLineNumber, long total, long? endSeconds, CancellationToken cancel)
    {
        var buffer = new byte[BufferSize];
        var filled = 0;
        var state = new ScanState
        {
            LineNumber = firstLineNumber < 0 ? 0 : firstLineNumber,
            Numbered = firstLineNumber >= 0,
            SkipFirstPartial = firstLineNumber < 0,
            EndSeconds = endSeconds,
            File = file,
        };
        var batch = new List<AuditLine>(8192);
        long consumed = 0;
        var eof = false;
        var progressAt = 0L;
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            if (!eof && filled < buffer.Length)
            {
                var n = stream.Read(buffer, filled, buffer.Length - filled);
                if (n == 0)
                {
                    eof = true;
                }

                filled += n;
            }

            batch.Clear();
            var start = ScanBuffer(buffer, filled, state, batch);
            if (batch.Count > 0)
            {
                yield return batch;
            }

            if (state.PastEnd)
            {
                yield break;
            }

            consumed += start;
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                filled -= start;
            }

            if (total > 0 && consumed - progressAt > 64L * BufferSize)
            {
                progressAt = consumed;
                _sink?.Progress(file, consumed, total);
            }

            if (eof)
            {
                if (filled > 0 && !state.SkippingLong && !state.SkipFirstPartial)
                {
                    // An unterminated last line: ausearch still reads it when it is a whole record, so do we, but say so.
                    state.LineNumber++;
                    var rec = Parse(buffer.AsSpan(0, filled), file, state.Numbered ? state.LineNumber : -1);
                    if (rec is not null)
                    {
                        Report(new MalformedLine(file, rec.LineNumber, "the last line has no line feed (read anyway)"), count: false);
                        batch.Clear();
                        batch.Add(rec);
                        yield return batch;
                    }
                }

                yield break;
            }

            if (filled == buffer.Length)
            {
                // A line longer than the buffer: not an audit record. Skip to its end.
                if (buffer.Length < MaxLineLength)
                {
                    Array.Resize(ref buffer, MaxLineLength);
                    continue;
                }

                state.LineNumber++;
                Report(new MalformedLine(file, state.Numbered ? state.LineNumber : -1, $"line longer than {MaxLineLength} bytes"), count: true);
                state.LineNumber--;
                state.SkippingLong = true;
                consumed += filled;
                filled = 0;
            }
        }
    }

    /// <summary>Where a scan of a stream stands between two buffers.</summary>
    private sealed class ScanState
    {
        public long LineNumber;
        public bool Numbered;
        public bool SkipFirstPartial;
        public bool SkippingLong;
        public bool PastEnd;
        public long? EndSeconds;
        public string File = string.Empty;
    }

    /// <summary>Splits and parses the whole lines of a buffer into <paramref name="into"/>; returns the bytes consumed.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private int ScanBuffer(byte[] buffer, int filled, ScanState state, List<AuditLine> into)
    {
        var start = 0;
        while (start < filled)
        {
            var nl = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
            if (nl < 0)
            {
                break;
            }

            var span = buffer.AsSpan(start, nl);
            start += nl + 1;
            state.LineNumber++;
            if (state.SkipFirstPartial)
            {
                // After a seek the first line is a fragment.
                state.SkipFirstPartial = false;
                continue;
            }

            if (state.SkippingLong)
            {
                state.SkippingLong = false;
                continue;
            }

            var rec = Parse(span, state.File, state.Numbered ? state.LineNumber : -1);
            if (rec is null)
            {
                continue;
            }

            if (state.EndSeconds is long end && rec.Seconds > end + (2 * EventTimeoutSeconds))
            {
                state.PastEnd = true;
                break;
            }

            into.Add(rec);
        }

        return start;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private AuditLine? Parse(ReadOnlySpan<byte> span, string file, long lineNumber)
    {
        LineCount++;
        if (span.Length > 0 && span[^1] == (byte)'\r')
        {
            span = span.Slice(0, span.Length - 1);
        }

        if (span.IsEmpty)
        {
            return null;
        }

        if (span.Length > MaxLineLength)
        {
            Report(new MalformedLine(file, lineNumber, $"line longer than {MaxLineLength} bytes"), count: true);
            return null;
        }

        var rec = AuditLine.TryParse(span, file, lineNumber, _names, out var reason, _arena);
        if (rec is null)
        {
            Report(new MalformedLine(file, lineNumber, reason ?? "malformed"), count: true);
        }

        return rec;
    }

    private void Report(MalformedLine line, bool count)
    {
        if (count)
        {
            MalformedCount++;
        }

        _sink?.Malformed(line);
    }

    /// <summary>
    /// Binary search on byte offsets for the first line whose time is at or after <paramref name="seconds"/>.
    /// Returns an offset at or before that line (possibly mid-line: the caller skips the first fragment).
    /// </summary>
    internal static long SeekToTime(FileStream fs, long seconds)
    {
        long lo = 0;
        long hi = fs.Length;
        var probe = new byte[1 << 15];
        var names = new NameCache();
        while (hi - lo > probe.Length)
        {
            var mid = lo + ((hi - lo) / 2);
            var t = FirstTimeAfter(fs, mid, probe, names);
            if (t is null || t.Value >= seconds)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return lo;
    }

    private static long? FirstTimeAfter(FileStream fs, long offset, byte[] probe, NameCache names)
    {
        fs.Position = offset;
        var n = fs.ReadAtLeast(probe, probe.Length, throwOnEndOfStream: false);
        var span = probe.AsSpan(0, n);
        var nl = span.IndexOf((byte)'\n');
        while (nl >= 0)
        {
            span = span.Slice(nl + 1);
            nl = span.IndexOf((byte)'\n');
            var line = nl < 0 ? span : span.Slice(0, nl);
            if (nl < 0)
            {
                return null;
            }

            var rec = AuditLine.TryParse(line, string.Empty, 0, names, out _);
            if (rec is not null)
            {
                return rec.Seconds;
            }
        }

        return null;
    }

}

/// <summary>Groups lines into events: by (node, serial, time); complete on EOE, for one-record user-space messages, or after the timeout.</summary>
public sealed class EventAssembler
{
    private readonly Dictionary<(string? Node, long Serial, long Seconds, int Millis), RawEvent> _pending = new();
    private readonly LinkedList<RawEvent> _order = new();
    private readonly List<RawEvent> _ready = new();
    private RawEvent? _last;

    /// <summary>
    /// Adds a line; returns the events this completes (the list is reused). As in ausearch and aureport: a record
    /// joins the event still being built with its (node, time, serial); a lone EOE is dropped; a new event whose
    /// first record is of a type that always ends an event (PROCTITLE, user-space and daemon messages, LOGIN, …)
    /// is complete at once, so later records with its serial start another event; other events complete when a
    /// new event starts at least the timeout later, or at the end of input.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public List<RawEvent> Add(AuditLine line)
    {
        _ready.Clear();

        // Most records follow the record before them in the same event: check the newest pending event first.
        if (_last is { } last && last.Serial == line.Serial && last.Seconds == line.Seconds && last.Milliseconds == line.Milliseconds
            && ReferenceEquals(last.Node, line.Node) && _pending.Count > 0 && !last.Complete)
        {
            last.Records.Add(line);
            return _ready;
        }

        var key = (line.Node, line.Serial, line.Seconds, line.Milliseconds);
        if (_pending.TryGetValue(key, out var ev))
        {
            ev.Records.Add(line);
            return _ready;
        }

        if (line.TypeNumber == 1320)
        {
            return _ready;
        }

        ev = new RawEvent(line);
        Sweep(line.Seconds);
        if (IsLastRecord(line.TypeNumber))
        {
            ev.Complete = true;
            _ready.Add(ev);
        }
        else
        {
            _pending[key] = ev;
            _order.AddLast(ev);
            _last = ev;
        }

        return _ready;
    }

    /// <summary>Adds lines in order; appends the events they complete to <paramref name="ready"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void AddRange(List<AuditLine> lines, List<RawEvent> ready)
    {
        foreach (var line in lines)
        {
            var done = Add(line);
            if (done.Count > 0)
            {
                ready.AddRange(done);
            }
        }
    }

    /// <summary>Every pending event, complete or not (end of input, or the live log went quiet).</summary>
    public IEnumerable<RawEvent> Flush()
    {
        var all = new List<RawEvent>(_order);
        _order.Clear();
        _pending.Clear();
        foreach (var ev in all)
        {
            ev.Complete = true;
            yield return ev;
        }
    }

    /// <summary>Record types that end an event when they are its first record (audit_is_last_record, and LOGIN as audit 3.0.9 does).</summary>
    internal static bool IsLastRecord(int type) =>
        type == 1327 || type == 1320 || (type >= 1006 && type < 1300) || type == 1005 || type >= 2100 || type == 2000 || (type >= 1406 && type <= 1419);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Sweep(long now)
    {
        // Complete, in order of creation, the events the new one is at least the timeout later than.
        while (_order.First is { } first && first.Value.Seconds + AuditLogReader.EventTimeoutSeconds <= now)
        {
            var ev = first.Value;
            ev.Complete = true;
            _pending.Remove((ev.Node, ev.Serial, ev.Seconds, ev.Milliseconds));
            _order.RemoveFirst();
            _ready.Add(ev);
        }
    }
}
