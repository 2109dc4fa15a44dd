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
        // Configured, but under -Root the initramfs itself is not inspected: Partial, a note, not a contradiction.
        Assert.Equal(FipsSignalState.Partial, s["Dracut"]!.State);
        Assert.Equal("configured, initramfs not checked", s["Dracut"]!.Value);
        Assert.Equal("/etc/dracut.conf.d/40-fips.conf:1", s["Dracut"]!.Evidence);
        Assert.Contains(s.Notes, n => n.StartsWith("Dracut: ", StringComparison.Ordinal) && n.Contains("not inspected", StringComparison.Ordinal));
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
        Assert.Contains(s.Contradictions, c => c.Contains("crypto policy in effect is DEFAULT", StringComparison.Ordinal));
        Assert.Contains(s.Contradictions, c => c.Contains("OpenSSL lacks an active FIPS provider", StringComparison.Ordinal));
        Assert.Contains(s.Notes, n => n.Contains("/etc/environment:1 sets GODEBUG=fips=1, which is not a Go setting", StringComparison.Ordinal) && n.Contains("GODEBUG=fips140=on|only", StringComparison.Ordinal));
        Assert.Contains(s.Notes, n => n.Contains("GOLANG_FIPS=1, read only by Red Hat's Go", StringComparison.Ordinal));
        // fips140=only is a contradiction (the issue: "not for production"), named where it is set.
        Assert.Contains(s.Contradictions, c => c.Contains("/etc/systemd/system/api.service.d/10-fips.conf:2 sets GODEBUG=fips140=only, which Go documents as not intended for production", StringComparison.Ordinal));
        Assert.DoesNotContain(s.Notes, n => n.Contains("fips140=only", StringComparison.Ordinal));
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
    public void Fips140OnlyAloneMakesTheVerdictInconsistent()
    {
        using var t = new TempTree();
        FipsTrees.RhelFips(t);
        var enabled = Probe(t);
        Assert.True(enabled.Verdict == FipsVerdict.Enabled, string.Join("\n", enabled.Contradictions));
        t.Write("/etc/environment", "GODEBUG=fips140=only\n");
        var s = Probe(t);
        Assert.Equal(FipsVerdict.Inconsistent, s.Verdict);
        Assert.Contains(s.Contradictions, c => c.StartsWith("/etc/environment:1 sets GODEBUG=fips140=only", StringComparison.Ordinal));
    }

    // A Go 1.24 service binary (it reads GODEBUG=fips140): built with golang-1.19, its version rewritten by
    // tests/tools/new-go124-binary.sh, once per test run.
    private static readonly Lazy<string> Go124Binary = new(BuildGo124);

    private static string Go124 => Go124Binary.Value;

    private static string BuildGo124()
    {
        var script = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "tools", "new-go124-binary.sh"));
        var output = Path.Combine(Path.GetTempPath(), "gobaseline-go124-" + Guid.NewGuid().ToString("N"));
        var psi = new System.Diagnostics.ProcessStartInfo(script, new[] { output }) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var p = System.Diagnostics.Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var outText = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, script + " failed: " + outText + err.Result);
        return output;
    }

    /// <summary>A RHEL FIPS tree whose units run a Go 1.24 binary.</summary>
    private static void WithGoServices(TempTree t, params string[] units)
    {
        FipsTrees.RhelFips(t);
        Directory.CreateDirectory(Path.Combine(t.Root, "usr/local/bin"));
        foreach (var u in units)
        {
            File.Copy(Go124, Path.Combine(t.Root, "usr/local/bin", u));
            t.Write($"/etc/systemd/system/{u}.service", $"[Unit]\nDescription={u}\n\n[Service]\nExecStart=/usr/local/bin/{u} --listen :8080\n");
        }
    }

    [Fact]
    public void UnitGoBinariesAreJudgedWithoutBeingNamed()
    {

        using var t = new TempTree();
        WithGoServices(t, "api");
        var s = Probe(t);
        Assert.Equal(FipsVerdict.Inconsistent, s.Verdict);
        Assert.Equal(FipsSignalState.Off, s["GoBinaries"]!.State);
        Assert.Equal("0 of 1 in FIPS mode", s["GoBinaries"]!.Value);
        Assert.Contains("api.service /usr/local/bin/api", s["GoBinaries"]!.Evidence, StringComparison.Ordinal);
        Assert.Contains(s.Contradictions, c => c.Contains("Go binaries do not run in FIPS mode", StringComparison.Ordinal));

        // The unit's own drop-in switches it: the host is Enabled again.
        t.Write("/etc/systemd/system/api.service.d/50-gobaseline-fips.conf", "[Service]\nEnvironment=GODEBUG=fips140=on\n");
        var on = Probe(t);
        Assert.True(on.Verdict == FipsVerdict.Enabled, string.Join("\n", on.Contradictions));
        Assert.Equal("1 of 1 in FIPS mode", on["GoBinaries"]!.Value);
    }

    [Fact]
    public void OneUnitsDropInDoesNotSwitchAnotherUnitsBinary()
    {

        using var t = new TempTree();
        WithGoServices(t, "api", "other");
        t.Write("/etc/systemd/system/api.service.d/50-gobaseline-fips.conf", "[Service]\nEnvironment=GODEBUG=fips140=on\n");
        t.Write("/etc/other.env", "GOLANG_FIPS=1\n");
        t.Write("/etc/systemd/system/other.service.d/10-env.conf", "[Service]\nEnvironmentFile=-/etc/other.env\n");
        var s = Probe(t);
        Assert.Equal(FipsSignalState.Partial, s["GoBinaries"]!.State);
        Assert.Equal("1 of 2 in FIPS mode", s["GoBinaries"]!.Value);
        Assert.Contains("api.service /usr/local/bin/api (NativeGo, fips140=on)", s["GoBinaries"]!.Evidence, StringComparison.Ordinal);
        Assert.Contains("other.service /usr/local/bin/other (NativeGo, fips140=off)", s["GoBinaries"]!.Evidence, StringComparison.Ordinal);
        Assert.Equal(FipsVerdict.Inconsistent, s.Verdict);

        // The switch other.service sets (through its EnvironmentFile=) is tied to other's own binary, with the one it reads.
        Assert.Contains(s.Notes, n => n.StartsWith("other.service /usr/local/bin/other: GOLANG_FIPS=1 is read only by Red Hat's and Microsoft's Go", StringComparison.Ordinal) && n.Contains("it reads GODEBUG=fips140=on", StringComparison.Ordinal));
        Assert.DoesNotContain(s.Notes, n => n.StartsWith("api.service", StringComparison.Ordinal) && n.Contains("GOLANG_FIPS", StringComparison.Ordinal));
    }

    [Fact]
    public void SystemEnvironmentReachesEveryUnitAndNamedBinariesNoUnitRuns()
    {

        using var t = new TempTree();
        WithGoServices(t, "api", "other");
        File.Copy(Go124, Path.Combine(t.Root, "usr/local/bin/tool"));
        t.Write("/etc/environment", "GODEBUG=fips140=on\n");
        var s = Probe(t, "/usr/local/bin/tool", "/usr/local/bin/api");
        Assert.Equal("3 of 3 in FIPS mode", s["GoBinaries"]!.Value);
        Assert.True(s.Verdict == FipsVerdict.Enabled, string.Join("\n", s.Contradictions));

        // A unit can switch itself off again; only that unit.
        t.Write("/etc/systemd/system/other.service.d/10-off.conf", "[Service]\nEnvironment=GODEBUG=fips140=off\n");
        var off = Probe(t, "/usr/local/bin/tool");
        Assert.Equal("2 of 3 in FIPS mode", off["GoBinaries"]!.Value);
        Assert.Contains("other.service /usr/local/bin/other (NativeGo, fips140=off)", off["GoBinaries"]!.Evidence, StringComparison.Ordinal);
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
