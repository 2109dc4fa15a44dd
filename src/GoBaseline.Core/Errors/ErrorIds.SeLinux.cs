namespace GoBaseline.Core;

/// <summary>Error ids of the SELinux domain.</summary>
public static partial class ErrorIds
{
    /// <summary>A file_contexts, .subs or config file does not parse.</summary>
    public const string SeLinuxFileContextsInvalid = "SeLinuxFileContextsInvalid";
    /// <summary>A file_contexts regular expression does not compile.</summary>
    public const string SeLinuxRegexInvalid = "SeLinuxRegexInvalid";
    /// <summary>The SELinux policy (config, file_contexts) is not installed under the root.</summary>
    public const string SeLinuxPolicyNotFound = "SeLinuxPolicyNotFound";
    /// <summary>A security.selinux label or /proc/PID/attr/current value is not a valid context.</summary>
    public const string SeLinuxContextInvalid = "SeLinuxContextInvalid";
    /// <summary>A process does not exist.</summary>
    public const string SeLinuxProcessNotFound = "SeLinuxProcessNotFound";
    /// <summary>A file has no security.selinux label.</summary>
    public const string SeLinuxLabelMissing = "SeLinuxLabelMissing";
    /// <summary>A policy module does not compile (checkmodule/semodule_package failed).</summary>
    public const string SeLinuxPolicyCompileFailed = "SeLinuxPolicyCompileFailed";
    /// <summary>A name given for a type, domain or module is not a valid SELinux identifier.</summary>
    public const string SeLinuxNameInvalid = "SeLinuxNameInvalid";
    /// <summary>A policy store change was asked for under -Root: semanage and semodule edit only the live store.</summary>
    public const string SeLinuxPolicyStoreNotLive = "SeLinuxPolicyStoreNotLive";
    /// <summary>New-SeLinuxPolicyModule would overwrite existing module files (.te, .fc, .if, .mod, .pp) without -Force.</summary>
    public const string SeLinuxPolicyModuleExists = "SeLinuxPolicyModuleExists";
}
