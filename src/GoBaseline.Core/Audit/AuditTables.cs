using System;
using System.Collections.Generic;
using System.Globalization;

namespace GoBaseline.Core.Audit;

/// <summary>The lookup tables libaudit 3.0.9 uses (generated from the installed library), plus the few small ones it keeps in headers.</summary>
internal static partial class AuditTables
{
    /// <summary>ELF machine ids of the architectures auditctl knows.</summary>
    public const uint ElfX8664 = 0xC000003E;
    /// <summary>i386.</summary>
    public const uint ElfI386 = 0x40000003;
    /// <summary>The 64-bit flag in an ELF audit arch.</summary>
    public const uint Arch64Bit = 0x80000000;

    /// <summary>Kernel field numbers (linux/audit.h).</summary>
    public const int Pid = 0, Uid = 1, Euid = 2, Suid = 3, Fsuid = 4, Gid = 5, Egid = 6, Sgid = 7, Fsgid = 8, LoginUid = 9,
        Pers = 10, Arch = 11, MsgType = 12, SubjUser = 13, SubjClr = 17, Ppid = 18, ObjUser = 19, ObjRole = 20, ObjType = 21,
        ObjLevLow = 22, ObjLevHigh = 23, SessionId = 25, FsType = 26, DevMajor = 100, DevMinor = 101, Inode = 102, Exit = 103,
        Success = 104, Watch = 105, Perm = 106, Dir = 107, FileType = 108, ObjUid = 109, ObjGid = 110, FieldCompare = 111,
        Exe = 112, SaddrFam = 113, Arg0 = 200, Arg3 = 203, FilterKey = 210;

    /// <summary>Operators in kernel encoding.</summary>
    public const uint OpBitMask = 0x08000000, OpLessThan = 0x10000000, OpGreaterThan = 0x20000000, OpNotEqual = 0x30000000,
        OpEqual = 0x40000000, OpBitTest = OpBitMask | OpEqual, OpLessEqual = OpLessThan | OpEqual, OpGreaterEqual = OpGreaterThan | OpEqual;

    private static readonly Lazy<Map> X8664 = new(() => new Map(X86_64Syscalls));
    private static readonly Lazy<Map> I386 = new(() => new Map(I386Syscalls));
    private static readonly Lazy<Map> Errnos = new(() => new Map(ErrnoNames));
    private static readonly Lazy<Map> Messages = new(() => new Map(MessageTypes));
    private static readonly Lazy<Map> Fields = new(() => new Map(FieldNames));

    private static readonly (string Name, int Value)[] FileTypes =
    {
        ("socket", 0xC000), ("link", 0xA000), ("file", 0x8000), ("block", 0x6000), ("dir", 0x4000), ("character", 0x2000), ("fifo", 0x1000),
    };

    private static readonly (string Name, uint Value)[] FsTypes = { ("tracefs", 0x74726163), ("debugfs", 0x64626720) };

    private static readonly (string Name, uint Elf)[] Machines =
    {
        ("i386", ElfI386), ("i486", ElfI386), ("i586", ElfI386), ("i686", ElfI386), ("x86_64", ElfX8664),
        ("ppc64", 0x80000015), ("ppc64le", 0xC0000015), ("ppc", 0x14), ("s390x", 0x80000016), ("s390", 0x16),
        ("armeb", 0x40000028), ("arm", 0x40000028), ("armv5tejl", 0x40000028), ("armv5tel", 0x40000028), ("armv6l", 0x40000028),
        ("armv7l", 0x40000028), ("aarch64", 0xC00000B7), ("armv8l", 0xC00000B7),
    };

    /// <summary>Field name (or the "loginuid" alias) to kernel number; -1 when unknown. Case-sensitive like libaudit.</summary>
    public static int FieldByName(string name) => AsciiLower(name) == "loginuid" ? LoginUid : Fields.Value.ByName(name);

    /// <summary>ASCII-only lower-casing, as libaudit's generated tables do (no culture, no Unicode folding).</summary>
    public static string AsciiLower(string s)
    {
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is >= 'A' and <= 'Z')
            {
                chars[i] = (char)(chars[i] + 32);
            }
        }

        return new string(chars);
    }

    /// <summary>Kernel field number to its name.</summary>
    public static string? FieldName(int field) => Fields.Value.ByNumber(field);

    /// <summary>The syscall table of an ELF arch; null when we have none (only x86 tables are generated).</summary>
    private static Map? SyscallTable(uint elf) => elf switch { ElfX8664 => X8664.Value, ElfI386 => I386.Value, _ => null };

    /// <summary>True when the arch is one auditctl knows.</summary>
    public static bool IsKnownElf(uint elf) => Array.Exists(Machines, m => m.Elf == elf);

    /// <summary>Syscall number from a name in the arch's table; -1 when unknown.</summary>
    public static int SyscallByName(uint elf, string name) => SyscallTable(elf)?.ByName(name) ?? -1;

    /// <summary>Syscall name in the arch's table, or null.</summary>
    public static string? SyscallName(uint elf, int number) => SyscallTable(elf)?.ByNumber(number);

    /// <summary>errno name to number (no sign); 0 when unknown.</summary>
    public static int ErrnoByName(string name) => Math.Max(0, Errnos.Value.ByName(name));

    /// <summary>errno number to name.</summary>
    public static string? ErrnoName(int number) => Errnos.Value.ByNumber(number);

    /// <summary>Message type name to number; -1 when unknown.</summary>
    public static int MessageTypeByName(string name) => Messages.Value.ByName(name);

    /// <summary>Message type number to name.</summary>
    public static string? MessageTypeName(int number) => Messages.Value.ByNumber(number);

    /// <summary>File type name to mode bits; -1 when unknown.</summary>
    public static int FileTypeByName(string name)
    {
        foreach (var (n, v) in FileTypes)
        {
            if (n == AsciiLower(name))
            {
                return v;
            }
        }

        return -1;
    }

    /// <summary>File system type name to magic; null when unknown.</summary>
    public static uint? FsTypeByName(string name)
    {
        foreach (var (n, v) in FsTypes)
        {
            if (n == AsciiLower(name))
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>File system magic to name.</summary>
    public static string? FsTypeName(uint value)
    {
        foreach (var (n, v) in FsTypes)
        {
            if (v == value)
            {
                return n;
            }
        }

        return null;
    }

    /// <summary>Machine name (uname -m style) to ELF arch; null when unknown.</summary>
    public static uint? ElfByMachineName(string name)
    {
        foreach (var (n, e) in Machines)
        {
            if (n == AsciiLower(name))
            {
                return e;
            }
        }

        return null;
    }

    /// <summary>The operator's symbol.</summary>
    public static string OperatorSymbol(uint op) => op switch
    {
        OpEqual => "=",
        OpNotEqual => "!=",
        OpGreaterThan => ">",
        OpGreaterEqual => ">=",
        OpLessThan => "<",
        OpLessEqual => "<=",
        OpBitMask => "&",
        OpBitTest => "&=",
        _ => string.Empty,
    };

    private sealed class Map
    {
        private readonly Dictionary<string, int> _byName = new(StringComparer.Ordinal);
        private readonly Dictionary<int, string> _byNumber = new();

        public Map(string data)
        {
            foreach (var item in data.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var space = item.IndexOf(' ', StringComparison.Ordinal);
                var number = int.Parse(item.AsSpan(0, space), NumberStyles.Integer, CultureInfo.InvariantCulture);
                var name = item.Substring(space + 1);
                _byName.TryAdd(AsciiLower(name), number);
                _byNumber.TryAdd(number, name);
            }
        }

        public int ByName(string name) => _byName.TryGetValue(AsciiLower(name), out var n) ? n : -1;

        public string? ByNumber(int number) => _byNumber.TryGetValue(number, out var s) ? s : null;
    }
}
