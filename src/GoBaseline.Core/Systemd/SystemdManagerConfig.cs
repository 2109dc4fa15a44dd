using System;
using System.Collections.Generic;
using GoBaseline.Core.Host;
using GoBaseline.Core.Host.Native;

namespace GoBaseline.Core.Systemd;

/// <summary>
/// The system manager's configuration, systemd-system.conf(5): the main file system.conf, then the drop-ins
/// system.conf.d/*.conf, which override it.
/// </summary>
public static class SystemdManagerConfig
{
    /// <summary>Where the main file is looked for; only the first found is used (older systemd reads only /etc).</summary>
    public static readonly IReadOnlyList<string> MainFiles = new[]
    {
        "/etc/systemd/system.conf",
        "/run/systemd/system.conf",
        "/usr/local/lib/systemd/system.conf",
        "/usr/lib/systemd/system.conf",
    };

    /// <summary>The drop-in directories, highest precedence first (a file name in /etc masks the same name below).</summary>
    public static readonly IReadOnlyList<string> DropInDirectories = new[]
    {
        "/etc/systemd/system.conf.d",
        "/run/systemd/system.conf.d",
        "/usr/local/lib/systemd/system.conf.d",
        "/usr/lib/systemd/system.conf.d",
        "/lib/systemd/system.conf.d",
    };

    /// <summary>
    /// The files in the order systemd applies them: the main file, then the drop-ins sorted by file name regardless
    /// of their directory. A drop-in that is a symbolic link to /dev/null masks the vendor file of that name.
    /// </summary>
    public static IReadOnlyList<string> Files(HostRoot host)
    {
        var files = new List<string>();
        foreach (var main in MainFiles)
        {
            if (host.FileExists(main))
            {
                files.Add(main);
                break;
            }
        }

        var byName = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var dir in DropInDirectories)
        {
            foreach (var path in host.ListDirectory(dir, "*.conf"))
            {
                byName.TryAdd(path.Substring(path.LastIndexOf('/') + 1), path);
            }
        }

        foreach (var path in byName.Values)
        {
            if (!IsMasked(host, path))
            {
                files.Add(path);
            }
        }

        return files;
    }

    /// <summary>True when a drop-in is a symbolic link to /dev/null (masked).</summary>
    internal static bool IsMasked(HostRoot host, string path)
    {
        try
        {
            return host.Stat(path, followSymlinks: false) is { Kind: UnixFileKind.SymbolicLink } && host.ReadLink(path) == "/dev/null";
        }
        catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException or GoBaselineException)
        {
            return false;
        }
    }
}
