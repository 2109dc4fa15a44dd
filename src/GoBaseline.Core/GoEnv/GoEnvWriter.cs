using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using GoBaseline.Core.Host;
using GoBaseline.Core.Journal;
using GoBaseline.Core.Profiles;
using GoBaseline.Core.Systemd;

namespace GoBaseline.Core.GoEnv;

/// <summary>One Go environment value to set.</summary>
/// <param name="Name">The variable.</param>
/// <param name="Value">Its value.</param>
public sealed record GoEnvSetting(string Name, string Value);

/// <summary>
/// Builds the changes that make a scope's Go environment match the baseline: the managed /etc/profile.d script and
/// the lines of /etc/environment (System), the user's GOENV file in exactly the format <c>go env -w</c> writes
/// (User), a systemd drop-in with Environment= lines (Service). Pure text functions plus a planner over the host;
/// applying is the journal's job.
/// </summary>
public static class GoEnvWriter
{
    /// <summary>The managed login script (System scope).</summary>
    public const string ProfileScript = "/etc/profile.d/gobaseline-go.sh";

    /// <summary>pam_env's file (System scope): only the lines of the keys set are edited.</summary>
    public const string EtcEnvironment = "/etc/environment";

    /// <summary>The managed drop-in's file name (Service scope).</summary>
    public const string DropInName = "50-gobaseline-go.conf";

    private const UnixFileMode FileMode0644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode DirMode0755 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private static readonly System.Buffers.SearchValues<char> LineBreaks = System.Buffers.SearchValues.Create("\n\r\0");

    private static readonly Regex SetCommand = new(@"^Set-GoEnvBaseline\s+-Name\s+([A-Za-z_][A-Za-z0-9_]*)\s+-Value\s+(?:'([^']*)'|""([^""]*)""|(\S+))\s*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>
    /// The values a profile requires explicitly: a GoEnv control that accepts exactly one value (oneOf with one
    /// entry), or whose pattern (matches) the value of its own "Set-GoEnvBaseline -Name N -Value V" remediation
    /// satisfies. Controls that only forbid values (notIn, forbiddenTokens, emptyUnlessAllowed) set nothing.
    /// </summary>
    public static IReadOnlyList<GoEnvSetting> BaselineValues(BaselineProfile profile)
    {
        var list = new List<GoEnvSetting>();
        foreach (var c in profile.Controls)
        {
            if (c.Check.Type != CheckType.GoEnv || c.Check.Variable is not { } name)
            {
                continue;
            }

            if (c.Check.OneOf is { Count: 1 } one)
            {
                list.Add(new GoEnvSetting(name, one[0]));
                continue;
            }

            if (c.Check.Matches is { } pattern && c.Remediation is { } r && SetCommand.Match(r.Trim()) is { Success: true } m && m.Groups[1].Value == name)
            {
                var value = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Success ? m.Groups[3].Value : m.Groups[4].Value;
                if (Regex.IsMatch(value, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
                {
                    list.Add(new GoEnvSetting(name, value));
                }
            }
        }

        return list;
    }

    /// <summary>Rejects names that are not variable names and values no file format here can carry.</summary>
    public static void Validate(IReadOnlyList<GoEnvSetting> settings)
    {
        if (settings.Count == 0)
        {
            throw new GoBaselineException(ErrorIds.InvalidSetting, FailureKind.InvalidArgument, "No Go environment variable to set.");
        }

        foreach (var s in settings)
        {
            if (!EnvFileParsers.IsName(s.Name))
            {
                throw new GoBaselineException(ErrorIds.InvalidSetting, FailureKind.InvalidArgument, $"'{s.Name}' is not an environment variable name.", s.Name);
            }

            if (s.Value.AsSpan().IndexOfAny(LineBreaks) >= 0)
            {
                throw new GoBaselineException(ErrorIds.InvalidSetting, FailureKind.InvalidArgument, $"The value of {s.Name} contains a line break or NUL.", s.Name);
            }
        }
    }

    // ---- User scope: the GOENV file, byte for byte as cmd/go/internal/envcmd updateEnvFile writes it. ----

    // The names go env -w accepts: cmd/go's internal/cfg.KnownEnv (Go 1.19) and the variables later releases added.
    private static readonly HashSet<string> GoEnvWritable = new(GoEnvCatalog.Variables.Keys.Concat(new[]
    {
        "CGO_CFLAGS_ALLOW", "CGO_CFLAGS_DISALLOW", "CGO_CPPFLAGS_ALLOW", "CGO_CPPFLAGS_DISALLOW", "CGO_CXXFLAGS_ALLOW",
        "CGO_CXXFLAGS_DISALLOW", "CGO_FFLAGS_ALLOW", "CGO_FFLAGS_DISALLOW", "CGO_LDFLAGS_ALLOW", "CGO_LDFLAGS_DISALLOW",
        "FC", "GO386", "GOARM", "GOARM64", "GOMIPS", "GOMIPS64", "GOPPC64", "GORISCV64", "GOWASM", "GO_EXTLINK_ENABLED",
    }), StringComparer.Ordinal);

    // What go env -w says it cannot modify (cmd/go/internal/envcmd checkEnvWrite).
    private static readonly HashSet<string> GoEnvReadOnly = new(StringComparer.Ordinal)
    {
        "GOEXE", "GOGCCFLAGS", "GOHOSTARCH", "GOHOSTOS", "GOMOD", "GOWORK", "GOTOOLDIR", "GOVERSION", "GOTELEMETRY", "GOTELEMETRYDIR",
    };

    /// <summary>
    /// Refuses, as <c>go env -w</c> does, a name the go command does not know (a typo, or a variable that is not the
    /// go command's, like FOO) or one it computes itself (GOVERSION, GOMOD, ...): the GOENV file holds only what
    /// <c>go env -w</c> could have written.
    /// </summary>
    public static void CheckGoEnvWrite(string name)
    {
        if (GoEnvReadOnly.Contains(name))
        {
            throw new GoBaselineException(ErrorIds.InvalidSetting, FailureKind.InvalidArgument, $"{name} cannot be set in the GOENV file: the go command computes it (go env -w refuses it: \"{name} cannot be modified\").", name);
        }

        if (!GoEnvWritable.Contains(name))
        {
            throw new GoBaselineException(ErrorIds.InvalidSetting, FailureKind.InvalidArgument, $"{name} is not a go command variable, so it cannot go into the GOENV file (go env -w refuses it: \"unknown go command variable {name}\"). Set it in the System scope or for a service instead.", name);
        }
    }

    /// <summary>
    /// The GOENV file after <c>go env -w</c> of the settings: duplicates of any key but the last removed, existing
    /// keys updated in place, new keys appended, then every run of KEY=VALUE lines (separated by comments, blank or
    /// invalid lines) sorted by key.
    /// </summary>
    public static string UpdateGoEnvFile(string? existing, IReadOnlyList<GoEnvSetting> settings)
    {
        var lines = SplitAfterNewline(existing ?? string.Empty);
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        else if (lines.Count > 0)
        {
            lines[^1] += "\n";
        }

        var prev = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var l = 0; l < lines.Count; l++)
        {
            var key = LineToKey(lines[l]);
            if (key.Length > 0)
            {
                if (prev.TryGetValue(key, out var p))
                {
                    lines[p] = string.Empty;
                }

                prev[key] = l;
            }
        }

        var add = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in settings)
        {
            add[s.Name] = s.Value;
        }

        foreach (var (key, val) in add.ToList())
        {
            if (prev.TryGetValue(key, out var p))
            {
                lines[p] = key + "=" + val + "\n";
                add.Remove(key);
            }
        }

        foreach (var (key, val) in add)
        {
            lines.Add(key + "=" + val + "\n");
        }

        var start = 0;
        for (var i = 0; i <= lines.Count; i++)
        {
            if (i == lines.Count || LineToKey(lines[i]).Length == 0)
            {
                lines.Sort(start, i - start, Comparer<string>.Create((x, y) => string.CompareOrdinal(LineToKey(x), LineToKey(y))));
                start = i + 1;
            }
        }

        return string.Concat(lines);
    }

    private static string LineToKey(string line)
    {
        var i = line.IndexOf('=', StringComparison.Ordinal);
        return i < 0 || line.AsSpan(0, i).Contains('#') ? string.Empty : line.Substring(0, i);
    }

    private static List<string> SplitAfterNewline(string text)
    {
        // strings.SplitAfter(text, "\n"): always at least one element; the last is what follows the last newline.
        var list = new List<string>();
        var start = 0;
        while (true)
        {
            var nl = text.IndexOf('\n', start);
            if (nl < 0)
            {
                list.Add(text.Substring(start));
                return list;
            }

            list.Add(text.Substring(start, nl + 1 - start));
            start = nl + 1;
        }
    }

    // ---- System scope. ----

    /// <summary>
    /// /etc/environment with only the lines of the given keys changed: a line that already assigns the wanted value
    /// stays byte for byte, another assignment of the key is replaced (keeping its line ending), a missing key is
    /// appended. Everything else is kept byte for byte. <paramref name="notes"/> says which line changes how.
    /// </summary>
    public static string UpdateEtcEnvironment(string? existing, IReadOnlyList<GoEnvSetting> settings, List<string> notes)
    {
        var text = existing ?? string.Empty;
        var lines = SplitAfterNewline(text);
        if (lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var wanted = settings.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var body = lines[i].TrimEnd('\n');
            var parsed = EnvFileParsers.ParseEtcEnvironment(body, EtcEnvironment);
            if (parsed.Count != 1 || !wanted.TryGetValue(parsed[0].Name, out var value))
            {
                continue;
            }

            seen.Add(parsed[0].Name);
            if (parsed[0].Value == value)
            {
                continue;
            }

            var ending = lines[i].EndsWith('\n') ? (body.EndsWith('\r') ? "\r\n" : "\n") : string.Empty;
            var line = EtcEnvironmentLine(parsed[0].Name, value);
            notes.Add($"line {(i + 1).ToString(CultureInfo.InvariantCulture)}: {body.TrimEnd('\r')} -> {line}");
            lines[i] = line + ending;
        }

        var sb = new StringBuilder(string.Concat(lines));
        var appended = lines.Count;
        foreach (var (name, value) in wanted)
        {
            if (seen.Contains(name))
            {
                continue;
            }

            if (sb.Length > 0 && sb[^1] != '\n')
            {
                sb.Append('\n');
            }

            var line = EtcEnvironmentLine(name, value);
            appended++;
            notes.Add($"append line {appended.ToString(CultureInfo.InvariantCulture)}: {line}");
            sb.Append(line).Append('\n');
        }

        return sb.ToString();
    }

    private static string EtcEnvironmentLine(string name, string value) =>
        value.Any(c => c is ' ' or '\t' or '"' or '\'' or '#') || value.Length == 0 ? $"{name}=\"{value}\"" : $"{name}={value}";

    /// <summary>The managed login script: the settings it already had (updated), then new ones.</summary>
    public static string RenderProfileScript(string? existing, IReadOnlyList<GoEnvSetting> settings)
    {
        var merged = Merge(existing is null ? Array.Empty<GoEnvSetting>() : EnvFileParsers.ParseShellAssignments(existing, ProfileScript).Select(a => new GoEnvSetting(a.Name, a.Value)), settings);
        var sb = new StringBuilder();
        sb.Append("# Managed by GoBaseline (Set-GoEnvBaseline): the Go environment baseline for login shells.\n");
        sb.Append("# Change it with Set-GoEnvBaseline -Scope System; undo with Undo-BaselineChange.\n");
        foreach (var s in merged)
        {
            sb.Append("export ").Append(s.Name).Append('=').Append(ShellQuote(s.Value)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>A value quoted for a POSIX shell (as is when it needs no quoting).</summary>
    public static string ShellQuote(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || "_-./,:=@%+".Contains(c, StringComparison.Ordinal))
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    // ---- Service scope. ----

    /// <summary>The managed drop-in: [Service] and one Environment= line per setting (existing ones kept, updated).</summary>
    public static string RenderDropIn(string? existing, IReadOnlyList<GoEnvSetting> settings)
    {
        var old = new List<GoEnvSetting>();
        if (existing is not null)
        {
            foreach (var line in existing.Split('\n'))
            {
                var t = line.Trim();
                if (t.StartsWith("Environment=", StringComparison.Ordinal))
                {
                    old.AddRange(EnvFileParsers.ParseSystemdEnvironment(t.Substring("Environment=".Length)).Select(kv => new GoEnvSetting(kv.Key, kv.Value)));
                }
            }
        }

        var sb = new StringBuilder();
        sb.Append("# Managed by GoBaseline (Set-GoEnvBaseline): the Go environment baseline for this service.\n");
        sb.Append("# Change it with Set-GoEnvBaseline -Scope Service; undo with Undo-BaselineChange. Run 'systemctl daemon-reload' to apply.\n");
        sb.Append("[Service]\n");
        foreach (var s in Merge(old, settings))
        {
            sb.Append("Environment=\"").Append(s.Name).Append('=').Append(SystemdEscape(s.Value)).Append("\"\n");
        }

        return sb.ToString();
    }

    private static string SystemdEscape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("%", "%%", StringComparison.Ordinal);

    private static List<GoEnvSetting> Merge(IEnumerable<GoEnvSetting> existing, IReadOnlyList<GoEnvSetting> settings)
    {
        var merged = new List<GoEnvSetting>();
        foreach (var s in existing.Concat(settings))
        {
            var at = merged.FindIndex(m => m.Name == s.Name);
            if (at >= 0)
            {
                merged[at] = s;
            }
            else
            {
                merged.Add(s);
            }
        }

        return merged;
    }

    // ---- Planners: the changes for a scope. ----

    /// <summary>System scope: the managed profile.d script and the /etc/environment lines.</summary>
    public static IReadOnlyList<Change> PlanSystem(HostRoot host, IReadOnlyList<GoEnvSetting> settings)
    {
        Validate(settings);
        var changes = new List<Change>();
        changes.AddRange(MissingDirectories(host, "/etc/profile.d", null, null));
        var script = RenderProfileScript(host.TryReadAllText(ProfileScript), settings);
        changes.Add(new FileWriteChange(ProfileScript, Encoding.UTF8.GetBytes(script), FileMode0644, summary: string.Join("; ", settings.Select(s => $"export {s.Name}={ShellQuote(s.Value)}"))));
        var notes = new List<string>();
        var env = UpdateEtcEnvironment(host.TryReadAllText(EtcEnvironment), settings, notes);
        changes.Add(new FileWriteChange(EtcEnvironment, Encoding.UTF8.GetBytes(env), FileMode0644, summary: notes.Count == 0 ? "no line changes" : string.Join("; ", notes)));
        return changes;
    }

    /// <summary>User scope: the user's GOENV file (and its missing directories, owned by the user).</summary>
    public static IReadOnlyList<Change> PlanUser(HostRoot host, string user, IReadOnlyList<GoEnvSetting> settings, out string envFile)
    {
        Validate(settings);
        foreach (var s in settings)
        {
            if (s.Name is "GOENV")
            {
                throw new GoBaselineException(ErrorIds.InvalidSetting, FailureKind.InvalidArgument, "GOENV can only be set in the environment itself, not in the GOENV file (go env -w refuses it too).", s.Name);
            }

            CheckGoEnvWrite(s.Name);
        }

        var account = host.GetUser(user) ?? throw new GoBaselineException(ErrorIds.UserNotFound, FailureKind.NotFound, $"No user '{user}' in {host.Root}etc/passwd.", user);
        var snapshot = new GoEnvResolver(host).Resolve(new GoEnvRequest(GoEnvScope.User, account.Name));
        envFile = snapshot.EnvFile ?? throw new GoBaselineException(ErrorIds.InvalidSetting, FailureKind.InvalidOperation, $"User {account.Name} has GOENV=off: there is no GOENV file to write.", user);
        envFile = HostRoot.Normalize(envFile);
        var changes = new List<Change>();
        // Directories inside the user's home belong to the user (as if 'go env -w' had created them); above it, to root.
        var home = HostRoot.Normalize(account.Home);
        foreach (var dir in MissingDirectories(host, ParentOf(envFile), null, null))
        {
            var inHome = home != "/" && (dir.Target == home || dir.Target.StartsWith(home + "/", StringComparison.Ordinal));
            changes.Add(inHome ? new DirectoryCreateChange(dir.Target, DirMode0755, account.Uid, account.Gid) : dir);
        }

        var existing = host.TryReadAllText(envFile);
        var text = UpdateGoEnvFile(existing, settings);
        changes.Add(new FileWriteChange(envFile, Encoding.UTF8.GetBytes(text), FileMode0644, summary: LineNotes(existing, text, settings), newFileUid: account.Uid, newFileGid: account.Gid));
        changes.AddRange(CacheDirectory(host, settings, account.Uid, account.Gid));
        return changes;
    }

    /// <summary>Service scope: the drop-in /etc/systemd/system/&lt;unit&gt;.d/50-gobaseline-go.conf.</summary>
    public static IReadOnlyList<Change> PlanService(HostRoot host, string service, IReadOnlyList<GoEnvSetting> settings, out string unitName)
    {
        Validate(settings);
        var unit = SystemdUnit.Load(host, service) ?? throw new GoBaselineException(ErrorIds.ServiceNotFound, FailureKind.NotFound, $"The unit '{SystemdUnit.NormalizeName(service)}' was not found under {host.Root}.", service);
        unitName = unit.Name;
        var dir = "/etc/systemd/system/" + unit.Name + ".d";
        var path = dir + "/" + DropInName;
        var changes = new List<Change>();
        changes.AddRange(MissingDirectories(host, dir, null, null));
        var text = RenderDropIn(host.TryReadAllText(path), settings);
        changes.Add(new FileWriteChange(path, Encoding.UTF8.GetBytes(text), FileMode0644, summary: string.Join("; ", settings.Select(s => $"Environment=\"{s.Name}={SystemdEscape(s.Value)}\""))));

        // The unit's builder owns the cache it creates; with DynamicUser= and no User= nobody knows the uid.
        if (unit.ServiceUser() is { } user && (user == "root" ? new PasswdEntry("root", 0, 0, "/root", "/bin/sh") : host.GetUser(user)) is { } owner)
        {
            changes.AddRange(CacheDirectory(host, settings, owner.Uid, owner.Gid));
        }

        return changes;
    }

    /// <summary>
    /// The GOCACHE directory a setting names, created now for its builder (mode 0700) when it does not exist and its
    /// parent does: left to the first build, a cache under a directory others may write (the seed's /tmp/go-build) is
    /// created by whoever comes first, and GOENV-012 fails until then. Not for the System scope, whose builders are
    /// every user: there the cmdlet says what to run instead.
    /// </summary>
    public static IReadOnlyList<Change> CacheDirectory(HostRoot host, IReadOnlyList<GoEnvSetting> settings, uint uid, uint gid)
    {
        var path = MissingCacheDirectory(host, settings);
        return path is null ? Array.Empty<Change>() : new Change[] { new DirectoryCreateChange(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, uid, gid) };
    }

    /// <summary>The GOCACHE a setting names when it is an absolute path that does not exist yet and whose parent exists.</summary>
    public static string? MissingCacheDirectory(HostRoot host, IReadOnlyList<GoEnvSetting> settings)
    {
        var cache = settings.LastOrDefault(s => s.Name == "GOCACHE")?.Value;
        if (cache is null || !cache.StartsWith('/') || cache.Contains('$', StringComparison.Ordinal))
        {
            return null;
        }

        var path = HostRoot.Normalize(cache);
        return path != "/" && host.Stat(path, followSymlinks: false) is null && host.DirectoryExists(ParentOf(path)) ? path : null;
    }

    private static string LineNotes(string? before, string after, IReadOnlyList<GoEnvSetting> settings)
    {
        var lines = after.Split('\n');
        var notes = new List<string>();
        foreach (var s in settings)
        {
            var at = Array.FindLastIndex(lines, l => l == s.Name + "=" + s.Value);
            notes.Add($"line {(at + 1).ToString(CultureInfo.InvariantCulture)}: {s.Name}={s.Value}");
        }

        return (before is null ? "new file; " : string.Empty) + string.Join("; ", notes);
    }

    private static string ParentOf(string path)
    {
        var i = path.LastIndexOf('/');
        return i <= 0 ? "/" : path.Substring(0, i);
    }

    /// <summary>One DirectoryCreateChange per missing level of <paramref name="dir"/>, outermost first.</summary>
    public static IReadOnlyList<Change> MissingDirectories(HostRoot host, string dir, uint? uid, uint? gid)
    {
        var missing = new List<string>();
        var d = HostRoot.Normalize(dir);
        while (d != "/" && host.Stat(d, followSymlinks: true) is null)
        {
            missing.Add(d);
            d = ParentOf(d);
        }

        missing.Reverse();
        return missing.Select(m => (Change)new DirectoryCreateChange(m, DirMode0755, uid, gid)).ToList();
    }
}
