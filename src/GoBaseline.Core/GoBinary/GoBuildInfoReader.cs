using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using GoBaseline.Core.Host;

namespace GoBaseline.Core.GoBinary;

/// <summary>What reading a file found.</summary>
public enum BuildInfoOutcome
{
    /// <summary>A Go binary; the info is set.</summary>
    GoBinary,
    /// <summary>Not an ELF, PE or Mach-O file.</summary>
    UnrecognizedFormat,
    /// <summary>An executable without Go build info.</summary>
    NotGo,
}

/// <summary>The result of reading one file.</summary>
public sealed record BuildInfoResult(BuildInfoOutcome Outcome, GoBinaryInfo? Info, string? Reason);

/// <summary>
/// Reads the build info the go command embeds in executables, in managed code and without running anything: the
/// 32-byte header found at a 16-byte boundary in the first 64 KiB of the data (ELF .go.buildinfo, Mach-O
/// __go_buildinfo, else the first writable segment or section), inline uvarint strings (Go 1.18 and later) or the
/// older pointers to string headers, the module info between its 16-byte sentinels, and its text form
/// (debug/buildinfo and runtime/debug of the Go source).
/// </summary>
public static class GoBuildInfoReader
{
    private const int SearchSize = 64 * 1024;
    private const int HeaderSize = 32;
    private const int Align = 16;

    private static readonly byte[] MagicBytes = { 0xff, (byte)' ', (byte)'G', (byte)'o', (byte)' ', (byte)'b', (byte)'u', (byte)'i', (byte)'l', (byte)'d', (byte)'i', (byte)'n', (byte)'f', (byte)':' };

    /// <summary>Reads a file inside a host root. Malformed executables throw a <see cref="BinaryFormatException"/>.</summary>
    public static BuildInfoResult Read(HostRoot host, string path, int? processId = null)
    {
        string real;
        try
        {
            real = host.Map(path);
        }
        catch (IOException ex)
        {
            throw GoBaselineException.FromIo(ex, path);
        }

        return ReadReal(real, path, processId);
    }

    /// <summary>Reads a real path on this machine; <paramref name="displayPath"/> names it in the result and errors.</summary>
    public static BuildInfoResult ReadReal(string realPath, string displayPath, int? processId = null)
    {
        ExecutableFile file;
        try
        {
            file = ExecutableFile.Open(realPath, displayPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw GoBaselineException.FromIo(ex, displayPath);
        }

        using (file)
        {
            var image = ExecutableImage.Open(file);
            if (image is null)
            {
                return new BuildInfoResult(BuildInfoOutcome.UnrecognizedFormat, null, "unrecognized file format");
            }

            var (version, modinfo, reason) = ReadRaw(image);
            if (version is null)
            {
                return new BuildInfoResult(BuildInfoOutcome.NotGo, null, reason);
            }

            var parsed = BuildInfoText.Parse(modinfo, displayPath + " (module info)");
            var needed = image.Needed;
            var (mode, fipsVersion, evidence) = GoCryptoModeAnalyzer.Derive(version, parsed.Settings, needed);
            var info = new GoBinaryInfo(
                displayPath,
                version,
                parsed.Path,
                parsed.Main,
                parsed.Dependencies,
                parsed.Settings,
                image.Format,
                image.LinkMode,
                image.IsStripped,
                image.IsPie,
                image.Interpreter,
                needed,
                mode,
                fipsVersion,
                evidence,
                BuildInfoText.Render(parsed),
                processId);
            return new BuildInfoResult(BuildInfoOutcome.GoBinary, info, null);
        }
    }

    /// <summary>Only the Go version of a binary (for toolchains without a VERSION file), or null.</summary>
    public static string? ReadVersion(HostRoot host, string path)
    {
        var result = Read(host, path);
        return result.Info?.GoVersionText;
    }

    /// <summary>The raw version and module info strings, or a null version and why.</summary>
    private static (string? Version, string ModInfo, string? Reason) ReadRaw(ExecutableImage image)
    {
        if (image.ProvablyNotGo)
        {
            return (null, string.Empty, "not a Go executable (no .go.buildinfo section)");
        }

        if (image.DataStart == 0)
        {
            return (null, string.Empty, "not a Go executable (no data segment)");
        }

        var data = image.ReadData(image.DataStart, SearchSize);
        if (data is null)
        {
            return (null, string.Empty, "not a Go executable (the data start is in no segment)");
        }

        var at = FindHeader(data);
        if (at < 0)
        {
            return (null, string.Empty, "not a Go executable");
        }

        var ptrSize = data[at + 14];
        var flags = data[at + 15];
        var headerAddress = image.DataStart + (ulong)at;
        byte[] version;
        byte[] mod;
        if ((flags & 2) != 0)
        {
            var next = headerAddress + HeaderSize;
            version = InlineString(image, ref next, "the Go version");
            mod = InlineString(image, ref next, "the module info");
        }
        else
        {
            if (ptrSize != 4 && ptrSize != 8)
            {
                throw image.File.Malformed(OffsetOf(image, headerAddress + 14), $"build info pointer size {ptrSize} is neither 4 nor 8.");
            }

            var bigEndian = flags != 0;
            var view = new ByteView(data.AsSpan(at, HeaderSize).ToArray(), bigEndian);
            var is64 = ptrSize == 8;
            version = PointerString(image, view.Word(16, is64), ptrSize, bigEndian, "the Go version");
            mod = PointerString(image, view.Word(16 + ptrSize, is64), ptrSize, bigEndian, "the module info");
        }

        if (version.Length == 0)
        {
            return (null, string.Empty, "not a Go executable (empty Go version)");
        }

        // The module info is framed by two 16-byte sentinels (cmd/go/internal/modload infoStart, infoEnd); they are
        // cut off as bytes, before decoding, because they are not UTF-8.
        var text = string.Empty;
        if (mod.Length >= 33 && mod[mod.Length - 17] == (byte)'\n')
        {
            text = Encoding.UTF8.GetString(mod, 16, mod.Length - 32);
        }

        return (Encoding.UTF8.GetString(version), text, null);
    }

    private static int FindHeader(byte[] data)
    {
        var span = data.AsSpan();
        var offset = 0;
        while (true)
        {
            var i = span.Slice(offset).IndexOf(MagicBytes);
            if (i < 0)
            {
                return -1;
            }

            var at = offset + i;
            if (data.Length - at < HeaderSize)
            {
                return -1;
            }

            if (at % Align == 0)
            {
                return at;
            }

            offset = (at + Align) & ~(Align - 1);
            if (offset >= data.Length)
            {
                return -1;
            }
        }
    }

    private static byte[] InlineString(ExecutableImage image, ref ulong address, string what)
    {
        var head = image.ReadData(address, 10) ?? throw image.File.Malformed(OffsetOf(image, address), $"{what}: its length lies outside every segment.");
        ulong length = 0;
        var shift = 0;
        var n = 0;
        while (true)
        {
            if (n >= head.Length || n >= 10)
            {
                throw image.File.Malformed(OffsetOf(image, address), $"{what}: bad length varint.");
            }

            var b = head[n++];
            length |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                break;
            }

            shift += 7;
        }

        if (length > ExecutableFile.MaxRead)
        {
            throw image.File.Malformed(OffsetOf(image, address), $"{what} claims {length} bytes.");
        }

        var text = length == 0 ? Array.Empty<byte>() : image.ReadData(address + (ulong)n, length);
        if (text is null || (ulong)text.Length < length)
        {
            throw image.File.Malformed(OffsetOf(image, address), $"{what} ({length} bytes) runs past the end of its segment; the file is truncated or corrupt.");
        }

        address += (ulong)n + length;
        return text;
    }

    private static byte[] PointerString(ExecutableImage image, ulong address, int ptrSize, bool bigEndian, string what)
    {
        var header = image.ReadData(address, (ulong)(2 * ptrSize));
        if (header is null || header.Length < 2 * ptrSize)
        {
            return Array.Empty<byte>();
        }

        var view = new ByteView(header, bigEndian);
        var is64 = ptrSize == 8;
        var dataAddress = view.Word(0, is64);
        var length = view.Word(ptrSize, is64);
        if (length > ExecutableFile.MaxRead)
        {
            throw image.File.Malformed(OffsetOf(image, address), $"{what} claims {length} bytes.");
        }

        if (length == 0)
        {
            return Array.Empty<byte>();
        }

        var data = image.ReadData(dataAddress, length);
        if (data is null || (ulong)data.Length < length)
        {
            throw image.File.Malformed(OffsetOf(image, address), $"{what} ({length} bytes at 0x{dataAddress:x}) runs past its segment; the file is truncated or corrupt.");
        }

        return data;
    }

    private static long OffsetOf(ExecutableImage image, ulong address)
    {
        foreach (var r in image.Regions)
        {
            if (r.FileSize > 0 && address >= r.Address && address - r.Address < r.FileSize)
            {
                return r.FileOffset + (long)(address - r.Address);
            }
        }

        return -1;
    }
}
