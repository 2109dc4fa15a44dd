using System;
using System.IO;

namespace GoBaseline.Core;

/// <summary>What kind of failure an engine exception is; the cmdlet layer maps it to an ErrorCategory.</summary>
public enum FailureKind
{
    /// <summary>Something went wrong that fits nowhere else.</summary>
    Unspecified,
    /// <summary>A file, user, unit or object does not exist.</summary>
    NotFound,
    /// <summary>Input is malformed.</summary>
    InvalidData,
    /// <summary>An argument is out of range or contradicts another.</summary>
    InvalidArgument,
    /// <summary>The caller may not do this (not root, EACCES).</summary>
    PermissionDenied,
    /// <summary>A program or package is missing.</summary>
    NotInstalled,
    /// <summary>Another writer holds the lock.</summary>
    ResourceBusy,
    /// <summary>A time limit ran out.</summary>
    Timeout,
    /// <summary>The operation is not valid in the current state (immutable rules, drift).</summary>
    InvalidOperation,
    /// <summary>An external program failed.</summary>
    ExternalFailure,
}

/// <summary>A position in an input file: 1-based line and column.</summary>
public readonly record struct SourcePosition(string? File, int Line, int Column)
{
    /// <inheritdoc/>
    public override string ToString() => (File ?? "<input>") + ":" + Line + (Column > 0 ? ":" + Column : string.Empty);
}

/// <summary>The engine's one exception type: a stable error id, a kind, a target and, for input, a position.</summary>
public class GoBaselineException : Exception
{
    /// <summary>Creates an engine exception.</summary>
    public GoBaselineException(string errorId, FailureKind kind, string message, object? target = null, Exception? inner = null, SourcePosition? position = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Kind = kind;
        Target = target;
        Position = position;
    }

    /// <summary>The stable error id (a constant in <see cref="ErrorIds"/>).</summary>
    public string ErrorId { get; }

    /// <summary>The failure kind.</summary>
    public FailureKind Kind { get; }

    /// <summary>What the failure is about (path, rule, control id).</summary>
    public object? Target { get; }

    /// <summary>Where in the input the failure is, for parse errors.</summary>
    public SourcePosition? Position { get; }

    /// <summary>Wraps an I/O exception on a path into a positioned engine exception with the right kind.</summary>
    public static GoBaselineException FromIo(Exception ex, string path) => ex switch
    {
        GoBaselineException g => g,
        FileNotFoundException or DirectoryNotFoundException => new GoBaselineException(ErrorIds.PathNotFound, FailureKind.NotFound, $"{path}: not found.", path, ex),
        UnauthorizedAccessException => new GoBaselineException(ErrorIds.PathReadFailed, FailureKind.PermissionDenied, $"{path}: permission denied.", path, ex),
        _ => new GoBaselineException(ErrorIds.PathReadFailed, FailureKind.Unspecified, $"{path}: {ex.Message}", path, ex),
    };
}

/// <summary>Input that does not parse: always carries the file, line and column.</summary>
public sealed class ParseException : GoBaselineException
{
    /// <summary>Creates a parse error at a position.</summary>
    public ParseException(string errorId, SourcePosition position, string message, Exception? inner = null)
        : base(errorId, FailureKind.InvalidData, position + ": " + message, position.File, inner, position)
    {
        Reason = message;
    }

    /// <summary>The message without the position prefix.</summary>
    public string Reason { get; }
}
