using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using GoBaseline.Core.Host;
using GoBaseline.Core.Host.Native;

namespace GoBaseline.Core.SeLinux;

/// <summary>Reads labels (security.selinux, /proc/PID/attr/current) and the system's SELinux state, through the host root.</summary>
public static class SeLinuxLabels
{
    /// <summary>The extended attribute that holds a file's label.</summary>
    public const string XattrName = "security.selinux";

    /// <summary>A file's label; null when it has none. Symbolic links are not followed (lgetfilecon).</summary>
    public static GoBaseline.SeLinuxContext? ReadFileContext(HostRoot host, string path)
    {
        var raw = host.GetXattrText(path, XattrName, followSymlinks: false);
        if (raw is null)
        {
            return null;
        }

        try
        {
            return GoBaseline.SeLinuxContext.Parse(raw, path, null);
        }
        catch (FormatException ex)
        {
            throw new GoBaselineException(ErrorIds.SeLinuxContextInvalid, FailureKind.InvalidData, $"{path}: security.selinux is '{raw}': {ex.Message}", path, ex);
        }
    }

    /// <summary>
    /// A process's context from /proc/PID/attr/current. Null when the kernel has no SELinux (the file then answers
    /// EINVAL, or holds another LSM's label such as AppArmor's "unconfined").
    /// </summary>
    public static GoBaseline.SeLinuxContext? ReadProcessContext(HostRoot host, int pid)
    {
        var dir = "/proc/" + pid.ToString(CultureInfo.InvariantCulture);
        if (!host.DirectoryExists(dir))
        {
            throw new GoBaselineException(ErrorIds.SeLinuxProcessNotFound, FailureKind.NotFound, $"No process {pid} under {host.Root}.", pid);
        }

        string? raw;
        try
        {
            raw = host.TryReadAllText(dir + "/attr/current");
        }
        catch (GoBaselineException ex) when (ex.InnerException is IOException)
        {
            // EINVAL: no LSM answers for attr/current (a kernel without SELinux).
            return null;
        }

        raw = raw?.TrimEnd('\0', '\n');
        if (string.IsNullOrEmpty(raw) || !raw.Contains(':', StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return GoBaseline.SeLinuxContext.Parse(raw, null, pid);
        }
        catch (FormatException ex)
        {
            throw new GoBaselineException(ErrorIds.SeLinuxContextInvalid, FailureKind.InvalidData, $"{dir}/attr/current is '{raw}': {ex.Message}", pid, ex);
        }
    }

    /// <summary>Where selinuxfs is mounted under the root (from /proc/mounts, else /sys/fs/selinux when it exists).</summary>
    public static string? SelinuxfsMount(HostRoot host)
    {
        var mounts = host.TryReadAllText("/proc/mounts");
        if (mounts is not null)
        {
            foreach (var line in mounts.Split('\n'))
            {
                var f = line.Split(' ');
                if (f.Length > 2 && f[2] == "selinuxfs")
                {
                    return f[1];
                }
            }
        }

        return host.FileExists("/sys/fs/selinux/enforce") ? "/sys/fs/selinux" : null;
    }

    /// <summary>Everything sestatus reports; on a kernel without SELinux the kernel facts are null and <see cref="GoBaseline.SeLinuxStatus.Note"/> says why.</summary>
    public static GoBaseline.SeLinuxStatus ReadStatus(HostRoot host)
    {
        var config = SeLinuxConfig.Read(host);
        var mount = SelinuxfsMount(host);
        var policyDir = string.IsNullOrEmpty(config?.PolicyName) ? null : "/etc/selinux/" + config!.PolicyName;
        var notes = new List<string>();
        if (config is null)
        {
            notes.Add($"{SeLinuxConfig.ConfigPath} does not exist: the SELinux userspace is not installed.");
        }

        if (mount is null)
        {
            notes.Add("The kernel has no SELinux (no selinuxfs): SELinux is disabled whatever the configuration says.");
            var installed = policyDir is null ? null : InstalledPolicyVersion(host, policyDir);
            var mls = policyDir is null ? null : InstalledPolicyHasRanges(host, policyDir);
            return new GoBaseline.SeLinuxStatus(false, false, GoBaseline.SeLinuxMode.Disabled, config?.ParsedMode, config?.PolicyName, mls is null ? null : (mls.Value ? "mcs" : "standard"),
                mls, installed, null, null, config is null ? null : SeLinuxConfig.ConfigPath, policyDir, string.Join(' ', notes));
        }

        var enforce = SeLinuxFiles.ReadInt(host, mount + "/enforce");
        var vers = SeLinuxFiles.ReadInt(host, mount + "/policyvers");
        var mlsFlag = SeLinuxFiles.ReadInt(host, mount + "/mls");
        var deny = SeLinuxFiles.ReadInt(host, mount + "/deny_unknown");
        var loaded = enforce is not null;
        if (!loaded)
        {
            notes.Add("selinuxfs is mounted but no policy is loaded.");
        }

        var mode = !loaded ? GoBaseline.SeLinuxMode.Disabled : (enforce == 1 ? GoBaseline.SeLinuxMode.Enforcing : GoBaseline.SeLinuxMode.Permissive);
        return new GoBaseline.SeLinuxStatus(true, loaded, mode, config?.ParsedMode, config?.PolicyName, mlsFlag is null ? null : (mlsFlag == 1 ? "mls" : "standard"),
            mlsFlag is null ? null : mlsFlag == 1, vers, deny is null ? null : deny == 1, mount, config is null ? null : SeLinuxConfig.ConfigPath, policyDir,
            notes.Count == 0 ? null : string.Join(' ', notes));
    }

    /// <summary>The highest N of the installed binary policy policy/policy.N; null when none is installed.</summary>
    public static int? InstalledPolicyVersion(HostRoot host, string policyDir)
    {
        int? best = null;
        foreach (var file in host.ListDirectory(policyDir + "/policy", "policy.*"))
        {
            var suffix = file.Substring(file.LastIndexOf('.') + 1);
            if (int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && (best is null || v > best))
            {
                best = v;
            }
        }

        return best;
    }

    private static bool? InstalledPolicyHasRanges(HostRoot host, string policyDir)
    {
        var text = host.TryReadAllText(policyDir + "/contexts/files/file_contexts");
        if (text is null)
        {
            return null;
        }

        foreach (var line in text.Split('\n'))
        {
            var t = line.Trim();
            if (t.Length == 0 || t[0] == '#')
            {
                continue;
            }

            var fields = t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var ctx = fields[^1];
            if (ctx != "<<none>>")
            {
                return ctx.Split(':').Length >= 4;
            }
        }

        return null;
    }
}

/// <summary>
/// What matchpathcon computes for a path: lstat for the file type, realpath (or realpath of the directory for a
/// symbolic link), then the file-context lookup. Directory resolutions are cached, so a scan of a whole tree costs one
/// lstat per file.
/// </summary>
public sealed class ExpectedLabelResolver
{
    private readonly HostRoot _host;
    private readonly Dictionary<string, string?> _realDirectories = new(StringComparer.Ordinal);
    private readonly Dictionary<FileContextRule, GoBaseline.SeLinuxContext?> _contexts = new();

    /// <summary>Binds a database to a host.</summary>
    public ExpectedLabelResolver(HostRoot host, FileContexts database)
    {
        _host = host;
        Database = database;
    }

    /// <summary>The database in use.</summary>
    public FileContexts Database { get; }

    /// <summary>Loads the configured policy's file contexts (or the given file) under the root.</summary>
    public static ExpectedLabelResolver ForPolicy(HostRoot host, string? fileContextsPath = null, bool baseOnly = false) =>
        new(host, FileContexts.Load(host, fileContextsPath ?? SeLinuxFiles.FileContextsPath(host), baseOnly));

    /// <summary>
    /// The expected label of a path inside the root, as matchpathcon prints it. <paramref name="forcedKind"/> plays
    /// matchpathcon -m; without it the kind comes from lstat, and a path that does not exist matches rules of every type.
    /// </summary>
    public GoBaseline.SeLinuxExpectedContext Resolve(string path, UnixFileKind? forcedKind = null, UnixFileStatus? status = null)
    {
        var p = path;
        if (p.Length > 1 && p[^1] == '/')
        {
            p = p.Substring(0, p.Length - 1);
        }

        var st = status ?? _host.Stat(p, followSymlinks: false);
        var kind = forcedKind ?? st?.Kind ?? UnixFileKind.Unknown;
        var lookup = RealPath(p, st, kind);
        var match = Database.Lookup(lookup, kind);
        var rule = match.Rule;
        GoBaseline.SeLinuxContext? context = null;
        if (rule is not null && !rule.IsNone)
        {
            if (!_contexts.TryGetValue(rule, out context))
            {
                context = GoBaseline.SeLinuxContext.TryParse(rule.Context, out var c) ? c : null;
                _contexts[rule] = context;
            }
        }

        var sub = match.Substitution is null ? null : match.Substitution.Source + " -> " + match.Substitution.Destination;
        return new GoBaseline.SeLinuxExpectedContext(path, context, match.IsNone, SeLinuxFiles.KindName(kind), match.LookupPath, rule?.Spec, rule?.TypeQualifier,
            rule?.File, rule?.Line ?? 0, sub);
    }

    // matchpathcon: realpath_not_final for links (the directory resolved, the link itself kept), realpath otherwise;
    // a path that cannot be resolved is looked up as given.
    private string RealPath(string path, UnixFileStatus? st, UnixFileKind kind)
    {
        if (!path.StartsWith('/'))
        {
            return path;
        }

        var slash = path.LastIndexOf('/');
        var name = path.Substring(slash + 1);
        var dir = slash == 0 ? "/" : path.Substring(0, slash);
        if (kind == UnixFileKind.SymbolicLink)
        {
            if (slash == 0)
            {
                return "/" + name;
            }

            var rd = RealDirectory(dir);
            return rd is null ? path : (rd.EndsWith('/') ? rd + name : rd + "/" + name);
        }

        if (st is null)
        {
            return path;
        }

        if (name is "." or ".." or "" || st.Kind == UnixFileKind.SymbolicLink)
        {
            return ResolveFully(path) ?? path;
        }

        var real = RealDirectory(dir);
        return real is null ? path : (real.EndsWith('/') ? real + name : real + "/" + name);
    }

    private string? RealDirectory(string dir)
    {
        if (_realDirectories.TryGetValue(dir, out var cached))
        {
            return cached;
        }

        var real = ResolveFully(dir);
        _realDirectories[dir] = real;
        return real;
    }

    private string? ResolveFully(string path)
    {
        if (_host.IsLive)
        {
            return LibC.RealPath(path);
        }

        try
        {
            var mapped = _host.Map(path);
            return File.Exists(mapped) || Directory.Exists(mapped) ? _host.ToHostPath(mapped) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
