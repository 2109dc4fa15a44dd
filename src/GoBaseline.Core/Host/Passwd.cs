using System;
using System.Collections.Generic;
using System.Globalization;

namespace GoBaseline.Core.Host;

/// <summary>One /etc/passwd entry.</summary>
/// <param name="Name">Login name.</param>
/// <param name="Uid">User id.</param>
/// <param name="Gid">Primary group id.</param>
/// <param name="Home">Home directory.</param>
/// <param name="Shell">Login shell.</param>
public sealed record PasswdEntry(string Name, uint Uid, uint Gid, string Home, string Shell);

/// <summary>One /etc/group entry.</summary>
/// <param name="Name">Group name.</param>
/// <param name="Gid">Group id.</param>
public sealed record GroupEntry(string Name, uint Gid);

/// <summary>Reads the root's passwd and group files (never NSS: under -Root, the image's own files are the truth).</summary>
public static class Passwd
{
    /// <summary>All users of the root's /etc/passwd, in file order.</summary>
    public static IReadOnlyList<PasswdEntry> ReadUsers(HostRoot host)
    {
        var list = new List<PasswdEntry>();
        var text = host.TryReadAllText("/etc/passwd");
        if (text is null)
        {
            return list;
        }

        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#' || line[0] == '+' || line[0] == '-')
            {
                continue;
            }

            var f = line.Split(':');
            if (f.Length < 7 || !uint.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid) || !uint.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
            {
                continue;
            }

            list.Add(new PasswdEntry(f[0], uid, gid, f[5], f[6]));
        }

        return list;
    }

    /// <summary>All groups of the root's /etc/group, in file order.</summary>
    public static IReadOnlyList<GroupEntry> ReadGroups(HostRoot host)
    {
        var list = new List<GroupEntry>();
        var text = host.TryReadAllText("/etc/group");
        if (text is null)
        {
            return list;
        }

        foreach (var raw in text.Split('\n'))
        {
            var f = raw.TrimEnd('\r').Split(':');
            if (f.Length >= 3 && f[0].Length > 0 && f[0][0] != '#' && uint.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
            {
                list.Add(new GroupEntry(f[0], gid));
            }
        }

        return list;
    }

    /// <summary>
    /// The home directories of root and of login users (uid 1000 and up, not the overflow user nobody, 65534), each
    /// once, in file order; only homes that exist under the root (nobody's /nonexistent and the homes of removed
    /// accounts hold no Go configuration and cannot be watched).
    /// </summary>
    public static IReadOnlyList<string> LoginHomes(HostRoot host)
    {
        var homes = new List<string>();
        foreach (var u in ReadUsers(host))
        {
            if (u.Home.Length > 1 && (u.Uid == 0 || (u.Uid >= 1000 && u.Uid != 65534)) && !homes.Contains(u.Home) && host.DirectoryExists(u.Home))
            {
                homes.Add(u.Home);
            }
        }

        return homes;
    }

    /// <summary>Finds a user by name, or by numeric id when the text is a number and no user has that name.</summary>
    public static PasswdEntry? Find(HostRoot host, string nameOrId)
    {
        var users = ReadUsers(host);
        foreach (var u in users)
        {
            if (string.Equals(u.Name, nameOrId, StringComparison.Ordinal))
            {
                return u;
            }
        }

        if (uint.TryParse(nameOrId, NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
        {
            foreach (var u in users)
            {
                if (u.Uid == uid)
                {
                    return u;
                }
            }
        }

        return null;
    }
}
