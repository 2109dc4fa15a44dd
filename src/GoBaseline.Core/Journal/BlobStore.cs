using System;
using System.IO;
using System.Security.Cryptography;

namespace GoBaseline.Core.Journal;

/// <summary>Content-addressed storage of file contents under the journal (blobs/&lt;sha256&gt;), written durably.</summary>
public sealed class BlobStore
{
    private readonly string? _directory;

    /// <summary>Creates a store in a real directory on this machine.</summary>
    public BlobStore(string directory) => _directory = directory;

    private BlobStore() => _directory = null;

    /// <summary>
    /// A store that only hashes and keeps nothing: for planning (-WhatIf, idempotence checks) without writing a
    /// byte anywhere, not even the journal directory.
    /// </summary>
    public static BlobStore HashOnly { get; } = new();

    /// <summary>True when the store keeps nothing (see <see cref="HashOnly"/>).</summary>
    public bool IsHashOnly => _directory is null;

    /// <summary>True when the store holds content with that hash.</summary>
    public bool Contains(string hash) => _directory is not null && File.Exists(Path.Combine(_directory, hash));

    /// <summary>The SHA-256 of bytes, lower-case hex.</summary>
    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    /// <summary>Stores bytes (once) and returns their hash.</summary>
    public string Put(byte[] bytes)
    {
        var hash = Hash(bytes);
        if (_directory is null)
        {
            return hash;
        }

        var path = Path.Combine(_directory, hash);
        if (!File.Exists(path))
        {
            AtomicFile.WriteDurable(path, bytes, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return hash;
    }

    /// <summary>Reads stored bytes, checking their hash.</summary>
    public byte[] Get(string hash)
    {
        if (_directory is null)
        {
            throw new InvalidOperationException("A hash-only blob store keeps no content.");
        }

        var path = Path.Combine(_directory, hash);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new GoBaselineException(ErrorIds.JournalCorrupt, FailureKind.InvalidData, $"The journal's copy of content {hash} is missing: {ex.Message}", hash, ex);
        }

        if (Hash(bytes) != hash)
        {
            throw new GoBaselineException(ErrorIds.JournalCorrupt, FailureKind.InvalidData, $"The journal's copy of content {hash} is damaged.", hash);
        }

        return bytes;
    }
}
