using System;
using System.Collections.Generic;
using System.Text;

namespace GoBaseline.Core.GoEnv;

/// <summary>
/// Pure parsers for the files that set Go's environment. None of them executes anything: shell scripts are read,
/// not run, so a scan can never be tricked into running code from the host it audits.
/// </summary>
public static class EnvFileParsers
{
    /// <summary>
    /// The GOENV file and $GOROOT/go.env, exactly as the go command reads them (cmd/go/internal/cfg readEnvFile):
    /// a line counts when it has '=' and starts with an upper-case ASCII letter; nothing is trimmed or unquoted; a later
    /// line for the same key wins.
    /// </summary>
    public static IReadOnlyList<EnvAssignment> ParseGoEnvFile(string text, string file)
    {
        var list = new List<EnvAssignment>();
        var lineNo = 0;
        foreach (var line in SplitLines(text, trimCr: false))
        {
            lineNo++;
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0 || line.Length == 0 || line[0] < 'A' || line[0] > 'Z')
            {
                continue;
            }

            list.Add(new EnvAssignment(line.Substring(0, eq), line.Substring(eq + 1), file, lineNo));
        }

        return list;
    }

    /// <summary>/etc/environment as pam_env reads it: KEY=VALUE lines, an optional "export ", matching quotes removed.</summary>
    public static IReadOnlyList<EnvAssignment> ParseEtcEnvironment(string text, string file)
    {
        var list = new List<EnvAssignment>();
        var lineNo = 0;
        foreach (var raw in SplitLines(text, trimCr: true))
        {
            lineNo++;
            var line = raw.TrimStart(' ', '\t');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal) || line.StartsWith("export\t", StringComparison.Ordinal))
            {
                line = line.Substring(7).TrimStart(' ', '\t');
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !IsName(line.AsSpan(0, eq)))
            {
                continue;
            }

            var value = line.Substring(eq + 1).TrimEnd(' ', '\t');
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                value = value.Substring(1, value.Length - 2);
            }

            list.Add(new EnvAssignment(line.Substring(0, eq), value, file, lineNo));
        }

        return list;
    }

    /// <summary>
    /// Variable assignments in a POSIX shell script such as /etc/profile.d/go.sh: <c>NAME=value</c>,
    /// <c>export NAME=value …</c>, with single, double and backslash quoting. <c>$NAME</c> and <c>${NAME}</c> expand
    /// from <paramref name="known"/> and earlier assignments; anything else dynamic is kept literally and flagged.
    /// </summary>
    /// <param name="text">The script.</param>
    /// <param name="file">Its path, for the assignments' File.</param>
    /// <param name="known">Variables known before the script runs.</param>
    /// <param name="readSourced">
    /// When given, a <c>. FILE</c> or <c>source FILE</c> with a static path is followed: the function returns the
    /// file's text (null: not there) and its assignments are parsed in place (under the sourcing line's condition).
    /// </param>
    public static IReadOnlyList<EnvAssignment> ParseShellAssignments(string text, string file, IReadOnlyDictionary<string, string>? known = null, Func<string, string?>? readSourced = null)
    {
        var list = new List<EnvAssignment>();
        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        if (known is not null)
        {
            foreach (var (k, v) in known)
            {
                vars[k] = v;
            }
        }

        ParseShellInto(text, file, vars, list, readSourced, false, new List<string> { file });
        return list;
    }

    private const string ConditionalWhy = "it is set only under a condition (if/case/loop/function, && or ||), which a scan does not evaluate";

    private static void ParseShellInto(string text, string file, Dictionary<string, string> vars, List<EnvAssignment> list, Func<string, string?>? readSourced, bool underCondition, List<string> chain)
    {
        var lineNo = 0;
        var depth = 0;
        var lines = SplitLines(text, trimCr: true);
        for (var li = 0; li < lines.Count; li++)
        {
            lineNo = li + 1;
            var line = lines[li];

            // Join backslash-newline continuations.
            while (line.EndsWith('\\') && li + 1 < lines.Count)
            {
                line = line.Substring(0, line.Length - 1) + lines[++li];
            }

            foreach (var (statement, afterAndOr) in SplitStatements(line))
            {
                var words = ShellWords(statement, vars, out var dynamicWords);
                var w = 0;

                // Compound commands: what stands inside if/case/loops/functions runs only sometimes (or never).
                while (w < words.Count && !words[w].Quoted)
                {
                    var kw = words[w].Text;
                    if (kw is "if" or "case" or "while" or "until" or "for" or "select")
                    {
                        depth++;
                        w = words.Count;
                        if (kw == "case")
                        {
                            break;
                        }
                    }
                    else if (kw is "fi" or "esac" or "done" or "}")
                    {
                        depth = Math.Max(0, depth - 1);
                        w++;
                    }
                    else if (kw is "then" or "else" or "elif" or "do" or "{" or "!" or ";;")
                    {
                        if (kw == "elif")
                        {
                            w = words.Count;
                        }
                        else if (kw == "{")
                        {
                            depth++;
                            w++;
                        }
                        else
                        {
                            w++;
                        }
                    }
                    else if (kw.EndsWith("()", StringComparison.Ordinal) || (w + 1 < words.Count && words[w + 1].Text.StartsWith("()", StringComparison.Ordinal)))
                    {
                        // A function definition: its body runs only when called.
                        depth++;
                        w = words.Count;
                    }
                    else
                    {
                        break;
                    }
                }

                var conditional = depth > 0 || afterAndOr || underCondition;

                // ". FILE" / "source FILE": the file runs in this shell; follow it when its path is static.
                if (readSourced is not null && w + 1 < words.Count && !words[w].Quoted && (words[w].Text is "." or "source") && !dynamicWords.Contains(w + 1))
                {
                    var target = words[w + 1].Text;
                    vars.TryGetValue("HOME", out var home);
                    if (target.StartsWith("~/", StringComparison.Ordinal) && home is not null)
                    {
                        target = home.TrimEnd('/') + target.Substring(1);
                    }
                    else if (!target.StartsWith('/') && home is not null)
                    {
                        // A login shell starts in $HOME.
                        target = home.TrimEnd('/') + "/" + target;
                    }

                    if (target.StartsWith('/') && !chain.Contains(target) && chain.Count < 8)
                    {
                        var sourced = readSourced(target);
                        if (sourced is not null)
                        {
                            chain.Add(target);
                            ParseShellInto(sourced, target, vars, list, readSourced, conditional, chain);
                            chain.RemoveAt(chain.Count - 1);
                        }
                    }

                    continue;
                }

                var isExport = false;
                if (w < words.Count && (words[w].Text == "export" || words[w].Text == "readonly") && !words[w].Quoted)
                {
                    isExport = true;
                    w++;
                }

                // "NAME=value cmd" sets NAME for cmd only; only a statement made of assignments changes the shell.
                var allAssignments = true;
                for (var k = w; k < words.Count; k++)
                {
                    if (!IsAssignmentWord(words[k].Text) && !(isExport && IsName(words[k].Text.AsSpan())))
                    {
                        allAssignments = false;
                    }
                }

                if (!allAssignments || w >= words.Count)
                {
                    continue;
                }

                for (var k = w; k < words.Count; k++)
                {
                    var word = words[k].Text;
                    var eq = word.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0)
                    {
                        continue;
                    }

                    var name = word.Substring(0, eq);
                    var value = word.Substring(eq + 1);
                    vars[name] = value;
                    if (conditional)
                    {
                        list.Add(new EnvAssignment(name, value, file, lineNo, true, ConditionalWhy));
                    }
                    else
                    {
                        list.Add(new EnvAssignment(name, value, file, lineNo, dynamicWords.Contains(k)));
                    }
                }
            }
        }
    }

    /// <summary>
    /// The value of systemd's Environment=: space-separated assignments, each may be quoted with "" or '' (C-style
    /// escapes inside double quotes).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseSystemdEnvironment(string value)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var word in SystemdWords(value))
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && IsName(word.AsSpan(0, eq)))
            {
                list.Add(new KeyValuePair<string, string>(word.Substring(0, eq), word.Substring(eq + 1)));
            }
        }

        return list;
    }

    /// <summary>A file named by EnvironmentFile=: KEY=VALUE lines, # and ; comments, shell-like quotes.</summary>
    public static IReadOnlyList<EnvAssignment> ParseSystemdEnvironmentFile(string text, string file)
    {
        var list = new List<EnvAssignment>();
        var lineNo = 0;
        var lines = SplitLines(text, trimCr: true);
        for (var li = 0; li < lines.Count; li++)
        {
            lineNo = li + 1;
            var line = lines[li].Trim();
            if (line.Length == 0 || line[0] == '#' || line[0] == ';')
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line.Substring(7).TrimStart();
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !IsName(line.AsSpan(0, eq).TrimEnd()))
            {
                continue;
            }

            var name = line.Substring(0, eq).TrimEnd();
            var raw = line.Substring(eq + 1).TrimStart();
            string value;
            if (raw.Length > 0 && (raw[0] == '"' || raw[0] == '\''))
            {
                var words = SystemdWords(raw);
                value = words.Count > 0 ? words[0] : string.Empty;
            }
            else
            {
                value = raw;
            }

            list.Add(new EnvAssignment(name, value, file, lineNo));
        }

        return list;
    }

    /// <summary>
    /// An environment.d(5) file: KEY=VALUE lines, # comments, matching quotes removed; $KEY, ${KEY}, ${KEY:-default}
    /// and ${KEY:+alternate} expand from <paramref name="known"/> and earlier lines. A variable that is not known
    /// (the manager's own environment is not) leaves the value unknown.
    /// </summary>
    public static IReadOnlyList<EnvAssignment> ParseEnvironmentD(string text, string file, IReadOnlyDictionary<string, string>? known = null)
    {
        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        if (known is not null)
        {
            foreach (var (k, v) in known)
            {
                vars[k] = v;
            }
        }

        var list = new List<EnvAssignment>();
        var lines = SplitLines(text, trimCr: true);
        for (var li = 0; li < lines.Count; li++)
        {
            var line = lines[li].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !IsName(line.AsSpan(0, eq)))
            {
                continue;
            }

            var name = line.Substring(0, eq);
            var raw = line.Substring(eq + 1);
            if (raw.Length >= 2 && (raw[0] == '"' || raw[0] == '\'') && raw[^1] == raw[0])
            {
                raw = raw.Substring(1, raw.Length - 2);
            }

            var sb = new StringBuilder();
            var unknown = false;
            for (var i = 0; i < raw.Length; i++)
            {
                if (raw[i] != '$' || i + 1 >= raw.Length)
                {
                    sb.Append(raw[i]);
                    continue;
                }

                string? reference = null;
                string? op = null;
                string? word = null;
                var end = i;
                if (raw[i + 1] == '{')
                {
                    var close = raw.IndexOf('}', i + 2);
                    if (close > 0)
                    {
                        var inner = raw.Substring(i + 2, close - i - 2);
                        var colon = inner.IndexOf(':', StringComparison.Ordinal);
                        reference = colon < 0 ? inner : inner.Substring(0, colon);
                        if (colon >= 0 && colon + 1 < inner.Length && (inner[colon + 1] == '-' || inner[colon + 1] == '+'))
                        {
                            op = inner.Substring(colon, 2);
                            word = inner.Substring(colon + 2);
                        }
                        else if (colon >= 0)
                        {
                            reference = null;
                        }

                        end = close;
                    }
                }
                else
                {
                    var j = i + 1;
                    while (j < raw.Length && (char.IsAsciiLetterOrDigit(raw[j]) || raw[j] == '_'))
                    {
                        j++;
                    }

                    reference = raw.Substring(i + 1, j - i - 1);
                    end = j - 1;
                }

                if (reference is null || !IsName(reference.AsSpan()))
                {
                    sb.Append(raw[i]);
                    continue;
                }

                var has = vars.TryGetValue(reference, out var val);
                var nonEmpty = has && val!.Length > 0;
                if (op == ":-")
                {
                    if (!has)
                    {
                        unknown = true;
                    }

                    sb.Append(nonEmpty ? val : word);
                }
                else if (op == ":+")
                {
                    if (!has)
                    {
                        unknown = true;
                    }

                    sb.Append(nonEmpty ? word : string.Empty);
                }
                else if (has)
                {
                    sb.Append(val);
                }
                else
                {
                    sb.Append(raw, i, end + 1 - i);
                    unknown = true;
                }

                i = end;
            }

            var value = sb.ToString();
            vars[name] = value;
            list.Add(unknown
                ? new EnvAssignment(name, value, file, li + 1, true, "it expands a variable of the user manager's environment, which a scan does not know")
                : new EnvAssignment(name, value, file, li + 1));
        }

        return list;
    }

    /// <summary>True for a valid environment variable name.</summary>
    public static bool IsName(ReadOnlySpan<char> s)
    {
        if (s.Length == 0 || !(char.IsAsciiLetter(s[0]) || s[0] == '_'))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    internal static List<string> SplitLines(string text, bool trimCr)
    {
        var lines = new List<string>(text.Split('\n'));
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (trimCr)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                lines[i] = lines[i].TrimEnd('\r');
            }
        }

        return lines;
    }

    private static bool IsAssignmentWord(string word)
    {
        var eq = word.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 && IsName(word.AsSpan(0, eq));
    }

    // Splits a line at unquoted ';', '&&', '||' and stops at an unquoted '#' that starts a word.
    private static List<(string Text, bool AfterAndOr)> SplitStatements(string line)
    {
        var result = new List<(string, bool)>();
        var afterAndOr = false;
        var sb = new StringBuilder();
        char quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                sb.Append(c);
                if (c == '\\' && quote == '"' && i + 1 < line.Length)
                {
                    sb.Append(line[++i]);
                }
                else if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            if (c == '\\' && i + 1 < line.Length)
            {
                sb.Append(c).Append(line[++i]);
                continue;
            }

            if (c == '\'' || c == '"')
            {
                quote = c;
                sb.Append(c);
                continue;
            }

            if (c == '#' && (sb.Length == 0 || char.IsWhiteSpace(sb[^1])))
            {
                break;
            }

            if (c == ';' || (c == '&' && i + 1 < line.Length && line[i + 1] == '&') || (c == '|' && i + 1 < line.Length && line[i + 1] == '|'))
            {
                result.Add((sb.ToString(), afterAndOr));
                sb.Clear();
                if (c != ';')
                {
                    i++;
                }

                // What follows && or || runs depending on what came before; after ';' only if the chain was already.
                afterAndOr = c != ';';

                continue;
            }

            sb.Append(c);
        }

        result.Add((sb.ToString(), afterAndOr));
        return result;
    }

    private readonly record struct ShellWord(string Text, bool Quoted);

    private static List<ShellWord> ShellWords(string statement, Dictionary<string, string> vars, out HashSet<int> dynamicWords)
    {
        var words = new List<ShellWord>();
        var dynamicSet = new HashSet<int>();
        dynamicWords = dynamicSet;
        var sb = new StringBuilder();
        var inWord = false;
        var quoted = false;
        var dynamic = false;
        var i = 0;
        void Flush()
        {
            if (inWord)
            {
                if (dynamic)
                {
                    dynamicSet.Add(words.Count);
                }

                words.Add(new ShellWord(sb.ToString(), quoted));
            }

            sb.Clear();
            inWord = false;
            quoted = false;
            dynamic = false;
        }

        while (i < statement.Length)
        {
            var c = statement[i];
            if (c == ' ' || c == '\t')
            {
                Flush();
                i++;
                continue;
            }

            inWord = true;
            if (c == '\'')
            {
                quoted = true;
                var end = statement.IndexOf('\'', i + 1);
                if (end < 0)
                {
                    end = statement.Length;
                }

                sb.Append(statement, i + 1, end - i - 1);
                i = end + 1;
                continue;
            }

            if (c == '"')
            {
                quoted = true;
                i++;
                while (i < statement.Length && statement[i] != '"')
                {
                    if (statement[i] == '\\' && i + 1 < statement.Length && "$`\"\\".Contains(statement[i + 1], StringComparison.Ordinal))
                    {
                        sb.Append(statement[i + 1]);
                        i += 2;
                        continue;
                    }

                    if (statement[i] == '$' || statement[i] == '`')
                    {
                        i = Expand(statement, i, sb, vars, ref dynamic);
                        continue;
                    }

                    sb.Append(statement[i]);
                    i++;
                }

                i++;
                continue;
            }

            if (c == '\\' && i + 1 < statement.Length)
            {
                sb.Append(statement[i + 1]);
                i += 2;
                continue;
            }

            if (c == '$' || c == '`')
            {
                i = Expand(statement, i, sb, vars, ref dynamic);
                continue;
            }

            sb.Append(c);
            i++;
        }

        Flush();
        return words;
    }

    // Expands $NAME or ${NAME} from known variables; anything else ($(…), `…`, ${X:-y}) is copied and flagged dynamic.
    private static int Expand(string s, int i, StringBuilder sb, Dictionary<string, string> vars, ref bool dynamic)
    {
        if (s[i] == '`')
        {
            var end = s.IndexOf('`', i + 1);
            end = end < 0 ? s.Length : end + 1;
            sb.Append(s, i, end - i);
            dynamic = true;
            return end;
        }

        if (i + 1 < s.Length && s[i + 1] == '{')
        {
            var close = s.IndexOf('}', i + 2);
            if (close > 0)
            {
                var name = s.Substring(i + 2, close - i - 2);
                if (IsName(name.AsSpan()) && vars.TryGetValue(name, out var v))
                {
                    sb.Append(v);
                }
                else
                {
                    sb.Append(s, i, close + 1 - i);
                    dynamic = true;
                }

                return close + 1;
            }
        }

        var j = i + 1;
        while (j < s.Length && (char.IsAsciiLetterOrDigit(s[j]) || s[j] == '_'))
        {
            j++;
        }

        if (j > i + 1 && IsName(s.AsSpan(i + 1, j - i - 1)))
        {
            var name = s.Substring(i + 1, j - i - 1);
            if (vars.TryGetValue(name, out var v))
            {
                sb.Append(v);
            }
            else
            {
                sb.Append(s, i, j - i);
                dynamic = true;
            }

            return j;
        }

        if (j < s.Length && s[j] == '(')
        {
            // $(command): copied as written (balanced parentheses), never run.
            var depth = 0;
            var k = j;
            for (; k < s.Length; k++)
            {
                if (s[k] == '(')
                {
                    depth++;
                }
                else if (s[k] == ')' && --depth == 0)
                {
                    break;
                }
            }

            var end = Math.Min(k + 1, s.Length);
            sb.Append(s, i, end - i);
            dynamic = true;
            return end;
        }

        sb.Append('$');
        return i + 1;
    }

    private static List<string> SystemdWords(string value)
    {
        var words = new List<string>();
        var sb = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == ' ' || c == '\t')
            {
                if (inWord)
                {
                    words.Add(sb.ToString());
                    sb.Clear();
                    inWord = false;
                }

                continue;
            }

            inWord = true;
            if (c == '"' || c == '\'')
            {
                var q = c;
                i++;
                while (i < value.Length && value[i] != q)
                {
                    if (value[i] == '\\' && i + 1 < value.Length)
                    {
                        i++;
                        sb.Append(value[i] switch { 'n' => '\n', 't' => '\t', _ => value[i] });
                    }
                    else
                    {
                        sb.Append(value[i]);
                    }

                    i++;
                }

                continue;
            }

            if (c == '\\' && i + 1 < value.Length)
            {
                sb.Append(value[++i]);
                continue;
            }

            sb.Append(c);
        }

        if (inWord)
        {
            words.Add(sb.ToString());
        }

        return words;
    }
}
