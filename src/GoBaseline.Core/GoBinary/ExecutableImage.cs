using System;
using System.Collections.Generic;

namespace GoBaseline.Core.GoBinary;

/// <summary>
/// The parts of an ELF, PE or Mach-O file that build info reading needs: where the data starts (debug/buildinfo's
/// DataStart) and a reader of virtual addresses through the file's segments or sections (ReadData). ELF files also
/// report linking facts.
/// </summary>
internal abstract class ExecutableImage
{
    private const int MaxHeaders = 65535;

    protected ExecutableImage(ExecutableFile file) => File = file;

    internal ExecutableFile File { get; }

    internal abstract GoBaseline.ExecutableFormat Format { get; }

    /// <summary>The address where build info is searched (the buildinfo section, else the first writable data).</summary>
    internal ulong DataStart { get; private protected set; }

    /// <summary>The regions ReadData searches, in file order.</summary>
    internal List<Region> Regions { get; } = new();

    /// <summary>
    /// True when the headers already prove there is no build info to find: an ELF with a section table but no
    /// .go.buildinfo section. Every Go linker since build info exists (Go 1.13) writes that section, internal or
    /// external linking, stripped or not, so such a file is not Go; skipping the 64 KiB data read for the thousands
    /// of C executables in a scan of /usr is most of the reader's cost.
    /// </summary>
    internal virtual bool ProvablyNotGo => false;

    /// <summary>True when ELF and whether it has a .symtab.</summary>
    internal virtual bool? IsStripped => null;

    internal virtual bool? IsPie => null;

    internal virtual string? Interpreter => null;

    internal virtual IReadOnlyList<string> Needed => Array.Empty<string>();

    internal virtual GoBaseline.LinkMode LinkMode => GoBaseline.LinkMode.Unknown;

    /// <summary>
    /// Identifies the format from the first 16 bytes and parses its headers. Returns null when the file is none of
    /// the three formats (the caller reports "unrecognized file format" for named files and skips it otherwise).
    /// </summary>
    internal static ExecutableImage? Open(ExecutableFile file)
    {
        Span<byte> ident = stackalloc byte[16];
        if (file.ReadAtMost(0, ident) < 16)
        {
            return null;
        }

        if (ident[0] == 0x7f && ident[1] == (byte)'E' && ident[2] == (byte)'L' && ident[3] == (byte)'F')
        {
            return new ElfImage(file, ident);
        }

        if (ident[0] == (byte)'M' && ident[1] == (byte)'Z')
        {
            return new PeImage(file);
        }

        if ((ident[0] == 0xfe && ident[1] == 0xed && ident[2] == 0xfa) || (ident[1] == 0xfa && ident[2] == 0xed && ident[3] == 0xfe))
        {
            return new MachOImage(file, ident);
        }

        return null;
    }

    /// <summary>
    /// Reads up to <paramref name="size"/> bytes at a virtual address from the first region containing it; fewer
    /// when the region ends first. Null when no region contains the address.
    /// </summary>
    internal byte[]? ReadData(ulong address, ulong size)
    {
        foreach (var r in Regions)
        {
            if (r.FileSize == 0 || address < r.Address || address - r.Address >= r.FileSize)
            {
                continue;
            }

            var n = Math.Min(size, r.FileSize - (address - r.Address));
            var offset = (ulong)r.FileOffset + (address - r.Address);
            if (offset > long.MaxValue)
            {
                throw File.Malformed(r.FileOffset, $"{r.Name} has an impossible file offset.");
            }

            return File.Read((long)offset, (long)n, $"data at address 0x{address:x} in {r.Name}");
        }

        return null;
    }

    protected static int CheckedCount(ExecutableFile file, long at, ulong count, string what)
    {
        if (count > MaxHeaders)
        {
            throw file.Malformed(at, $"{what} count {count} is not plausible.");
        }

        return (int)count;
    }

    protected static long CheckedOffset(ExecutableFile file, long at, ulong offset, string what)
    {
        if (offset > (ulong)file.Length)
        {
            throw file.Malformed(at, $"{what} offset {offset} is beyond the end of the file ({file.Length} bytes); the file is truncated or corrupt.");
        }

        return (long)offset;
    }
}

/// <summary>An ELF file: program headers, section headers, PT_INTERP and DT_NEEDED.</summary>
internal sealed class ElfImage : ExecutableImage
{
    private const uint PtLoad = 1;
    private const uint PtDynamic = 2;
    private const uint PtInterp = 3;
    private const uint PfX = 1;
    private const uint PfW = 2;
    private const uint ShtSymtab = 2;
    private const ushort EtDyn = 3;

    private readonly Region _dynamic;
    private readonly bool _is64;
    private readonly bool _bigEndian;
    private List<string>? _needed;
    private bool _noBuildInfoSection;
    private bool _hasSymtab;
    private bool _hasDynamic;
    private ushort _type;
    private string? _interpreter;

    internal ElfImage(ExecutableFile file, ReadOnlySpan<byte> ident)
        : base(file)
    {
        var is64 = ident[4] switch
        {
            1 => false,
            2 => true,
            _ => throw file.Malformed(4, $"unknown ELF class {ident[4]}."),
        };
        var bigEndian = ident[5] switch
        {
            1 => false,
            2 => true,
            _ => throw file.Malformed(5, $"unknown ELF data encoding {ident[5]}."),
        };

        var header = new ByteView(file.Read(0, is64 ? 64 : 52, "the ELF header"), bigEndian);
        _type = header.U16(16);
        var phoff = header.Word(is64 ? 32 : 28, is64);
        var shoff = header.Word(is64 ? 40 : 32, is64);
        var phentsize = header.U16(is64 ? 54 : 42);
        var phnum = header.U16(is64 ? 56 : 44);
        var shentsize = header.U16(is64 ? 58 : 46);
        ulong shnum = header.U16(is64 ? 60 : 48);
        ulong shstrndx = header.U16(is64 ? 62 : 50);
        var wantPh = is64 ? 56 : 32;
        var wantSh = is64 ? 64 : 40;

        // Program headers: the regions ReadData walks, in file order, as debug/elf keeps them.
        var dynamic = default(Region);
        var dataStart = 0UL;
        if (phnum > 0)
        {
            if (phentsize < wantPh)
            {
                throw file.Malformed(is64 ? 54 : 42, $"program header entry size {phentsize} is smaller than {wantPh}.");
            }

            var at = CheckedOffset(file, is64 ? 32 : 28, phoff, "program header table");
            var table = new ByteView(file.Read(at, (long)phentsize * phnum, "the program header table"), bigEndian);
            for (var i = 0; i < phnum; i++)
            {
                var b = i * phentsize;
                var type = table.U32(b);
                uint flags;
                ulong offset, vaddr, filesz;
                if (is64)
                {
                    flags = table.U32(b + 4);
                    offset = table.U64(b + 8);
                    vaddr = table.U64(b + 16);
                    filesz = table.U64(b + 32);
                }
                else
                {
                    offset = table.U32(b + 4);
                    vaddr = table.U32(b + 8);
                    filesz = table.U32(b + 16);
                    flags = table.U32(b + 24);
                }

                var region = new Region($"program header {i}", vaddr, filesz, offset > long.MaxValue ? long.MaxValue : (long)offset);
                Regions.Add(region);
                if (type == PtLoad && dataStart == 0 && (flags & (PfX | PfW)) == PfW)
                {
                    dataStart = vaddr;
                }
                else if (type == PtInterp && filesz > 0)
                {
                    var text = file.Read(CheckedOffset(file, at + b, offset, "PT_INTERP"), (long)Math.Min(filesz, 4096), "the program interpreter");
                    _interpreter = new ByteView(text, bigEndian).CString(0);
                }
                else if (type == PtDynamic && filesz > 0)
                {
                    dynamic = region;
                    _hasDynamic = true;
                }
            }
        }

        // Section headers: .go.buildinfo wins over the writable segment; .symtab tells stripped from not.
        if (shoff != 0)
        {
            var at = CheckedOffset(file, is64 ? 40 : 32, shoff, "section header table");
            if (shentsize < wantSh)
            {
                throw file.Malformed(is64 ? 58 : 46, $"section header entry size {shentsize} is smaller than {wantSh}.");
            }

            if (shnum == 0 || shstrndx == 0xffff)
            {
                // Extended numbering: the real counts live in section header 0.
                var first = new ByteView(file.Read(at, wantSh, "section header 0"), bigEndian);
                if (shnum == 0)
                {
                    shnum = first.Word(is64 ? 32 : 20, is64);
                }

                if (shstrndx == 0xffff)
                {
                    shstrndx = first.U32(is64 ? 40 : 24);
                }
            }

            var count = CheckedCount(file, is64 ? 60 : 48, shnum, "section header");
            var table = new ByteView(file.Read(at, (long)shentsize * count, "the section header table"), bigEndian);
            ByteView? names = null;
            if (shstrndx < (ulong)count)
            {
                var s = (int)shstrndx * shentsize;
                var nameOffset = table.Word(s + (is64 ? 24 : 16), is64);
                var nameSize = table.Word(s + (is64 ? 32 : 20), is64);
                names = new ByteView(file.Read(CheckedOffset(file, at + s, nameOffset, "section name table"), (long)Math.Min(nameSize, (ulong)ExecutableFile.MaxRead + 1), "the section name table"), bigEndian);
            }

            var buildInfoAddress = 0UL;
            for (var i = 0; i < count; i++)
            {
                var b = i * shentsize;
                var type = table.U32(b + 4);
                if (type == ShtSymtab)
                {
                    _hasSymtab = true;
                }

                if (buildInfoAddress == 0 && names is { } n && n.CString((int)table.U32(b)) == ".go.buildinfo")
                {
                    buildInfoAddress = table.Word(b + (is64 ? 16 : 12), is64);
                }
            }

            if (buildInfoAddress != 0)
            {
                dataStart = buildInfoAddress;
            }
            else if (count > 0 && names is not null)
            {
                _noBuildInfoSection = true;
            }
        }

        DataStart = dataStart;
        _dynamic = dynamic;
        _is64 = is64;
        _bigEndian = bigEndian;
    }

    internal override GoBaseline.ExecutableFormat Format => GoBaseline.ExecutableFormat.Elf;

    internal override bool ProvablyNotGo => _noBuildInfoSection;

    internal override bool? IsStripped => !_hasSymtab;

    internal override bool? IsPie => _type == EtDyn;

    internal override string? Interpreter => _interpreter;

    internal override IReadOnlyList<string> Needed => _needed ??= ReadNeeded(_dynamic, _is64, _bigEndian);

    internal override GoBaseline.LinkMode LinkMode => _interpreter is not null || Needed.Count > 0 ? GoBaseline.LinkMode.Dynamic : GoBaseline.LinkMode.Static;

    // Read only for Go binaries, on demand: a scan opens thousands of ELF files that are not Go.
    private List<string> ReadNeeded(Region dynamic, bool is64, bool bigEndian)
    {
        var result = new List<string>();
        if (!_hasDynamic)
        {
            return result;
        }

        var entry = is64 ? 16 : 8;
        var size = (long)Math.Min(dynamic.FileSize, 1 << 20);
        var table = new ByteView(File.Read(CheckedOffset(File, 0, (ulong)dynamic.FileOffset, "PT_DYNAMIC"), size - (size % entry), "the dynamic section"), bigEndian);
        var strtab = 0UL;
        var strsz = 0UL;
        var needed = new List<ulong>();
        for (var at = 0; at + entry <= table.Length; at += entry)
        {
            var tag = table.Word(at, is64);
            var value = table.Word(at + (entry / 2), is64);
            if (tag == 0)
            {
                break;
            }

            switch (tag)
            {
                case 1: needed.Add(value); break;
                case 5: strtab = value; break;
                case 10: strsz = value; break;
            }
        }

        if (needed.Count == 0 || strtab == 0)
        {
            return result;
        }

        var strings = ReadData(strtab, strsz == 0 ? 1 << 16 : Math.Min(strsz, 1 << 20));
        if (strings is null)
        {
            throw File.Malformed(dynamic.FileOffset, $"DT_STRTAB address 0x{strtab:x} is in no segment.");
        }

        var view = new ByteView(strings, bigEndian);
        foreach (var n in needed)
        {
            if (n < (ulong)strings.Length)
            {
                result.Add(view.CString((int)n));
            }
        }

        return result;
    }
}

/// <summary>A PE file: the first initialized, readable, writable data section.</summary>
internal sealed class PeImage : ExecutableImage
{
    internal PeImage(ExecutableFile file)
        : base(file)
    {
        var dos = new ByteView(file.Read(0, 64, "the DOS header"), bigEndian: false);
        long pe = dos.U32(0x3c);
        var coff = new ByteView(file.Read(CheckedOffset(file, 0x3c, (ulong)pe, "PE header"), 24, "the PE header"), bigEndian: false);
        if (coff.U32(0) != 0x00004550)
        {
            throw file.Malformed(pe, "no PE signature where e_lfanew points.");
        }

        var sections = coff.U16(6);
        var optionalSize = coff.U16(20);
        var imageBase = 0UL;
        if (optionalSize >= 2)
        {
            var optional = new ByteView(file.Read(pe + 24, optionalSize, "the optional header"), bigEndian: false);
            var magic = optional.U16(0);
            if (magic == 0x10b && optionalSize >= 32)
            {
                imageBase = optional.U32(28);
            }
            else if (magic == 0x20b && optionalSize >= 32)
            {
                imageBase = optional.U64(24);
            }
        }

        var tableAt = pe + 24 + optionalSize;
        var table = new ByteView(file.Read(tableAt, 40L * sections, "the section table"), bigEndian: false);
        const uint wanted = 0x00000040 | 0x40000000 | 0x80000000;
        for (var i = 0; i < sections; i++)
        {
            var b = i * 40;
            var virtualAddress = table.U32(b + 12);
            var rawSize = table.U32(b + 16);
            var rawPointer = table.U32(b + 20);
            var characteristics = table.U32(b + 36);
            Regions.Add(new Region("section " + table.FixedString(b, 8), imageBase + virtualAddress, rawSize, rawPointer));
            if (DataStart == 0 && virtualAddress != 0 && rawSize != 0 && (characteristics & ~0x600000u) == wanted)
            {
                DataStart = virtualAddress + imageBase;
            }
        }
    }

    internal override GoBaseline.ExecutableFormat Format => GoBaseline.ExecutableFormat.Pe;
}

/// <summary>A Mach-O file: the __go_buildinfo section, else the first read-write segment.</summary>
internal sealed class MachOImage : ExecutableImage
{
    internal MachOImage(ExecutableFile file, ReadOnlySpan<byte> ident)
        : base(file)
    {
        var bigEndian = ident[0] == 0xfe;
        var is64 = (bigEndian ? ident[3] : ident[0]) == 0xcf;
        var headerSize = is64 ? 32 : 28;
        var header = new ByteView(file.Read(0, headerSize, "the Mach-O header"), bigEndian);
        var ncmds = CheckedCount(file, 16, header.U32(16), "load command");
        var sizeofcmds = header.U32(20);
        var commands = new ByteView(file.Read(headerSize, sizeofcmds, "the load commands"), bigEndian);
        var buildInfo = 0UL;
        var firstWritable = 0UL;
        var at = 0;
        for (var i = 0; i < ncmds; i++)
        {
            if (at + 8 > commands.Length)
            {
                throw file.Malformed(headerSize + at, $"load command {i} runs past sizeofcmds.");
            }

            var cmd = commands.U32(at);
            var size = (int)Math.Min(commands.U32(at + 4), int.MaxValue);
            if (size < 8 || at + size > commands.Length)
            {
                throw file.Malformed(headerSize + at, $"load command {i} has size {size}.");
            }

            if (cmd == 0x1 || cmd == 0x19)
            {
                var seg64 = cmd == 0x19;
                var name = Name(commands, at + 8);
                var vmaddr = commands.Word(at + 24, seg64);
                var fileoff = commands.Word(at + (seg64 ? 40 : 32), seg64);
                var filesize = commands.Word(at + (seg64 ? 48 : 36), seg64);
                var maxprot = commands.U32(at + (seg64 ? 56 : 40));
                var initprot = commands.U32(at + (seg64 ? 60 : 44));
                var nsects = commands.U32(at + (seg64 ? 64 : 48));
                if (name != "__PAGEZERO")
                {
                    Regions.Add(new Region("segment " + name, vmaddr, filesize, fileoff > long.MaxValue ? long.MaxValue : (long)fileoff));
                }

                if (firstWritable == 0 && vmaddr != 0 && filesize != 0 && initprot == 3 && maxprot == 3)
                {
                    firstWritable = vmaddr;
                }

                var sectSize = seg64 ? 80 : 68;
                var first = at + (seg64 ? 72 : 56);
                for (var s = 0L; s < nsects && first + ((s + 1) * sectSize) <= at + size; s++)
                {
                    var sb = first + (int)(s * sectSize);
                    if (buildInfo == 0 && Name(commands, sb) == "__go_buildinfo")
                    {
                        buildInfo = commands.Word(sb + 32, seg64);
                    }
                }
            }

            at += size;
        }

        DataStart = buildInfo != 0 ? buildInfo : firstWritable;
    }

    internal override GoBaseline.ExecutableFormat Format => GoBaseline.ExecutableFormat.MachO;

    private static string Name(ByteView view, int at) => view.FixedString(at, 16);
}
