using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using GoBaseline.Core.GoBinary;
using GoBaseline.Core.Host;

namespace GoBaseline.Core.Tests.GoBinary;

/// <summary>Runs the real <c>go version -m</c> and the managed reader over the same paths.</summary>
internal static class GoVersionEquality
{
    internal const string GoBin = "/usr/lib/go-1.19/bin";

    /// <summary>What <c>go version -m</c> prints for the paths (stdout only).</summary>
    internal static string GoVersionM(IEnumerable<string> paths, string? workingDirectory = null)
    {
        var args = new List<string> { "version", "-m" };
        args.AddRange(paths);
        var cmd = new NativeCommand(GoBin + "/go", args, "golang-1.19-go", TimeSpan.FromMinutes(2))
        {
            SuccessExitCodes = new[] { 0, 1 },
            WorkingDirectory = workingDirectory,
        };
        return NativeRunner.Default.Run(cmd).StandardOutput;
    }

    /// <summary>What the managed reader prints for the same paths, with the same walking rules.</summary>
    internal static string Managed(IEnumerable<string> paths, out int count)
    {
        var sb = new StringBuilder();
        count = 0;
        var scanner = new GoBinaryScanner(HostRoot.Live);
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
            {
                foreach (var c in scanner.Walk(p))
                {
                    try
                    {
                        var r = GoBuildInfoReader.ReadReal(c.RealPath, c.Path);
                        if (r.Info is not null)
                        {
                            count++;
                            sb.Append(r.Info.ToVersionText());
                        }
                    }
                    catch (GoBaselineException)
                    {
                        // go version skips unreadable files in a walk.
                    }
                }
            }
            else
            {
                var r = GoBuildInfoReader.ReadReal(p, p);
                if (r.Info is not null)
                {
                    count++;
                    sb.Append(r.Info.ToVersionText());
                }
            }
        }

        return sb.ToString();
    }

    /// <summary>The first differing line of two outputs, for a readable failure.</summary>
    internal static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end>";
            var al = i < a.Length ? a[i] : "<end>";
            if (el != al)
            {
                return $"line {i + 1}:\n go: {el}\n us: {al}";
            }
        }

        return "equal";
    }
}
