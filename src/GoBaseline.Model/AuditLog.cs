using System;
using System.Collections.Generic;

namespace GoBaseline;

/// <summary>One name=value field of an audit record, as written in the log and as <c>ausearch -i</c> interprets it.</summary>
public sealed class AuditField
{
    /// <summary>Creates a field.</summary>
    public AuditField(string name, string value, string interpreted)
    {
        Name = name;
        Value = value;
        Interpreted = interpreted;
    }

    /// <summary>The field name (e.g. syscall, auid, name).</summary>
    public string Name { get; }

    /// <summary>The value exactly as in the log (quotes removed, hex left encoded).</summary>
    public string Value { get; }

    /// <summary>The interpreted value, as <c>ausearch -i</c> prints it (names for ids, decoded hex, errno names).</summary>
    public string Interpreted { get; }

    /// <inheritdoc/>
    public override string ToString() => Name + "=" + Interpreted;
}

/// <summary>One line of an audit log: a record of one type that belongs to an event.</summary>
public sealed class AuditRecord
{
    /// <summary>Creates a record.</summary>
    public AuditRecord(string type, DateTimeOffset time, long serial, string? node, IReadOnlyList<AuditField> fields, string rawText, string? path, long line)
    {
        Type = type;
        Time = time;
        Serial = serial;
        Node = node;
        Fields = fields;
        RawText = rawText;
        Path = path;
        Line = line;
    }

    /// <summary>The record type (SYSCALL, PATH, EXECVE, USER_LOGIN, …).</summary>
    public string Type { get; }

    /// <summary>The event time (UTC).</summary>
    public DateTimeOffset Time { get; }

    /// <summary>The event serial number.</summary>
    public long Serial { get; }

    /// <summary>The node name of the node= prefix, or null.</summary>
    public string? Node { get; }

    /// <summary>The fields in log order; the ENRICHED section (after 0x1D) is folded into the interpreted values.</summary>
    public IReadOnlyList<AuditField> Fields { get; }

    /// <summary>The original line without its line feed (ENRICHED section included).</summary>
    public string RawText { get; }

    /// <summary>The log file the line came from.</summary>
    public string? Path { get; }

    /// <summary>The 1-based line number in that file.</summary>
    public long Line { get; }

    /// <summary>The raw value of the first field named <paramref name="name"/>, or null.</summary>
    public string? GetValue(string name)
    {
        foreach (var f in Fields)
        {
            if (f.Name == name)
            {
                return f.Value;
            }
        }

        return null;
    }

    /// <summary>The interpreted value of the first field named <paramref name="name"/>, or null.</summary>
    public string? GetInterpreted(string name)
    {
        foreach (var f in Fields)
        {
            if (f.Name == name)
            {
                return f.Interpreted;
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public override string ToString() => RawText;
}

/// <summary>An audit event: every record sharing one (node, time, serial), with the values an admin asks about.</summary>
public sealed class AuditEvent
{
    /// <summary>Creates an event.</summary>
    public AuditEvent(
        DateTimeOffset time,
        string? node,
        long serial,
        IReadOnlyList<string> key,
        string type,
        string? arch,
        string? syscall,
        bool? success,
        long? exit,
        string? exitName,
        int? processId,
        int? parentProcessId,
        long? uid,
        string? userName,
        long? loginUid,
        string? loginUserName,
        long? session,
        string? executable,
        string? comm,
        string? processTitle,
        string? cwd,
        IReadOnlyList<string> file,
        IReadOnlyList<string> arguments,
        IReadOnlyList<AuditRecord> records)
        : this(time, node, serial, key, type, arch, syscall, success, exit, exitName, processId, parentProcessId, uid, userName, loginUid, loginUserName, session, executable, comm, processTitle, cwd, file, arguments, () => records, records.Count > 0 ? records[0].Path : null)
    {
    }

    /// <summary>
    /// Creates an event whose records are split and interpreted only when first asked for: a search that returns
    /// many events pays for the fields an admin reads first, not for every field of every record.
    /// </summary>
    public AuditEvent(
        DateTimeOffset time,
        string? node,
        long serial,
        IReadOnlyList<string> key,
        string type,
        string? arch,
        string? syscall,
        bool? success,
        long? exit,
        string? exitName,
        int? processId,
        int? parentProcessId,
        long? uid,
        string? userName,
        long? loginUid,
        string? loginUserName,
        long? session,
        string? executable,
        string? comm,
        string? processTitle,
        string? cwd,
        IReadOnlyList<string> file,
        IReadOnlyList<string> arguments,
        Func<IReadOnlyList<AuditRecord>> records,
        string? path)
    {
        Time = time;
        Node = node;
        Serial = serial;
        Key = key;
        Type = type;
        Arch = arch;
        Syscall = syscall;
        Success = success;
        Exit = exit;
        ExitName = exitName;
        ProcessId = processId;
        ParentProcessId = parentProcessId;
        Uid = uid;
        UserName = userName;
        LoginUid = loginUid;
        LoginUserName = loginUserName;
        Session = session;
        Executable = executable;
        Comm = comm;
        ProcessTitle = processTitle;
        Cwd = cwd;
        File = file;
        Arguments = arguments;
        _records = new Lazy<IReadOnlyList<AuditRecord>>(records);
        Path = path;
    }

    private readonly Lazy<IReadOnlyList<AuditRecord>> _records;

    /// <summary>The event time (UTC, millisecond precision).</summary>
    public DateTimeOffset Time { get; }

    /// <summary>The node name (node= prefix), or null.</summary>
    public string? Node { get; }

    /// <summary>The event serial number.</summary>
    public long Serial { get; }

    /// <summary>The event id as ausearch -a takes it and the log writes it: seconds.milliseconds:serial.</summary>
    public string EventId => Time.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + Time.Millisecond.ToString("000", System.Globalization.CultureInfo.InvariantCulture) + ":" + Serial.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The rule keys (key=) of the event, without (null).</summary>
    public IReadOnlyList<string> Key { get; }

    /// <summary>The main record type: SYSCALL when the event has one, else the first record's type.</summary>
    public string Type { get; }

    /// <summary>The architecture (x86_64, i386, …).</summary>
    public string? Arch { get; }

    /// <summary>The syscall name, interpreted for the event's architecture.</summary>
    public string? Syscall { get; }

    /// <summary>success=yes/no (or res= of user-space events).</summary>
    public bool? Success { get; }

    /// <summary>The syscall's exit value.</summary>
    public long? Exit { get; }

    /// <summary>The errno name of a negative exit (EACCES), or null.</summary>
    public string? ExitName { get; }

    /// <summary>pid=</summary>
    public int? ProcessId { get; }

    /// <summary>ppid=</summary>
    public int? ParentProcessId { get; }

    /// <summary>uid=</summary>
    public long? Uid { get; }

    /// <summary>uid= as a user name.</summary>
    public string? UserName { get; }

    /// <summary>auid= (the login uid; 4294967295 is unset).</summary>
    public long? LoginUid { get; }

    /// <summary>auid= as a user name ("unset" when unset).</summary>
    public string? LoginUserName { get; }

    /// <summary>ses= (4294967295 is unset).</summary>
    public long? Session { get; }

    /// <summary>exe=, decoded.</summary>
    public string? Executable { get; }

    /// <summary>comm=, decoded.</summary>
    public string? Comm { get; }

    /// <summary>The PROCTITLE record, decoded (NULs as spaces).</summary>
    public string? ProcessTitle { get; }

    /// <summary>The CWD record, decoded.</summary>
    public string? Cwd { get; }

    /// <summary>name= of the PATH records (and path= of others), decoded, in record order.</summary>
    public IReadOnlyList<string> File { get; }

    /// <summary>The EXECVE arguments a0…aN, decoded.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The records of the event in log order.</summary>
    public IReadOnlyList<AuditRecord> Records => _records.Value;

    /// <summary>The log file the event's first record came from.</summary>
    public string? Path { get; }

    /// <inheritdoc/>
    public override string ToString() => Type + " " + EventId;
}

/// <summary>The report kinds of <c>aureport</c> that Get-AuditReport produces.</summary>
public enum AuditReportKind
{
    /// <summary>aureport --summary: the overall counts.</summary>
    Summary,
    /// <summary>aureport -k --summary: events per key.</summary>
    Key,
    /// <summary>aureport -x --summary: events per executable.</summary>
    Executable,
    /// <summary>aureport -s --summary: events per syscall.</summary>
    Syscall,
    /// <summary>aureport -u --summary: events per login uid.</summary>
    User,
    /// <summary>aureport -f --summary: events per file.</summary>
    File,
    /// <summary>aureport -c --summary… (commands): events per comm.</summary>
    Comm,
    /// <summary>aureport -p --summary: events per pid.</summary>
    ProcessId,
    /// <summary>aureport -m (account modifications) counts by type.</summary>
    Event,
}

/// <summary>One row of a per-item aureport summary: the item and how many events name it.</summary>
public sealed class AuditReportItem
{
    /// <summary>Creates a row.</summary>
    public AuditReportItem(AuditReportKind report, string value, long count, bool failedOnly)
    {
        Report = report;
        Value = value;
        Count = count;
        FailedOnly = failedOnly;
    }

    /// <summary>The report this row belongs to.</summary>
    public AuditReportKind Report { get; }

    /// <summary>The key, executable, syscall, user or file.</summary>
    public string Value { get; }

    /// <summary>How many events.</summary>
    public long Count { get; }

    /// <summary>True when only failed events were counted (-Failed).</summary>
    public bool FailedOnly { get; }
}

/// <summary>The numbers of <c>aureport --summary</c>.</summary>
public sealed class AuditSummaryReport
{
    /// <summary>Creates a summary.</summary>
    public AuditSummaryReport(DateTimeOffset? firstEvent, DateTimeOffset? lastEvent, IReadOnlyDictionary<string, long> counts, long malformedLines)
    {
        FirstEvent = firstEvent;
        LastEvent = lastEvent;
        MalformedLines = malformedLines;
        Changes = counts["Changes"];
        AccountChanges = counts["AccountChanges"];
        Logins = counts["Logins"];
        FailedLogins = counts["FailedLogins"];
        Authentications = counts["Authentications"];
        FailedAuthentications = counts["FailedAuthentications"];
        Users = counts["Users"];
        Terminals = counts["Terminals"];
        HostNames = counts["HostNames"];
        Executables = counts["Executables"];
        Commands = counts["Commands"];
        Files = counts["Files"];
        Avcs = counts["Avcs"];
        MacEvents = counts["MacEvents"];
        FailedSyscalls = counts["FailedSyscalls"];
        Anomalies = counts["Anomalies"];
        AnomalyResponses = counts["AnomalyResponses"];
        CryptoEvents = counts["CryptoEvents"];
        IntegrityEvents = counts["IntegrityEvents"];
        VirtEvents = counts["VirtEvents"];
        Keys = counts["Keys"];
        ProcessIds = counts["ProcessIds"];
        Events = counts["Events"];
    }

    /// <summary>Time of the first event read.</summary>
    public DateTimeOffset? FirstEvent { get; }

    /// <summary>Time of the last event read.</summary>
    public DateTimeOffset? LastEvent { get; }

    /// <summary>Number of changes in configuration.</summary>
    public long Changes { get; }

    /// <summary>Number of changes to accounts, groups, or roles.</summary>
    public long AccountChanges { get; }

    /// <summary>Number of logins.</summary>
    public long Logins { get; }

    /// <summary>Number of failed logins.</summary>
    public long FailedLogins { get; }

    /// <summary>Number of authentications.</summary>
    public long Authentications { get; }

    /// <summary>Number of failed authentications.</summary>
    public long FailedAuthentications { get; }

    /// <summary>Number of users.</summary>
    public long Users { get; }

    /// <summary>Number of terminals.</summary>
    public long Terminals { get; }

    /// <summary>Number of host names.</summary>
    public long HostNames { get; }

    /// <summary>Number of executables.</summary>
    public long Executables { get; }

    /// <summary>Number of commands.</summary>
    public long Commands { get; }

    /// <summary>Number of files.</summary>
    public long Files { get; }

    /// <summary>Number of AVC's.</summary>
    public long Avcs { get; }

    /// <summary>Number of MAC events.</summary>
    public long MacEvents { get; }

    /// <summary>Number of failed syscalls.</summary>
    public long FailedSyscalls { get; }

    /// <summary>Number of anomaly events.</summary>
    public long Anomalies { get; }

    /// <summary>Number of responses to anomaly events.</summary>
    public long AnomalyResponses { get; }

    /// <summary>Number of crypto events.</summary>
    public long CryptoEvents { get; }

    /// <summary>Number of integrity events.</summary>
    public long IntegrityEvents { get; }

    /// <summary>Number of virt events.</summary>
    public long VirtEvents { get; }

    /// <summary>Number of keys.</summary>
    public long Keys { get; }

    /// <summary>Number of process IDs.</summary>
    public long ProcessIds { get; }

    /// <summary>Number of events.</summary>
    public long Events { get; }

    /// <summary>Lines skipped as malformed.</summary>
    public long MalformedLines { get; }
}

/// <summary>How Export-AuditLogArchive splits the log lines into archives.</summary>
public enum AuditArchiveSplit
{
    /// <summary>One archive per UTC day of the events.</summary>
    Day,
    /// <summary>A new archive whenever the uncompressed size would pass the limit.</summary>
    Size,
}

/// <summary>One compressed audit log archive written and verified by Export-AuditLogArchive.</summary>
public sealed class AuditLogArchive
{
    /// <summary>Creates an archive description.</summary>
    public AuditLogArchive(string path, DateTimeOffset? firstEvent, DateTimeOffset? lastEvent, long lines, long uncompressedBytes, long compressedBytes, string sha256, string sha256Content, IReadOnlyList<string> sources, bool verified)
    {
        Path = path;
        FirstEvent = firstEvent;
        LastEvent = lastEvent;
        Lines = lines;
        UncompressedBytes = uncompressedBytes;
        CompressedBytes = compressedBytes;
        Sha256 = sha256;
        Sha256Content = sha256Content;
        Sources = sources;
        Verified = verified;
    }

    /// <summary>The archive file (.log.gz).</summary>
    public string Path { get; }

    /// <summary>Time of the first event in it.</summary>
    public DateTimeOffset? FirstEvent { get; }

    /// <summary>Time of the last event in it.</summary>
    public DateTimeOffset? LastEvent { get; }

    /// <summary>Number of log lines.</summary>
    public long Lines { get; }

    /// <summary>Size of the lines before compression.</summary>
    public long UncompressedBytes { get; }

    /// <summary>Size of the archive file.</summary>
    public long CompressedBytes { get; }

    /// <summary>SHA-256 of the archive file, as listed in SHA256SUMS (sha256sum -c checks it).</summary>
    public string Sha256 { get; }

    /// <summary>SHA-256 of the uncompressed lines, equal to that of the source lines.</summary>
    public string Sha256Content { get; }

    /// <summary>The source logs the lines came from.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>True when the archive was read back after fsync and matched its sources.</summary>
    public bool Verified { get; }
}

/// <summary>Where a Go environment change was seen.</summary>
public enum GoEnvironmentChangeSource
{
    /// <summary>An audit event only (someone else changed the file).</summary>
    Audit,
    /// <summary>A GoBaseline change journal entry only (no audit event: auditd off or no watch rule).</summary>
    Journal,
    /// <summary>An audit event joined with the journal entry of the GoBaseline change that caused it.</summary>
    AuditAndJournal,
}

/// <summary>One entry of the "who changed GOPROXY, when" timeline.</summary>
public sealed class GoEnvironmentChange
{
    /// <summary>Creates an entry.</summary>
    public GoEnvironmentChange(DateTimeOffset time, string? name, string? before, string? after, string? file, string? loginUserName, string? userName, string? executable, string? processTitle, string? syscall, bool? success, IReadOnlyList<string> key, string? eventId, string? transactionId, string? cmdlet, GoEnvironmentChangeSource source, AuditEvent? auditEvent)
    {
        Time = time;
        Name = name;
        Before = before;
        After = after;
        File = file;
        LoginUserName = loginUserName;
        UserName = userName;
        Executable = executable;
        ProcessTitle = processTitle;
        Syscall = syscall;
        Success = success;
        Key = key;
        EventId = eventId;
        TransactionId = transactionId;
        Cmdlet = cmdlet;
        Source = source;
        AuditEvent = auditEvent;
    }

    /// <summary>When (the audit event's time, else the journal transaction's).</summary>
    public DateTimeOffset Time { get; }

    /// <summary>The Go variable that changed (from the journal's before/after content), or null when only the audit event is known.</summary>
    public string? Name { get; }

    /// <summary>The value before (null: not set).</summary>
    public string? Before { get; }

    /// <summary>The value after (null: not set).</summary>
    public string? After { get; }

    /// <summary>The Go environment file written.</summary>
    public string? File { get; }

    /// <summary>Who: the login user (auid) of the audit event, or the journal's user.</summary>
    public string? LoginUserName { get; }

    /// <summary>The effective user (uid) of the audit event.</summary>
    public string? UserName { get; }

    /// <summary>The program that wrote the file.</summary>
    public string? Executable { get; }

    /// <summary>The command line of that program.</summary>
    public string? ProcessTitle { get; }

    /// <summary>The syscall (openat, rename, unlink…).</summary>
    public string? Syscall { get; }

    /// <summary>Whether the syscall succeeded.</summary>
    public bool? Success { get; }

    /// <summary>The audit rule keys.</summary>
    public IReadOnlyList<string> Key { get; }

    /// <summary>The audit event id (seconds.milliseconds:serial).</summary>
    public string? EventId { get; }

    /// <summary>The journal transaction of the GoBaseline change (Undo-BaselineChange takes it).</summary>
    public string? TransactionId { get; }

    /// <summary>The GoBaseline cmdlet that made the change.</summary>
    public string? Cmdlet { get; }

    /// <summary>Audit, Journal or both.</summary>
    public GoEnvironmentChangeSource Source { get; }

    /// <summary>The whole audit event, or null.</summary>
    public AuditEvent? AuditEvent { get; }
}
