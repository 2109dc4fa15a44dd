using System;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace GoBaseline.Cmdlets.Tests;

/// <summary>An in-process PowerShell with the module's cmdlets loaded from the test output.</summary>
internal sealed class PowerShellHost : IDisposable
{
    private readonly Runspace _runspace;

    public PowerShellHost()
    {
        var iss = InitialSessionState.CreateDefault2();
        iss.ImportPSModule(new[] { Path.Combine(AppContext.BaseDirectory, "GoBaseline.dll") });
        _runspace = RunspaceFactory.CreateRunspace(iss);
        _runspace.Open();
    }

    public Collection<PSObject> Run(string script, out System.Collections.Generic.List<ErrorRecord> errors, params (string Name, object? Value)[] variables)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        foreach (var (name, value) in variables)
        {
            _runspace.SessionStateProxy.SetVariable(name, value);
        }

        ps.AddScript(script);
        var output = ps.Invoke();
        errors = new System.Collections.Generic.List<ErrorRecord>(ps.Streams.Error);
        return output;
    }

    /// <summary>A pipeline on this session, for tests that drive it themselves (BeginInvoke, Stop).</summary>
    public PowerShell Create()
    {
        var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        return ps;
    }

    public void Dispose() => _runspace.Dispose();
}

/// <summary>A fixture host root on disk.</summary>
internal sealed class FixtureRoot : IDisposable
{
    public FixtureRoot()
    {
        Root = Path.Combine(Path.GetTempPath(), "gb-cmdlet-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\ndev:x:1000:1000::/home/dev:/bin/bash\n");
        Write("/usr/local/go/VERSION", "go1.22.4\n");
        Write("/usr/local/go/go.env", "GOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\nGOTOOLCHAIN=auto\n");
        Write("/usr/local/go/bin/go", string.Empty);
        Directory.CreateDirectory(Root + "/usr/local/go/pkg/tool");
        Directory.CreateDirectory(Root + "/usr/local/bin");
        File.CreateSymbolicLink(Root + "/usr/local/bin/go", "/usr/local/go/bin/go");
    }

    public string Root { get; }

    public void Write(string path, string content)
    {
        var real = Root + path;
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        File.WriteAllText(real, content);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, true);
        }
        catch (IOException)
        {
        }
    }
}
