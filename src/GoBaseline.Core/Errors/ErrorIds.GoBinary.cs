namespace GoBaseline.Core;

/// <summary>Error ids of the Go binary and FIPS domains.</summary>
public static partial class ErrorIds
{
    /// <summary>A named file is an executable but carries no Go build info.</summary>
    public const string NotGoBinary = "NotGoBinary";
    /// <summary>A named file is not an ELF, PE or Mach-O executable.</summary>
    public const string UnrecognizedExecutable = "UnrecognizedExecutable";
    /// <summary>An executable's headers point outside the file or are inconsistent (truncated or hostile file).</summary>
    public const string ExecutableMalformed = "ExecutableMalformed";
    /// <summary>The embedded build info text does not parse.</summary>
    public const string BuildInfoMalformed = "BuildInfoMalformed";
    /// <summary>A process named with -ProcessId does not exist or its executable cannot be read.</summary>
    public const string ProcessNotFound = "ProcessNotFound";
    /// <summary>A FIPS signal could not be read.</summary>
    public const string FipsSignalUnreadable = "FipsSignalUnreadable";
}
