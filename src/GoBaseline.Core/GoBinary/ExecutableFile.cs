using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using Microsoft.Win32.SafeHandles;

namespace GoBaseline.Core.GoBinary;

/// <summary>
/// Random access to an executable with every read checked against the file's length, so a truncated or hostile
/// file yields a <see cref="BinaryFormatException"/> at the offending offset instead of an exception from deep in
/// the runtime or an allocation the size of a corrupt header field.
/// </summary>
internal sealed class ExecutableFile : IDisposable
{
    /// <summary>The largest single read the reader ever makes (a string, a header table).</summary>
    internal const int MaxRead = 16 << 20;

    private readonly SafeFileHandle _handle;

    internal ExecutableFile(SafeFileHandle handle, long length, string displayPath)
    {
        _handle = handle;
        Length = length;
        DisplayPath = displayPath;
    }

    /// <summary>The file's length in bytes.</summary>
    internal long Length { get; }

    /// <summary>The path used in error messages (the path inside the host root).</summary>
    internal string DisplayPath { get; }

    /// <summary>Opens a real path for reading; <paramref name="displayPath"/> is used in messages.</summary>
    internal static ExecutableFile Open(string realPath, string displayPath)
    {
        var handle = File.OpenHandle(realPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            return new ExecutableFile(handle, RandomAccess.GetLength(handle), displayPath);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="offset"/>, or fails with the offset.</summary>
    internal void ReadExactly(long offset, Span<byte> buffer, string what)
    {
        if (offset < 0 || offset > Length || buffer.Length > Length - offset)
        {
            throw Malformed(offset, $"{what} ({buffer.Length} bytes) lies beyond the end of the file ({Length} bytes); the file is truncated or corrupt.");
        }

        var done = 0;
        while (done < buffer.Length)
        {
            var n = RandomAccess.Read(_handle, buffer.Slice(done), offset + done);
            if (n <= 0)
            {
                throw Malformed(offset + done, $"{what}: the file ended early (it changed while being read?).");
            }

            done += n;
        }
    }

    /// <summary>Reads up to the buffer's length (fewer at the end of the file).</summary>
    internal int ReadAtMost(long offset, Span<byte> buffer)
    {
        if (offset < 0 || offset >= Length)
        {
            return 0;
        }

        var want = (int)Math.Min(buffer.Length, Length - offset);
        var done = 0;
        while (done < want)
        {
            var n = RandomAccess.Read(_handle, buffer.Slice(done, want - done), offset + done);
            if (n <= 0)
            {
                break;
            }

            done += n;
        }

        return done;
    }

    /// <summary>Reads a block, refusing sizes above <see cref="MaxRead"/>.</summary>
    internal byte[] Read(long offset, long count, string what)
    {
        if (count < 0 || count > MaxRead)
        {
            throw Malformed(offset, $"{what} claims {count} bytes, more than the {MaxRead} bytes this reader accepts.");
        }

        var buffer = new byte[count];
        ReadExactly(offset, buffer, what);
        return buffer;
    }

    internal BinaryFormatException Malformed(long offset, string reason) => new(ErrorIds.ExecutableMalformed, DisplayPath, offset, reason);

    /// <inheritdoc/>
    public void Dispose() => _handle.Dispose();
}

/// <summary>Endian-aware integer decoding for a header that has already been read into memory.</summary>
internal readonly struct ByteView
{
    private readonly byte[] _data;
    private readonly bool _bigEndian;

    internal ByteView(byte[] data, bool bigEndian)
    {
        _data = data;
        _bigEndian = bigEndian;
    }

    internal int Length => _data.Length;

    internal ushort U16(int at) => _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(_data.AsSpan(at, 2)) : BinaryPrimitives.ReadUInt16LittleEndian(_data.AsSpan(at, 2));

    internal uint U32(int at) => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(_data.AsSpan(at, 4)) : BinaryPrimitives.ReadUInt32LittleEndian(_data.AsSpan(at, 4));

    internal ulong U64(int at) => _bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(_data.AsSpan(at, 8)) : BinaryPrimitives.ReadUInt64LittleEndian(_data.AsSpan(at, 8));

    internal ulong Word(int at, bool is64) => is64 ? U64(at) : U32(at);

    internal byte Byte(int at) => _data[at];

    /// <summary>A string of at most <paramref name="max"/> bytes, cut at the first NUL (fixed-width name fields).</summary>
    internal string FixedString(int at, int max)
    {
        var end = at;
        while (end < at + max && end < _data.Length && _data[end] != 0)
        {
            end++;
        }

        return System.Text.Encoding.Latin1.GetString(_data, at, end - at);
    }

    /// <summary>A NUL-terminated string starting at <paramref name="at"/> (to the end of the data when unterminated).</summary>
    internal string CString(int at)
    {
        if (at < 0 || at >= _data.Length)
        {
            return string.Empty;
        }

        var end = Array.IndexOf(_data, (byte)0, at);
        if (end < 0)
        {
            end = _data.Length;
        }

        return System.Text.Encoding.UTF8.GetString(_data, at, end - at);
    }
}

/// <summary>A loaded region of an executable: where it sits in memory and in the file.</summary>
internal readonly record struct Region(string Name, ulong Address, ulong FileSize, long FileOffset);
