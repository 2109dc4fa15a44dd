using System;
using System.Collections.Generic;
using System.Linq;
using GoBaseline;

namespace GoBaseline.Core.Audit;

/// <summary>One rules file to lint: its path (inside the root) and text.</summary>
public sealed record AuditRuleFileText(string Path, string Text);

/// <summary>
/// Finds what silently breaks real rule sets (anchors §8.2 pitfalls): a bad line stops auditctl -R half way (and the
/// closing -e 2 never loads), -e 2 before other rules locks them out, "Rule exists" duplicates, watches on missing
/// paths, unknown users, never rules shadowed by earlier always rules (first match wins), syscall rules without
/// arch, and files without a final newline that augenrules glues to the next file.
/// </summary>
public static class AuditRuleLinter
{
    /// <summary>Lints files in load order (as augenrules concatenates them).</summary>
    public static IReadOnlyList<AuditRuleLintFinding> Lint(IReadOnlyList<AuditRuleFileText> files, IAuditRuleEnvironment env)
    {
        var findings = new List<AuditRuleLintFinding>();
        var formatter = new AuditRuleFormatter(env.Machine);
        var seen = new List<(KernelRule Rule, string File, int Line)>();
        var always = new List<(KernelRule Rule, string File, int Line)>();
        (string File, int Line)? lockedAt = null;
        for (var fi = 0; fi < files.Count; fi++)
        {
            var (path, text) = files[fi];
            if (text.Length > 0 && !text.EndsWith('\n'))
            {
                var lines = text.Split('\n');
                findings.Add(new AuditRuleLintFinding("NoFinalNewline",
                    fi + 1 < files.Count
                        ? $"The file does not end with a newline: augenrules joins its last line with the first line of {files[fi + 1].Path}."
                        : "The file does not end with a newline: augenrules joins its last line with the first line of the next rules file.",
                    path, lines.Length, lines[^1], Severity.Medium));
            }

            var lineNo = 0;
            foreach (var line in text.Split('\n'))
            {
                lineNo++;
                ParsedAuditLine? p;
                try
                {
                    p = AuditRuleParser.ParseLine(line, path, lineNo, env);
                }
                catch (ParseException ex)
                {
                    var code = ex.Reason.StartsWith("unknown user", StringComparison.Ordinal) ? "UnknownUser"
                        : ex.Reason.StartsWith("unknown group", StringComparison.Ordinal) ? "UnknownGroup" : "ParseError";
                    findings.Add(new AuditRuleLintFinding(code,
                        ex.Reason + " auditctl -R stops at this line: the rules after it (and a closing -e 2) are never loaded.",
                        path, lineNo, line, Severity.High));
                    continue;
                }

                if (p is null || p.Ignored)
                {
                    continue;
                }

                if (lockedAt is { } l)
                {
                    findings.Add(new AuditRuleLintFinding("ImmutableNotLast",
                        $"-e 2 at {l.File}:{l.Line} locks the rules before this line: it is refused until reboot (augenrules moves -e to the end; auditctl -R does not).",
                        path, lineNo, line, Severity.High));
                    lockedAt = null;
                }

                foreach (var c in p.Controls)
                {
                    if (c.Option == AuditControlOption.Enabled && c.Value == "2")
                    {
                        lockedAt = (path, lineNo);
                    }
                }

                if (p.Rule is null)
                {
                    continue;
                }

                var r = p.Rule;
                var printed = formatter.FormatAlone(r);
                if (p.Operation == AuditRuleOperation.Delete)
                {
                    seen.RemoveAll(s => s.Rule.Equals(r));
                    always.RemoveAll(s => s.Rule.Equals(r));
                    continue;
                }

                var dup = seen.FirstOrDefault(s => s.Rule.Equals(r));
                if (dup.Rule is not null)
                {
                    findings.Add(new AuditRuleLintFinding("DuplicateRule",
                        $"The same rule is at {dup.File}:{dup.Line}: the kernel answers \"Rule exists\" and auditctl -R stops here.",
                        path, lineNo, printed, Severity.High));
                }
                else
                {
                    seen.Add((r, path, lineNo));
                }

                foreach (var f in r.Fields)
                {
                    if (f.Type is AuditTables.Watch or AuditTables.Dir && f.Text is not null && !env.Exists(f.Text))
                    {
                        var parent = f.Text.LastIndexOf('/') > 0 ? f.Text.Substring(0, f.Text.LastIndexOf('/')) : "/";
                        var parentExists = env.Exists(parent);
                        findings.Add(new AuditRuleLintFinding("WatchPathMissing",
                            parentExists
                                ? $"{f.Text} does not exist; the watch waits for it (its directory {parent} exists)."
                                : $"{f.Text} and its directory {parent} do not exist: the kernel refuses the rule (No such file or directory) and auditctl -R stops here.",
                            path, lineNo, printed, parentExists && f.Type == AuditTables.Watch ? Severity.Low : Severity.High));
                    }
                }

                if (r.List == 1 && r.Action == 0)
                {
                    findings.Add(new AuditRuleLintFinding("SyscallAuditingDisabled",
                        "-a never,task stops syscall auditing for every new task: no syscall rule will ever fire.", path, lineNo, printed, Severity.High));
                }

                if (r.List == 4 && !AuditRuleFormatter.IsWatch(r) && !r.AllSyscalls && r.ArchField is null)
                {
                    findings.Add(new AuditRuleLintFinding("MissingArch",
                        "A syscall rule without -F arch= is resolved with the native table only: 32-bit programs calling the same syscall by its 32-bit number are missed. Write a b64 and a b32 rule.",
                        path, lineNo, printed, Severity.Medium));
                }

                if (r.List == 4 && r.Action == 2)
                {
                    always.Add((r, path, lineNo));
                }
                else if (r.List == 4 && r.Action == 0 && p.Operation == AuditRuleOperation.Prepend)
                {
                    // -A puts the never rule at the front of its list, before every always rule loaded so far.
                }
                else if (r.List == 4 && r.Action == 0)
                {
                    var shadow = always.FirstOrDefault(a => Overlaps(a.Rule, r));
                    if (shadow.Rule is not null)
                    {
                        findings.Add(new AuditRuleLintFinding("NeverAfterAlways",
                            $"The always rule at {shadow.File}:{shadow.Line} matches the same syscalls first (first match wins): put this never rule before it.",
                            path, lineNo, printed, Severity.Medium));
                    }
                }
            }
        }

        return findings;
    }

    /// <summary>True when the always rule can match events the never rule is meant to drop: same arch (or none), overlapping syscalls, and no conflicting equality on the same field.</summary>
    private static bool Overlaps(KernelRule alwaysRule, KernelRule neverRule)
    {
        var a1 = alwaysRule.ArchField;
        var a2 = neverRule.ArchField;
        if (a1 is not null && a2 is not null && a1.Op == AuditTables.OpEqual && a2.Op == AuditTables.OpEqual && a1.Value != a2.Value)
        {
            return false;
        }

        var overlap = false;
        for (var i = 0; i < KernelRule.MaskWords; i++)
        {
            if ((alwaysRule.Mask[i] & neverRule.Mask[i]) != 0)
            {
                overlap = true;
                break;
            }
        }

        if (!overlap)
        {
            return false;
        }

        foreach (var f in alwaysRule.Fields)
        {
            if (f.Op != AuditTables.OpEqual || f.Type is AuditTables.Arch or AuditTables.FilterKey or AuditTables.Perm)
            {
                continue;
            }

            if (neverRule.Fields.Any(g => g.Type == f.Type && g.Op == AuditTables.OpEqual && (g.Value != f.Value || g.Text != f.Text)))
            {
                return false;
            }
        }

        return true;
    }
}
