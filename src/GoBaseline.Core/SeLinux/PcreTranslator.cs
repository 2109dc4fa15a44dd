using System.Text;

namespace GoBaseline.Core.SeLinux;

/// <summary>
/// Rewrites the PCRE2 constructs whose meaning differs in .NET so that a file_contexts regex matches the same byte
/// strings. libselinux matches paths as bytes without PCRE2_UTF/UCP, so \d, \w, \s and POSIX classes are ASCII only;
/// in .NET they are Unicode-aware, and .NET does not know [[:alpha:]] at all. Paths are matched as one char per byte
/// (Latin-1), so "." and "[^/]" consume one byte each as in PCRE2.
/// </summary>
internal static class PcreTranslator
{
    /// <summary>Translates a PCRE2 pattern to an equivalent .NET pattern.</summary>
    internal static string Translate(string pattern)
    {
        if (pattern.IndexOf('\\') < 0 && pattern.IndexOf("[:", System.StringComparison.Ordinal) < 0)
        {
            return pattern;
        }

        var sb = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var e = pattern[i + 1];
                var replacement = inClass ? ClassEscape(e) : Escape(e);
                if (replacement is not null)
                {
                    sb.Append(replacement);
                    i++;
                    continue;
                }

                if (e == 'Q')
                {
                    // \Q…\E quotes literally.
                    var end = pattern.IndexOf("\\E", i + 2, System.StringComparison.Ordinal);
                    var literal = end < 0 ? pattern.Substring(i + 2) : pattern.Substring(i + 2, end - i - 2);
                    foreach (var ch in literal)
                    {
                        sb.Append(inClass ? ClassLiteral(ch) : System.Text.RegularExpressions.Regex.Escape(ch.ToString()));
                    }

                    i = end < 0 ? pattern.Length : end + 1;
                    continue;
                }

                sb.Append(c).Append(e);
                i++;
                continue;
            }

            if (!inClass && c == '[')
            {
                inClass = true;
                sb.Append(c);
                if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                {
                    sb.Append('^');
                    i++;
                }

                // A ']' right after '[' or '[^' is a literal in PCRE.
                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                {
                    sb.Append("\\]");
                    i++;
                }

                continue;
            }

            if (inClass && c == '[' && i + 1 < pattern.Length && pattern[i + 1] == ':')
            {
                var close = pattern.IndexOf(":]", i + 2, System.StringComparison.Ordinal);
                if (close > 0)
                {
                    var name = pattern.Substring(i + 2, close - i - 2);
                    var negate = name.StartsWith('^');
                    var set = PosixClass(negate ? name.Substring(1) : name);
                    if (set is not null && !negate)
                    {
                        sb.Append(set);
                        i = close + 1;
                        continue;
                    }

                    // A negated POSIX class ([:^alpha:]) cannot be written inside a .NET class union; no policy uses
                    // one, so it is kept as text and fails to compile loudly instead of matching differently.
                }

                sb.Append("\\[");
                continue;
            }

            if (inClass && c == '[')
            {
                // A literal '[' inside a class must be escaped in .NET (it would start a subtraction after '-').
                sb.Append("\\[");
                continue;
            }

            if (inClass && c == ']')
            {
                inClass = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static string? Escape(char e) => e switch
    {
        'd' => "[0-9]",
        'D' => "[^0-9]",
        'w' => "[A-Za-z0-9_]",
        'W' => "[^A-Za-z0-9_]",
        's' => "[\\t\\n\\x0B\\f\\r ]",
        'S' => "[^\\t\\n\\x0B\\f\\r ]",
        _ => null,
    };

    private static string? ClassEscape(char e) => e switch
    {
        'd' => "0-9",
        'w' => "A-Za-z0-9_",
        's' => "\\t\\n\\x0B\\f\\r ",
        _ => null,
    };

    private static string ClassLiteral(char c) => c is '\\' or ']' or '[' or '^' or '-' ? "\\" + c : c.ToString();

    private static string? PosixClass(string name) => name switch
    {
        "alpha" => "A-Za-z",
        "digit" => "0-9",
        "alnum" => "A-Za-z0-9",
        "upper" => "A-Z",
        "lower" => "a-z",
        "space" => "\\t\\n\\x0B\\f\\r ",
        "blank" => " \\t",
        "punct" => "!-/:-@\\[-`{-~",
        "xdigit" => "0-9A-Fa-f",
        "word" => "A-Za-z0-9_",
        "cntrl" => "\\x00-\\x1F\\x7F",
        "print" => "\\x20-\\x7E",
        "graph" => "\\x21-\\x7E",
        "ascii" => "\\x00-\\x7F",
        _ => null,
    };
}
