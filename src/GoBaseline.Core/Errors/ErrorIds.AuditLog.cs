namespace GoBaseline.Core;

/// <summary>Error ids of the audit log domain.</summary>
public static partial class ErrorIds
{
    /// <summary>A search or report filter is invalid (unknown errno name, bad time).</summary>
    public const string AuditQueryInvalid = "AuditQueryInvalid";
    /// <summary>No audit log file to read.</summary>
    public const string AuditLogNotFound = "AuditLogNotFound";
    /// <summary>Lines of an audit log were skipped as malformed.</summary>
    public const string AuditLogMalformed = "AuditLogMalformed";
    /// <summary>An archive could not be written or verified; its source logs were kept.</summary>
    public const string AuditArchiveFailed = "AuditArchiveFailed";
}
