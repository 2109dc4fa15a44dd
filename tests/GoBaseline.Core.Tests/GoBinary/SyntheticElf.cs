using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace GoBaseline.Core.Tests.GoBinary;

/// <summary>
/// Writes minimal ELF executables carrying Go build info in the pre-1.18 pointer form (header pointers to Go string
/// headers), 64- or 32-bit, little- or big-endian, so that form is tested where no old Go toolchain exists. The
/// real <c>go version -m</c> reads them too, which proves the files are what they claim.
/// </summary>
internal static class SyntheticElf
{
    internal static readonly byte[] InfoStart = { 0x30, 0x77, 0xaf, 0x0c, 0x92, 0x74, 0x08, 0x02, 0x41, 0xe1, 0xc1, 0x07, 0xe6, 0xd6, 0x18, 0xe6 };
    internal static readonly byte[] InfoEnd = { 0xf9, 0x32, 0x43, 0x31, 0x86, 0x18, 0x20, 0x72, 0x00, 0x82, 0x42, 0x10, 0x41, 0x16, 0xd8, 0xf2 };

    internal static byte[] PointerForm(string version, string modText, bool is64, bool bigEndian)
    {
        const ulong vaddr = 0x500000;
        const int dataOffset = 0x1000;
        var ptr = is64 ? 8 : 4;
        var mod = new List<byte>(InfoStart);
        mod.AddRange(Encoding.UTF8.GetBytes(modText));
        mod.AddRange(InfoEnd);
        var vers = Encoding.UTF8.GetBytes(version);

        // Data: 32-byte header, two string headers, the version, the module info.
        var data = new byte[32 + (4 * ptr) + vers.Length + mod.Count];
        var magic = new byte[] { 0xff, (byte)' ', (byte)'G', (byte)'o', (byte)' ', (byte)'b', (byte)'u', (byte)'i', (byte)'l', (byte)'d', (byte)'i', (byte)'n', (byte)'f', (byte)':' };
        magic.CopyTo(data, 0);
        data[14] = (byte)ptr;
        data[15] = (byte)(bigEndian ? 1 : 0);
        var hdr1 = vaddr + 32;
        var hdr2 = hdr1 + (ulong)(2 * ptr);
        var versAt = hdr2 + (ulong)(2 * ptr);
        var modAt = versAt + (ulong)vers.Length;
        Word(data, 16, hdr1, ptr, bigEndian);
        Word(data, 16 + ptr, hdr2, ptr, bigEndian);
        Word(data, 32, versAt, ptr, bigEndian);
        Word(data, 32 + ptr, (ulong)vers.Length, ptr, bigEndian);
        Word(data, 32 + (2 * ptr), modAt, ptr, bigEndian);
        Word(data, 32 + (3 * ptr), (ulong)mod.Count, ptr, bigEndian);
        vers.CopyTo(data, 32 + (4 * ptr));
        mod.CopyTo(data, 32 + (4 * ptr) + vers.Length);

        var file = new byte[dataOffset + data.Length];
        file[0] = 0x7f;
        file[1] = (byte)'E';
        file[2] = (byte)'L';
        file[3] = (byte)'F';
        file[4] = (byte)(is64 ? 2 : 1);
        file[5] = (byte)(bigEndian ? 2 : 1);
        file[6] = 1;
        var ehsize = is64 ? 64 : 52;
        var phentsize = is64 ? 56 : 32;
        Half(file, 16, 2, bigEndian);
        Half(file, 18, (ushort)(is64 ? (bigEndian ? 21 : 62) : (bigEndian ? 20 : 3)), bigEndian);
        Word(file, 20, 1, 4, bigEndian);
        if (is64)
        {
            Word(file, 32, (ulong)ehsize, 8, bigEndian);
            Half(file, 52, (ushort)ehsize, bigEndian);
            Half(file, 54, (ushort)phentsize, bigEndian);
            Half(file, 56, 1, bigEndian);
            Half(file, 58, 64, bigEndian);
            var p = ehsize;
            Word(file, p, 1, 4, bigEndian);
            Word(file, p + 4, 6, 4, bigEndian);
            Word(file, p + 8, dataOffset, 8, bigEndian);
            Word(file, p + 16, vaddr, 8, bigEndian);
            Word(file, p + 24, vaddr, 8, bigEndian);
            Word(file, p + 32, (ulong)data.Length, 8, bigEndian);
            Word(file, p + 40, (ulong)data.Length, 8, bigEndian);
            Word(file, p + 48, 0x1000, 8, bigEndian);
        }
        else
        {
            Word(file, 28, (ulong)ehsize, 4, bigEndian);
            Half(file, 40, (ushort)ehsize, bigEndian);
            Half(file, 42, (ushort)phentsize, bigEndian);
            Half(file, 44, 1, bigEndian);
            Half(file, 46, 40, bigEndian);
            var p = ehsize;
            Word(file, p, 1, 4, bigEndian);
            Word(file, p + 4, dataOffset, 4, bigEndian);
            Word(file, p + 8, vaddr, 4, bigEndian);
            Word(file, p + 12, vaddr, 4, bigEndian);
            Word(file, p + 16, (ulong)data.Length, 4, bigEndian);
            Word(file, p + 20, (ulong)data.Length, 4, bigEndian);
            Word(file, p + 24, 6, 4, bigEndian);
            Word(file, p + 28, 0x1000, 4, bigEndian);
        }

        data.CopyTo(file, dataOffset);
        return file;
    }

    private static void Half(byte[] b, int at, ushort v, bool be)
    {
        if (be)
        {
            BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(at), v);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at), v);
        }
    }

    private static void Word(byte[] b, int at, ulong v, int size, bool be)
    {
        if (size == 8)
        {
            if (be)
            {
                BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(at), v);
            }
            else
            {
                BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(at), v);
            }
        }
        else if (be)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(at), (uint)v);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), (uint)v);
        }
    }
}
