using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Text;

namespace GoBaseline.Core.Audit.Log;

/// <summary>One field as split from a record body: name, the value bytes' text, and whether it was quoted.</summary>
internal readonly record struct RawField(string Name, string Value, bool Quoted);

/// <summary>Byte-level field access on a record body, without regular expressions or per-field allocations.</summary>
internal static class AuditFields
{
    /// <summary>
    /// Finds the first field <paramref name="nameEq"/> (given with its trailing '=') that starts a token, also inside a
    /// msg='…' section. The value excludes surrounding quotes.
    /// </summary>
    public static bool TryFind(ReadOnlySpan<byte> body, ReadOnlySpan<byte> nameEq, out ReadOnlySpan<byte> value, out bool quoted)
    {
        var from = 0;
        while (from < body.Length)
        {
            var i = body.Slice(from).IndexOf(nameEq);
            if (i < 0)
            {
                break;
            }

            i += from;
            if (i == 0 || body[i - 1] == (byte)' ' || body[i - 1] == (byte)'\'')
            {
                var v = body.Slice(i + nameEq.Length);
                if (v.Length > 0 && (v[0] == (byte)'"' || v[0] == (byte)'\''))
                {
                    var q = v[0];
                    var end = v.Slice(1).IndexOf(q);
                    value = end < 0 ? v.Slice(1) : v.Slice(1, end);
                    quoted = true;
                    return true;
                }

                var stop = v.IndexOfAny((byte)' ', (byte)'\'');
                value = stop < 0 ? v : v.Slice(0, stop);
                quoted = false;
                return true;
            }

            from = i + 1;
        }

        value = default;
        quoted = false;
        return false;
    }

    /// <summary>A numeric field (decimal), or null.</summary>
    public static long? FindLong(ReadOnlySpan<byte> body, ReadOnlySpan<byte> nameEq)
    {
        if (TryFind(body, nameEq, out var v, out _) && Utf8Parser.TryParse(v, out long n, out var used) && used == v.Length)
        {
            return n;
        }

        return null;
    }

    /// <summary>A string field, decoded (quoted or hex), or null.</summary>
    public static string? FindString(ReadOnlySpan<byte> body, ReadOnlySpan<byte> nameEq)
    {
        return TryFind(body, nameEq, out var v, out var quoted) ? Decode(v, quoted, nulAsSpace: false) : null;
    }

    /// <summary>
    /// Splits a record body into fields in order. A msg='…' value (user-space records) is split too, its fields
    /// following in order; a token without '=' is kept as a field with an empty name.
    /// </summary>
    public static List<RawField> Split(ReadOnlySpan<byte> body)
    {
        var list = new List<RawField>(24);
        SplitInto(body, list);
        return list;
    }

    private static void SplitInto(ReadOnlySpan<byte> body, List<RawField> list)
    {
        var i = 0;
        while (i < body.Length)
        {
            while (i < body.Length && body[i] == (byte)' ')
            {
                i++;
            }

            if (i >= body.Length)
            {
                break;
            }

            var rest = body.Slice(i);
            var eq = rest.IndexOf((byte)'=');
            var sp = rest.IndexOf((byte)' ');
            if (eq < 0 || (sp >= 0 && sp < eq))
            {
                var len = sp < 0 ? rest.Length : sp;
                list.Add(new RawField(string.Empty, Encoding.UTF8.GetString(rest.Slice(0, len)), false));
                i += len;
                continue;
            }

            var name = Encoding.UTF8.GetString(rest.Slice(0, eq));
            var v = rest.Slice(eq + 1);
            if (v.Length > 0 && (v[0] == (byte)'"' || v[0] == (byte)'\''))
            {
                var q = v[0];
                var end = v.Slice(1).IndexOf(q);
                var inner = end < 0 ? v.Slice(1) : v.Slice(1, end);
                if (q == (byte)'\'' && name == "msg")
                {
                    SplitInto(inner, list);
                }
                else
                {
                    list.Add(new RawField(name, Encoding.UTF8.GetString(inner), true));
                }

                i += eq + 1 + (end < 0 ? v.Length : end + 2);
                continue;
            }

            if (v.Length > 0 && v[0] == (byte)'{')
            {
                // An ENRICHED sockaddr: SADDR={ saddr_fam=inet laddr=… }.
                var close = v.IndexOf((byte)'}');
                var whole = close < 0 ? v : v.Slice(0, close + 1);
                list.Add(new RawField(name, Encoding.UTF8.GetString(whole), true));
                i += eq + 1 + whole.Length;
                continue;
            }

            var stop = v.IndexOf((byte)' ');
            var val = stop < 0 ? v : v.Slice(0, stop);
            list.Add(new RawField(name, Encoding.UTF8.GetString(val), false));
            i += eq + 1 + val.Length;
        }
    }

    /// <summary>
    /// Decodes an untrusted-string value: quoted values are literal; unquoted values of even length made only of
    /// hex digits are hex-encoded bytes (au_unescape); "(null)" and other values stay as they are.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> value, bool quoted, bool nulAsSpace)
    {
        // Like au_unescape: an unquoted value is decoded from its leading run of hex digits (pairs).
        var run = 0;
        while (!quoted && run < value.Length && HexVal(value[run]) >= 0)
        {
            run++;
        }

        if (quoted || run < 2)
        {
            return Encoding.UTF8.GetString(value);
        }

        value = value.Slice(0, run & ~1);
        var bytes = new byte[value.Length / 2];
        for (var k = 0; k < bytes.Length; k++)
        {
            bytes[k] = (byte)((HexVal(value[2 * k]) << 4) | HexVal(value[(2 * k) + 1]));
        }

        var len = bytes.Length;
        if (nulAsSpace)
        {
            // Trailing NULs end the title; inner ones separate arguments.
            while (len > 0 && bytes[len - 1] == 0)
            {
                len--;
            }

            for (var k = 0; k < len; k++)
            {
                if (bytes[k] == 0)
                {
                    bytes[k] = (byte)' ';
                }
            }
        }
        else
        {
            var nul = Array.IndexOf(bytes, (byte)0);
            if (nul >= 0)
            {
                len = nul;
            }
        }

        return Encoding.UTF8.GetString(bytes, 0, len);
    }

    /// <summary>Decodes a string value (overload for text).</summary>
    public static string Decode(string value, bool quoted, bool nulAsSpace) => Decode(Encoding.UTF8.GetBytes(value), quoted, nulAsSpace);

    /// <summary>True when the value is a non-empty even-length run of hex digits.</summary>
    public static bool IsHex(ReadOnlySpan<byte> v)
    {
        if (v.Length == 0 || (v.Length & 1) != 0)
        {
            return false;
        }

        foreach (var b in v)
        {
            if (HexVal(b) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The value of a hex digit, or -1.</summary>
    public static int HexVal(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    /// <summary>Parses the ENRICHED section (NAME=value or NAME="value" pairs) into a dictionary.</summary>
    public static Dictionary<string, string> SplitInterp(ReadOnlySpan<byte> interp)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in Split(interp))
        {
            if (f.Name.Length > 0)
            {
                d.TryAdd(f.Name, f.Value);
            }
        }

        return d;
    }
}
