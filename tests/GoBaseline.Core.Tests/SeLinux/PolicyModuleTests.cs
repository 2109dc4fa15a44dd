using System;
using System.IO;
using GoBaseline.Core.Host;
using GoBaseline.Core.SeLinux;
using Xunit;

namespace GoBaseline.Core.Tests.SeLinux;

/// <summary>The generated policy compiles with the real checkmodule and semodule_package.</summary>
public class PolicyModuleTests
{
    private static string Compile(PolicyModuleRequest request)
    {
        var sources = PolicyModuleGenerator.Generate(request);
        var dir = Path.Combine(Path.GetTempPath(), "gb-pm-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, request.Name + ".te"), sources.Te);
        File.WriteAllText(Path.Combine(dir, request.Name + ".fc"), sources.Fc);
        foreach (var c in PolicyModuleGenerator.CompileCommands(dir, request.Name, sources.Fc.Length > 0, request.Range is not null))
        {
            NativeRunner.Default.Run(c);
        }

        var pp = Path.Combine(dir, request.Name + ".pp");
        Assert.True(new FileInfo(pp).Length > 100);
        return pp;
    }

    [Fact]
    public void ServiceModuleWithNetworkAndCachesCompiles()
    {
        var pp = Compile(new PolicyModuleRequest
        {
            Name = "gosvc",
            ExecutablePath = "/usr/local/bin/gosvc",
            Network = true,
            BindPortTypes = new[] { "http_port_t" },
            ConnectPortTypes = new[] { "http_port_t" },
            GoCachePaths = new[] { "/var/cache/gosvc/go-build" },
            GoPathPaths = new[] { "/srv/gosvc/go" },
        });
        var sources = PolicyModuleGenerator.Generate(new PolicyModuleRequest { Name = "gosvc", ExecutablePath = "/usr/local/bin/gosvc" });
        Assert.Contains("type_transition init_t gosvc_exec_t:process gosvc_t;", sources.Te);
        Assert.Contains("allow gosvc_t gosvc_exec_t:file { entrypoint", sources.Te);
        Assert.Contains("/usr/local/bin/gosvc\t--\tsystem_u:object_r:gosvc_exec_t:s0", sources.Fc);
        Directory.Delete(Path.GetDirectoryName(pp)!, true);
    }

    [Fact]
    public void MinimalPermissiveModuleCompiles()
    {
        var pp = Compile(new PolicyModuleRequest { Name = "gotool", ExecutablePath = "/opt/gotool/bin/gotool", Permissive = true });
        Directory.Delete(Path.GetDirectoryName(pp)!, true);
    }

    [Fact]
    public void ContainerCaseCompiles()
    {
        var sources = PolicyModuleGenerator.Generate(new PolicyModuleRequest { Name = "gocontainer", ContainerType = "container_t", GoCachePaths = new[] { "/var/lib/gocache" } });
        Assert.Contains("allow container_t self", sources.Te.Replace("container_t container_t", "container_t self", StringComparison.Ordinal));
        Assert.Null(sources.ExecType);
        var pp = Compile(new PolicyModuleRequest { Name = "gocontainer", ContainerType = "container_t", GoCachePaths = new[] { "/var/lib/gocache" } });
        Directory.Delete(Path.GetDirectoryName(pp)!, true);
    }

    [Fact]
    public void RejectsBadNames()
    {
        var ex = Assert.Throws<GoBaselineException>(() => PolicyModuleGenerator.Generate(new PolicyModuleRequest { Name = "Go-Svc" }));
        Assert.Equal(ErrorIds.SeLinuxNameInvalid, ex.ErrorId);
    }
}
