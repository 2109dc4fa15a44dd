using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace GoBaseline.Core.Audit;

/// <summary>
/// Prints a kernel rule exactly as auditctl 3.0.9 <c>-l</c> does (print_rule in auditctl-listing.c), including its
/// quirks: the syscall names of a rule without arch come from the table of the arch printed last in the same
/// listing, a perm field before the path prints as " -p wa-w /path", exe and perm ignore their operator.
/// </summary>
internal sealed class AuditRuleFormatter
{
    private readonly uint _nativeElf;

    /// <summary>Creates a formatter for a machine.</summary>
    public AuditRuleFormatter(string machine)
    {
        _nativeElf = AuditTables.ElfByMachineName(machine) ?? AuditTables.ElfX8664;
    }

    /// <summary>The ELF arch of the last arch printed; 0 at the start of a listing.</summary>
    public uint LastElf { get; set; }

    /// <summary>Formats one rule on its own (fresh listing state).</summary>
    public string FormatAlone(KernelRule rule)
    {
        var saved = LastElf;
        LastElf = 0;
        var text = Format(rule);
        LastElf = saved;
        return text;
    }

    /// <summary>Formats the next rule of a listing, updating the listing state.</summary>
    public string Format(KernelRule r)
    {
        var sb = new StringBuilder();
        var watch = IsWatch(r);
        if (!watch)
        {
            sb.Append("-a ").Append(ActionName(r.Action)).Append(',').Append(ListName(r.List));
            foreach (var f in r.Fields)
            {
                if (f.Type == AuditTables.Arch)
                {
                    LastElf = f.Value;
                    sb.Append(" -F arch").Append(AuditTables.OperatorSymbol(f.Op));
                    if (!AuditTables.IsKnownElf(f.Value))
                    {
                        sb.Append("0x").Append(f.Value.ToString("X", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append((f.Value & AuditTables.Arch64Bit) != 0 ? "b64" : "b32");
                    }
                }
            }

            AppendSyscalls(sb, r);
        }

        foreach (var f in r.Fields)
        {
            if (f.Type == AuditTables.Arch)
            {
                continue;
            }

            var op = AuditTables.OperatorSymbol(f.Op);
            var name = AuditTables.FieldName(f.Type);
            var signed = unchecked((int)f.Value).ToString(CultureInfo.InvariantCulture);
            if (name is null)
            {
                sb.Append(" f").Append(f.Type.ToString(CultureInfo.InvariantCulture)).Append(op).Append(signed);
                continue;
            }

            switch (f.Type)
            {
                case AuditTables.MsgType:
                    sb.Append(" -F ").Append(name).Append(op).Append(AuditTables.MessageTypeName(unchecked((int)f.Value)) ?? signed);
                    break;
                case >= AuditTables.SubjUser and <= AuditTables.ObjLevHigh when f.Type != AuditTables.Ppid:
                    sb.Append(" -F ").Append(name).Append(op).Append(f.Text);
                    break;
                case AuditTables.Watch:
                    sb.Append(watch ? "-w " : " -F path=").Append(f.Text);
                    break;
                case AuditTables.Dir:
                    sb.Append(watch ? "-w " : " -F dir=").Append(f.Text);
                    break;
                case AuditTables.Exe:
                    sb.Append(" -F exe=").Append(f.Text);
                    break;
                case AuditTables.FilterKey:
                    foreach (var k in (f.Text ?? string.Empty).Split('\u0001', StringSplitOptions.RemoveEmptyEntries))
                    {
                        sb.Append(watch ? " -k " : " -F key=").Append(k);
                    }

                    break;
                case AuditTables.Perm:
                    sb.Append(watch ? " -p " : " -F perm=").Append(PermText(f.Value));
                    break;
                case AuditTables.Inode:
                    sb.Append(" -F ").Append(name).Append(op).Append(f.Value.ToString(CultureInfo.InvariantCulture));
                    break;
                case AuditTables.FieldCompare:
                    if (f.Value >= 1 && f.Value < AuditRuleParserComparisons.Count)
                    {
                        var (left, right) = AuditRuleParserComparisons.Get((int)f.Value);
                        sb.Append(" -C ").Append(left).Append(op).Append(right);
                    }

                    break;
                case >= AuditTables.Arg0 and <= AuditTables.Arg3:
                    sb.Append(" -F ").Append(name).Append(op).Append("0x").Append(f.Value.ToString("X", CultureInfo.InvariantCulture));
                    break;
                case AuditTables.Exit:
                    {
                        var v = unchecked((int)f.Value);
                        var err = v == int.MinValue ? null : AuditTables.ErrnoName(Math.Abs(v));
                        sb.Append(" -F ").Append(name).Append(op).Append(v < 0 && err is not null ? "-" + err : signed);
                        break;
                    }

                case AuditTables.FsType:
                    sb.Append(" -F ").Append(name).Append(op).Append(AuditTables.FsTypeName(f.Value) ?? signed);
                    break;
                default:
                    sb.Append(" -F ").Append(name).Append(op).Append(signed);
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>The syscall names of a rule, resolved as a listing would on its own.</summary>
    public IReadOnlyList<string> SyscallNames(KernelRule r)
    {
        var list = new List<string>();
        if (!TakesSyscalls(r.List) || r.AllSyscalls)
        {
            return list;
        }

        var elf = r.ArchField?.Value ?? _nativeElf;
        foreach (var n in r.Syscalls())
        {
            list.Add(AuditTables.SyscallName(elf, n) ?? n.ToString(CultureInfo.InvariantCulture));
        }

        return list;
    }

    /// <summary>is_watch: exit list (or any list but user/task/exclude/fs with all syscalls), a perm field, and only path/dir/perm/key fields.</summary>
    public static bool IsWatch(KernelRule r)
    {
        var perm = false;
        foreach (var f in r.Fields)
        {
            if (f.Type == AuditTables.Perm)
            {
                perm = true;
            }

            if (f.Type != AuditTables.Perm && f.Type != AuditTables.FilterKey && f.Type != AuditTables.Dir && f.Type != AuditTables.Watch)
            {
                return false;
            }
        }

        var all = true;
        if (TakesSyscalls(r.List))
        {
            all = r.AllSyscalls;
        }

        return perm && all;
    }

    /// <summary>Lists whose rules carry a syscall mask.</summary>
    public static bool TakesSyscalls(int list) => list is not (0 or 1 or 5 or 6);

    /// <summary>auditctl's permission letters.</summary>
    public static string PermText(uint value)
    {
        var s = new StringBuilder(4);
        if ((value & 4) != 0)
        {
            s.Append('r');
        }

        if ((value & 2) != 0)
        {
            s.Append('w');
        }

        if ((value & 1) != 0)
        {
            s.Append('x');
        }

        if ((value & 8) != 0)
        {
            s.Append('a');
        }

        return s.ToString();
    }

    /// <summary>The action name.</summary>
    public static string ActionName(uint action) => action switch { 0 => "never", 1 => "possible", 2 => "always", _ => "(null)" };

    /// <summary>The list name (audit_flag_to_name).</summary>
    public static string ListName(int list) => list switch
    {
        0 => "user",
        1 => "task",
        2 => "entry",
        4 => "exit",
        5 => "exclude",
        6 => "filesystem",
        7 => "io_uring",
        _ => "(null)",
    };

    /// <summary>The arch as the listing prints it, with its operator when that is not "=".</summary>
    public static string? ArchText(KernelRule r)
    {
        var f = r.ArchField;
        if (f is null)
        {
            return null;
        }

        var value = !AuditTables.IsKnownElf(f.Value) ? "0x" + f.Value.ToString("X", CultureInfo.InvariantCulture) : (f.Value & AuditTables.Arch64Bit) != 0 ? "b64" : "b32";
        return (f.Op == AuditTables.OpEqual ? string.Empty : AuditTables.OperatorSymbol(f.Op)) + value;
    }

    private void AppendSyscalls(StringBuilder sb, KernelRule r)
    {
        if (!TakesSyscalls(r.List))
        {
            return;
        }

        if (r.AllSyscalls)
        {
            sb.Append(" -S all");
            return;
        }

        var elf = LastElf != 0 ? LastElf : _nativeElf;
        var first = true;
        foreach (var n in r.Syscalls())
        {
            sb.Append(first ? " -S " : ",");
            first = false;
            sb.Append(AuditTables.SyscallName(elf, n) ?? n.ToString(CultureInfo.InvariantCulture));
        }
    }
}

/// <summary>Access to the comparison table shared by the parser and the formatter.</summary>
internal static class AuditRuleParserComparisons
{
    public static int Count => ComparisonTable.Length;

    public static (string Left, string Right) Get(int index) => ComparisonTable[index];

    private static readonly (string Left, string Right)[] ComparisonTable = AuditRuleParser.Comparisons;
}
