using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoBaseline.Core.Checks;
using GoBaseline.Core.GoEnv;
using GoBaseline.Core.Host;
using GoBaseline.Core.Profiles;
using Xunit;

namespace GoBaseline.Core.Tests;

/// <summary>Resolver and checker behaviour that does not need the go command: what a scan may and may not know.</summary>
public class GoEnvResolverTests
{
    private static List<CheckResult> Check(HostRoot host, GoEnvironmentSnapshot env, params string[] ids)
    {
        var controls = ProfileLoader.LoadDefault().Controls.FindAll(c => ids.Contains(c.Id));
        Assert.Equal(ids.Length, controls.Count);
        return new GoEnvBaselineChecker(host).Evaluate(controls, env, Array.Empty<GoToolchain>()).ToList();
    }

    [Fact]
    public void TheProcessScopeUnderARootDoesNotUseTheAuditorsOwnEnvironment()
    {
        using var tree = new TempTree();
        var before = Environment.GetEnvironmentVariable("GOINSECURE");
        Environment.SetEnvironmentVariable("GOINSECURE", "auditor.example");
        try
        {
            var host = new HostRoot(tree.Root);
            var env = new GoEnvResolver(host).Resolve(new GoEnvRequest(GoEnvScope.Process));
            Assert.Equal(string.Empty, env["GOINSECURE"]!.Value);
            Assert.Equal(GoEnvLayer.Default, env["GOINSECURE"]!.Layer);
            Assert.Equal(GoEnvLayer.Default, env["GO111MODULE"]!.Layer);
            Assert.Contains(env.Warnings, w => w.Contains("not knowable", StringComparison.Ordinal) && w.Contains("-Scope System", StringComparison.Ordinal));
            Assert.Equal(CheckStatus.Fail, Assert.Single(Check(host, env, "GOENV-001")).Status);

            // The live host still reads this process's environment.
            var live = new GoEnvResolver(HostRoot.Live).Resolve(new GoEnvRequest(GoEnvScope.Process));
            Assert.Equal("auditor.example", live["GOINSECURE"]!.Value);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GOINSECURE", before);
        }
    }

    [Fact]
    public void AnUnreadableLoginFileMakesEveryCheckItCouldDecideAnError()
    {
        using var tree = new TempTree();
        tree.Write("/etc/profile.d/go.sh", "export GOSUMDB=sum.golang.org\n");

        // A symbolic link loop: the file is there but cannot be read (ELOOP), even by root.
        tree.Link("/etc/environment", "/etc/environment.loop");
        tree.Link("/etc/environment.loop", "/etc/environment");
        var host = new HostRoot(tree.Root);
        var env = new GoEnvResolver(host).Resolve(new GoEnvRequest(GoEnvScope.System));
        var u = Assert.Single(env.Unreadable);
        Assert.Equal("/etc/environment", u.Path);
        Assert.Contains(env.Warnings, w => w.Contains("/etc/environment", StringComparison.Ordinal));

        var results = Check(host, env, "GOENV-006", "GOENV-007", "GOENV-008");

        // GOSUMDB comes from profile.d, which beats /etc/environment: still certain.
        Assert.Equal(CheckStatus.Pass, results.Single(r => r.ControlId == "GOENV-006").Status);
        foreach (var r in results.Where(r => r.ControlId != "GOENV-006"))
        {
            Assert.Equal(CheckStatus.Error, r.Status);
            Assert.Contains("/etc/environment", r.Evidence, StringComparison.Ordinal);
            Assert.Contains("/etc/environment", r.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AFifoWhereALayerFileShouldBeIsNotReadAndNotTrusted()
    {
        using var tree = new TempTree();
        tree.Dir("/etc/profile.d");
        NativeRunner.Default.Run(new NativeCommand("mkfifo", new[] { tree.Root + "/etc/profile.d/go.sh" }));
        var host = new HostRoot(tree.Root);
        var env = new GoEnvResolver(host).Resolve(new GoEnvRequest(GoEnvScope.System));
        var u = Assert.Single(env.Unreadable);
        Assert.Equal("/etc/profile.d/go.sh", u.Path);
        Assert.Equal(GoEnvLayer.ProfileScript, u.Layer);
        var r = Assert.Single(Check(host, env, "GOENV-001"));
        Assert.Equal(CheckStatus.Error, r.Status);
        Assert.Contains("/etc/profile.d/go.sh", r.Message, StringComparison.Ordinal);

        // /dev/null is a device too, but an empty GOENV file by the go command's reading.
        var devNull = new GoEnvResolver(HostRoot.Live).Resolve(new GoEnvRequest(GoEnvScope.Process, ProcessEnvironment: new Dictionary<string, string> { ["GOENV"] = "/dev/null", ["PATH"] = "/nonexistent" }));
        Assert.Empty(devNull.Unreadable);
    }

    [Fact]
    public void AnUnreadableGoEnvFileIsNeverAPass()
    {
        // /proc/self/mem exists but reading it from offset 0 fails with EIO, for root too.
        using var tree = new TempTree();
        var processEnv = new Dictionary<string, string>
        {
            ["HOME"] = tree.Dir("home"),
            ["PATH"] = "/nonexistent",
            ["GOENV"] = "/proc/self/mem",
            ["GOSUMDB"] = "sum.golang.org",
        };
        var env = new GoEnvResolver(HostRoot.Live).Resolve(new GoEnvRequest(GoEnvScope.Process, ProcessEnvironment: processEnv));
        Assert.Equal("/proc/self/mem", Assert.Single(env.Unreadable).Path);
        var results = Check(HostRoot.Live, env, "GOENV-006", "GOENV-008");
        Assert.Equal(CheckStatus.Pass, results.Single(r => r.ControlId == "GOENV-006").Status);
        var insecure = results.Single(r => r.ControlId == "GOENV-008");
        Assert.Equal(CheckStatus.Error, insecure.Status);
        Assert.Contains("/proc/self/mem", insecure.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void TelemetryDirFollowsXdgConfigHomeAndGoToolchainDefaultsToEmpty()
    {
        using var tree = new TempTree();
        var host = new HostRoot(tree.Root);
        var xdg = new GoEnvResolver(host).Resolve(new GoEnvRequest(GoEnvScope.Process, ProcessEnvironment: new Dictionary<string, string> { ["HOME"] = "/home/a", ["XDG_CONFIG_HOME"] = "/cfg" }));
        Assert.Equal("/cfg/go/telemetry", xdg["GOTELEMETRYDIR"]!.Value);
        Assert.Equal("/cfg/go/env", xdg["GOENV"]!.Value);
        var plain = new GoEnvResolver(host).Resolve(new GoEnvRequest(GoEnvScope.Process, ProcessEnvironment: new Dictionary<string, string> { ["HOME"] = "/home/a" }));
        Assert.Equal("/home/a/.config/go/telemetry", plain["GOTELEMETRYDIR"]!.Value);

        // cfg.Getenv("GOTOOLCHAIN") with no setting and no go.env line is empty (the go command then stays local).
        Assert.Equal(string.Empty, plain["GOTOOLCHAIN"]!.Value);
    }

    [Theory]
    [InlineData("amd64", "GOAMD64", "v1")]
    [InlineData("arm", "GOARM", "7")]
    [InlineData("386", "GO386", "sse2")]
    [InlineData("arm64", "GOARM64", "v8.0")]
    [InlineData("riscv64", "GORISCV64", "rva20u64")]
    [InlineData("ppc64le", "GOPPC64", "power8")]
    public void OnlyTheTargetArchitecturesVariableIsListed(string goarch, string variable, string value)
    {
        using var tree = new TempTree();
        var env = new GoEnvResolver(new HostRoot(tree.Root)).Resolve(new GoEnvRequest(GoEnvScope.Process, ProcessEnvironment: new Dictionary<string, string> { ["GOARCH"] = goarch }));
        Assert.Equal(value, env[variable]!.Value);
        foreach (var other in GoEnvCatalog.ArchVariables.Where(n => n != variable))
        {
            Assert.Null(env[other]);
        }
    }

    [Fact]
    public void ToolchainsAreFoundInServiceAccountHomesAndTheConfiguredModuleCache()
    {
        using var tree = new TempTree();
        tree.Write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\njenkins:x:110:116:Jenkins:/var/lib/jenkins:/bin/bash\n");
        tree.Write("/var/lib/jenkins/sdk/go1.22.1/VERSION", "go1.22.1\ntime 2024-03-01T00:00:00Z\n");
        tree.Write("/cache/mod/golang.org/toolchain@v0.0.1-go1.23.0.linux-amd64/VERSION", "go1.23.0\n");
        tree.Write("/srv/gp/pkg/mod/golang.org/toolchain@v0.0.1-go1.21.5.linux-amd64/VERSION", "go1.21.5\n");
        var host = new HostRoot(tree.Root);
        var homes = GoToolchainLocator.SearchHomes(host);
        Assert.Contains("/var/lib/jenkins", homes);
        var found = new GoToolchainLocator(host).FindAll("/nonexistent", null, homes, GoToolchainLocator.ModuleCaches(homes, "/cache/mod", "/srv/gp"));
        Assert.Contains(found, t => t.GoRoot == "/var/lib/jenkins/sdk/go1.22.1" && t.Source == GoToolchainSource.UserSdk);
        Assert.Contains(found, t => t.Version?.Text == "go1.23.0" && t.Source == GoToolchainSource.ModuleCache);
        Assert.Contains(found, t => t.Version?.Text == "go1.21.5" && t.Source == GoToolchainSource.ModuleCache);
    }

    [Fact]
    public void GoToolchainNamingTheInstalledReleaseDoesNotSwitch()
    {
        var installed = GoVersion.Parse("go1.22.1");
        Assert.False(GoToolchainLocator.MaySwitch("go1.22.1", installed));
        Assert.False(GoToolchainLocator.MaySwitch("local", installed));
        Assert.True(GoToolchainLocator.MaySwitch("go1.23.0", installed));
        Assert.True(GoToolchainLocator.MaySwitch("go1.22.1+auto", installed));
        Assert.True(GoToolchainLocator.MaySwitch("auto", installed));
    }
}
