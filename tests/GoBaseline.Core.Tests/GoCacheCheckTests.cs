using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoBaseline.Core.Checks;
using GoBaseline.Core.GoEnv;
using GoBaseline.Core.Host;
using GoBaseline.Core.Host.Native;
using GoBaseline.Core.Profiles;
using Xunit;

namespace GoBaseline.Core.Tests;

/// <summary>GOENV-012: who owns the build cache, who could create it first, who could replace it (runs as root: chown to made-up uids).</summary>
public class GoCacheCheckTests
{
    private const UnixFileMode Rwx = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode Rx = UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private const UnixFileMode World = Rwx | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static CheckResult Check(HostRoot host, GoEnvRequest request)
    {
        var env = new GoEnvResolver(host).Resolve(request);
        var control = ProfileLoader.LoadDefault().Controls.Single(c => c.Id == "GOENV-012");
        return Assert.Single(new GoEnvBaselineChecker(host).Evaluate(new[] { control }, env, Array.Empty<GoToolchain>()));
    }

    private static TempTree Tree()
    {
        var tree = new TempTree();
        tree.Write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nsvc:x:998:998::/var/lib/svc:/usr/sbin/nologin\n");
        tree.Write("/etc/profile.d/go.sh", "export GOCACHE=/tmp/go-build\n");
        tree.Write("/etc/systemd/system/builder.service", "[Service]\nExecStart=/usr/bin/builder\nEnvironment=GOCACHE=/tmp/go-build\n");
        tree.Write("/etc/systemd/system/svcbuilder.service", "[Service]\nExecStart=/usr/bin/builder\nUser=svc\nEnvironment=GOCACHE=/tmp/go-build\n");
        return tree;
    }

    [Fact]
    public void AMissingCacheUnderAWorldWritableParentIsAFindingStickyOrNot()
    {
        using var tree = Tree();
        var tmp = tree.Dir("/tmp");
        var host = new HostRoot(tree.Root);

        File.SetUnixFileMode(tmp, World | UnixFileMode.StickyBit);
        var sticky = Check(host, new GoEnvRequest(GoEnvScope.System));
        Assert.Equal(CheckStatus.Fail, sticky.Status);
        Assert.Contains("every local user create it first", sticky.Message, StringComparison.Ordinal);
        Assert.Contains("1777", sticky.Evidence, StringComparison.Ordinal);

        // A parent only root can write to: nobody else can get there first.
        File.SetUnixFileMode(tmp, Rwx | Rx);
        Assert.Equal(CheckStatus.NotApplicable, Check(host, new GoEnvRequest(GoEnvScope.System)).Status);

        // Nearest existing ancestor: /tmp gone, the root's / (0755) decides.
        Directory.Delete(tmp);
        Assert.Equal(CheckStatus.NotApplicable, Check(host, new GoEnvRequest(GoEnvScope.System)).Status);

        // A parent owned by another (non-root) user: that user can create it first, for svc's service.
        tree.Dir("/tmp");
        File.SetUnixFileMode(tmp, Rwx | Rx);
        LibC.Chown(tmp, 4242, 4242);
        Assert.Equal(CheckStatus.Fail, Check(host, new GoEnvRequest(GoEnvScope.Service, ServiceName: "svcbuilder")).Status);
        LibC.Chown(tmp, 998, 998);
        Assert.Equal(CheckStatus.NotApplicable, Check(host, new GoEnvRequest(GoEnvScope.Service, ServiceName: "svcbuilder")).Status);
    }

    [Fact]
    public void TheServiceScopeComparesTheOwnerWithTheUnitsUser()
    {
        using var tree = Tree();
        var tmp = tree.Dir("/tmp");
        File.SetUnixFileMode(tmp, World | UnixFileMode.StickyBit);
        var cache = tree.Dir("/tmp/go-build");
        File.SetUnixFileMode(cache, Rwx);
        var host = new HostRoot(tree.Root);

        LibC.Chown(cache, 4242, 4242);
        var foreign = Check(host, new GoEnvRequest(GoEnvScope.Service, ServiceName: "svcbuilder"));
        Assert.Equal(CheckStatus.Fail, foreign.Status);
        Assert.Contains("belongs to 4242, not to svc", foreign.Message, StringComparison.Ordinal);

        LibC.Chown(cache, 998, 998);
        Assert.Equal(CheckStatus.Pass, Check(host, new GoEnvRequest(GoEnvScope.Service, ServiceName: "svcbuilder")).Status);

        // No User=: the service runs as root, and svc's cache is foreign to it.
        var rootUnit = Check(host, new GoEnvRequest(GoEnvScope.Service, ServiceName: "builder"));
        Assert.Equal(CheckStatus.Fail, rootUnit.Status);
        Assert.Contains("not to root", rootUnit.Message, StringComparison.Ordinal);
        LibC.Chown(cache, 0, 0);
        Assert.Equal(CheckStatus.Pass, Check(host, new GoEnvRequest(GoEnvScope.Service, ServiceName: "builder")).Status);
    }

    [Fact]
    public void AParentOthersMayWriteWithoutTheStickyBitLetsThemReplaceTheCache()
    {
        using var tree = Tree();
        var tmp = tree.Dir("/tmp");
        var cache = tree.Dir("/tmp/go-build");
        File.SetUnixFileMode(cache, Rwx);
        var host = new HostRoot(tree.Root);

        File.SetUnixFileMode(tmp, World);
        var r = Check(host, new GoEnvRequest(GoEnvScope.System));
        Assert.Equal(CheckStatus.Fail, r.Status);
        Assert.Contains("no sticky bit", r.Message, StringComparison.Ordinal);

        File.SetUnixFileMode(tmp, World | UnixFileMode.StickyBit);
        Assert.Equal(CheckStatus.Pass, Check(host, new GoEnvRequest(GoEnvScope.System)).Status);

        File.SetUnixFileMode(cache, Rwx | UnixFileMode.GroupWrite);
        Assert.Equal(CheckStatus.Fail, Check(host, new GoEnvRequest(GoEnvScope.System)).Status);
    }

    [Fact]
    public void TheProcessScopeComparesWithThisProcesssUserLiveAndSaysItCannotUnderARoot()
    {
        using var tree = Tree();
        var cache = tree.Dir("/cache");
        File.SetUnixFileMode(cache, Rwx);
        LibC.Chown(cache, 4242, 4242);
        var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["GOCACHE"] = cache, ["HOME"] = tree.Root };

        // Live: the effective uid of this process builds with it.
        var live = Check(HostRoot.Live, new GoEnvRequest(GoEnvScope.Process, ProcessEnvironment: env));
        Assert.Equal(CheckStatus.Fail, live.Status);
        Assert.Contains("belongs to 4242", live.Message, StringComparison.Ordinal);
        LibC.Chown(cache, LibC.GetEuid(), 0);
        Assert.Equal(CheckStatus.Pass, Check(HostRoot.Live, new GoEnvRequest(GoEnvScope.Process, ProcessEnvironment: env)).Status);

        // Under -Root the process user is unknown: the owner is not compared, and the result says so; the mode still is.
        LibC.Chown(cache, 4242, 4242);
        var inRoot = new Dictionary<string, string>(StringComparer.Ordinal) { ["GOCACHE"] = "/cache" };
        var underRoot = Check(new HostRoot(tree.Root), new GoEnvRequest(GoEnvScope.Process, ProcessEnvironment: inRoot));
        Assert.Equal(CheckStatus.Pass, underRoot.Status);
        Assert.Contains("unknown, so the owner was not compared", underRoot.Message, StringComparison.Ordinal);
        File.SetUnixFileMode(cache, World);
        Assert.Equal(CheckStatus.Fail, Check(new HostRoot(tree.Root), new GoEnvRequest(GoEnvScope.Process, ProcessEnvironment: inRoot)).Status);
    }
}
