using System;
using System.Collections.Generic;
using System.Text;

namespace GoBaseline.Core.Audit;

/// <summary>One control setting of a line (-D, -b, -e ...).</summary>
internal sealed record AuditControl(GoBaseline.AuditControlOption Option, string? Value, string Text);

/// <summary>One parsed, non-blank, non-comment line of a rules file.</summary>
internal sealed class ParsedAuditLine
{
    public ParsedAuditLine(string? file, int line, string sourceText)
    {
        File = file;
        Line = line;
        SourceText = sourceText;
    }

    public string? File { get; }

    public int Line { get; }

    public string SourceText { get; }

    /// <summary>The rule for -a/-A/-d/-w/-W lines.</summary>
    public KernelRule? Rule { get; set; }

    public GoBaseline.AuditRuleOperation Operation { get; set; }

    /// <summary>True when the rule was given as -w/-W.</summary>
    public bool WrittenAsWatch { get; set; }

    public List<AuditControl> Controls { get; } = new();

    public List<string> Warnings { get; } = new();

    /// <summary>True for a line auditctl accepts and then ignores (the deprecated "possible" action).</summary>
    public bool Ignored { get; set; }
}

/// <summary>
/// The auditctl rule grammar, emulated option by option from auditctl 3.0.9 (setopt, audit_rule_fieldpair_data and
/// friends) so that a rule builds exactly the kernel rule auditctl would send. Pure and total: any text gives lines
/// or a <see cref="ParseException"/> with file, line and column.
/// </summary>
internal static class AuditRuleParser
{
    /// <summary>auditctl reads lines with fgets into a 6144-byte buffer.</summary>
    public const int MaxLineBytes = 6143;

    private const int FilterUnset = 0x80;
    private const int FilterPrepend = 0x10;
    private const int FilterMask = 0x07;
    private const int FilterUser = 0, FilterTask = 1, FilterExit = 4, FilterExclude = 5, FilterFs = 6, FilterUring = 7;
    private const uint PermRead = 4, PermWrite = 2, PermExec = 1, PermAttr = 8;
    private const int MaxFields = 64;
    private const int MaxKeyLength = 256;
    private const int PathMax = 4096;
    private const int AfMax = 46;

    /// <summary>The kernel's AUDIT_COMPARE_* numbers, with the names auditctl -l prints, in numeric order.</summary>
    internal static readonly (string Left, string Right)[] Comparisons =
    {
        (string.Empty, string.Empty), ("uid", "obj_uid"), ("gid", "obj_gid"), ("euid", "obj_uid"), ("egid", "obj_gid"), ("auid", "obj_uid"),
        ("suid", "obj_uid"), ("sgid", "obj_gid"), ("fsuid", "obj_uid"), ("fsgid", "obj_gid"), ("uid", "auid"), ("uid", "euid"),
        ("uid", "fsuid"), ("uid", "suid"), ("auid", "fsuid"), ("auid", "suid"), ("auid", "euid"), ("euid", "suid"), ("euid", "fsuid"),
        ("suid", "fsuid"), ("gid", "egid"), ("gid", "fsgid"), ("gid", "sgid"), ("egid", "fsgid"), ("egid", "sgid"), ("sgid", "fsgid"),
    };

    private static readonly string[] LongOptions = { "loginuid-immutable", "backlog_wait_time", "reset-lost", "reset_backlog_wait_time_actual", "signal" };

    /// <summary>Parses a whole rules text. The first bad line throws; nothing of the text is returned then.</summary>
    public static List<ParsedAuditLine> ParseText(string text, string? file, IAuditRuleEnvironment env)
    {
        var result = new List<ParsedAuditLine>();
        var lineNo = 0;
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            var line = end < 0 ? text.Substring(start) : text.Substring(start, end - start);
            start = end < 0 ? text.Length : end + 1;
            lineNo++;
            var parsed = ParseLine(line, file, lineNo, env);
            if (parsed is not null)
            {
                result.Add(parsed);
            }
        }

        return result;
    }

    /// <summary>Parses one line; null for blank and comment lines.</summary>
    public static ParsedAuditLine? ParseLine(string line, string? file, int lineNo, IAuditRuleEnvironment env)
    {
        // C strings end at the first NUL.
        var nul = line.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            line = line.Substring(0, nul);
        }

        if (Encoding.UTF8.GetByteCount(line) > MaxLineBytes)
        {
            throw new ParseException(ErrorIds.AuditRuleParseError, new SourcePosition(file, lineNo, 1), $"the line is longer than auditctl's {MaxLineBytes}-byte line buffer.");
        }

        var idx = 0;
        while (idx < line.Length && line[idx] == ' ')
        {
            idx++;
        }

        if (idx == line.Length)
        {
            return null;
        }

        var tokens = Tokenize(line);
        if (tokens.Count == 0)
        {
            return null;
        }

        if (tokens[0].Text.Length > 0 && tokens[0].Text[0] == '#')
        {
            return null;
        }

        var state = new LineState(file, lineNo, line, env);
        return state.Run(tokens);
    }

    /// <summary>The argument vector a rules line stands for (escapes resolved), for running the same rule with auditctl.</summary>
    internal static IReadOnlyList<string> Arguments(string line)
    {
        var list = new List<string>();
        foreach (var t in Tokenize(line))
        {
            list.Add(PostProcess(t.Text));
        }

        return list;
    }

    /// <summary>auditctl's preprocess, audit_strsplit and postprocess: split at spaces, "\ " is a space, "\\" a backslash.</summary>
    private static List<Token> Tokenize(string line)
    {
        var buf = line.ToCharArray();
        var esc = false;
        for (var i = 0; i < buf.Length; i++)
        {
            if (buf[i] == '\\' && !esc)
            {
                esc = true;
            }
            else if (esc)
            {
                if (buf[i] == ' ')
                {
                    buf[i] = '\u0007';
                    buf[i - 1] = '\u0007';
                }
                else if (buf[i] == '\\')
                {
                    buf[i] = '\u0004';
                    buf[i - 1] = '\u0004';
                }

                esc = false;
            }
        }

        // fields = malloc((strlen(buf)/3 + 3) pointers): auditctl silently drops tokens past that.
        var limit = (Encoding.UTF8.GetByteCount(line) / 3) + 3 - 1;
        var tokens = new List<Token>();
        var pos = 0;
        var count = 1;
        while (pos < buf.Length)
        {
            while (pos < buf.Length && buf[pos] == ' ')
            {
                pos++;
            }

            if (pos >= buf.Length)
            {
                break;
            }

            var startPos = pos;
            while (pos < buf.Length && buf[pos] != ' ')
            {
                pos++;
            }

            if (tokens.Count > 0 && count >= limit)
            {
                break;
            }

            var raw = new string(buf, startPos, pos - startPos);
            tokens.Add(new Token(tokens.Count == 0 ? raw : PostProcess(raw), startPos + 1));
            count++;
        }

        return tokens;
    }

    private static string PostProcess(string s)
    {
        var sb = new StringBuilder(s.Length);
        var i = 0;
        while (i < s.Length)
        {
            if (s[i] == '\u0007')
            {
                sb.Append(' ');
                i += 2;
                continue;
            }

            if (s[i] == '\u0004')
            {
                sb.Append('\\');
                i += 2;
                continue;
            }

            sb.Append(s[i]);
            i++;
        }

        return sb.ToString();
    }

    /// <summary>C strtoul/strtol with base 0 as auditctl calls them, truncated to the 32-bit rule value.</summary>
    internal static uint CNumber(string s, bool signed)
    {
        var i = 0;
        while (i < s.Length && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')))
        {
            i++;
        }

        var negative = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            negative = s[i] == '-';
            i++;
        }

        var radix = 10;
        if (i < s.Length && s[i] == '0')
        {
            if (i + 2 < s.Length + 0 && i + 1 < s.Length && (s[i + 1] == 'x' || s[i + 1] == 'X') && i + 2 < s.Length && IsHex(s[i + 2]))
            {
                radix = 16;
                i += 2;
            }
            else
            {
                radix = 8;
            }
        }

        ulong value = 0;
        var overflow = false;
        for (; i < s.Length; i++)
        {
            var d = Digit(s[i]);
            if (d < 0 || d >= radix)
            {
                break;
            }

            if (value > (ulong.MaxValue - (ulong)d) / (ulong)radix)
            {
                overflow = true;
            }
            else
            {
                value = (value * (ulong)radix) + (ulong)d;
            }
        }

        if (signed)
        {
            // strtol: saturates at LONG_MIN/LONG_MAX.
            if (overflow || (!negative && value > long.MaxValue) || (negative && value > 1UL << 63))
            {
                return negative ? 0u : uint.MaxValue;
            }

            var v = negative ? unchecked(-(long)value) : (long)value;
            return unchecked((uint)v);
        }

        if (overflow)
        {
            return uint.MaxValue;
        }

        return unchecked((uint)(negative ? (ulong)(-(long)value) : value));
    }

    private static bool IsHex(char c) => Digit(c) is >= 0 and < 16;

    private static int Digit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'z' => c - 'a' + 10,
        >= 'A' and <= 'Z' => c - 'A' + 10,
        _ => -1,
    };

    internal static bool IsDigit(string s, int at = 0) => at < s.Length && s[at] >= '0' && s[at] <= '9';

    private readonly record struct Token(string Text, int Column);

    private sealed class LineState
    {
        private readonly string? _file;
        private readonly int _lineNo;
        private readonly string _line;
        private readonly IAuditRuleEnvironment _env;
        private readonly KernelRule _rule = new();
        private readonly ParsedAuditLine _result;
        private int _add = FilterUnset;
        private int _del = FilterUnset;
        private int _action = -1;
        private int _multiple;
        private bool _exclude;
        private bool _syscallAdded;
        private bool _permAdded;
        private bool _exeAdded;
        private bool _filterFsAdded;
        private uint _elf;
        private string _key = string.Empty;
        private int _column;
        private bool _ruleOption;
        private bool _controlOption;

        public LineState(string? file, int lineNo, string line, IAuditRuleEnvironment env)
        {
            _file = file;
            _lineNo = lineNo;
            _line = line;
            _env = env;
            _result = new ParsedAuditLine(file, lineNo, line);
        }

        private ParseException Error(string message, int? column = null) =>
            new(ErrorIds.AuditRuleParseError, new SourcePosition(_file, _lineNo, column ?? _column), message);

        public ParsedAuditLine? Run(List<Token> tokens)
        {
            var count = tokens.Count + 1;
            var nonOptions = new List<Token>();
            var status = 0;
            var i = 0;
            var optionsSeen = false;
            var stop = false;
            while (i < tokens.Count && !stop)
            {
                var tok = tokens[i];
                var t = tok.Text;
                if (t == "--")
                {
                    i++;
                    while (i < tokens.Count)
                    {
                        nonOptions.Add(tokens[i++]);
                    }

                    break;
                }

                if (t.Length < 2 || t[0] != '-')
                {
                    nonOptions.Add(tok);
                    i++;
                    continue;
                }

                optionsSeen = true;
                if (t.StartsWith("--", StringComparison.Ordinal))
                {
                    _column = tok.Column;
                    var body = t.Substring(2);
                    string? inline = null;
                    var eq = body.IndexOf('=', StringComparison.Ordinal);
                    if (eq >= 0)
                    {
                        inline = body.Substring(eq + 1);
                        body = body.Substring(0, eq);
                    }

                    var name = MatchLong(body) ?? throw Error($"option {t} is invalid.");
                    string? arg = null;
                    if (name is "backlog_wait_time" or "signal")
                    {
                        if (inline is not null)
                        {
                            arg = inline;
                        }
                        else if (i + 1 < tokens.Count)
                        {
                            arg = tokens[++i].Text;
                        }
                        else
                        {
                            throw Error($"option {t} needs a value.");
                        }
                    }
                    else if (inline is not null)
                    {
                        throw Error($"option --{name} takes no value.");
                    }

                    i++;
                    var r = LongOption(name, arg);
                    if (r == Outcome.ReturnNow)
                    {
                        return Finish(status, skipTrailingCheck: true);
                    }

                    if (r == Outcome.StopLoop)
                    {
                        stop = true;
                    }

                    continue;
                }

                // A cluster of short options, "-Farch=b64" style arguments included.
                var pos = 1;
                var consumedNext = false;
                while (pos < t.Length)
                {
                    var c = t[pos];
                    _column = tok.Column + pos;
                    var takesArg = "CefrbaAdSFmRwWkpq".Contains(c, StringComparison.Ordinal);
                    var known = takesArg || "hicslDvt".Contains(c, StringComparison.Ordinal);
                    if (!known)
                    {
                        throw Error($"option -{c} is invalid.");
                    }

                    string? arg = null;
                    var argColumn = _column;
                    if (takesArg)
                    {
                        if (pos + 1 < t.Length)
                        {
                            arg = t.Substring(pos + 1);
                            argColumn = tok.Column + pos + 1;
                        }
                        else if (i + 1 < tokens.Count)
                        {
                            arg = tokens[i + 1].Text;
                            argColumn = tokens[i + 1].Column;
                            consumedNext = true;
                        }
                        else
                        {
                            throw Error($"option -{c} needs a value.");
                        }
                    }

                    var optionIndexAfter = consumedNext ? i + 2 : i + 1;
                    var outcome = ShortOption(c, arg, argColumn, tokens, count, optionIndexAfter, ref count);
                    if (outcome == Outcome.ReturnNow)
                    {
                        return Finish(status, skipTrailingCheck: true);
                    }

                    if (outcome == Outcome.Rule)
                    {
                        status = 1;
                    }
                    else if (outcome == Outcome.StopLoop)
                    {
                        stop = true;
                        if (c == 'D' && count == 2 && tokens.Count == 3)
                        {
                            // "-D -k key": the key is consumed by -D itself.
                            i = tokens.Count;
                        }
                    }

                    if (takesArg || stop)
                    {
                        break;
                    }

                    pos++;
                }

                if (i < tokens.Count)
                {
                    i = consumedNext ? i + 2 : i + 1;
                }
            }

            if (!optionsSeen)
            {
                _column = tokens[0].Column;
                throw Error("the line has no option (every rule line starts with an auditctl option such as -a or -w).");
            }

            // GNU getopt moves non-options to the end; auditctl then refuses them.
            if (stop)
            {
                while (i < tokens.Count)
                {
                    nonOptions.Add(tokens[i++]);
                }
            }

            if (nonOptions.Count > 0)
            {
                throw Error($"parameter '{nonOptions[0].Text}' passed without an option given.", nonOptions[0].Column);
            }

            return Finish(status, skipTrailingCheck: false);
        }

        private ParsedAuditLine? Finish(int status, bool skipTrailingCheck)
        {
            _ = skipTrailingCheck;
            if (_result.Ignored)
            {
                return _result;
            }

            if (_ruleOption && _controlOption)
            {
                throw Error("a line must either build a rule or make control settings, not both.", 1);
            }

            // "See if we were adding a key": all keys (-k and -F key=) become one field at the end.
            if (_key.Length > 0)
            {
                if (!(_syscallAdded || _permAdded || _exeAdded || _filterFsAdded))
                {
                    throw Error("a key needs a watch, a syscall, a perm, an exe or an fstype before it.", 1);
                }

                if (_rule.Fields.Count >= MaxFields - 1)
                {
                    throw Error("too many fields in the rule.", 1);
                }

                _rule.Fields.Add(new KernelField(AuditTables.FilterKey, AuditTables.OpEqual, (uint)Encoding.UTF8.GetByteCount(_key), _key));
            }

            if (status > 0)
            {
                var add = _add != FilterUnset;
                var list = (add ? _add : _del) & FilterMask;
                if (list != FilterTask && !_syscallAdded)
                {
                    _rule.SetAllSyscalls();
                }

                _rule.List = list;
                _rule.Action = (uint)_action;
                _result.Rule = _rule;
                _result.Operation = add ? ((_add & FilterPrepend) != 0 ? GoBaseline.AuditRuleOperation.Prepend : GoBaseline.AuditRuleOperation.Append) : GoBaseline.AuditRuleOperation.Delete;
                return _result;
            }

            if (_syscallAdded)
            {
                throw Error("no list specified (-a, -A or -d) for the syscall rule.", 1);
            }

            if (_result.Controls.Count == 0)
            {
                throw Error("the line builds no rule and makes no setting.", 1);
            }

            return _result;
        }

        private static string? MatchLong(string body)
        {
            if (body.Length == 0)
            {
                return null;
            }

            string? found = null;
            foreach (var name in LongOptions)
            {
                if (name == body)
                {
                    return name;
                }

                if (name.StartsWith(body, StringComparison.Ordinal))
                {
                    if (found is not null)
                    {
                        return null;
                    }

                    found = name;
                }
            }

            return found;
        }

        private enum Outcome
        {
            Continue,
            Rule,
            StopLoop,
            ReturnNow,
        }

        private Outcome LongOption(string name, string? arg)
        {
            _controlOption = true;
            switch (name)
            {
                case "loginuid-immutable":
                    _result.Controls.Add(new AuditControl(GoBaseline.AuditControlOption.LoginUidImmutable, null, "--loginuid-immutable"));
                    return Outcome.ReturnNow;
                case "backlog_wait_time":
                    if (!IsDigit(arg!))
                    {
                        throw Error($"backlog_wait_time must be a numeric value, was {arg}.");
                    }

                    _result.Controls.Add(new AuditControl(GoBaseline.AuditControlOption.BacklogWaitTime, arg, "--backlog_wait_time " + arg));
                    return Outcome.Continue;
                case "signal":
                    _result.Controls.Add(new AuditControl(GoBaseline.AuditControlOption.Other, "--signal " + arg, "--signal " + arg));
                    return Outcome.Continue;
                default:
                    _result.Controls.Add(new AuditControl(GoBaseline.AuditControlOption.Other, "--" + name, "--" + name));
                    return Outcome.ReturnNow;
            }
        }

        private Outcome ShortOption(char c, string? arg, int argColumn, List<Token> tokens, int originalCount, int nextIndex, ref int count)
        {
            _ = originalCount;
            switch (c)
            {
                case 'h':
                    throw Error("-h (help) is not a rule.");
                case 'i':
                    _controlOption = true;
                    _result.Controls.Add(new AuditControl(GoBaseline.AuditControlOption.IgnoreErrors, null, "-i"));
                    return Outcome.StopLoop;
                case 'c':
                    _controlOption = true;
                    _result.Controls.Add(new AuditControl(GoBaseline.AuditControlOption.ContinueOnError, null, "-c"));
                    return Outcome.StopLoop;
                case 's':
                case 'l':
                case 'v':
                    _controlOption = true;
                    _result.Controls.Add(new AuditControl(GoBaseline.AuditControlOption.Other, "-" + c, "-" + c));
                    return c == 's' ? Outcome.Continue : Outcome.StopLoop;
                case 't':
                    _controlOption = true;
                    _result.Controls.Add(new AuditControl(GoBaseline.AuditControlOption.Other, "-t", "-t"));
                    return Outcome.ReturnNow;
                case 'm':
                    _controlOption = true;
                    if (count > 3)
                    {
                        throw Error("the -m option must be the only option and takes 1 parameter.");
                    }

                    foreach (var ch in arg!)
                    {
                        if (ch < 32)
                        {
                            throw Error("illegal character in the user message.", argColumn);
                        }
                    }

                    _result.Controls.Add(new AuditControl(GoBaseline.AuditControlOption.Other, "-m " + arg, "-m " + arg));
                    return Outcome.ReturnNow;
                case 'q':
                    _controlOption = true;
                    if (_syscallAdded)
                    {
                        throw Error("syscall auditing requested for make equivalent.");
                    }

                    var comma = arg!.IndexOf(',', StringComparison.Ordinal);
                    if (comma < 0 || comma == arg.Length - 1 || arg.IndexOf(',', comma + 1) >= 0)
                    {
                        throw Error("error parsing equivalent parts (-q mount,subtree).", argColumn);
                    }

                    _result.Controls.Add(new AuditControl(GoBaseline.AuditControlOption.Other, "-q " + arg, "-q " + arg));
                    return Outcome.ReturnNow;
                case 'R':
                    throw Error("nested rule files (-R) are not supported.");
                case 'e':
                case 'f':
                    _controlOption = true;
                    if (arg is not ("0" or "1" or "2"))
                    {
                        throw Error($"{(c == 'e' ? "enable" : "failure")} must be 0, 1, or 2, was {arg}.", argColumn);
                    }

                    _result.Controls.Add(new AuditControl(c == 'e' ? GoBaseline.AuditControlOption.Enabled : GoBaseline.AuditControlOption.FailureMode, arg, "-" + c + " " + arg));
                    return Outcome.Continue;
                case 'r':
                case 'b':
                    _controlOption = true;
                    if (!IsDigit(arg!))
                    {
                        throw Error($"{(c == 'r' ? "rate" : "backlog")} must be a numeric value, was {arg}.", argColumn);
                    }

                    _result.Controls.Add(new AuditControl(c == 'r' ? GoBaseline.AuditControlOption.RateLimit : GoBaseline.AuditControlOption.BacklogLimit, arg, "-" + c + " " + arg));
                    return Outcome.Continue;
                case 'D':
                    {
                        _controlOption = true;
                        if (count > 4 || count == 3)
                        {
                            throw Error("wrong number of options for the delete-all request (-D or -D -k key).");
                        }

                        string? key = null;
                        if (count == 4)
                        {
                            if (nextIndex < tokens.Count && tokens[nextIndex].Text == "-k" && tokens.Count == 3)
                            {
                                key = tokens[2].Text;
                                count -= 2;
                            }
                            else
                            {
                                throw Error("only the -k option is allowed with -D.");
                            }
                        }

                        _result.Controls.Add(new AuditControl(GoBaseline.AuditControlOption.DeleteAll, key, key is null ? "-D" : "-D -k " + key));
                        return Outcome.StopLoop;
                    }

                case 'a':
                case 'A':
                    _ruleOption = true;
                    if (arg!.Contains("task", StringComparison.Ordinal) && _syscallAdded)
                    {
                        throw Error("syscall auditing requested for the task list.", argColumn);
                    }

                    {
                        var rc = Setup(arg, ref _add);
                        if (rc == 3)
                        {
                            throw Error("multiple rule insert/delete operations are not allowed.");
                        }

                        if (rc == 2)
                        {
                            throw Error($"{(c == 'a' ? "append" : "add")} rule - bad keyword {arg}.", argColumn);
                        }

                        if (rc == 1)
                        {
                            _result.Ignored = true;
                            _result.Warnings.Add("the action 'possible' is deprecated; auditctl ignores this line.");
                            return Outcome.ReturnNow;
                        }

                        if (c == 'A')
                        {
                            _add |= FilterPrepend;
                        }
                    }

                    return Outcome.Rule;
                case 'd':
                    {
                        _ruleOption = true;
                        var rc = Setup(arg!, ref _del);
                        if (rc == 3)
                        {
                            throw Error("multiple rule insert/delete operations are not allowed.");
                        }

                        if (rc == 2)
                        {
                            throw Error($"delete rule - bad keyword {arg}.", argColumn);
                        }

                        if (rc == 1)
                        {
                            _result.Ignored = true;
                            _result.Warnings.Add("the action 'possible' is deprecated; auditctl ignores this line.");
                            return Outcome.ReturnNow;
                        }

                        return Outcome.Rule;
                    }

                case 'S':
                    _ruleOption = true;
                    Syscall(arg!, argColumn);
                    return Outcome.Continue;
                case 'F':
                    _ruleOption = true;
                    Field(arg!, argColumn);
                    return Outcome.Continue;
                case 'C':
                    _ruleOption = true;
                    Compare(arg!, argColumn);
                    return Outcome.Continue;
                case 'w':
                    _ruleOption = true;
                    if (_add != FilterUnset || _del != FilterUnset)
                    {
                        throw Error("the watch option can't be given with a syscall rule.");
                    }

                    _add = FilterExit;
                    _action = 2;
                    _syscallAdded = true;
                    Watch(arg!, argColumn);
                    return Outcome.Rule;
                case 'W':
                    _ruleOption = true;
                    _del = FilterExit;
                    _action = 2;
                    _syscallAdded = true;
                    Watch(arg!, argColumn);
                    return Outcome.Rule;
                case 'k':
                    _ruleOption = true;
                    if (!(_syscallAdded || _permAdded || _exeAdded || _filterFsAdded) || (_add == FilterUnset && _del == FilterUnset))
                    {
                        throw Error("the key option needs a watch or syscall given prior to it.");
                    }

                    AddKey(arg!, argColumn);
                    return Outcome.Continue;
                case 'p':
                    _ruleOption = true;
                    if (_add == FilterUnset && _del == FilterUnset)
                    {
                        throw Error("the permission option needs a watch given prior to it.");
                    }

                    Permissions(arg!, argColumn);
                    return Outcome.Continue;
                default:
                    throw Error($"option -{c} is invalid.");
            }
        }

        private static int LookupFilter(string s, ref int filter, ref bool exclude)
        {
            switch (s)
            {
                case "exit": filter = FilterExit; return 0;
                case "task": filter = FilterTask; return 0;
                case "user": filter = FilterUser; return 0;
                case "exclude": filter = FilterExclude; exclude = true; return 0;
                case "filesystem": filter = FilterFs; return 0;
                case "io_uring": filter = FilterUring; return 0;
                default: return 2;
            }
        }

        private static int LookupAction(string s, ref int action)
        {
            switch (s)
            {
                case "always": action = 2; return 0;
                case "never": action = 0; return 0;
                case "possible": return 1;
                default: return 2;
            }
        }

        /// <summary>audit_rule_setup: "list,action" or "action,list".</summary>
        private int Setup(string opt, ref int filter)
        {
            if (++_multiple != 1)
            {
                return 3;
            }

            var p = opt.IndexOf(',', StringComparison.Ordinal);
            if (p < 0 || opt.IndexOf(',', p + 1) >= 0)
            {
                return 2;
            }

            var first = opt.Substring(0, p);
            var second = opt.Substring(p + 1);
            if (LookupAction(first, ref _action) == 2)
            {
                var rc = LookupFilter(first, ref filter, ref _exclude);
                if (rc != 0)
                {
                    return rc;
                }
            }

            if (filter == FilterUnset)
            {
                LookupFilter(second, ref filter, ref _exclude);
            }
            else
            {
                var rc = LookupAction(second, ref _action);
                if (rc != 0)
                {
                    return rc;
                }
            }

            return filter == FilterUnset || _action == -1 ? 2 : 0;
        }

        private uint NativeElf => _env.Machine switch
        {
            "x86_64" => AuditTables.ElfX8664,
            var m => AuditTables.ElfByMachineName(m) ?? AuditTables.ElfX8664,
        };

        private void Syscall(string arg, int column)
        {
            var unknownArch = _elf == 0;
            var addList = _add & (FilterMask | FilterUnset);
            var delList = _del & (FilterMask | FilterUnset);
            if (addList == FilterTask || delList == FilterTask)
            {
                throw Error("syscall auditing being added to the task list.");
            }

            if (addList == FilterUser || delList == FilterUser)
            {
                throw Error("syscall auditing being added to the user list.");
            }

            if (addList == FilterFs || delList == FilterFs)
            {
                throw Error("syscall auditing being added to the filesystem list.");
            }

            if (_exclude)
            {
                throw Error("syscall auditing cannot be put on the exclude list.");
            }

            if (unknownArch)
            {
                _elf = NativeElf;
            }

            if (arg.Contains(',', StringComparison.Ordinal))
            {
                foreach (var name in arg.Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!SyscallByName(_rule, name, _elf))
                    {
                        throw Error($"syscall name unknown: {name}.", column + arg.IndexOf(name, StringComparison.Ordinal));
                    }
                }
            }
            else if (!SyscallByName(_rule, arg, _elf))
            {
                throw Error($"syscall name unknown: {arg}.", column);
            }

            _syscallAdded = true;
            if (unknownArch && _add != FilterUnset && _elf == AuditTables.ElfX8664)
            {
                // check_rule_mismatch: the same names in the 32-bit table give another mask.
                var probe = new KernelRule();
                foreach (var name in arg.Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    SyscallByName(probe, name, AuditTables.ElfI386);
                }

                if (!probe.Mask.AsSpan().SequenceEqual(_rule.Mask))
                {
                    _result.Warnings.Add("32/64 bit syscall mismatch, you should specify an arch.");
                }
            }
        }

        private static bool SyscallByName(KernelRule rule, string name, uint elf)
        {
            if (name == "all")
            {
                rule.SetAllSyscalls();
                return true;
            }

            var nr = AuditTables.SyscallByName(elf, name);
            if (nr < 0 && IsDigit(name))
            {
                nr = unchecked((int)CNumber(name, signed: true));
            }

            return nr >= 0 && rule.SetSyscall(nr);
        }

        private void AddKey(string value, int column)
        {
            var len = Encoding.UTF8.GetByteCount(value);
            var have = Encoding.UTF8.GetByteCount(_key);
            if (len + have + (have > 0 ? 1 : 0) > MaxKeyLength)
            {
                throw Error("the key exceeds the 256-byte size limit.", column);
            }

            if (value.Contains('\u0001', StringComparison.Ordinal))
            {
                _result.Warnings.Add($"key {value} has an illegal character (0x01).");
            }

            if (have > 0)
            {
                _key += "\u0001";
            }

            _key += value;
        }

        private void Watch(string path, int column)
        {
            if (Encoding.UTF8.GetByteCount(path) >= PathMax)
            {
                throw Error("the path passed for the watch is too big.", column);
            }

            if (path.Length == 0 || path[0] != '/')
            {
                throw Error("the watch path must start with '/'.", column);
            }

            var trimmedForBase = path.TrimEnd('/');
            var baseName = trimmedForBase.Length == 0 ? "/" : trimmedForBase.Substring(trimmedForBase.LastIndexOf('/') + 1);
            if (Encoding.UTF8.GetByteCount(baseName) > 255)
            {
                throw Error("the base name of the watch path is too big.", column);
            }

            if (path.Contains("..", StringComparison.Ordinal))
            {
                _result.Warnings.Add("relative path notation is not supported.");
            }

            if (path.Contains('*', StringComparison.Ordinal) || path.Contains('?', StringComparison.Ordinal))
            {
                _result.Warnings.Add("wildcard notation is not supported.");
            }

            if (path.Length > 2 && path[^1] == '/')
            {
                while (path.Length > 1 && path[^1] == '/')
                {
                    path = path.Substring(0, path.Length - 1);
                }
            }

            var type = _env.IsDirectory(path) ? AuditTables.Dir : AuditTables.Watch;
            if (_rule.Fields.Count > 0)
            {
                throw Error("the rule is not empty: a watch must come first.", column);
            }

            Array.Clear(_rule.Mask);
            _rule.SetAllSyscalls();
            _rule.Fields.Add(new KernelField(type, AuditTables.OpEqual, (uint)Encoding.UTF8.GetByteCount(path), path));
            _rule.Fields.Add(new KernelField(AuditTables.Perm, AuditTables.OpEqual, PermRead | PermWrite | PermExec | PermAttr, null));
            _permAdded = true;
            _result.WrittenAsWatch = true;
        }

        private static uint? PermBits(string s)
        {
            uint val = 0;
            foreach (var ch in s)
            {
                switch (ch)
                {
                    case 'r' or 'R': val |= PermRead; break;
                    case 'w' or 'W': val |= PermWrite; break;
                    case 'x' or 'X': val |= PermExec; break;
                    case 'a' or 'A': val |= PermAttr; break;
                    default: return null;
                }
            }

            return val;
        }

        private void Permissions(string opt, int column)
        {
            if (opt.Length > 4)
            {
                throw Error($"permission {opt} is too long.", column);
            }

            var val = PermBits(opt) ?? throw Error($"permission {opt} isn't supported (use r, w, x, a).", column);
            if (_rule.Fields.Count < 1)
            {
                throw Error("permissions should be preceded by other fields.", column);
            }

            var done = false;
            for (var i = 0; i < _rule.Fields.Count; i++)
            {
                if (_rule.Fields[i].Type == AuditTables.Perm)
                {
                    _rule.Fields[i] = _rule.Fields[i] with { Value = val };
                    done = true;
                }
            }

            if (!done)
            {
                if (_rule.Fields.Count >= MaxFields - 1)
                {
                    throw Error("too many fields when adding permissions.", column);
                }

                _rule.Fields.Add(new KernelField(AuditTables.Perm, AuditTables.OpEqual, val, null));
            }

            _permAdded = true;
        }

        private int CurrentFlags(bool requireList, int column)
        {
            if (_add != FilterUnset)
            {
                return _add & FilterMask;
            }

            if (_del != FilterUnset)
            {
                return _del & FilterMask;
            }

            if (requireList)
            {
                throw Error("the list must be given (-a, -A or -d) before a field.", column);
            }

            return FilterUnset;
        }

        private static readonly (string Symbol, uint Op)[] OperatorSearchOrder =
        {
            ("!=", AuditTables.OpNotEqual), (">=", AuditTables.OpGreaterEqual), ("<=", AuditTables.OpLessEqual), ("&=", AuditTables.OpBitTest),
            ("=", AuditTables.OpEqual), (">", AuditTables.OpGreaterThan), ("<", AuditTables.OpLessThan), ("&", AuditTables.OpBitMask),
        };

        private void Field(string pair, int column)
        {
            var flags = CurrentFlags(requireList: true, column);
            if (pair.StartsWith("key=", StringComparison.Ordinal))
            {
                AddKey(pair.Substring(4), column + 4);
                return;
            }

            if (_rule.Fields.Count >= MaxFields - 1)
            {
                throw Error("too many fields in the rule (64 at most).", column);
            }

            var at = -1;
            uint op = 0;
            var symbolLength = 0;
            foreach (var (symbol, code) in OperatorSearchOrder)
            {
                at = pair.IndexOf(symbol, StringComparison.Ordinal);
                if (at >= 0)
                {
                    op = code;
                    symbolLength = symbol.Length;
                    break;
                }
            }

            if (at < 0)
            {
                throw Error($"-F {pair}: the operator is missing (= != < > <= >= & &=).", column);
            }

            var name = pair.Substring(0, at);
            var v = pair.Substring(at + symbolLength);
            var valueColumn = column + at + symbolLength;
            if (name.Length == 0)
            {
                throw Error($"-F {pair}: the field name is missing.", column);
            }

            if (v.Length == 0)
            {
                throw Error($"-F {pair}: the value is missing.", valueColumn);
            }

            var field = AuditTables.FieldByName(name);
            if (field < 0)
            {
                throw Error($"-F {pair}: unknown field '{name}'.", column);
            }

            if (flags == FilterExclude)
            {
                // The kernel here has AUDIT_FEATURE_BITMAP_EXCLUDE_EXTEND (all kernels since 4.17).
                if (field is not (AuditTables.Pid or AuditTables.Uid or AuditTables.Gid or AuditTables.LoginUid or AuditTables.MsgType
                    or >= AuditTables.SubjUser and <= AuditTables.SubjClr or AuditTables.Exe))
                {
                    throw Error($"-F {name}: only msgtype, pid, uid, gid, auid, subj_* and exe can be used on the exclude list.", column);
                }
            }

            uint value;
            string? text = null;
            switch (field)
            {
                case AuditTables.Uid or AuditTables.Euid or AuditTables.Suid or AuditTables.Fsuid or AuditTables.LoginUid or AuditTables.ObjUid:
                    if (IsDigit(v))
                    {
                        value = CNumber(v, signed: false);
                    }
                    else if (v.Length >= 2 && v[0] == '-' && IsDigit(v, 1))
                    {
                        value = CNumber(v, signed: true);
                    }
                    else if (v == "unset")
                    {
                        value = uint.MaxValue;
                    }
                    else
                    {
                        value = _env.UserId(v) ?? throw Error($"unknown user: {v}.", valueColumn);
                    }

                    break;
                case AuditTables.Gid or AuditTables.Egid or AuditTables.Sgid or AuditTables.Fsgid or AuditTables.ObjGid:
                    value = IsDigit(v) ? CNumber(v, signed: true) : _env.GroupId(v) ?? throw Error($"unknown group: {v}.", valueColumn);
                    break;
                case AuditTables.Exit:
                    if (flags != FilterExit)
                    {
                        throw Error("the exit field can only be used on the exit list.", column);
                    }

                    if (IsDigit(v) || (v.Length >= 2 && v[0] == '-' && IsDigit(v, 1)))
                    {
                        value = CNumber(v, signed: true);
                    }
                    else
                    {
                        var minus = v[0] == '-';
                        var n = AuditTables.ErrnoByName(minus ? v.Substring(1) : v);
                        if (n == 0)
                        {
                            throw Error($"unknown errno name: {v}.", valueColumn);
                        }

                        value = unchecked((uint)(minus ? -n : n));
                    }

                    break;
                case AuditTables.MsgType:
                    if (flags != FilterExclude && flags != FilterUser)
                    {
                        throw Error("msgtype can only be used on the exclude or user list.", column);
                    }

                    if (IsDigit(v))
                    {
                        value = CNumber(v, signed: true);
                    }
                    else
                    {
                        var t = MessageType(v);
                        if (t <= 0)
                        {
                            throw Error($"unknown message type: {v}.", valueColumn);
                        }

                        value = (uint)t;
                    }

                    break;
                case >= AuditTables.ObjUser and <= AuditTables.ObjLevHigh or AuditTables.Watch or AuditTables.Dir
                    or >= AuditTables.SubjUser and <= AuditTables.SubjClr or AuditTables.FilterKey or AuditTables.Exe:
                    if (field is >= AuditTables.ObjUser and <= AuditTables.ObjLevHigh or AuditTables.Watch or AuditTables.Dir)
                    {
                        if (flags != FilterExit)
                        {
                            throw Error($"{name} can only be used on the exit list.", column);
                        }

                        if (field is AuditTables.Watch or AuditTables.Dir)
                        {
                            _permAdded = true;
                        }
                    }

                    if (field == AuditTables.Exe)
                    {
                        if (op is not (AuditTables.OpEqual or AuditTables.OpNotEqual))
                        {
                            throw Error("exe only takes = or !=.", column + at);
                        }

                        _exeAdded = true;
                    }

                    if (field == AuditTables.FilterKey && !(_syscallAdded || _permAdded || _exeAdded || _filterFsAdded))
                    {
                        throw Error("a key needs a watch, a syscall, a perm, an exe or an fstype before it.", column);
                    }

                    var bytes = Encoding.UTF8.GetByteCount(v);
                    if ((field == AuditTables.FilterKey && bytes > MaxKeyLength) || bytes > PathMax)
                    {
                        throw Error($"the value of {name} is too long.", valueColumn);
                    }

                    value = (uint)bytes;
                    text = v;
                    break;
                case AuditTables.Arch:
                    if (_syscallAdded)
                    {
                        throw Error("arch must come before the syscalls (-F arch=... then -S).", column);
                    }

                    if (op is not (AuditTables.OpEqual or AuditTables.OpNotEqual))
                    {
                        throw Error("arch only takes = or !=.", column + at);
                    }

                    if (IsDigit(v))
                    {
                        _elf = CNumber(v, signed: false);
                        if (!AuditTables.IsKnownElf(_elf))
                        {
                            throw Error($"unknown elf arch: {v}.", valueColumn);
                        }
                    }
                    else
                    {
                        _elf = DetermineElf(v) ?? throw Error($"unknown or invalid arch: {v}.", valueColumn);
                    }

                    value = _elf;
                    break;
                case AuditTables.Perm:
                    if (flags != FilterExit)
                    {
                        throw Error("perm can only be used on the exit list.", column);
                    }

                    if (op != AuditTables.OpEqual)
                    {
                        throw Error("perm only takes =.", column + at);
                    }

                    if (v.Length > 4)
                    {
                        throw Error($"perm {v} is too long.", valueColumn);
                    }

                    value = PermBits(v) ?? throw Error($"perm {v}: only r, w, x and a are allowed.", valueColumn);
                    break;
                case AuditTables.FileType:
                    if (flags != FilterExit)
                    {
                        throw Error("filetype can only be used on the exit list.", column);
                    }

                    var ft = AuditTables.FileTypeByName(v);
                    if (ft < 0)
                    {
                        throw Error($"unknown file type: {v}.", valueColumn);
                    }

                    value = (uint)ft;
                    break;
                case AuditTables.FsType:
                    if (flags != FilterFs)
                    {
                        throw Error("fstype can only be used on the filesystem list.", column);
                    }

                    if (op is not (AuditTables.OpEqual or AuditTables.OpNotEqual))
                    {
                        throw Error("fstype only takes = or !=.", column + at);
                    }

                    value = IsDigit(v) ? CNumber(v, signed: false) : AuditTables.FsTypeByName(v) ?? uint.MaxValue;
                    if (value == uint.MaxValue)
                    {
                        throw Error($"unknown file system type: {v}.", valueColumn);
                    }

                    _filterFsAdded = true;
                    break;
                case >= AuditTables.Arg0 and <= AuditTables.Arg3:
                    if (IsDigit(v))
                    {
                        value = CNumber(v, signed: false);
                    }
                    else if (v.Length >= 2 && v[0] == '-' && IsDigit(v, 1))
                    {
                        value = CNumber(v, signed: true);
                    }
                    else
                    {
                        throw Error($"{name} needs a numeric value.", valueColumn);
                    }

                    break;
                case AuditTables.SessionId:
                    if (flags != FilterExclude && flags != FilterUser && flags != FilterExit)
                    {
                        throw Error("sessionid can only be used on the exit, user or exclude list.", column);
                    }

                    if (IsDigit(v))
                    {
                        value = CNumber(v, signed: false);
                    }
                    else if (v.Length >= 2 && v[0] == '-' && IsDigit(v, 1))
                    {
                        value = CNumber(v, signed: true);
                    }
                    else
                    {
                        value = v == "unset" ? uint.MaxValue : 0;
                    }

                    break;
                case AuditTables.SaddrFam:
                    value = CNumber(v, signed: false);
                    if (value >= AfMax)
                    {
                        throw Error($"saddr_fam {v} is too big (the address family must be below {AfMax}).", valueColumn);
                    }

                    break;
                default:
                    if (field is >= AuditTables.DevMajor and <= AuditTables.Inode or AuditTables.Success && flags != FilterExit)
                    {
                        throw Error($"{name} can only be used on the exit list.", column);
                    }

                    if (field == AuditTables.Inode && op is not (AuditTables.OpEqual or AuditTables.OpNotEqual))
                    {
                        throw Error("inode only takes = or !=.", column + at);
                    }

                    if (field == AuditTables.Ppid && flags != FilterExit)
                    {
                        throw Error("ppid can only be used on the exit list.", column);
                    }

                    if (!IsDigit(v))
                    {
                        throw Error($"{name} needs a numeric value.", valueColumn);
                    }

                    value = CNumber(v, signed: field != AuditTables.Inode);
                    break;
            }

            _rule.Fields.Add(new KernelField(field, op, value, text));
        }

        private static int MessageType(string v)
        {
            var t = AuditTables.MessageTypeByName(v);
            if (t >= 0)
            {
                return t;
            }

            if (v.StartsWith("UNKNOWN[", StringComparison.Ordinal))
            {
                var end = v.IndexOf(']', 8);
                if (end < 0)
                {
                    return -1;
                }

                var digits = v.Substring(8, Math.Min(end - 8, 7));
                return unchecked((int)CNumber(digits, signed: true));
            }

            return -1;
        }

        /// <summary>audit_determine_machine then audit_machine_to_elf: b64/b32 relative to this machine, or a machine name.</summary>
        private uint? DetermineElf(string arch)
        {
            var lower = AuditTables.AsciiLower(arch);
            var native = NativeElf;
            if (lower == "b64")
            {
                return (native & AuditTables.Arch64Bit) != 0 ? native : null;
            }

            if (lower == "b32")
            {
                return native switch
                {
                    AuditTables.ElfX8664 => AuditTables.ElfI386,
                    0x80000015 => 0x14,
                    0x80000016 => 0x16,
                    0xC00000B7 => 0x40000028,
                    0xC0000015 => null,
                    _ => native,
                };
            }

            var elf = AuditTables.ElfByMachineName(arch);
            if (elf is null)
            {
                // Not a machine name: auditctl tries strtoul(arch, NULL, 16), so "c000003e" is x86_64.
                var hex = arch.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? arch.Substring(2) : arch;
                ulong n = 0;
                var i = 0;
                for (; i < hex.Length && IsHex(hex[i]) && n <= uint.MaxValue; i++)
                {
                    n = (n * 16) + (ulong)Digit(hex[i]);
                }

                return n <= uint.MaxValue && AuditTables.IsKnownElf((uint)n) ? (uint)n : null;
            }

            return elf;
        }

        private static readonly string[] UidFamily = { "uid", "euid", "suid", "fsuid", "auid", "obj_uid" };
        private static readonly string[] GidFamily = { "gid", "egid", "sgid", "fsgid", "obj_gid" };


        private void Compare(string pair, int column)
        {
            var flags = CurrentFlags(requireList: false, column);
            if (_rule.Fields.Count >= MaxFields - 1)
            {
                throw Error("too many fields in the rule (64 at most).", column);
            }

            uint op;
            int at;
            int len;
            if ((at = pair.IndexOf("!=", StringComparison.Ordinal)) >= 0)
            {
                op = AuditTables.OpNotEqual;
                len = 2;
            }
            else if ((at = pair.IndexOf('=', StringComparison.Ordinal)) >= 0)
            {
                op = AuditTables.OpEqual;
                len = 1;
            }
            else
            {
                throw Error($"-C {pair}: only = and != are allowed.", column);
            }

            var left = pair.Substring(0, at);
            var right = pair.Substring(at + len);
            if (left.Length == 0)
            {
                throw Error($"-C {pair}: the field name is missing.", column);
            }

            if (right.Length == 0)
            {
                throw Error($"-C {pair}: the second field is missing.", column + at + len);
            }

            var f1 = AuditTables.FieldByName(left);
            var f2 = AuditTables.FieldByName(right);
            if (f1 < 0)
            {
                throw Error($"-C {pair}: unknown field '{left}'.", column);
            }

            if (f2 < 0)
            {
                throw Error($"-C {pair}: unknown field '{right}'.", column + at + len);
            }

            if (flags != FilterExit)
            {
                throw Error("field comparisons (-C) can only be used on the exit list.", column);
            }

            var n1 = AuditTables.FieldName(f1)!;
            var n2 = AuditTables.FieldName(f2)!;
            var sameFamily = (Array.IndexOf(UidFamily, n1) >= 0 && Array.IndexOf(UidFamily, n2) >= 0)
                || (Array.IndexOf(GidFamily, n1) >= 0 && Array.IndexOf(GidFamily, n2) >= 0);
            var index = -1;
            if (sameFamily && n1 != n2)
            {
                for (var i = 1; i < Comparisons.Length; i++)
                {
                    if ((Comparisons[i].Left == n1 && Comparisons[i].Right == n2) || (Comparisons[i].Left == n2 && Comparisons[i].Right == n1))
                    {
                        index = i;
                        break;
                    }
                }
            }

            if (index < 0)
            {
                throw Error($"-C {pair}: the fields cannot be compared (compare uid fields with uid fields, gid with gid).", column);
            }

            _rule.Fields.Add(new KernelField(AuditTables.FieldCompare, op, (uint)index, null));
        }
    }
}
