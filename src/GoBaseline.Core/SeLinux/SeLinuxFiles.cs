using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using GoBaseline.Core.Host;
using GoBaseline.Core.Host.Native;

namespace GoBaseline.Core.SeLinux;

/// <summary>/etc/selinux/config: SELINUX= and SELINUXTYPE=, with the line each came from.</summary>
/// <param name="Mode">SELINUX= (enforcing, permissive, disabled), null when absent.</param>
/// <param name="ModeLine">Its line, 0 when absent.</param>
/// <param name="PolicyName">SELINUXTYPE=, null when absent.</param>
/// <param name="PolicyNameLine">Its line, 0 when absent.</param>
/// <param name="Text">The whole file.</param>
public sealed record SeLinuxConfig(string? Mode, int ModeLine, string? PolicyName, int PolicyNameLine, string Text)
{
    /// <summary>The configuration file, inside the root.</summary>
    public const string ConfigPath = "/etc/selinux/config";

    /// <summary>Parses the config as libselinux does: KEY=value lines, "#" comments, surrounding blanks ignored.</summary>
    public static SeLinuxConfig Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? mode = null;
        string? type = null;
        int modeLine = 0, typeLine = 0, n = 0;
        foreach (var raw in text.Split('\n'))
        {
            n++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var key = line.Substring(0, eq).Trim();
            var value = line.Substring(eq + 1).Trim().Trim('"');
            if (key == "SELINUX")
            {
                mode = value;
                modeLine = n;
            }
            else if (key == "SELINUXTYPE")
            {
                type = value;
                typeLine = n;
            }
        }

        return new SeLinuxConfig(mode, modeLine, type, typeLine, text);
    }

    /// <summary>Reads the config under the root; null when the file does not exist.</summary>
    public static SeLinuxConfig? Read(HostRoot host)
    {
        var text = host.TryReadAllText(ConfigPath);
        return text is null ? null : Parse(text);
    }

    /// <summary>The configured mode as an enum, null when absent or not one of the three words.</summary>
    public GoBaseline.SeLinuxMode? ParsedMode => Mode?.ToLowerInvariant() switch
    {
        "enforcing" => GoBaseline.SeLinuxMode.Enforcing,
        "permissive" => GoBaseline.SeLinuxMode.Permissive,
        "disabled" => GoBaseline.SeLinuxMode.Disabled,
        _ => null,
    };
}

/// <summary>Small file helpers of the SELinux domain, all through the host root.</summary>
public static class SeLinuxFiles
{
    /// <summary>The policy directory /etc/selinux/&lt;name&gt; of the configured policy.</summary>
    public static string PolicyDirectory(HostRoot host, string? policyName = null)
    {
        var name = policyName ?? SeLinuxConfig.Read(host)?.PolicyName;
        if (string.IsNullOrEmpty(name))
        {
            throw new GoBaselineException(ErrorIds.SeLinuxPolicyNotFound, FailureKind.NotFound, $"{SeLinuxConfig.ConfigPath} under {host.Root} names no policy (SELINUXTYPE=).", SeLinuxConfig.ConfigPath);
        }

        return "/etc/selinux/" + name;
    }

    /// <summary>The main file_contexts of the configured policy.</summary>
    public static string FileContextsPath(HostRoot host, string? policyName = null) => PolicyDirectory(host, policyName) + "/contexts/files/file_contexts";

    /// <summary>Reads a whole file as bytes; null when it does not exist.</summary>
    public static byte[]? TryReadAllBytes(HostRoot host, string path)
    {
        var real = host.Map(path);
        try
        {
            return File.Exists(real) ? File.ReadAllBytes(real) : null;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw GoBaselineException.FromIo(ex, path);
        }
    }

    /// <summary>The types named in contexts/customizable_types (restorecon keeps them without -F).</summary>
    public static IReadOnlySet<string> CustomizableTypes(HostRoot host, string policyDirectory)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var text = host.TryReadAllText(policyDirectory + "/contexts/customizable_types");
        if (text is not null)
        {
            foreach (var line in text.Split('\n'))
            {
                var t = line.Trim();
                if (t.Length > 0 && t[0] != '#')
                {
                    set.Add(t);
                }
            }
        }

        return set;
    }

    /// <summary>The file type name matchpathcon -m uses for a kind.</summary>
    public static string KindName(UnixFileKind kind) => kind switch
    {
        UnixFileKind.RegularFile => "file",
        UnixFileKind.Directory => "dir",
        UnixFileKind.SymbolicLink => "lnk_file",
        UnixFileKind.CharacterDevice => "chr_file",
        UnixFileKind.BlockDevice => "blk_file",
        UnixFileKind.Socket => "sock_file",
        UnixFileKind.Fifo => "fifo_file",
        _ => "any",
    };

    /// <summary>The kind for a matchpathcon -m name; null when unknown.</summary>
    public static UnixFileKind? KindFromName(string name) => name switch
    {
        "file" => UnixFileKind.RegularFile,
        "dir" => UnixFileKind.Directory,
        "lnk_file" => UnixFileKind.SymbolicLink,
        "chr_file" => UnixFileKind.CharacterDevice,
        "blk_file" => UnixFileKind.BlockDevice,
        "sock_file" => UnixFileKind.Socket,
        "fifo_file" => UnixFileKind.Fifo,
        "any" => UnixFileKind.Unknown,
        _ => null,
    };

    /// <summary>Parses an integer file content such as /sys/fs/selinux/enforce; null when it is not one.</summary>
    public static int? ReadInt(HostRoot host, string path)
    {
        try
        {
            var text = host.TryReadAllText(path);
            return text is not null && int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
        }
        catch (GoBaselineException)
        {
            return null;
        }
    }
}
