using System;
using System.Globalization;
using System.Text;

namespace GoBaseline.Core.GoBinary;

/// <summary>Go's strconv.Quote and strconv.Unquote, as runtime/debug uses them for build setting keys and values.</summary>
internal static class GoQuote
{
    /// <summary>Quotes like strconv.Quote: printable runes as they are, everything else escaped.</summary>
    internal static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            int rune = c;
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                rune = char.ConvertToUtf32(c, s[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                // A lone surrogate cannot come from UTF-8 text; Go would show the replacement character.
                rune = 0xFFFD;
            }

            switch (rune)
            {
                case '"': sb.Append("\\\""); continue;
                case '\\': sb.Append("\\\\"); continue;
                case '\a': sb.Append("\\a"); continue;
                case '\b': sb.Append("\\b"); continue;
                case '\f': sb.Append("\\f"); continue;
                case '\n': sb.Append("\\n"); continue;
                case '\r': sb.Append("\\r"); continue;
                case '\t': sb.Append("\\t"); continue;
                case '\v': sb.Append("\\v"); continue;
            }

            if (IsPrint(rune))
            {
                sb.Append(char.ConvertFromUtf32(rune));
            }
            else if (rune < ' ' || rune == 0x7f)
            {
                sb.Append("\\x").Append(rune.ToString("x2", CultureInfo.InvariantCulture));
            }
            else if (rune < 0x10000)
            {
                sb.Append("\\u").Append(rune.ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append("\\U").Append(rune.ToString("x8", CultureInfo.InvariantCulture));
            }
        }

        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    private static bool IsPrint(int rune)
    {
        if (rune < 0x80)
        {
            return rune >= 0x20 && rune < 0x7f;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(rune);
        return category switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator => false,
            _ => true,
        };
    }

    /// <summary>
    /// Length of the quoted string at the start of <paramref name="s"/> (strconv.QuotedPrefix), or -1 when it does not
    /// start with a complete, valid quoted string.
    /// </summary>
    internal static int QuotedPrefixLength(string s)
    {
        if (s.Length < 2)
        {
            return -1;
        }

        if (s[0] == '`')
        {
            var end = s.IndexOf('`', 1);
            return end < 0 ? -1 : end + 1;
        }

        if (s[0] != '"')
        {
            return -1;
        }

        for (var i = 1; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '"')
            {
                return TryUnquote(s.Substring(0, i + 1), out _) ? i + 1 : -1;
            }

            if (c == '\n')
            {
                return -1;
            }

            if (c == '\\')
            {
                i++;
            }
        }

        return -1;
    }

    /// <summary>strconv.Unquote for double-quoted and back-quoted strings.</summary>
    internal static bool TryUnquote(string s, out string value)
    {
        value = string.Empty;
        if (s.Length < 2 || s[0] != s[^1])
        {
            return false;
        }

        var body = s.AsSpan(1, s.Length - 2);
        if (s[0] == '`')
        {
            if (body.Contains('`'))
            {
                return false;
            }

            value = body.ToString().Replace("\r", string.Empty, StringComparison.Ordinal);
            return true;
        }

        if (s[0] != '"')
        {
            return false;
        }

        var sb = new StringBuilder(body.Length);
        var bytes = new System.Collections.Generic.List<byte>();
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '"' || c == '\n')
            {
                return false;
            }

            if (c != '\\')
            {
                Flush(bytes, sb);
                sb.Append(c);
                continue;
            }

            if (++i >= body.Length)
            {
                return false;
            }

            var e = body[i];
            switch (e)
            {
                case 'a': Flush(bytes, sb); sb.Append('\a'); break;
                case 'b': Flush(bytes, sb); sb.Append('\b'); break;
                case 'f': Flush(bytes, sb); sb.Append('\f'); break;
                case 'n': Flush(bytes, sb); sb.Append('\n'); break;
                case 'r': Flush(bytes, sb); sb.Append('\r'); break;
                case 't': Flush(bytes, sb); sb.Append('\t'); break;
                case 'v': Flush(bytes, sb); sb.Append('\v'); break;
                case '\\': Flush(bytes, sb); sb.Append('\\'); break;
                case '"': Flush(bytes, sb); sb.Append('"'); break;
                case 'x':
                    if (!Hex(body, i + 1, 2, out var x))
                    {
                        return false;
                    }

                    bytes.Add((byte)x);
                    i += 2;
                    break;
                case 'u':
                case 'U':
                    var n = e == 'u' ? 4 : 8;
                    if (!Hex(body, i + 1, n, out var r) || r > 0x10FFFF || (r >= 0xD800 && r < 0xE000))
                    {
                        return false;
                    }

                    Flush(bytes, sb);
                    sb.Append(char.ConvertFromUtf32(r));
                    i += n;
                    break;
                case >= '0' and <= '7':
                    if (i + 2 >= body.Length)
                    {
                        return false;
                    }

                    var v = 0;
                    for (var k = 0; k < 3; k++)
                    {
                        var d = body[i + k] - '0';
                        if (d < 0 || d > 7)
                        {
                            return false;
                        }

                        v = (v * 8) + d;
                    }

                    if (v > 255)
                    {
                        return false;
                    }

                    bytes.Add((byte)v);
                    i += 2;
                    break;
                default:
                    return false;
            }
        }

        Flush(bytes, sb);
        value = sb.ToString();
        return true;
    }

    private static void Flush(System.Collections.Generic.List<byte> bytes, StringBuilder sb)
    {
        if (bytes.Count > 0)
        {
            sb.Append(Encoding.UTF8.GetString(bytes.ToArray()));
            bytes.Clear();
        }
    }

    private static bool Hex(ReadOnlySpan<char> s, int at, int count, out int value)
    {
        value = 0;
        if (at + count > s.Length)
        {
            return false;
        }

        for (var k = 0; k < count; k++)
        {
            var c = s[at + k];
            int d = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => -1,
            };
            if (d < 0)
            {
                return false;
            }

            value = (value << 4) | d;
        }

        return true;
    }
}
