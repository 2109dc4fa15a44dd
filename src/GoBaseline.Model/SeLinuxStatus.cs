using System.Collections.Generic;

namespace GoBaseline;

/// <summary>The file types matchpathcon -m accepts.</summary>
public enum SeLinuxFileType
{
    /// <summary>Take the type from the file (lstat); a missing file matches rules of every type.</summary>
    Any,
    /// <summary>Regular file (--).</summary>
    File,
    /// <summary>Directory (-d).</summary>
    Dir,
    /// <summary>Symbolic link (-l).</summary>
    LnkFile,
    /// <summary>Character device (-c).</summary>
    ChrFile,
    /// <summary>Block device (-b).</summary>
    BlkFile,
    /// <summary>Socket (-s).</summary>
    SockFile,
    /// <summary>Named pipe (-p).</summary>
    FifoFile,
}

/// <summary>An SELinux mode.</summary>
public enum SeLinuxMode
{
    /// <summary>SELinux is off (SELINUX=disabled, or the kernel has no SELinux).</summary>
    Disabled,
    /// <summary>Denials are logged, not enforced.</summary>
    Permissive,
    /// <summary>Denials are enforced.</summary>
    Enforcing,
}

/// <summary>What sestatus reports: kernel state and configuration.</summary>
public sealed class SeLinuxStatus
{
    /// <summary>Creates a status.</summary>
    public SeLinuxStatus(bool kernelSupport, bool enabled, SeLinuxMode currentMode, SeLinuxMode? configuredMode, string? policyName, string? policyType,
        bool? mlsEnabled, int? policyVersion, bool? denyUnknown, string? selinuxfsMount, string? configFile, string? rootDirectory, string? note)
    {
        KernelSupport = kernelSupport;
        Enabled = enabled;
        CurrentMode = currentMode;
        ConfiguredMode = configuredMode;
        PolicyName = policyName;
        PolicyType = policyType;
        MlsEnabled = mlsEnabled;
        PolicyVersion = policyVersion;
        DenyUnknown = denyUnknown;
        SelinuxfsMount = selinuxfsMount;
        ConfigFile = configFile;
        RootDirectory = rootDirectory;
        Note = note;
    }

    /// <summary>True when the kernel exposes selinuxfs (/sys/fs/selinux); false on a kernel without SELinux.</summary>
    public bool KernelSupport { get; }

    /// <summary>True when SELinux is enabled in the running kernel (a policy is loaded).</summary>
    public bool Enabled { get; }

    /// <summary>The running mode from /sys/fs/selinux/enforce; Disabled when SELinux is not enabled.</summary>
    public SeLinuxMode CurrentMode { get; }

    /// <summary>SELINUX= in /etc/selinux/config (the mode after the next boot); null when the file does not set it.</summary>
    public SeLinuxMode? ConfiguredMode { get; }

    /// <summary>SELINUXTYPE= in /etc/selinux/config, e.g. default or targeted.</summary>
    public string? PolicyName { get; }

    /// <summary>The policy flavour: "mls" or "mcs" (a policy with a range in its contexts), or "standard"; null when unknown.</summary>
    public string? PolicyType { get; }

    /// <summary>Whether the loaded (or, without a kernel, the installed) policy has MLS/MCS; null when unknown.</summary>
    public bool? MlsEnabled { get; }

    /// <summary>The loaded policy's version (/sys/fs/selinux/policyvers), or the installed binary policy's version.</summary>
    public int? PolicyVersion { get; }

    /// <summary>/sys/fs/selinux/deny_unknown; null without a kernel.</summary>
    public bool? DenyUnknown { get; }

    /// <summary>Where selinuxfs is mounted, when it is.</summary>
    public string? SelinuxfsMount { get; }

    /// <summary>The configuration file read.</summary>
    public string? ConfigFile { get; }

    /// <summary>/etc/selinux/&lt;policy name&gt;: the policy root directory.</summary>
    public string? RootDirectory { get; }

    /// <summary>Why some facts are missing, e.g. "the kernel has no SELinux".</summary>
    public string? Note { get; }

    /// <summary>True when the configured mode differs from the running one (a reboot or setenforce is pending).</summary>
    public bool ModeChangePending => ConfiguredMode is { } c && c != CurrentMode;
}

/// <summary>The label the policy expects for a path (what matchpathcon prints), and the rule that decided it.</summary>
public sealed class SeLinuxExpectedContext
{
    /// <summary>Creates an answer.</summary>
    public SeLinuxExpectedContext(string path, SeLinuxContext? context, bool isNone, string fileType, string lookupPath, string? ruleSpec, string? ruleFileType,
        string? ruleFile, int ruleLine, string? substitution)
    {
        Path = path;
        Context = context;
        IsNone = isNone;
        FileType = fileType;
        LookupPath = lookupPath;
        RuleSpec = ruleSpec;
        RuleFileType = ruleFileType;
        RuleFile = ruleFile;
        RuleLine = ruleLine;
        Substitution = substitution;
    }

    /// <summary>The path asked about (inside the root).</summary>
    public string Path { get; }

    /// <summary>The expected context; null when no rule matched or the rule says &lt;&lt;none&gt;&gt;.</summary>
    public SeLinuxContext? Context { get; }

    /// <summary>True when the deciding rule says &lt;&lt;none&gt;&gt; (never relabel) or no rule matched; matchpathcon then prints &lt;&lt;none&gt;&gt;.</summary>
    public bool IsNone { get; }

    /// <summary>The file type used for the lookup (from lstat; "any" when the path does not exist).</summary>
    public string FileType { get; }

    /// <summary>The path actually looked up: links resolved as matchpathcon resolves them, then .subs aliasing applied.</summary>
    public string LookupPath { get; }

    /// <summary>The regular expression (or exact path) of the deciding rule; null when no rule matched.</summary>
    public string? RuleSpec { get; }

    /// <summary>The deciding rule's file type qualifier (--, -d, -l …), null when it has none.</summary>
    public string? RuleFileType { get; }

    /// <summary>The file the deciding rule is in (file_contexts, file_contexts.homedirs, file_contexts.local).</summary>
    public string? RuleFile { get; }

    /// <summary>The line of the deciding rule in <see cref="RuleFile"/>; 0 when no rule matched.</summary>
    public int RuleLine { get; }

    /// <summary>The .subs/.subs_dist alias that rewrote the path ("/var/run → /run"), if any.</summary>
    public string? Substitution { get; }

    /// <summary>The context as matchpathcon prints it: the context or &lt;&lt;none&gt;&gt;.</summary>
    public string ContextText => Context?.Raw ?? "<<none>>";

    /// <summary>The deciding rule as "file:line", or null.</summary>
    public string? Rule => RuleFile is null ? null : RuleFile + ":" + RuleLine;
}

/// <summary>The verdict of comparing a file's label with the expected one.</summary>
public enum SeLinuxLabelStatus
{
    /// <summary>The label is what the policy expects (by the comparison in use).</summary>
    Verified,
    /// <summary>The label differs: restorecon would change it.</summary>
    Mismatch,
    /// <summary>The file has no security.selinux label at all.</summary>
    Unlabeled,
    /// <summary>The policy expects no particular label (&lt;&lt;none&gt;&gt; or no rule): restorecon leaves the file alone.</summary>
    NoRule,
    /// <summary>The type is customizable (contexts/customizable_types): restorecon keeps it without -Force.</summary>
    Customizable,
}

/// <summary>Actual against expected label of one file, like restorecon -n -v and matchpathcon -V.</summary>
public sealed class SeLinuxLabelCheck
{
    /// <summary>Creates a verdict.</summary>
    public SeLinuxLabelCheck(string path, SeLinuxContext? actual, SeLinuxExpectedContext expected, SeLinuxLabelStatus status, bool wouldRelabel, bool verifiedByMatchpathcon)
    {
        Path = path;
        Actual = actual;
        Expected = expected;
        Status = status;
        WouldRelabel = wouldRelabel;
        VerifiedByMatchpathcon = verifiedByMatchpathcon;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The file's label (security.selinux), null when it has none.</summary>
    public SeLinuxContext? Actual { get; }

    /// <summary>The expected label and the deciding rule.</summary>
    public SeLinuxExpectedContext Expected { get; }

    /// <summary>The verdict.</summary>
    public SeLinuxLabelStatus Status { get; }

    /// <summary>True when Restore-SeLinuxContext (restorecon) would change the label.</summary>
    public bool WouldRelabel { get; }

    /// <summary>What matchpathcon -V would say: role, type and range equal (the user is ignored).</summary>
    public bool VerifiedByMatchpathcon { get; }

    /// <summary>The expected context text.</summary>
    public string ExpectedContext => Expected.ContextText;
}

/// <summary>A domain that runs permissive: denials are logged, not enforced.</summary>
public sealed class SeLinuxPermissiveDomain
{
    /// <summary>Creates an entry.</summary>
    public SeLinuxPermissiveDomain(string name, bool customized, string? module, int? priority, string? source)
    {
        Name = name;
        Customized = customized;
        Module = module;
        Priority = priority;
        Source = source;
    }

    /// <summary>The domain type, e.g. httpd_t.</summary>
    public string Name { get; }

    /// <summary>True when made permissive locally (semanage permissive -a); false when built into a policy module.</summary>
    public bool Customized { get; }

    /// <summary>The module that declares it (permissive_&lt;type&gt; for customized ones).</summary>
    public string? Module { get; }

    /// <summary>The module's priority in the policy store.</summary>
    public int? Priority { get; }

    /// <summary>Where it was found (the module directory in the store).</summary>
    public string? Source { get; }
}

/// <summary>What decided the domain predicted for a service.</summary>
public enum SeLinuxPredictionSource
{
    /// <summary>Nothing was predicted (no binary or no label).</summary>
    None,
    /// <summary>The installed policy's "type_transition init_t &lt;exec type&gt;:process &lt;domain&gt;" (sesearch).</summary>
    Policy,
    /// <summary>A built-in table of the reference policy's rules, used when the policy or sesearch is missing.</summary>
    Heuristic,
}

/// <summary>How a systemd service's process ends up labelled: the binary's label, the domain it runs in and the trap.</summary>
public sealed class SeLinuxServiceDomain
{
    /// <summary>Creates an answer.</summary>
    public SeLinuxServiceDomain(string service, string? executable, SeLinuxContext? executableContext, SeLinuxExpectedContext? executableExpected,
        int? processId, SeLinuxContext? processContext, string? predictedDomain, bool unconfined, string finding,
        SeLinuxPredictionSource predictionSource = SeLinuxPredictionSource.None)
    {
        PredictionSource = predictionSource;
        Service = service;
        Executable = executable;
        ExecutableContext = executableContext;
        ExecutableExpected = executableExpected;
        ProcessId = processId;
        ProcessContext = processContext;
        PredictedDomain = predictedDomain;
        Unconfined = unconfined;
        Finding = finding;
    }

    /// <summary>The unit name, e.g. gosvc.service.</summary>
    public string Service { get; }

    /// <summary>The ExecStart binary.</summary>
    public string? Executable { get; }

    /// <summary>The binary's label (security.selinux).</summary>
    public SeLinuxContext? ExecutableContext { get; }

    /// <summary>The binary's expected label from file_contexts.</summary>
    public SeLinuxExpectedContext? ExecutableExpected { get; }

    /// <summary>The service's main process (MainPID from the unit's cgroup), when it runs.</summary>
    public int? ProcessId { get; }

    /// <summary>The running process's context (/proc/PID/attr/current).</summary>
    public SeLinuxContext? ProcessContext { get; }

    /// <summary>The domain systemd (init_t) would start the binary in, judged from the binary's type.</summary>
    public string? PredictedDomain { get; }

    /// <summary>
    /// What decided <see cref="PredictedDomain"/>: the installed policy's type_transition rule (Policy), the built-in
    /// table used when there is no policy or no sesearch (Heuristic), or nothing (None: no binary type).
    /// </summary>
    public SeLinuxPredictionSource PredictionSource { get; }

    /// <summary>True when the service runs (or would run) as unconfined_service_t or another unconfined domain.</summary>
    public bool Unconfined { get; }

    /// <summary>What an admin should know, in one sentence.</summary>
    public string Finding { get; }

    /// <summary>The process's domain (type), or the predicted one when it does not run.</summary>
    public string? Domain => ProcessContext?.Type ?? PredictedDomain;
}

/// <summary>A generated SELinux policy module for a Go service: its sources and the compiled package.</summary>
public sealed class SeLinuxPolicyModule
{
    /// <summary>Creates a description.</summary>
    public SeLinuxPolicyModule(string name, string domain, string? execType, string directory, string teFile, string fcFile, string ifFile, string? packagePath, string te, string fc)
    {
        Name = name;
        Domain = domain;
        ExecType = execType;
        Directory = directory;
        TeFile = teFile;
        FcFile = fcFile;
        IfFile = ifFile;
        PackagePath = packagePath;
        Te = te;
        Fc = fc;
    }

    /// <summary>The module name.</summary>
    public string Name { get; }

    /// <summary>The service domain (or, in the container case, the container domain given network access).</summary>
    public string Domain { get; }

    /// <summary>The entrypoint type of the binary; null in the container case.</summary>
    public string? ExecType { get; }

    /// <summary>Where the files are.</summary>
    public string Directory { get; }

    /// <summary>The type enforcement source.</summary>
    public string TeFile { get; }

    /// <summary>The file contexts source.</summary>
    public string FcFile { get; }

    /// <summary>The interface file.</summary>
    public string IfFile { get; }

    /// <summary>The compiled policy package (.pp), for Install-SeLinuxPolicyModule; null with -NoCompile.</summary>
    public string? PackagePath { get; }

    /// <summary>The .te text.</summary>
    public string Te { get; }

    /// <summary>The .fc text.</summary>
    public string Fc { get; }

    /// <summary>The path of the package, so Install-SeLinuxPolicyModule binds by property name.</summary>
    public string? Path => PackagePath;
}

/// <summary>One AVC denial from an audit log, with the allow rule that would permit it (as audit2allow writes it).</summary>
public sealed class SeLinuxDenial
{
    /// <summary>Creates a denial.</summary>
    public SeLinuxDenial(System.DateTimeOffset? timestamp, long? serial, string recordType, IReadOnlyList<string> permissions, string sourceContextText, string targetContextText,
        SeLinuxContext? sourceContext, SeLinuxContext? targetContext, string @class, string? command, string? executable, string? path, int? processId, bool? permissive,
        string allowRule, string? file, int line)
    {
        Timestamp = timestamp;
        Serial = serial;
        RecordType = recordType;
        Permissions = permissions;
        SourceContextText = sourceContextText;
        TargetContextText = targetContextText;
        SourceContext = sourceContext;
        TargetContext = targetContext;
        Class = @class;
        Command = command;
        Executable = executable;
        Path = path;
        ProcessId = processId;
        Permissive = permissive;
        AllowRule = allowRule;
        File = file;
        Line = line;
    }

    /// <summary>When the kernel (or the object manager) logged it.</summary>
    public System.DateTimeOffset? Timestamp { get; }

    /// <summary>The audit event serial number.</summary>
    public long? Serial { get; }

    /// <summary>AVC (kernel) or USER_AVC (a userspace object manager such as dbus).</summary>
    public string RecordType { get; }

    /// <summary>The denied permissions, e.g. read, write.</summary>
    public IReadOnlyList<string> Permissions { get; }

    /// <summary>scontext as logged.</summary>
    public string SourceContextText { get; }

    /// <summary>tcontext as logged.</summary>
    public string TargetContextText { get; }

    /// <summary>The source (process) context, parsed; null when it does not parse.</summary>
    public SeLinuxContext? SourceContext { get; }

    /// <summary>The target (object) context, parsed; null when it does not parse.</summary>
    public SeLinuxContext? TargetContext { get; }

    /// <summary>The source domain (type of scontext).</summary>
    public string SourceType => SourceContextText.Split(':').Length > 2 ? SourceContextText.Split(':')[2] : SourceContextText;

    /// <summary>The target type (type of tcontext).</summary>
    public string TargetType => TargetContextText.Split(':').Length > 2 ? TargetContextText.Split(':')[2] : TargetContextText;

    /// <summary>The object class (tclass), e.g. file, tcp_socket.</summary>
    public string Class { get; }

    /// <summary>comm= of the process.</summary>
    public string? Command { get; }

    /// <summary>exe= when logged.</summary>
    public string? Executable { get; }

    /// <summary>path= or, without it, name= of the object.</summary>
    public string? Path { get; }

    /// <summary>pid=.</summary>
    public int? ProcessId { get; }

    /// <summary>permissive=1 (logged only) or 0 (enforced); null on old kernels that do not say.</summary>
    public bool? Permissive { get; }

    /// <summary>The allow rule that would permit this access, as audit2allow writes it ("self" when source and target type are the same).</summary>
    public string AllowRule { get; }

    /// <summary>The log file.</summary>
    public string? File { get; }

    /// <summary>The line in <see cref="File"/>.</summary>
    public int Line { get; }
}
