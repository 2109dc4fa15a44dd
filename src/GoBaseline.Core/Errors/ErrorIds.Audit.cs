namespace GoBaseline.Core;

/// <summary>Error ids of the audit rules domain.</summary>
public static partial class ErrorIds
{
    /// <summary>An audit rule line does not parse (auditctl would reject it).</summary>
    public const string AuditRuleParseError = "AuditRuleParseError";
    /// <summary>The kernel's audit rules are locked (enabled 2); no rule can change until reboot.</summary>
    public const string AuditRulesImmutable = "AuditRulesImmutable";
    /// <summary>auditctl output could not be understood.</summary>
    public const string AuditOutputUnrecognized = "AuditOutputUnrecognized";
    /// <summary>Loading or changing audit rules failed.</summary>
    public const string AuditRuleChangeFailed = "AuditRuleChangeFailed";
    /// <summary>A rule to remove was not found.</summary>
    public const string AuditRuleNotFound = "AuditRuleNotFound";
}
