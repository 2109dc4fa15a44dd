using System;
using System.IO;
using System.Linq;
using GoBaseline.Core.Fips;
using GoBaseline.Core.Host;
using Xunit;

namespace GoBaseline.Core.Tests.Fips;

/// <summary>Test-FipsMode's engine on host trees made from the real FIPS configurations.</summary>
public class FipsProbeTests
{
    private static FipsStatus Probe(TempTree t, params string[] binaries) =>
        new FipsProbe(new HostRoot(t.Root), NativeRunner.Default).Probe(new FipsProbeOptions { GoBinaryPaths = binaries });

    [Fact]
    public void RhelFipsHostIsEnabled()
    {
        using var t = new TempTree();
        FipsTrees.RhelFips(t);
        var s = Probe(t);
        Assert.True(s.Verdict == FipsVerdict.Enabled, string.Join("\n", s.Contradictions));
        Assert.Equal(FipsSignalState.On, s["Kernel"]!.State);
        Assert.Equal("/proc/sys/crypto/fips_enabled", s["Kernel"]!.Evidence);
        Assert.Equal(FipsSignalState.On, s["CommandLine"]!.State);
        Assert.StartsWith("fips=1 boot=UUID=", s["CommandLine"]!.Value, StringComparison.Ordinal);
        Assert.Equal(FipsSignalState.On, s["BootConfig"]!.State);
        Assert.Contains("/boot/loader/entries/ffffffff-5.14.0-427.el9.x86_64.conf:5 fips=1", s["BootConfig"]!.Evidence, StringComparison.Ordinal);
        Assert.Equal(FipsSignalState.On, s["Dracut"]!.State);
        Assert.Equal("/etc/dracut.conf.d/40-fips.conf:1", s["Dracut"]!.Evidence);
        Assert.Equal(FipsSignalState.On, s["CryptoPolicy"]!.State);
        Assert.Equal("FIPS", s["CryptoPolicy"]!.Value);
        Assert.Equal(FipsSignalState.On, s["OpenSsl"]!.State);
        Assert.Contains("fips=yes", s["OpenSsl"]!.Value, StringComparison.Ordinal);
        Assert.Contains("/etc/pki/tls/fipsmodule.cnf:2", s["OpenSsl"]!.Evidence, StringComparison.Ordinal);
        Assert.Empty(s.Contradictions);
        Assert.True(s.IsEnabled);
    }

    [Fact]
    public void DebianHostIsDisabled()
    {
        using var t = new TempTree();
        FipsTrees.Debian(t);
        var s = Probe(t);
        Assert.True(s.Verdict == FipsVerdict.Disabled, string.Join("\n", s.Contradictions));
        Assert.Equal(FipsSignalState.Off, s["Kernel"]!.State);
        Assert.Equal(FipsSignalState.Off, s["BootConfig"]!.State);
        Assert.Equal(FipsSignalState.Absent, s["CryptoPolicy"]!.State);
        Assert.Equal(FipsSignalState.Absent, s["Dracut"]!.State);
        Assert.Equal(FipsSignalState.Off, s["OpenSsl"]!.State);
        Assert.StartsWith("/etc/ssl/openssl.cnf", s["OpenSsl"]!.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void HalfConfiguredHostIsInconsistentWithEachContradictionNamed()
    {
        using var t = new TempTree();
        FipsTrees.HalfConfigured(t);
        var s = Probe(t);
        Assert.Equal(FipsVerdict.Inconsistent, s.Verdict);
        Assert.Equal(FipsSignalState.Partial, s["BootConfig"]!.State);
        Assert.Equal("fips=1 in 1 of 2", s["BootConfig"]!.Value);
        Assert.Contains(s.Contradictions, c => c.Contains("boot configuration does not pass fips=1 to every kernel", StringComparison.Ordinal));
        Assert.Contains(s.Contradictions, c => c.Contains("dracut fips module is not configured", StringComparison.Ordinal));
        Assert.Contains(s.Contradictions, c => c.Contains("crypto policy is DEFAULT", StringComparison.Ordinal));
        Assert.Contains(s.Contradictions, c => c.Contains("OpenSSL lacks an active FIPS provider", StringComparison.Ordinal));
        Assert.Contains(s.Notes, n => n.Contains("/etc/environment:1 sets GODEBUG=fips=1, which is not a Go setting", StringComparison.Ordinal) && n.Contains("GODEBUG=fips140=on|only", StringComparison.Ordinal));
        Assert.Contains(s.Notes, n => n.Contains("GOLANG_FIPS=1, read only by Red Hat's Go", StringComparison.Ordinal));
        Assert.Contains(s.Notes, n => n.Contains("fips140=only, which Go documents as not intended for production", StringComparison.Ordinal));
        Assert.Contains(s.Notes, n => n.Contains("fipsinstall.conf", StringComparison.Ordinal));
    }

    [Fact]
    public void RebootPendingIsInconsistent()
    {
        using var t = new TempTree();
        FipsTrees.RebootPending(t);
        var s = Probe(t);
        Assert.Equal(FipsVerdict.Inconsistent, s.Verdict);
        Assert.Contains(s.Contradictions, c => c.Contains("a reboot is pending", StringComparison.Ordinal));
        Assert.Contains(s.Contradictions, c => c.Contains("The crypto policy is FIPS", StringComparison.Ordinal));
    }

    [Fact]
    public void KernelWithoutFipsSupportIsNotSupported()
    {
        using var t = new TempTree();
        FipsTrees.Debian(t);
        File.Delete(Path.Combine(t.Root, "proc/sys/crypto/fips_enabled"));
        var s = Probe(t);
        Assert.Equal(FipsVerdict.NotSupported, s.Verdict);
        Assert.Equal(FipsSignalState.Absent, s["Kernel"]!.State);
    }

    [Fact]
    public void GoBinariesOnAFipsKernelAreJudgedAndTheCgoContradictionNamed()
    {
        using var t = new TempTree();
        FipsTrees.RhelFips(t);
        Directory.CreateDirectory(Path.Combine(t.Root, "usr/local/bin"));
        File.Copy("/usr/lib/go-1.19/bin/gofmt", Path.Combine(t.Root, "usr/local/bin/gofmt"));
        if (File.Exists("/usr/bin/local-extract"))
        {
            File.Copy("/usr/bin/local-extract", Path.Combine(t.Root, "usr/local/bin/boring"));
        }

        var paths = File.Exists("/usr/bin/local-extract") ? new[] { "/usr/local/bin/gofmt", "/usr/local/bin/boring" } : new[] { "/usr/local/bin/gofmt" };
        var s = Probe(t, paths);
        Assert.Equal(FipsVerdict.Inconsistent, s.Verdict);
        Assert.Contains(s.Contradictions, c => c.Contains("Go binaries do not run in FIPS mode", StringComparison.Ordinal) && c.Contains("GODEBUG=fips140=on", StringComparison.Ordinal));
        if (paths.Length == 2)
        {
            Assert.Contains(s.Contradictions, c => c.Contains("/usr/local/bin/boring uses the BoringCrypto backend, which needs cgo, but the baseline requires CGO_ENABLED=0", StringComparison.Ordinal));
            Assert.Equal(FipsSignalState.Partial, s["GoBinaries"]!.State);
        }
    }

    [Fact]
    public void OpenSslListProvidersParsesRealOutputs()
    {
        var fips = OpenSslProviderList.Parse(File.ReadAllText(Fixtures.Path("fips", "openssl_README-FIPS_list-providers_excerpt.txt")));
        Assert.Equal(new[] { "base", "fips" }, fips.Select(p => p.Id));
        Assert.Equal("OpenSSL FIPS Provider", fips[1].Name);
        Assert.Equal("3.1.2", fips[1].Version);
        Assert.Equal("active", fips[1].Status);
        var debian = OpenSslProviderList.Parse(File.ReadAllText(Fixtures.Path("fips", "debian12-openssl-list-providers.txt")));
        Assert.Equal("default", Assert.Single(debian).Id);
    }

    [Fact]
    public void KernelArgumentsLastOneWins()
    {
        Assert.Equal("1", FipsProbe.KernelArg("ro fips=0 quiet fips=1", "fips"));
        Assert.Null(FipsProbe.KernelArg("ro quiet -- fips=1", "fips"));
    }
}
