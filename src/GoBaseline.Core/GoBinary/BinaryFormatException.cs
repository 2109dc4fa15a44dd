namespace GoBaseline.Core.GoBinary;

/// <summary>
/// An executable that cannot be read as what its magic says it is: a header points outside the file, a count is
/// absurd, a string runs past its segment. Carries the byte offset where reading failed.
/// </summary>
public sealed class BinaryFormatException : GoBaselineException
{
    /// <summary>Creates the exception for a file and a byte offset.</summary>
    public BinaryFormatException(string errorId, string path, long offset, string reason)
        : base(errorId, FailureKind.InvalidData, $"{path}: at byte offset {offset} (0x{offset:x}): {reason}", path)
    {
        Offset = offset;
        Reason = reason;
    }

    /// <summary>The byte offset in the file where reading failed.</summary>
    public long Offset { get; }

    /// <summary>The message without the path and offset.</summary>
    public string Reason { get; }
}
