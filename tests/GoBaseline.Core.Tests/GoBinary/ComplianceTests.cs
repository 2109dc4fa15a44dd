using System;
using System.Collections.Generic;
using System.Linq;
using GoBaseline.Core.GoBinary;
using Xunit;

namespace GoBaseline.Core.Tests.GoBinary;

/// <summary>Crypto mode derivation, FIPS switches and the compliance controls on recorded build settings.</summary>
public class ComplianceTests
{
    private static GoBinaryInfo Info(string version, string settings, string[]? needed = null, LinkMode link = LinkMode.Static, int? pid = null)
    {
        var parsed = BuildInfoText.Parse("path\texample.com/svc\nmod\texample.com/svc\t(devel)\t\n" + settings);
        var libs = needed ?? Array.Empty<string>();
        var (mode, fips, evidence) = GoCryptoModeAnalyzer.Derive(version, parsed.Settings, libs);
        return new GoBinaryInfo("/usr/local/bin/svc", version, parsed.Path, parsed.Main, parsed.Dependencies, parsed.Settings, ExecutableFormat.Elf, link, false, false, null, libs, mode, fips, evidence, BuildInfoText.Render(parsed), pid);
    }

    private static CheckResult Control(IEnumerable<CheckResult> results, string id) => results.Single(r => r.ControlId == id);

    [Theory]
    [InlineData("go1.24.2", "build\tCGO_ENABLED=0\nbuild\tGOFIPS140=v1.0.0-c2097c7c\n", GoCryptoMode.GoFips140Module, "v1.0.0-c2097c7c")]
    [InlineData("go1.25-20250209-RC00 cl/724970549 +ff27d270c9 X:fieldtrack,boringcrypto", "build\tCGO_ENABLED=1\n", GoCryptoMode.BoringCrypto, null)]
    [InlineData("go1.22.1", "build\tCGO_ENABLED=1\nbuild\tGOEXPERIMENT=boringcrypto\n", GoCryptoMode.BoringCrypto, null)]
    [InlineData("go1.22.9 (Red Hat 1.22.9-1.el9_5)", "build\tCGO_ENABLED=1\nbuild\t-tags=strictfipsruntime\n", GoCryptoMode.OpenSsl, null)]
    [InlineData("go1.23.4", "build\tCGO_ENABLED=1\nbuild\tGOEXPERIMENT=systemcrypto\n", GoCryptoMode.OpenSsl, null)]
    [InlineData("go1.24.2", "build\tCGO_ENABLED=0\nbuild\tGOFIPS140=off\n", GoCryptoMode.NativeGo, null)]
    [InlineData("go1.21.0", "build\tCGO_ENABLED=0\n", GoCryptoMode.NativeGo, null)]
    public void CryptoModeIsDerivedFromSettings(string version, string settings, GoCryptoMode mode, string? fipsVersion)
    {
        var info = Info(version, settings);
        Assert.Equal(mode, info.CryptoMode);
        Assert.Equal(fipsVersion, info.FipsModuleVersion);
        Assert.False(string.IsNullOrEmpty(info.CryptoEvidence));
    }

    [Fact]
    public void CgoBinaryLinkingLibCryptoIsOpenSslBackend()
    {
        var info = Info("go1.22.1", "build\tCGO_ENABLED=1\n", new[] { "libcrypto.so.3", "libc.so.6" }, LinkMode.Dynamic);
        Assert.Equal(GoCryptoMode.OpenSsl, info.CryptoMode);
        Assert.True(info.LinksLibCrypto);
        Assert.False(info.LinksLibSsl);
    }

    [Fact]
    public void CleanStaticModernBinaryPassesTheBaseline()
    {
        var info = Info("go1.24.2", "build\t-buildmode=exe\nbuild\t-compiler=gc\nbuild\t-trimpath=true\nbuild\tCGO_ENABLED=0\nbuild\tGOFIPS140=v1.0.0\nbuild\tvcs=git\nbuild\tvcs.revision=abc\nbuild\tvcs.modified=false\n");
        var results = GoBinaryComplianceChecker.Evaluate(info, new GoBinaryPolicy { RequireFips = true }, null);
        Assert.All(results, r => Assert.Equal(CheckStatus.Pass, r.Status));
        Assert.Equal(6, results.Count);
    }

    [Fact]
    public void BoringCryptoUnderCgoOffBaselineNamesTheContradiction()
    {
        var info = Info("go1.22.1 X:boringcrypto", "build\tCGO_ENABLED=1\nbuild\tGOEXPERIMENT=boringcrypto\n", new[] { "libc.so.6" }, LinkMode.Dynamic);
        var results = GoBinaryComplianceChecker.Evaluate(info, new GoBinaryPolicy { RequireFips = true }, null);
        var staticCheck = Control(results, GoBinaryComplianceChecker.StaticControl);
        Assert.Equal(CheckStatus.Fail, staticCheck.Status);
        Assert.Contains("contradict", staticCheck.Message, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Pass, Control(results, GoBinaryComplianceChecker.FipsCapableControl).Status);
        Assert.Equal(CheckStatus.Warn, Control(results, GoBinaryComplianceChecker.CleanCheckoutControl).Status);
    }

    [Fact]
    public void OldDirtyInsecureFipsOffBinaryFailsEachControl()
    {
        var info = Info("go1.19.8", "build\t-ldflags=\"-X main.v=1 -insecure\"\nbuild\tDefaultGODEBUG=fips140=off,panicnil=1\nbuild\tCGO_ENABLED=0\nbuild\tvcs.modified=true\n");
        var results = GoBinaryComplianceChecker.Evaluate(info, new GoBinaryPolicy { RequireFips = true }, null);
        Assert.Equal(CheckStatus.Fail, Control(results, GoBinaryComplianceChecker.VersionControl).Status);
        Assert.Equal(CheckStatus.Pass, Control(results, GoBinaryComplianceChecker.StaticControl).Status);
        Assert.Equal(CheckStatus.Fail, Control(results, GoBinaryComplianceChecker.FipsCapableControl).Status);
        Assert.Equal(CheckStatus.Fail, Control(results, GoBinaryComplianceChecker.CleanCheckoutControl).Status);
        Assert.Equal(CheckStatus.Fail, Control(results, GoBinaryComplianceChecker.InsecureFlagsControl).Status);
        Assert.Equal(CheckStatus.Fail, Control(results, GoBinaryComplianceChecker.DefaultGodebugControl).Status);
    }

    [Fact]
    public void RuntimeGodebugDecidesForProcessesAndWrongSwitchesAreNamed()
    {
        var info = Info("go1.24.2", "build\tCGO_ENABLED=0\nbuild\tvcs.modified=false\n", pid: 42);
        var policy = new GoBinaryPolicy { RequireFips = true };

        var on = GoBinaryComplianceChecker.Evaluate(info, policy, new Dictionary<string, string> { ["GODEBUG"] = "http2debug=1,fips140=on" });
        Assert.Equal(CheckStatus.Pass, Control(on, GoBinaryComplianceChecker.RuntimeGodebugControl).Status);

        var seed = GoBinaryComplianceChecker.Evaluate(info, policy, new Dictionary<string, string> { ["GODEBUG"] = "fips=1", ["GOLANG_FIPS"] = "1" });
        var r = Control(seed, GoBinaryComplianceChecker.RuntimeGodebugControl);
        Assert.Equal(CheckStatus.Fail, r.Status);
        Assert.Contains("GODEBUG=fips=1 is not a Go setting", r.Message, StringComparison.Ordinal);
        Assert.Contains("GOLANG_FIPS=1 is read only by Red Hat", r.Message, StringComparison.Ordinal);
        Assert.Contains("GODEBUG=fips140=on", r.Message, StringComparison.Ordinal);

        var only = GoBinaryComplianceChecker.Evaluate(info, policy, new Dictionary<string, string> { ["GODEBUG"] = "fips140=only" });
        Assert.Equal(CheckStatus.Warn, Control(only, GoBinaryComplianceChecker.RuntimeGodebugControl).Status);

        var off = GoBinaryComplianceChecker.Evaluate(info, new GoBinaryPolicy(), new Dictionary<string, string> { ["GODEBUG"] = "fips140=off" });
        Assert.Equal(CheckStatus.Fail, Control(off, GoBinaryComplianceChecker.RuntimeGodebugControl).Status);
    }

    [Fact]
    public void GofipsBuildDefaultsToOnAndOldGoIgnoresFips140()
    {
        var fips = Info("go1.24.2", "build\tGOFIPS140=latest\n");
        Assert.Equal("on", GoFipsSwitches.Evaluate(fips, new Dictionary<string, string>()).Fips140);
        Assert.Equal("off", GoFipsSwitches.Evaluate(fips, new Dictionary<string, string> { ["GODEBUG"] = "fips140=off" }).Fips140);

        var old = Info("go1.22.1", "build\tCGO_ENABLED=0\n");
        var state = GoFipsSwitches.Evaluate(old, new Dictionary<string, string> { ["GODEBUG"] = "fips140=on" });
        Assert.Null(state.Fips140);
        Assert.Contains(state.Notes, n => n.Contains("ignores it", StringComparison.Ordinal));

        var redHat = Info("go1.22.9 (Red Hat 1.22.9-1.el9_5)", "build\tCGO_ENABLED=1\n");
        Assert.Empty(GoFipsSwitches.Evaluate(redHat, new Dictionary<string, string> { ["GOLANG_FIPS"] = "1" }).Notes);
    }

    [Fact]
    public void EnvironParsing()
    {
        var env = ProcessInspector.ParseEnviron("A=1\0GODEBUG=fips140=on\0JUNK\0A=2\0"u8);
        Assert.Equal("2", env["A"]);
        Assert.Equal("fips140=on", env["GODEBUG"]);
        Assert.False(env.ContainsKey("JUNK"));
    }
}
