using System;
using System.Collections.Generic;
using GoBaseline.Core.Host;

namespace GoBaseline.Core.Audit;

/// <summary>
/// What auditctl looks up on the machine while it builds a rule: user and group names, whether a watched path is a
/// directory, and the native architecture. The parser itself stays pure; this is its only window on the host.
/// </summary>
public interface IAuditRuleEnvironment
{
    /// <summary>The uid of a user name, or null when there is no such user.</summary>
    uint? UserId(string name);

    /// <summary>The gid of a group name, or null when there is no such group.</summary>
    uint? GroupId(string name);

    /// <summary>True when the path exists and is a directory (auditctl then makes a dir= watch).</summary>
    bool IsDirectory(string path);

    /// <summary>True when the path exists.</summary>
    bool Exists(string path);

    /// <summary>The machine name (uname -m).</summary>
    string Machine { get; }
}

/// <summary>The environment of a host root: its passwd and group files, its file system, and this machine's arch.</summary>
public sealed class HostAuditEnvironment : IAuditRuleEnvironment
{
    private readonly HostRoot _host;
    private Dictionary<string, uint>? _users;
    private Dictionary<string, uint>? _groups;

    /// <summary>Binds to a host root.</summary>
    public HostAuditEnvironment(HostRoot host, string? machine = null)
    {
        _host = host;
        Machine = machine ?? (System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "aarch64" : "x86_64");
    }

    /// <inheritdoc/>
    public string Machine { get; }

    /// <inheritdoc/>
    public uint? UserId(string name)
    {
        _users ??= Load(true);
        return _users.TryGetValue(name, out var id) ? id : null;
    }

    /// <inheritdoc/>
    public uint? GroupId(string name)
    {
        _groups ??= Load(false);
        return _groups.TryGetValue(name, out var id) ? id : null;
    }

    /// <inheritdoc/>
    public bool IsDirectory(string path)
    {
        try
        {
            return _host.DirectoryExists(path);
        }
        catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public bool Exists(string path)
    {
        try
        {
            return _host.Stat(path) is not null;
        }
        catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException or ArgumentException or GoBaselineException)
        {
            return false;
        }
    }

    private Dictionary<string, uint> Load(bool users)
    {
        var map = new Dictionary<string, uint>(StringComparer.Ordinal);
        if (users)
        {
            foreach (var u in Passwd.ReadUsers(_host))
            {
                map.TryAdd(u.Name, u.Uid);
            }
        }
        else
        {
            foreach (var g in Passwd.ReadGroups(_host))
            {
                map.TryAdd(g.Name, g.Gid);
            }
        }

        return map;
    }
}
