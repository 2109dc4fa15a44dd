using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace GoBaseline.Core.Audit;

/// <summary>One field of a rule as the kernel holds it: type, operator, 32-bit value and, for string fields, the text.</summary>
internal sealed record KernelField(int Type, uint Op, uint Value, string? Text)
{
    /// <summary>True for the fields whose value is a string in the rule buffer.</summary>
    public static bool IsStringField(int type) =>
        (type >= AuditTables.SubjUser && type <= AuditTables.ObjLevHigh && type != AuditTables.Ppid)
        || type == AuditTables.Watch || type == AuditTables.Dir || type == AuditTables.FilterKey || type == AuditTables.Exe;
}

/// <summary>
/// A rule as the kernel stores it (struct audit_rule_data): list, action, 64-word syscall mask and fields in order.
/// Equality is the kernel's own duplicate test ("Rule exists").
/// </summary>
internal sealed class KernelRule : IEquatable<KernelRule>
{
    public const int MaskWords = 64;

    public int List { get; set; }

    public uint Action { get; set; }

    public uint[] Mask { get; } = new uint[MaskWords];

    public List<KernelField> Fields { get; } = new();

    public bool AllSyscalls
    {
        get
        {
            // auditctl -l treats a rule as "-S all" when the first 63 words are all ones.
            for (var i = 0; i < MaskWords - 1; i++)
            {
                if (Mask[i] != uint.MaxValue)
                {
                    return false;
                }
            }

            return true;
        }
    }

    public void SetAllSyscalls()
    {
        for (var i = 0; i < MaskWords; i++)
        {
            Mask[i] = uint.MaxValue;
        }
    }

    public bool SetSyscall(int number)
    {
        var word = number / 32;
        if (number < 0 || word > MaskWords - 1)
        {
            return false;
        }

        Mask[word] |= 1u << (number % 32);
        return true;
    }

    public IEnumerable<int> Syscalls()
    {
        for (var i = 0; i < MaskWords * 32; i++)
        {
            if ((Mask[i / 32] & (1u << (i % 32))) != 0)
            {
                yield return i;
            }
        }
    }

    public KernelField? ArchField => Fields.FirstOrDefault(f => f.Type == AuditTables.Arch);

    public IReadOnlyList<string> Keys
    {
        get
        {
            var list = new List<string>();
            foreach (var f in Fields)
            {
                if (f.Type == AuditTables.FilterKey && f.Text is not null)
                {
                    foreach (var k in f.Text.Split('\u0001', StringSplitOptions.RemoveEmptyEntries))
                    {
                        list.Add(k);
                    }
                }
            }

            return list;
        }
    }

    public bool Equals(KernelRule? other)
    {
        if (other is null || other.List != List || other.Action != Action || other.Fields.Count != Fields.Count)
        {
            return false;
        }

        for (var i = 0; i < Fields.Count; i++)
        {
            if (Fields[i] != other.Fields[i])
            {
                return false;
            }
        }

        return Mask.AsSpan().SequenceEqual(other.Mask);
    }

    public override bool Equals(object? obj) => Equals(obj as KernelRule);

    public override int GetHashCode() => HashCode.Combine(List, Action, Fields.Count, Mask[0], Mask[1]);

    public KernelRule Clone()
    {
        var r = new KernelRule { List = List, Action = Action };
        Array.Copy(Mask, r.Mask, MaskWords);
        r.Fields.AddRange(Fields);
        return r;
    }

    /// <summary>
    /// The rule's meaning as text, independent of field order, of -k versus -F key= and of syscall order: two rules
    /// with the same canonical text filter the same events.
    /// </summary>
    public string Canonical(uint nativeElf)
    {
        var sb = new StringBuilder();
        sb.Append(List).Append('|').Append(Action).Append('|');
        var arch = ArchField;
        sb.Append(arch is null ? "-" : AuditTables.OperatorSymbol(arch.Op) + arch.Value.ToString("X", System.Globalization.CultureInfo.InvariantCulture)).Append('|');
        if (List is 0 or 1 or 5 or 6)
        {
            sb.Append("nosc");
        }
        else if (AllSyscalls)
        {
            sb.Append("all");
        }
        else
        {
            sb.Append(string.Join(',', Syscalls()));
        }

        sb.Append('|');
        var fields = Fields.Where(f => f.Type != AuditTables.Arch && f.Type != AuditTables.FilterKey)
            .Select(f =>
            {
                // A watch on a directory and on a file are the same rule text; the kernel type follows the path.
                var type = f.Type == AuditTables.Dir ? AuditTables.Watch : f.Type;
                return type + AuditTables.OperatorSymbol(f.Op) + (f.Text ?? f.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            })
            .OrderBy(s => s, StringComparer.Ordinal);
        sb.AppendJoin(' ', fields).Append('|');
        sb.AppendJoin(',', Keys.OrderBy(k => k, StringComparer.Ordinal));
        _ = nativeElf;
        return sb.ToString();
    }
}
