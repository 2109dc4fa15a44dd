using System.IO;
using GoBaseline.Core.Host;
using GoBaseline.Core.Host.Native;
using Xunit;

namespace GoBaseline.Core.Tests;

public class HostRootTests
{
    [Fact]
    public void AbsoluteLinksResolveInsideTheRootNeverOnTheLiveHost()
    {
        using var t = new TempTree();
        t.Write("/opt/go/VERSION", "go1.22.0\n");
        t.Link("/usr/local/go", "/opt/go");
        t.Link("/etc/passwd-link", "/etc/passwd");
        var host = new HostRoot(t.Root);
        Assert.Equal("go1.22.0\n", host.ReadAllText("/usr/local/go/VERSION"));
        Assert.Equal(t.Root + "/opt/go/VERSION", host.Map("/usr/local/go/VERSION"));
        // The link points at /etc/passwd inside the root, which does not exist: never the host's /etc/passwd.
        Assert.Null(host.TryReadAllText("/etc/passwd-link"));
    }

    [Fact]
    public void DotDotCannotClimbOutOfTheRoot()
    {
        using var t = new TempTree();
        t.Write("/etc/hostname", "inside\n");
        t.Link("/escape", "../../../../../../etc");
        var host = new HostRoot(t.Root);
        Assert.Equal("inside\n", host.ReadAllText("/../../etc/hostname"));
        Assert.Equal("inside\n", host.ReadAllText("/escape/hostname"));
    }

    [Fact]
    public void RelativeLinksAndLoops()
    {
        using var t = new TempTree();
        t.Write("/usr/lib/go-1.22/VERSION", "go1.22.0");
        t.Link("/usr/lib/go", "go-1.22");
        t.Link("/loop/a", "/loop/b");
        t.Link("/loop/b", "/loop/a");
        var host = new HostRoot(t.Root);
        Assert.Equal("/usr/lib/go-1.22", host.RealPath("/usr/lib/go"));
        Assert.Throws<IOException>(() => host.Map("/loop/a/x"));
    }

    [Fact]
    public void RealPathResolvesIntermediateLinksLikeRealpath()
    {
        using var t = new TempTree();
        t.Write("/usr/lib/go-1.22/bin/go", "");
        t.Link("/usr/lib/go", "go-1.22");
        t.Link("/usr/bin/go", "../lib/go/bin/go");
        Assert.Equal("/usr/lib/go-1.22/bin/go", new HostRoot(t.Root).RealPath("/usr/bin/go"));
        Assert.Equal(t.Root + "/usr/lib/go-1.22/bin/go", HostRoot.Live.RealPath(t.Root + "/usr/bin/go"));
    }

    [Fact]
    public void StatAndXattrOnRealFiles()
    {
        using var t = new TempTree();
        var real = t.Write("/f", "x");
        File.SetUnixFileMode(real, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherWrite);
        var host = new HostRoot(t.Root);
        var st = host.Stat("/f")!;
        Assert.Equal(UnixFileKind.RegularFile, st.Kind);
        Assert.Equal("0602", st.OctalMode);
        Assert.True(st.IsWorldWritable);
        Assert.Equal(1, st.Size);
        Assert.Null(host.Stat("/missing"));
        Assert.Null(host.GetXattrText("/f", "user.none"));
    }

    [Fact]
    public void ARootThatIsNotADirectoryIsAClearError()
    {
        var ex = Assert.Throws<GoBaselineException>(() => new HostRoot("/does/not/exist"));
        Assert.Equal(ErrorIds.InvalidRoot, ex.ErrorId);
    }
}
