using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Text;

namespace GoBaseline.Core.Audit.Log;

/// <summary>
/// One raw line of an audit log with its parsed header. The line bytes are kept as they are; fields are found on
/// demand by byte scanning, so filters and reports never build strings for lines they do not need.
/// </summary>
public sealed class AuditLine
{
    /// <summary>The separator auditd writes before the ENRICHED section (AUDIT_INTERP_SEPARATOR).</summary>
    internal const byte InterpSeparator = 0x1D;

    private AuditLine(byte[] bytes, int offset, int length, string? node, string type, int typeNumber, long seconds, int milliseconds, long serial, int bodyStart, int interpStart, string file, long lineNumber)
    {
        Bytes = bytes;
        Offset = offset;
        Length = length;
        Node = node;
        Type = type;
        TypeNumber = typeNumber;
        Seconds = seconds;
        Milliseconds = milliseconds;
        Serial = serial;
        BodyStart = bodyStart;
        InterpStart = interpStart;
        File = file;
        LineNumber = lineNumber;
    }

    /// <summary>The buffer holding the line (shared with other lines).</summary>
    public byte[] Bytes { get; }

    /// <summary>Where the line starts in <see cref="Bytes"/>.</summary>
    public int Offset { get; }

    /// <summary>The line's length without its line feed.</summary>
    public int Length { get; }

    /// <summary>The line without its line feed.</summary>
    public ReadOnlySpan<byte> Span => Bytes.AsSpan(Offset, Length);

    /// <summary>node= prefix, or null.</summary>
    public string? Node { get; }

    /// <summary>type= name (UNKNOWN[n] kept as written).</summary>
    public string Type { get; }

    /// <summary>The type number (0 when unknown).</summary>
    public int TypeNumber { get; }

    /// <summary>Epoch seconds of the event.</summary>
    public long Seconds { get; }

    /// <summary>Milliseconds of the event.</summary>
    public int Milliseconds { get; }

    /// <summary>Event serial.</summary>
    public long Serial { get; }

    /// <summary>Offset of the first field after "): ".</summary>
    public int BodyStart { get; }

    /// <summary>Offset of the 0x1D separator, or -1 for a raw-format line.</summary>
    public int InterpStart { get; }

    /// <summary>The file the line came from.</summary>
    public string File { get; }

    /// <summary>1-based line number.</summary>
    public long LineNumber { get; }

    /// <summary>The kernel/user fields (before any 0x1D).</summary>
    public ReadOnlySpan<byte> Body => InterpStart < 0 ? Bytes.AsSpan(Offset + BodyStart, Length - BodyStart) : Bytes.AsSpan(Offset + BodyStart, InterpStart - BodyStart);

    /// <summary>The ENRICHED section after 0x1D (empty when raw).</summary>
    public ReadOnlySpan<byte> Interp => InterpStart < 0 ? ReadOnlySpan<byte>.Empty : Bytes.AsSpan(Offset + InterpStart + 1, Length - InterpStart - 1);

    /// <summary>The line as text (UTF-8, invalid bytes replaced).</summary>
    public string Text => Encoding.UTF8.GetString(Bytes, Offset, Length);

    /// <summary>The time as a UTC DateTimeOffset.</summary>
    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeSeconds(Seconds).AddMilliseconds(Milliseconds);

    private static readonly byte[] NodePrefix = "node="u8.ToArray();
    private static readonly byte[] TypePrefix = "type="u8.ToArray();
    private static readonly byte[] MsgPrefix = "msg=audit("u8.ToArray();

    /// <summary>
    /// Parses the header of one line (no line feed). Returns null and a reason when the line is not an audit record:
    /// no type=, no msg=audit(…), bad numbers, too short — the same lines auparse's extract_timestamp rejects.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static AuditLine? TryParse(ReadOnlySpan<byte> line, string file, long lineNumber, NameCache names, out string? reason, LineArena? arena = null)
    {
        reason = null;
        var pos = 0;
        string? node = null;
        if (line.Length < 19)
        {
            reason = "too short for an audit record";
            return null;
        }

        if (line.StartsWith(NodePrefix))
        {
            var sp = line.IndexOf((byte)' ');
            if (sp < 0)
            {
                reason = "node= without a record";
                return null;
            }

            node = names.Get(line.Slice(5, sp - 5));
            pos = sp + 1;
        }

        if (!line.Slice(pos).StartsWith(TypePrefix))
        {
            reason = "no type= field";
            return null;
        }

        pos += 5;
        var typeEnd = line.Slice(pos).IndexOf((byte)' ');
        if (typeEnd <= 0)
        {
            reason = "no msg= field";
            return null;
        }

        var typeSpan = line.Slice(pos, typeEnd);
        pos += typeEnd + 1;
        if (!line.Slice(pos).StartsWith(MsgPrefix))
        {
            reason = "no msg=audit( timestamp";
            return null;
        }

        pos += MsgPrefix.Length;
        var rest = line.Slice(pos);
        var close = rest.IndexOf((byte)')');
        if (close < 0)
        {
            reason = "unterminated msg=audit( timestamp";
            return null;
        }

        var stamp = rest.Slice(0, close);
        var dot = stamp.IndexOf((byte)'.');
        var colon = stamp.IndexOf((byte)':');
        if (dot <= 0 || colon <= dot + 1
            || !Utf8Parser.TryParse(stamp.Slice(0, dot), out long seconds, out var c1) || c1 != dot
            || !Utf8Parser.TryParse(stamp.Slice(dot + 1, colon - dot - 1), out int millis, out var c2) || c2 != colon - dot - 1
            || !Utf8Parser.TryParse(stamp.Slice(colon + 1), out long serial, out var c3) || c3 != stamp.Length - colon - 1
            || seconds < 0 || millis < 0 || millis > 999)
        {
            reason = "bad timestamp or serial in msg=audit(…)";
            return null;
        }

        var bodyStart = pos + close + 1;
        if (bodyStart < line.Length && line[bodyStart] == (byte)':')
        {
            bodyStart++;
        }

        while (bodyStart < line.Length && line[bodyStart] == (byte)' ')
        {
            bodyStart++;
        }

        byte[] bytes;
        int offset;
        if (arena is null)
        {
            bytes = line.ToArray();
            offset = 0;
        }
        else
        {
            (bytes, offset) = arena.Copy(line);
        }

        var interp = line.IndexOf(InterpSeparator);
        if (interp >= 0 && interp < bodyStart)
        {
            interp = -1;
        }

        var type = names.Get(typeSpan);
        return new AuditLine(bytes, offset, line.Length, node, type, AuditMessageTypes.Number(type), seconds, millis, serial, bodyStart, interp, file, lineNumber);
    }
}

/// <summary>
/// Copies lines into shared chunks instead of one array per line; a chunk is collected once no line in it is
/// referenced any more. Chunks stay below the large object threshold (85,000 bytes): large chunks went to the large
/// object heap, whose budget forced a full (gen 2) collection every few megabytes of log, 57 of them for one search
/// of a 270 MB log; small chunks of lines nobody kept die young in gen 0.
/// </summary>
internal sealed class LineArena
{
    private const int ChunkSize = 64 * 1024;
    private byte[] _chunk = new byte[ChunkSize];
    private int _used;

    /// <summary>Copies a line and returns where it lives.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public (byte[] Chunk, int Offset) Copy(ReadOnlySpan<byte> line)
    {
        if (line.Length > ChunkSize / 4)
        {
            return (line.ToArray(), 0);
        }

        if (_used + line.Length > _chunk.Length)
        {
            _chunk = new byte[ChunkSize];
            _used = 0;
        }

        var at = _used;
        line.CopyTo(_chunk.AsSpan(at));
        _used += line.Length;
        return (_chunk, at);
    }
}

/// <summary>Interns the few distinct strings (node names, type names) so a big log does not allocate one per line.</summary>
internal sealed class NameCache
{
    private readonly Dictionary<int, List<(byte[] Bytes, string Text)>> _byHash = new();

    /// <summary>The string for these bytes, created once.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public string Get(ReadOnlySpan<byte> bytes)
    {
        var hash = 17;
        foreach (var b in bytes)
        {
            hash = (hash * 31) + b;
        }

        // A small direct-mapped table in front of the dictionary: a log has a handful of type and node names, and
        // this path is taken for every line.
        ref var slot = ref _recent[hash & (RecentSize - 1)];
        if (slot.Bytes is { } known && bytes.SequenceEqual(known))
        {
            return slot.Text!;
        }

        var found = Lookup(bytes, hash);
        slot = (found.Bytes, found.Text);
        return found.Text;
    }

    private const int RecentSize = 64;
    private readonly (byte[]? Bytes, string? Text)[] _recent = new (byte[]?, string?)[RecentSize];

    private (byte[] Bytes, string Text) Lookup(ReadOnlySpan<byte> bytes, int hash)
    {
        if (_byHash.TryGetValue(hash, out var list))
        {
            foreach (var (k, v) in list)
            {
                if (bytes.SequenceEqual(k))
                {
                    return (k, v);
                }
            }
        }
        else
        {
            list = new List<(byte[], string)>(1);
            _byHash[hash] = list;
        }

        var text = Encoding.UTF8.GetString(bytes);
        var copy = bytes.ToArray();
        if (_byHash.Count < 4096)
        {
            list.Add((copy, text));
        }

        return (copy, text);
    }
}

/// <summary>Type names to numbers, for aureport's range tests.</summary>
internal static partial class AuditMessageTypes
{
    private static Dictionary<string, int>? _byName;

    private static Dictionary<string, int> ByName => _byName ??= BuildByName();

    /// <summary>The number of a type name, parsing UNKNOWN[n]; 0 when unknown.</summary>
    public static int Number(string name)
    {
        if (ByName.TryGetValue(name, out var n))
        {
            return n;
        }

        if (name.StartsWith("UNKNOWN[", StringComparison.Ordinal) && name.EndsWith(']') && int.TryParse(name.AsSpan(8, name.Length - 9), out n))
        {
            return n;
        }

        return 0;
    }

    /// <summary>The name of a type number, or UNKNOWN[n].</summary>
    public static string Name(int number)
    {
        foreach (var (n, name) in Known)
        {
            if (n == number)
            {
                return name;
            }
        }

        return "UNKNOWN[" + number + "]";
    }

    private static Dictionary<string, int> BuildByName()
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (n, name) in Known)
        {
            d[name] = n;
        }

        return d;
    }
}
