using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using GoBaseline;

namespace GoBaseline.Core.Audit;

/// <summary>A parsed line together with its public model.</summary>
internal sealed record AuditRuleEntry(ParsedAuditLine Parsed, AuditRule Model);

/// <summary>The engine's entry points for reading rules: rules text, files, and the kernel listing.</summary>
public static class AuditRules
{
    /// <summary>Where <c>auditctl -l</c> rules come from, as the Source of live rules.</summary>
    public const string LiveSource = "auditctl -l";

    /// <summary>Parses rules text (a file's content). A bad line throws a positioned <see cref="ParseException"/> and nothing is returned.</summary>
    public static IReadOnlyList<AuditRule> Parse(string text, string? file, IAuditRuleEnvironment env, string origin = "File") =>
        ParseEntries(text, file, env, origin).Select(e => e.Model).ToList();

    internal static List<AuditRuleEntry> ParseEntries(string text, string? file, IAuditRuleEnvironment env, string origin)
    {
        var formatter = new AuditRuleFormatter(env.Machine);
        var list = new List<AuditRuleEntry>();
        foreach (var p in AuditRuleParser.ParseText(text, file, env))
        {
            foreach (var m in ToModels(p, formatter, origin))
            {
                list.Add(new AuditRuleEntry(p, m));
            }
        }

        return list;
    }

    /// <summary>Parses one rule or control line given as text (New-AuditRule -Text).</summary>
    public static AuditRule ParseOne(string text, IAuditRuleEnvironment env)
    {
        var parsed = AuditRuleParser.ParseText(text, null, env);
        var models = parsed.SelectMany(p => ToModels(p, new AuditRuleFormatter(env.Machine), "New")).ToList();
        if (models.Count != 1)
        {
            throw new ParseException(ErrorIds.AuditRuleParseError, new SourcePosition(null, 1, 1), models.Count == 0 ? "no rule in the text." : "the text holds more than one rule.");
        }

        return models[0];
    }

    /// <summary>Re-parses a model rule into its kernel form (from its source text, or its command).</summary>
    internal static ParsedAuditLine Reparse(AuditRule rule, IAuditRuleEnvironment env)
    {
        var text = rule.Command;
        var lines = AuditRuleParser.ParseText(text, rule.Source, env);
        if (lines.Count != 1)
        {
            throw new ParseException(ErrorIds.AuditRuleParseError, new SourcePosition(rule.Source, rule.Line, 1), "the rule does not parse back to one rule.");
        }

        return lines[0];
    }

    /// <summary>
    /// Parses the output of <c>auditctl -l</c>. The listing names the syscalls of a rule without arch from the table of
    /// the arch printed before it, so names are resolved the same way; numeric file types and the " -p wa-w /path" form
    /// are read back too.
    /// </summary>
    public static IReadOnlyList<AuditRule> ParseListing(string output, IAuditRuleEnvironment env)
    {
        var result = new List<AuditRule>();
        var formatter = new AuditRuleFormatter(env.Machine);
        uint lastElf = 0;
        var lineNo = 0;
        foreach (var raw in output.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line == "No rules")
            {
                continue;
            }

            var rewritten = RewriteListingLine(line, lastElf, env.Machine);
            var parsed = AuditRuleParser.ParseLine(rewritten, LiveSource, lineNo, env);
            if (parsed?.Rule is null)
            {
                throw new ParseException(ErrorIds.AuditOutputUnrecognized, new SourcePosition(LiveSource, lineNo, 1), "not a rule line: " + line);
            }

            var arch = parsed.Rule.ArchField;
            if (arch is not null && !AuditRuleFormatter.IsWatch(parsed.Rule))
            {
                lastElf = arch.Value;
            }

            foreach (var m in ToModels(parsed, formatter, "Live", sourceTextOverride: line))
            {
                result.Add(m);
            }
        }

        return result;
    }

    private static readonly Regex PermBeforeWatch = new(@"^ -p ([rwxa]*)-w (.*)$", RegexOptions.CultureInvariant);

    private static readonly Regex WatchWithSlash = new(@"^-w (\S+/) -p ([rwxa]*)((?: -k \S+)*)$", RegexOptions.CultureInvariant);

    private static string RewriteListingLine(string line, uint lastElf, string machine)
    {
        var m = PermBeforeWatch.Match(line);
        if (m.Success)
        {
            var rest = m.Groups[2].Value;
            var keys = new List<string>();
            var k = rest.IndexOf(" -k ", StringComparison.Ordinal);
            var path = k < 0 ? rest : rest.Substring(0, k);
            if (k >= 0)
            {
                keys.AddRange(rest.Substring(k + 4).Split(" -k ", StringSplitOptions.None));
            }

            line = "-a always,exit -F perm=" + m.Groups[1].Value + " -F path=" + path + string.Concat(keys.Select(x => " -F key=" + x));
        }

        var w = WatchWithSlash.Match(line);
        if (w.Success)
        {
            // "-w /dir/" in a listing came from "-F dir=/dir/" (auditctl -w trims the slash): keep it.
            var keys = w.Groups[3].Value.Split(" -k ", StringSplitOptions.RemoveEmptyEntries).Select(k => k.Trim());
            line = "-a always,exit -F dir=" + w.Groups[1].Value + " -F perm=" + w.Groups[2].Value + string.Concat(keys.Select(k => " -F key=" + k));
        }

        var tokens = line.Split(' ');
        var native = AuditTables.ElfByMachineName(machine) ?? AuditTables.ElfX8664;
        var hasArch = tokens.Any(t => t.StartsWith("arch=", StringComparison.Ordinal) || t.StartsWith("arch!=", StringComparison.Ordinal));
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i] == "-S" && i + 1 < tokens.Length && !hasArch && lastElf != 0 && lastElf != native && tokens[i + 1] != "all")
            {
                // Named from the previous arch's table: turn the names into numbers, which parse the same in any table.
                tokens[i + 1] = string.Join(',', tokens[i + 1].Split(',').Select(n =>
                {
                    var nr = AuditTables.SyscallByName(lastElf, n);
                    return nr >= 0 ? nr.ToString(CultureInfo.InvariantCulture) : n;
                }));
            }
            else if (tokens[i].StartsWith("filetype=", StringComparison.Ordinal) && AuditRuleParser.IsDigit(tokens[i], 9))
            {
                var value = AuditRuleParser.CNumber(tokens[i].Substring(9), signed: true);
                var name = value switch { 0xC000 => "socket", 0xA000 => "link", 0x8000 => "file", 0x6000 => "block", 0x4000 => "dir", 0x2000 => "character", 0x1000 => "fifo", _ => null };
                if (name is not null)
                {
                    tokens[i] = "filetype=" + name;
                }
            }
        }

        return EscapeValues(string.Join(' ', tokens));
    }

    private static readonly Regex SegmentStart = new(@"(?= -[FCkpS] )", RegexOptions.CultureInvariant);
    private static readonly Regex StringField = new(@"^ -F (path|dir|exe|key|subj_[a-z]+|obj_[a-z_]+)(!=|=)(.*)$", RegexOptions.CultureInvariant);

    /// <summary>The listing prints paths and keys raw; escape their spaces and backslashes the way a rules file must.</summary>
    private static string EscapeValues(string line)
    {
        static string Escape(string v) => v.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(" ", "\\ ", StringComparison.Ordinal);
        var parts = SegmentStart.Split(line);
        for (var i = 0; i < parts.Length; i++)
        {
            if (i == 0 && parts[0].StartsWith("-w ", StringComparison.Ordinal))
            {
                parts[0] = "-w " + Escape(parts[0].Substring(3));
                continue;
            }

            if (parts[i].StartsWith(" -k ", StringComparison.Ordinal))
            {
                parts[i] = " -k " + Escape(parts[i].Substring(4));
                continue;
            }

            var m = StringField.Match(parts[i]);
            if (m.Success)
            {
                parts[i] = " -F " + m.Groups[1].Value + m.Groups[2].Value + Escape(m.Groups[3].Value);
            }
        }

        return string.Concat(parts);
    }

    /// <summary>Turns a parsed line into model objects (one per control setting, one for a rule, none for an ignored line).</summary>
    internal static IEnumerable<AuditRule> ToModels(ParsedAuditLine p, AuditRuleFormatter formatter, string origin, string? sourceTextOverride = null)
    {
        var source = sourceTextOverride ?? p.SourceText;
        if (p.Rule is null)
        {
            foreach (var c in p.Controls)
            {
                yield return new AuditRule(AuditRuleKind.Control, AuditRuleOperation.Append, null, null, null, Array.Empty<string>(), false,
                    Array.Empty<AuditRuleField>(), Array.Empty<string>(), false, null, null, c.Text, c.Text, "control|" + c.Text, source, p.File, p.Line,
                    c.Option, c.Value, p.Warnings.ToArray(), origin);
            }

            yield break;
        }

        var r = p.Rule;
        var text = formatter.FormatAlone(r);
        var isWatch = AuditRuleFormatter.IsWatch(r);
        var fields = new List<AuditRuleField>();
        string? path = null;
        string? perm = null;
        foreach (var f in r.Fields)
        {
            if (f.Type is AuditTables.Arch or AuditTables.FilterKey)
            {
                continue;
            }

            if (f.Type is AuditTables.Watch or AuditTables.Dir)
            {
                path ??= f.Text;
            }

            if (f.Type == AuditTables.Perm)
            {
                perm = AuditRuleFormatter.PermText(f.Value);
            }

            if (f.Type == AuditTables.FieldCompare && f.Value >= 1 && f.Value < AuditRuleParserComparisons.Count)
            {
                var (l, rt) = AuditRuleParserComparisons.Get((int)f.Value);
                fields.Add(new AuditRuleField(l, AuditTables.OperatorSymbol(f.Op), rt, true));
                continue;
            }

            // The value exactly as the listing prints it: format a one-field rule and cut the value out.
            var single = new KernelRule { List = r.List, Action = r.Action };
            single.Fields.Add(f);
            var printed = formatter.FormatAlone(single);
            var name = AuditTables.FieldName(f.Type) ?? "f" + f.Type.ToString(CultureInfo.InvariantCulture);
            var opSymbol = f.Type is AuditTables.Watch or AuditTables.Dir or AuditTables.Exe or AuditTables.Perm ? "=" : AuditTables.OperatorSymbol(f.Op);
            var marker = name + opSymbol;
            var at = printed.LastIndexOf(" -F " + marker, StringComparison.Ordinal);
            var value = at >= 0 ? printed.Substring(at + 4 + marker.Length) : f.Text ?? unchecked((int)f.Value).ToString(CultureInfo.InvariantCulture);
            if (f.Type == AuditTables.Perm)
            {
                value = AuditRuleFormatter.PermText(f.Value);
            }
            else if (f.Type is AuditTables.Watch or AuditTables.Dir)
            {
                value = f.Text ?? string.Empty;
            }

            fields.Add(new AuditRuleField(name, AuditTables.OperatorSymbol(f.Op), value, false));
        }

        string command;
        if (text.StartsWith("-a ", StringComparison.Ordinal))
        {
            command = p.Operation switch
            {
                AuditRuleOperation.Prepend => "-A " + text.Substring(3),
                AuditRuleOperation.Delete => "-d " + text.Substring(3),
                _ => text,
            };
        }
        else if (text.StartsWith("-w ", StringComparison.Ordinal))
        {
            command = p.Operation == AuditRuleOperation.Delete ? "-W " + text.Substring(3) : text;
        }
        else
        {
            command = p.SourceText.Trim(' ');
        }

        if (!ReferenceEquals(command, p.SourceText) && command != p.SourceText.Trim(' '))
        {
            // The listing prints paths and keys raw; a command must keep them one argument each.
            command = EscapeValues(command);
        }

        var canonical = (p.Operation == AuditRuleOperation.Delete ? "delete|" : string.Empty) + r.Canonical(0);
        yield return new AuditRule(AuditRuleKind.Rule, p.Operation, (AuditRuleList)r.List, r.Action == 2 ? AuditRuleAction.Always : AuditRuleAction.Never,
            AuditRuleFormatter.ArchText(r), formatter.SyscallNames(r), AuditRuleFormatter.TakesSyscalls(r.List) && r.AllSyscalls, fields, r.Keys,
            isWatch, path, perm, text, command, canonical, source, p.File, p.Line, null, null, p.Warnings.ToArray(), origin);
    }
}
