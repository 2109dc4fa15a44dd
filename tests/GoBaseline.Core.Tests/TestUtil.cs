using System;
using System.Collections.Generic;
using System.IO;

namespace GoBaseline.Core.Tests;

/// <summary>A throw-away directory tree used as a host root.</summary>
internal sealed class TempTree : IDisposable
{
    public TempTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "gobaseline-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Write(string path, string content)
    {
        var real = Path.Combine(Root, path.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        File.WriteAllText(real, content);
        return real;
    }

    public string Dir(string path)
    {
        var real = Path.Combine(Root, path.TrimStart('/'));
        Directory.CreateDirectory(real);
        return real;
    }

    public void Link(string path, string target)
    {
        var real = Path.Combine(Root, path.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        File.CreateSymbolicLink(real, target);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal static class Fixtures
{
    public static string Path(params string[] parts) => System.IO.Path.Combine(AppContext.BaseDirectory, "fixtures", System.IO.Path.Combine(parts));

    public static Dictionary<string, string> Env(params (string Key, string Value)[] pairs)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in pairs)
        {
            d[k] = v;
        }

        return d;
    }
}
