using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using GoBaseline.Core.Host.Native;
using AuditArchiveSplit = GoBaseline.AuditArchiveSplit;

namespace GoBaseline.Core.Audit.Log;

/// <summary>Asks the caller before each side effect (the cmdlet maps it to ShouldProcess).</summary>
public interface IArchiveApprover
{
    /// <summary>True when the action on the target may go ahead.</summary>
    bool Approve(string target, string action);
}

/// <summary>
/// Archives audit logs: the lines of the source logs (in time order) are split per day or per size into gzip
/// archives written to a temporary name, flushed to disk (fsync), read back and verified (SHA-256 of the
/// uncompressed content), then renamed into place and listed with their SHA-256 in the SHA256SUMS manifest.
/// Source logs are deleted only after every archive holding their lines has been verified; archives older than
/// the retention are deleted last.
/// </summary>
public sealed class AuditLogArchiver
{
    /// <summary>The manifest file name in the destination, in sha256sum format.</summary>
    public const string ManifestName = "SHA256SUMS";

    private readonly IArchiveApprover _approver;
    private readonly NameCache _names = new();

    /// <summary>Creates an archiver that asks <paramref name="approver"/> before each write or delete.</summary>
    public AuditLogArchiver(IArchiveApprover approver)
    {
        _approver = approver;
    }

    /// <summary>Archives <paramref name="sources"/> (oldest first) into <paramref name="destination"/>.</summary>
    public List<GoBaseline.AuditLogArchive> Archive(IReadOnlyList<string> sources, string destination, AuditArchiveSplit split, long maxBytes, bool removeSource, int? retentionDays, DateTimeOffset now)
    {
        var written = new List<GoBaseline.AuditLogArchive>();
        var groups = Plan(sources, split, maxBytes);
        var verifiedSources = new HashSet<string>(StringComparer.Ordinal);
        var failedSources = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in groups)
        {
            var name = UniqueName(destination, g.Label);
            var final = Path.Combine(destination, name);
            if (!_approver.Approve(final, $"Write archive of {g.Lines} lines from {string.Join(", ", g.Sources)}"))
            {
                continue;
            }

            try
            {
                Directory.CreateDirectory(destination);
                var archive = WriteVerified(g, final, sources);
                AppendManifest(destination, name, archive.Sha256);
                written.Add(archive);
                foreach (var s in g.Sources)
                {
                    verifiedSources.Add(s);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                foreach (var s in g.Sources)
                {
                    failedSources.Add(s);
                }

                throw new GoBaselineException(ErrorIds.AuditArchiveFailed, FailureKind.Unspecified, $"{final}: {ex.Message} The source logs were kept.", final, ex);
            }
        }

        if (removeSource)
        {
            foreach (var s in sources)
            {
                // Only a source whose every line went into a verified archive may go.
                if (verifiedSources.Contains(s) && !failedSources.Contains(s) && AllGroupsWritten(groups, s, written) && _approver.Approve(s, "Delete source log (archived and verified)"))
                {
                    File.Delete(s);
                }
            }
        }

        if (retentionDays is int days)
        {
            Prune(destination, now.AddDays(-days));
        }

        return written;
    }

    /// <summary>Deletes archives whose newest event is older than <paramref name="cutoff"/> and drops them from the manifest.</summary>
    private void Prune(string destination, DateTimeOffset cutoff)
    {
        if (!Directory.Exists(destination))
        {
            return;
        }

        var manifest = ReadManifest(destination);
        var keep = new List<(string Sha, string Name)>();
        foreach (var (sha, name) in manifest)
        {
            var path = Path.Combine(destination, name);
            var day = DayOf(name);
            if (day is DateTimeOffset d && d.AddDays(1) <= cutoff && _approver.Approve(path, "Delete archive past retention"))
            {
                File.Delete(path);
                continue;
            }

            keep.Add((sha, name));
        }

        if (keep.Count != manifest.Count)
        {
            WriteManifest(destination, keep);
        }
    }

    private static DateTimeOffset? DayOf(string name)
    {
        // audit-YYYYMMDD[-N].log.gz
        if (name.Length >= 14 && name.StartsWith("audit-", StringComparison.Ordinal)
            && DateTime.TryParseExact(name.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d))
        {
            return new DateTimeOffset(d, TimeSpan.Zero);
        }

        return null;
    }

    private static bool AllGroupsWritten(List<Group> groups, string source, List<GoBaseline.AuditLogArchive> written)
    {
        foreach (var g in groups)
        {
            if (!g.Sources.Contains(source))
            {
                continue;
            }

            var found = false;
            foreach (var w in written)
            {
                if (w.Sha256Content == g.ContentHash)
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    private sealed class Group
    {
        public string Label { get; set; } = string.Empty;

        public List<string> Sources { get; } = new();

        public List<(string File, long Start, long End)> Ranges { get; } = new();

        public long Lines { get; set; }

        public long Bytes { get; set; }

        public DateTimeOffset? First { get; set; }

        public DateTimeOffset? Last { get; set; }

        public string ContentHash { get; set; } = string.Empty;
    }

    // First pass: decide which byte ranges of which source go into which archive, and hash each archive's content.
    private List<Group> Plan(IReadOnlyList<string> sources, AuditArchiveSplit split, long maxBytes)
    {
        var groups = new List<Group>();
        Group? current = null;
        var hashers = new Dictionary<Group, IncrementalHash>();
        var sizeIndex = 0;
        foreach (var file in sources)
        {
            using var stream = AuditLogReader.OpenLog(file);
            long offset = 0;
            foreach (var (line, length) in Lines(stream))
            {
                var rec = AuditLine.TryParse(line.Span, file, 0, _names, out _);
                var time = rec?.Time;
                var day = time?.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
                var newGroup = current is null
                    || (split == AuditArchiveSplit.Day && day is not null && current.Label.Substring(6, 8) != day)
                    || (split == AuditArchiveSplit.Size && current.Bytes + length > maxBytes && current.Bytes > 0);
                if (newGroup)
                {
                    var label = split == AuditArchiveSplit.Day
                        ? "audit-" + (day ?? current?.Label.Substring(6, 8) ?? DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture))
                        : "audit-" + (time ?? current?.Last ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + (++sizeIndex).ToString("000", CultureInfo.InvariantCulture);
                    current = new Group { Label = label };
                    groups.Add(current);
                    hashers[current] = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                }

                if (!current!.Sources.Contains(file))
                {
                    current.Sources.Add(file);
                }

                if (current.Ranges.Count > 0 && current.Ranges[^1].File == file && current.Ranges[^1].End == offset)
                {
                    current.Ranges[^1] = (file, current.Ranges[^1].Start, offset + length);
                }
                else
                {
                    current.Ranges.Add((file, offset, offset + length));
                }

                hashers[current].AppendData(line.Span);
                current.Lines++;
                current.Bytes += length;
                if (time is not null)
                {
                    current.First ??= time;
                    current.Last = time;
                }

                offset += length;
            }
        }

        foreach (var (g, h) in hashers)
        {
            g.ContentHash = Convert.ToHexString(h.GetHashAndReset()).ToLowerInvariant();
            h.Dispose();
        }

        return groups;
    }

    /// <summary>Yields each line with its line feed (the last one may lack it) and its length in bytes.</summary>
    private static IEnumerable<(ReadOnlyMemory<byte> Line, long Length)> Lines(Stream stream)
    {
        var buffer = new byte[1 << 20];
        var filled = 0;
        while (true)
        {
            var n = stream.Read(buffer, filled, buffer.Length - filled);
            filled += n;
            var start = 0;
            while (true)
            {
                var nl = Array.IndexOf(buffer, (byte)'\n', start, filled - start);
                if (nl < 0)
                {
                    break;
                }

                yield return (new ReadOnlyMemory<byte>(buffer, start, nl - start + 1), nl - start + 1);
                start = nl + 1;
            }

            if (n == 0)
            {
                if (filled > start)
                {
                    yield return (new ReadOnlyMemory<byte>(buffer, start, filled - start), filled - start);
                }

                yield break;
            }

            Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
            filled -= start;
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }
    }

    private static string UniqueName(string destination, string label)
    {
        var name = label + ".log.gz";
        for (var i = 2; File.Exists(Path.Combine(destination, name)); i++)
        {
            name = label + "." + i.ToString(CultureInfo.InvariantCulture) + ".log.gz";
        }

        return name;
    }

    private GoBaseline.AuditLogArchive WriteVerified(Group g, string final, IReadOnlyList<string> sources)
    {
        var temp = final + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                using (var gz = new GZipStream(fs, CompressionLevel.Optimal, leaveOpen: true))
                {
                    foreach (var (file, start, end) in g.Ranges)
                    {
                        CopyRange(file, start, end, gz);
                    }
                }

                fs.Flush(flushToDisk: true);
            }

            // Read back what is on disk and compare with what was planned.
            string contentHash;
            using (var check = new GZipStream(new FileStream(temp, FileMode.Open, FileAccess.Read), CompressionMode.Decompress))
            {
                contentHash = Convert.ToHexString(SHA256.HashData(check)).ToLowerInvariant();
            }

            if (contentHash != g.ContentHash)
            {
                throw new InvalidDataException("The archive read back does not match its sources (SHA-256 of the content differs).");
            }

            string fileHash;
            using (var f = File.OpenRead(temp))
            {
                fileHash = Convert.ToHexString(SHA256.HashData(f)).ToLowerInvariant();
            }

            File.Move(temp, final);
            LibC.FsyncDirectory(Path.GetDirectoryName(final)!);
            return new GoBaseline.AuditLogArchive(final, g.First, g.Last, g.Lines, g.Bytes, new FileInfo(final).Length, fileHash, contentHash, g.Sources, true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static void CopyRange(string file, long start, long end, Stream target)
    {
        using var source = AuditLogReader.OpenLog(file);
        var buffer = new byte[1 << 16];
        long pos = 0;
        if (source.CanSeek)
        {
            source.Position = start;
            pos = start;
        }

        while (pos < end)
        {
            var want = (int)Math.Min(buffer.Length, end - pos);
            var skip = pos < start ? (int)Math.Min(want, start - pos) : 0;
            var n = source.Read(buffer, 0, skip > 0 ? skip : want);
            if (n == 0)
            {
                throw new IOException($"{file} ended before its planned range: it changed while being archived.");
            }

            if (skip == 0)
            {
                target.Write(buffer, 0, n);
            }

            pos += n;
        }
    }

    private static List<(string Sha, string Name)> ReadManifest(string destination)
    {
        var list = new List<(string, string)>();
        var path = Path.Combine(destination, ManifestName);
        if (!File.Exists(path))
        {
            return list;
        }

        foreach (var line in File.ReadAllLines(path))
        {
            var sp = line.IndexOf("  ", StringComparison.Ordinal);
            if (sp == 64)
            {
                list.Add((line.Substring(0, 64), line.Substring(66)));
            }
        }

        return list;
    }

    private static void AppendManifest(string destination, string name, string sha)
    {
        var list = ReadManifest(destination);
        list.RemoveAll(e => e.Item2 == name);
        list.Add((sha, name));
        WriteManifest(destination, list);
    }

    private static void WriteManifest(string destination, List<(string Sha, string Name)> entries)
    {
        var path = Path.Combine(destination, ManifestName);
        var temp = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        foreach (var (sha, name) in entries)
        {
            sb.Append(sha).Append("  ").Append(name).Append('\n');
        }

        using (var fs = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            var bytes = Encoding.UTF8.GetBytes(sb.ToString());
            fs.Write(bytes);
            fs.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        LibC.FsyncDirectory(destination);
    }
}
