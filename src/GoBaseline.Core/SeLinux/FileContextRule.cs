using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using GoBaseline.Core.Host;
using GoBaseline.Core.Host.Native;

namespace GoBaseline.Core.SeLinux;

/// <summary>
/// One line of a file_contexts file: "pathname-regex [file-type] context". It mirrors libselinux's struct spec
/// (label_file.h): the anchored regex, the file type qualifier, the stem (the literal first path component, used to
/// skip rules quickly) and whether it has meta characters (exact paths are checked before regexes).
/// </summary>
public sealed class FileContextRule
{
    // The characters spec_hasMetaChars and get_stem_from_spec treat as regex meta characters.
    private const string MetaChars = ".^$?*+|[({";

    private Regex? _regex;
    private string[] _requiredLiterals = Array.Empty<string>();
    private GoBaseline.SeLinuxContext? _parsedContext;
    private bool _contextParsed;

    internal FileContextRule(string spec, string? typeQualifier, UnixFileKind mode, string context, string file, int line, int inputOrder)
    {
        Spec = spec;
        TypeQualifier = typeQualifier;
        Mode = mode;
        Context = context;
        File = file;
        Line = line;
        InputOrder = inputOrder;
        HasMetaChars = ComputeHasMetaChars(spec);
        Stem = ComputeStem(spec);
        Classify();
    }

    /// <summary>The path regex as written (not anchored).</summary>
    public string Spec { get; }

    /// <summary>The file type qualifier as written (--, -d, -l, -c, -b, -s, -p), or null.</summary>
    public string? TypeQualifier { get; }

    /// <summary>The file type the rule is limited to; Unknown (0) when it applies to every type.</summary>
    public UnixFileKind Mode { get; }

    /// <summary>The context, or "&lt;&lt;none&gt;&gt;".</summary>
    public string Context { get; }

    /// <summary>True for "&lt;&lt;none&gt;&gt;": the path must never be relabelled and the lookup answers ENOENT.</summary>
    public bool IsNone => Context == "<<none>>";

    /// <summary>The file the rule was read from (path inside the root).</summary>
    public string File { get; }

    /// <summary>The 1-based line number.</summary>
    public int Line { get; }

    /// <summary>The rule's position in load order (file_contexts, then .homedirs, then .local).</summary>
    public int InputOrder { get; }

    /// <summary>The rule's position after libselinux's sort_specs: regexes first, exact paths last, each in input order.</summary>
    public int SortedOrder { get; internal set; }

    /// <summary>True when the spec has an unescaped regex meta character (spec_hasMetaChars).</summary>
    public bool HasMetaChars { get; }

    /// <summary>The stem ("/usr" of "/usr/bin/.*"), null when the first component is not literal (get_stem_from_spec).</summary>
    public string? Stem { get; }

    /// <summary>The literal text every matching path starts with (the trie key); empty when nothing is certain.</summary>
    internal string LiteralPrefix { get; private set; } = string.Empty;

    private FastKind Kind { get; set; }

    /// <summary>The parsed context (null for &lt;&lt;none&gt;&gt; or an unparsable one).</summary>
    public GoBaseline.SeLinuxContext? ParsedContext
    {
        get
        {
            if (!_contextParsed)
            {
                _parsedContext = IsNone ? null : (GoBaseline.SeLinuxContext.TryParse(Context, out var c) ? c : null);
                _contextParsed = true;
            }

            return _parsedContext;
        }
    }

    private enum FastKind
    {
        Regex,
        Exact,
        PrefixOptionalSubtree,
        PrefixAnything,
    }

    /// <summary>
    /// True when the anchored regex "^spec$" matches the path, exactly as PCRE2 with PCRE2_DOTALL on the path's bytes.
    /// <paramref name="path"/> holds one char per byte (Latin-1 view of the UTF-8 path).
    /// </summary>
    internal bool IsMatch(string path)
    {
        // Common spec shapes are answered without the regex engine. A path ending in a newline goes to the regex,
        // because PCRE2's "$" also matches before a final newline.
        if (Kind != FastKind.Regex && (path.Length == 0 || path[^1] != '\n'))
        {
            var p = LiteralPrefix;
            switch (Kind)
            {
                case FastKind.Exact:
                    return string.Equals(path, p, StringComparison.Ordinal);
                case FastKind.PrefixOptionalSubtree:
                    return path.StartsWith(p, StringComparison.Ordinal) && (path.Length == p.Length || path[p.Length] == '/');
                case FastKind.PrefixAnything:
                    return path.StartsWith(p, StringComparison.Ordinal);
            }
        }

        // Literal runs that every match must contain rule most candidates out before the regex engine runs.
        foreach (var literal in _requiredLiterals)
        {
            if (path.IndexOf(literal, LiteralPrefix.Length, StringComparison.Ordinal) < 0)
            {
                return false;
            }
        }

        return GetRegex().IsMatch(path);
    }

    /// <summary>The compiled anchored regex (compiled on first use, as libselinux does).</summary>
    internal Regex GetRegex()
    {
        if (_regex is null)
        {
            try
            {
                // Compiled: a rule that is reached at all is usually reached for many paths of a tree scan, and
                // compiled matching is several times faster than the interpreter. No timeout: the patterns come
                // from the installed policy, as they do for libselinux.
                _regex = new Regex("^" + PcreTranslator.Translate(Spec) + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant | RegexOptions.Compiled);
            }
            catch (ArgumentException ex)
            {
                throw new ParseException(ErrorIds.SeLinuxRegexInvalid, new SourcePosition(File, Line, 1), $"'{Spec}' is not a valid regular expression: {ex.Message}", ex);
            }
        }

        return _regex;
    }

    /// <inheritdoc/>
    public override string ToString() => Spec + (TypeQualifier is null ? string.Empty : "\t" + TypeQualifier) + "\t" + Context;

    private static bool ComputeHasMetaChars(string spec)
    {
        for (var i = 0; i < spec.Length; i++)
        {
            var c = spec[i];
            if (c == '\\')
            {
                i++;
                continue;
            }

            if (MetaChars.Contains(c, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string? ComputeStem(string spec)
    {
        if (spec.Length < 2)
        {
            return null;
        }

        var slash = spec.IndexOf('/', 1);
        if (slash < 0)
        {
            return null;
        }

        for (var i = 0; i < slash; i++)
        {
            if (MetaChars.Contains(spec[i], StringComparison.Ordinal))
            {
                return null;
            }
        }

        return spec.Substring(0, slash);
    }

    /// <summary>The path's stem as find_stem_from_file computes it ("/usr" of "/usr/bin/ls"), null for "/x".</summary>
    internal static string? PathStem(string path)
    {
        if (path.Length < 2)
        {
            return null;
        }

        var slash = path.IndexOf('/', 1);
        return slash < 0 ? null : path.Substring(0, slash);
    }

    // Works out the literal prefix every match must start with and whether the spec has one of the shapes that need
    // no regex engine. Anything doubtful falls back to the regex with an empty (always true) prefix.
    private void Classify()
    {
        Kind = FastKind.Regex;
        if (HasTopLevelAlternation(Spec))
        {
            LiteralPrefix = string.Empty;
            return;
        }

        var sb = new StringBuilder();
        var i = 0;
        for (; i < Spec.Length; i++)
        {
            var c = Spec[i];
            if (c == '\\')
            {
                if (i + 1 < Spec.Length && !char.IsAsciiLetterOrDigit(Spec[i + 1]))
                {
                    sb.Append(Spec[i + 1]);
                    i++;
                    continue;
                }

                break;
            }

            if (MetaChars.Contains(c, StringComparison.Ordinal) || c == ')' || c == ']' || c == '}')
            {
                break;
            }

            sb.Append(c);
        }

        var rest = Spec.Substring(i);
        if (rest.Length > 0 && (rest[0] == '?' || rest[0] == '*' || rest[0] == '{' || rest[0] == '\\'))
        {
            // A quantifier binds to the prefix's last character, which is therefore not certain; an escape such as
            // \d is not a literal either.
            if (sb.Length > 0 && rest[0] != '\\')
            {
                sb.Length--;
            }

            LiteralPrefix = sb.ToString();
            return;
        }

        LiteralPrefix = sb.ToString();
        _requiredLiterals = RequiredLiterals(rest);
        Kind = rest switch
        {
            "" => FastKind.Exact,
            "(/.*)?" => FastKind.PrefixOptionalSubtree,
            ".*" => FastKind.PrefixAnything,
            _ => FastKind.Regex,
        };
    }

    // The literal runs outside any group, class or optional piece: without top-level alternation each of them must
    // appear in every match (after the prefix). Runs shorter than two characters are not worth a search.
    private static string[] RequiredLiterals(string rest)
    {
        var runs = new List<string>();
        var run = new StringBuilder();
        var depth = 0;
        void Flush()
        {
            if (run.Length >= 2 && depth == 0)
            {
                runs.Add(run.ToString());
            }

            run.Clear();
        }

        for (var i = 0; i < rest.Length; i++)
        {
            var c = rest[i];
            if (c == '\\')
            {
                if (i + 1 < rest.Length && !char.IsAsciiLetterOrDigit(rest[i + 1]))
                {
                    if (depth == 0)
                    {
                        if (i + 2 < rest.Length && rest[i + 2] is '?' or '*' or '{')
                        {
                            Flush();
                        }
                        else
                        {
                            run.Append(rest[i + 1]);
                        }
                    }

                    i++;
                    continue;
                }

                Flush();
                i++;
                continue;
            }

            switch (c)
            {
                case '(':
                    Flush();
                    depth++;
                    continue;
                case ')':
                    depth--;
                    run.Clear();
                    continue;
                case '[':
                    Flush();
                    // Skip the class: "[]…]" and "[^]…]" start with a literal ']'.
                    i++;
                    if (i < rest.Length && rest[i] == '^')
                    {
                        i++;
                    }

                    if (i < rest.Length && rest[i] == ']')
                    {
                        i++;
                    }

                    while (i < rest.Length && rest[i] != ']')
                    {
                        if (rest[i] == '\\')
                        {
                            i++;
                        }

                        i++;
                    }

                    continue;
                case '?' or '*' or '{':
                    // The quantifier makes the run's last character optional.
                    if (run.Length > 0)
                    {
                        run.Length--;
                    }

                    Flush();
                    continue;
                case '.' or '^' or '$' or '|' or '+' or '}' or ']':
                    Flush();
                    continue;
            }

            if (depth == 0)
            {
                if (i + 1 < rest.Length && rest[i + 1] is '?' or '*' or '{')
                {
                    Flush();
                    continue;
                }

                run.Append(c);
            }
        }

        Flush();
        return runs.ToArray();
    }

    private static bool HasTopLevelAlternation(string spec)
    {
        var depth = 0;
        var inClass = false;
        for (var i = 0; i < spec.Length; i++)
        {
            var c = spec[i];
            if (c == '\\')
            {
                i++;
                continue;
            }

            if (inClass)
            {
                if (c == ']')
                {
                    inClass = false;
                }

                continue;
            }

            switch (c)
            {
                case '[':
                    inClass = true;
                    // "[]" and "[^]" start with a literal ']'.
                    if (i + 1 < spec.Length && spec[i + 1] == '^')
                    {
                        i++;
                    }

                    if (i + 1 < spec.Length && spec[i + 1] == ']')
                    {
                        i++;
                    }

                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case '|' when depth <= 0:
                    return true;
            }
        }

        return false;
    }
}
