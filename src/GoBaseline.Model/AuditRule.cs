using System.Collections.Generic;

namespace GoBaseline;

/// <summary>What one line of an audit rules file does.</summary>
public enum AuditRuleKind
{
    /// <summary>A filter rule or a file watch (<c>-a</c>, <c>-A</c>, <c>-d</c>, <c>-w</c>, <c>-W</c>).</summary>
    Rule,
    /// <summary>A control setting (<c>-D</c>, <c>-b</c>, <c>-f</c>, <c>-r</c>, <c>-e</c>, <c>--backlog_wait_time</c>, <c>--loginuid-immutable</c>, <c>-i</c>, <c>-c</c>, ...).</summary>
    Control,
}

/// <summary>What a rule line asks the kernel to do with the rule.</summary>
public enum AuditRuleOperation
{
    /// <summary>Append to the end of its list (<c>-a</c>, <c>-w</c>).</summary>
    Append,
    /// <summary>Insert at the front of its list (<c>-A</c>).</summary>
    Prepend,
    /// <summary>Delete the identical rule (<c>-d</c>, <c>-W</c>).</summary>
    Delete,
}

/// <summary>The kernel filter list a rule belongs to, in the kernel's listing order.</summary>
public enum AuditRuleList
{
    /// <summary>User-space messages (<c>user</c>).</summary>
    User = 0,
    /// <summary>Task creation (<c>task</c>).</summary>
    Task = 1,
    /// <summary>System call exit (<c>exit</c>).</summary>
    Exit = 4,
    /// <summary>Event type exclusion (<c>exclude</c>).</summary>
    Exclude = 5,
    /// <summary>File system type filter (<c>filesystem</c>).</summary>
    Filesystem = 6,
    /// <summary>io_uring operation exit (<c>io_uring</c>, auditctl 3.1 and later).</summary>
    IoUring = 7,
}

/// <summary>Whether a matching event is recorded.</summary>
public enum AuditRuleAction
{
    /// <summary>Never record (<c>never</c>).</summary>
    Never = 0,
    /// <summary>Always record (<c>always</c>).</summary>
    Always = 2,
}

/// <summary>The control settings a rules line can make.</summary>
public enum AuditControlOption
{
    /// <summary><c>-D</c>: delete all rules (or those with a key).</summary>
    DeleteAll,
    /// <summary><c>-b</c>: backlog limit.</summary>
    BacklogLimit,
    /// <summary><c>-f</c>: failure mode (0 silent, 1 printk, 2 panic).</summary>
    FailureMode,
    /// <summary><c>-r</c>: rate limit in messages per second.</summary>
    RateLimit,
    /// <summary><c>-e</c>: enabled flag (2 locks the rules until reboot).</summary>
    Enabled,
    /// <summary><c>--backlog_wait_time</c>.</summary>
    BacklogWaitTime,
    /// <summary><c>--loginuid-immutable</c>.</summary>
    LoginUidImmutable,
    /// <summary><c>-i</c>: ignore errors in the rest of the file.</summary>
    IgnoreErrors,
    /// <summary><c>-c</c>: continue past errors, exit non-zero at the end.</summary>
    ContinueOnError,
    /// <summary>Another auditctl command that has no place in a rules file but is valid syntax (<c>-s</c>, <c>-l</c>, <c>-v</c>, <c>-m</c>, <c>-q</c>, <c>-t</c>, <c>--reset-lost</c>, <c>--signal</c>, ...).</summary>
    Other,
}

/// <summary>One field condition of a rule (<c>-F name op value</c>) or a field comparison (<c>-C a op b</c>).</summary>
public sealed class AuditRuleField
{
    /// <summary>Creates a field.</summary>
    public AuditRuleField(string name, string @operator, string value, bool isComparison)
    {
        Name = name;
        Operator = @operator;
        Value = value;
        IsComparison = isComparison;
    }

    /// <summary>The field name as auditctl -l prints it (<c>auid</c>, <c>path</c>, <c>exit</c>...), or the left field of a comparison.</summary>
    public string Name { get; }

    /// <summary>One of <c>= != &lt; &gt; &lt;= &gt;= &amp; &amp;=</c>.</summary>
    public string Operator { get; }

    /// <summary>The value as auditctl -l prints it (uids as numbers, errno names, hex for a0-a3), or the right field of a comparison.</summary>
    public string Value { get; }

    /// <summary>True for a <c>-C</c> field comparison.</summary>
    public bool IsComparison { get; }

    /// <inheritdoc/>
    public override string ToString() => (IsComparison ? "-C " : "-F ") + Name + Operator + Value;
}

/// <summary>
/// One audit rule or control line: what a rules file says, normalised to exactly the line <c>auditctl -l</c> prints
/// for it once it is loaded.
/// </summary>
public sealed class AuditRule
{
    /// <summary>Creates a rule; the engine builds these.</summary>
    public AuditRule(
        AuditRuleKind kind,
        AuditRuleOperation operation,
        AuditRuleList? list,
        AuditRuleAction? action,
        string? arch,
        IReadOnlyList<string> syscall,
        bool allSyscalls,
        IReadOnlyList<AuditRuleField> fields,
        IReadOnlyList<string> keys,
        bool isWatch,
        string? path,
        string? permission,
        string text,
        string command,
        string canonicalText,
        string? sourceText,
        string? source,
        int line,
        AuditControlOption? controlOption,
        string? controlValue,
        IReadOnlyList<string> warnings,
        string origin)
    {
        Kind = kind;
        Operation = operation;
        List = list;
        Action = action;
        Arch = arch;
        Syscall = syscall;
        AllSyscalls = allSyscalls;
        Fields = fields;
        Keys = keys;
        IsWatch = isWatch;
        Path = path;
        Permission = permission;
        Text = text;
        Command = command;
        CanonicalText = canonicalText;
        SourceText = sourceText;
        Source = source;
        Line = line;
        ControlOption = controlOption;
        ControlValue = controlValue;
        Warnings = warnings;
        Origin = origin;
    }

    /// <summary>A rule or a control line.</summary>
    public AuditRuleKind Kind { get; }

    /// <summary>Append, prepend or delete.</summary>
    public AuditRuleOperation Operation { get; }

    /// <summary>The filter list (null for control lines).</summary>
    public AuditRuleList? List { get; }

    /// <summary>always or never (null for control lines).</summary>
    public AuditRuleAction? Action { get; }

    /// <summary>The arch condition as auditctl -l prints it (<c>b64</c>, <c>b32</c>, <c>!=b32</c> keeps its operator), or null when the rule has none.</summary>
    public string? Arch { get; }

    /// <summary>The system calls, named from the table of the rule's arch, in number order.</summary>
    public IReadOnlyList<string> Syscall { get; }

    /// <summary>True when the rule applies to all system calls (<c>-S all</c>, or no <c>-S</c> on the exit list).</summary>
    public bool AllSyscalls { get; }

    /// <summary>The field conditions and comparisons in kernel order, without arch and key.</summary>
    public IReadOnlyList<AuditRuleField> Fields { get; }

    /// <summary>All keys of the rule (<c>-k</c> and <c>-F key=</c> are the same thing).</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The first key, or null: lets <c>Where-Object Key -eq go_exec</c> and pipeline binding work.</summary>
    public string? Key => Keys.Count > 0 ? Keys[0] : null;

    /// <summary>True when auditctl -l shows the rule as a watch (<c>-w path -p perms</c>).</summary>
    public bool IsWatch { get; }

    /// <summary>The watched path (<c>-w</c>, <c>-F path=</c> or <c>-F dir=</c>), or null.</summary>
    public string? Path { get; }

    /// <summary>The watch permissions (<c>rwxa</c> subset) or null.</summary>
    public string? Permission { get; }

    /// <summary>Exactly the line <c>auditctl -l</c> prints for this rule when listed on its own (for control lines: the normalised control line).</summary>
    public string Text { get; }

    /// <summary>The auditctl arguments that perform this line's operation (<c>-a</c>/<c>-A</c>/<c>-d</c>/<c>-w</c>/<c>-W</c> ...).</summary>
    public string Command { get; }

    /// <summary>The meaning of the rule, independent of field order, key spelling and syscall order: equal for rules the kernel treats alike.</summary>
    public string CanonicalText { get; }

    /// <summary>The line as written in its source.</summary>
    public string? SourceText { get; }

    /// <summary>The file the rule came from (a path inside -Root), "auditctl -l" for live rules, or null.</summary>
    public string? Source { get; }

    /// <summary>The 1-based line in <see cref="Source"/>.</summary>
    public int Line { get; }

    /// <summary>For control lines: which setting.</summary>
    public AuditControlOption? ControlOption { get; }

    /// <summary>For control lines: the value given (or the option name for <see cref="AuditControlOption.Other"/>).</summary>
    public string? ControlValue { get; }

    /// <summary>Warnings auditctl would print for the line (32/64-bit syscall mismatch, wildcards, relative paths).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Where the rule was read: Live, Persistent, File or New.</summary>
    public string Origin { get; }

    /// <inheritdoc/>
    public override string ToString() => Text;
}

/// <summary>The kernel audit status, as <c>auditctl -s</c> reports it.</summary>
public sealed class AuditStatus
{
    /// <summary>Creates a status.</summary>
    public AuditStatus(int enabled, int failureMode, int pid, long rateLimit, long backlogLimit, long lost, long backlog, long? backlogWaitTime, long? backlogWaitTimeActual, bool? loginUidImmutable, bool? loginUidImmutableLocked, string rawText)
    {
        Enabled = enabled;
        FailureMode = failureMode;
        Pid = pid;
        RateLimit = rateLimit;
        BacklogLimit = backlogLimit;
        Lost = lost;
        Backlog = backlog;
        BacklogWaitTime = backlogWaitTime;
        BacklogWaitTimeActual = backlogWaitTimeActual;
        LoginUidImmutable = loginUidImmutable;
        LoginUidImmutableLocked = loginUidImmutableLocked;
        RawText = rawText;
    }

    /// <summary>0 disabled, 1 enabled, 2 enabled and immutable (no rule change until reboot).</summary>
    public int Enabled { get; }

    /// <summary>True when auditing is on (enabled 1 or 2).</summary>
    public bool IsEnabled => Enabled is 1 or 2;

    /// <summary>True when the rules are locked (enabled 2): no rule can be added or removed until reboot.</summary>
    public bool Immutable => Enabled == 2;

    /// <summary>0 silent, 1 printk, 2 panic.</summary>
    public int FailureMode { get; }

    /// <summary>The failure mode's name.</summary>
    public string FailureModeName => FailureMode switch { 0 => "silent", 1 => "printk", 2 => "panic", _ => "unknown" };

    /// <summary>The audit daemon's pid (0 when no daemon is registered).</summary>
    public int Pid { get; }

    /// <summary>Messages per second limit (0 = none).</summary>
    public long RateLimit { get; }

    /// <summary>The backlog limit.</summary>
    public long BacklogLimit { get; }

    /// <summary>Records lost since boot (or the last reset).</summary>
    public long Lost { get; }

    /// <summary>Records waiting in the backlog.</summary>
    public long Backlog { get; }

    /// <summary>The backlog wait time, when the kernel reports it.</summary>
    public long? BacklogWaitTime { get; }

    /// <summary>The actual backlog wait time, when the kernel reports it.</summary>
    public long? BacklogWaitTimeActual { get; }

    /// <summary>Whether loginuid is immutable, when the kernel reports it.</summary>
    public bool? LoginUidImmutable { get; }

    /// <summary>Whether the loginuid-immutable setting is locked.</summary>
    public bool? LoginUidImmutableLocked { get; }

    /// <summary>The text the status was parsed from.</summary>
    public string RawText { get; }
}

/// <summary>One problem found in a rules file that silently breaks loading or auditing.</summary>
public sealed class AuditRuleLintFinding
{
    /// <summary>Creates a finding.</summary>
    public AuditRuleLintFinding(string code, string message, string? source, int line, string? ruleText, Severity severity)
    {
        Code = code;
        Message = message;
        Source = source;
        Line = line;
        RuleText = ruleText;
        Severity = severity;
    }

    /// <summary>A stable code: ImmutableNotLast, DuplicateRule, WatchPathMissing, UnknownUser, UnknownGroup, NeverAfterAlways, MissingArch, NoFinalNewline, ParseError.</summary>
    public string Code { get; }

    /// <summary>What is wrong and what it does.</summary>
    public string Message { get; }

    /// <summary>The file.</summary>
    public string? Source { get; }

    /// <summary>The 1-based line (0 for the whole file).</summary>
    public int Line { get; }

    /// <summary>The rule text concerned.</summary>
    public string? RuleText { get; }

    /// <summary>How much it matters.</summary>
    public Severity Severity { get; }
}

/// <summary>Where a rule of a three-way comparison is present.</summary>
public sealed class AuditRuleDifference
{
    /// <summary>Creates a difference row.</summary>
    public AuditRuleDifference(string canonicalText, string text, string? key, bool inDesired, bool inPersistent, bool inLive, string status, string? desiredSource, string? persistentSource)
    {
        CanonicalText = canonicalText;
        Text = text;
        Key = key;
        InDesired = inDesired;
        InPersistent = inPersistent;
        InLive = inLive;
        Status = status;
        DesiredSource = desiredSource;
        PersistentSource = persistentSource;
    }

    /// <summary>The rule's meaning (what is compared).</summary>
    public string CanonicalText { get; }

    /// <summary>The rule as auditctl -l prints it.</summary>
    public string Text { get; }

    /// <summary>The rule's first key.</summary>
    public string? Key { get; }

    /// <summary>Present in the desired rules.</summary>
    public bool InDesired { get; }

    /// <summary>Present in the persistent rules (rules.d as augenrules builds them, or audit.rules).</summary>
    public bool InPersistent { get; }

    /// <summary>Present in the running kernel.</summary>
    public bool InLive { get; }

    /// <summary>
    /// With a desired set: InSync, MissingLive (desired and persistent, not loaded), MissingPersistent (desired and
    /// loaded, not persistent), Missing, NotDesired. Without one: InSync, NotLoaded, NotPersisted. LiveNotChecked: in
    /// the persistent rules, the kernel was not read (-Root). OrderDiffers: a never and an always rule of one list are
    /// in a different order in two of the sets.
    /// </summary>
    public string Status { get; }

    /// <summary>File and line in the desired rules.</summary>
    public string? DesiredSource { get; }

    /// <summary>File and line in the persistent rules.</summary>
    public string? PersistentSource { get; }
}
