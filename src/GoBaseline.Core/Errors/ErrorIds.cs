namespace GoBaseline.Core;

/// <summary>
/// Every stable error id the module raises. Tests assert these through FullyQualifiedErrorId, so never rename one.
/// Each domain adds its ids in its own part of this one class (ErrorIds.*.cs).
/// </summary>
public static partial class ErrorIds
{
    /// <summary>An external program is not installed.</summary>
    public const string NativeCommandNotFound = "NativeCommandNotFound";
    /// <summary>An external program exited non-zero or wrote an error.</summary>
    public const string NativeCommandFailed = "NativeCommandFailed";
    /// <summary>An external program ran past its timeout.</summary>
    public const string NativeCommandTimedOut = "NativeCommandTimedOut";
    /// <summary>A path could not be read.</summary>
    public const string PathReadFailed = "PathReadFailed";
    /// <summary>A path does not exist.</summary>
    public const string PathNotFound = "PathNotFound";
    /// <summary>The host root given with -Root is not a directory.</summary>
    public const string InvalidRoot = "InvalidRoot";
    /// <summary>A profile could not be read or does not follow the schema.</summary>
    public const string ProfileInvalid = "ProfileInvalid";
    /// <summary>A named user does not exist under the root.</summary>
    public const string UserNotFound = "UserNotFound";
    /// <summary>A named systemd unit does not exist under the root.</summary>
    public const string ServiceNotFound = "ServiceNotFound";
    /// <summary>A check threw; the result is Error.</summary>
    public const string CheckFailed = "CheckFailed";
    /// <summary>The operation was stopped (Ctrl+C, StopProcessing).</summary>
    public const string OperationStopped = "OperationStopped";
    /// <summary>A parameter value is not valid.</summary>
    public const string InvalidArgument = "InvalidArgument";
    /// <summary>Input text could not be parsed.</summary>
    public const string ParseError = "ParseError";
    /// <summary>An unexpected failure inside the module.</summary>
    public const string InternalError = "InternalError";
}
