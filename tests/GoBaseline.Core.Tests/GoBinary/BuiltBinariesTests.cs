using System.IO;
using GoBaseline.Core.GoBinary;
using GoBaseline.Core.Host;
using Xunit;

namespace GoBaseline.Core.Tests.GoBinary;

/// <summary>Binaries built here with golang-1.19-go, read by the managed reader and by <c>go version -m</c>.</summary>
public class BuiltBinariesTests : IClassFixture<BuiltBinariesFixture>
{
    private readonly BuiltBinariesFixture _built;

    public BuiltBinariesTests(BuiltBinariesFixture built) => _built = built;

    [Fact]
    public void DirectoryWalkPrintsLikeGoVersionM()
    {
        var expected = GoVersionEquality.GoVersionM(new[] { _built.Output });
        var actual = GoVersionEquality.Managed(new[] { _built.Output }, out var count);
        Assert.True(expected == actual, GoVersionEquality.FirstDifference(expected, actual));

        // 17 builds and the link to one of them; not the C program, the script or the file without x bit.
        Assert.Equal(18, count);
    }

    [Theory]
    [InlineData("plain-nocgo")]
    [InlineData("cgo")]
    [InlineData("trimpath")]
    [InlineData("ldflags-x")]
    [InlineData("pie")]
    [InlineData("stripped")]
    [InlineData("boring")]
    [InlineData("tags")]
    [InlineData("asmflags")]
    [InlineData("cgoflags")]
    [InlineData("386")]
    [InlineData("ppc64be")]
    [InlineData("windows.exe")]
    [InlineData("windows386.exe")]
    [InlineData("darwin")]
    [InlineData("vendored")]
    [InlineData("dirty")]
    public void EachBuildPrintsLikeGoVersionM(string name)
    {
        var path = _built.Bin(name);
        var expected = GoVersionEquality.GoVersionM(new[] { path });
        var actual = GoVersionEquality.Managed(new[] { path }, out _);
        Assert.False(string.IsNullOrEmpty(expected), "go version -m printed nothing for " + name);
        Assert.True(expected == actual, GoVersionEquality.FirstDifference(expected, actual));
    }

    [Fact]
    public void FieldsAndElfFactsMatchHowEachWasBuilt()
    {
        GoBinaryInfo Read(string n) => GoBuildInfoReader.ReadReal(_built.Bin(n), _built.Bin(n)).Info!;

        var plain = Read("plain-nocgo");
        Assert.Equal("go1.19.8", plain.GoVersion!.Release);
        Assert.Equal("example.com/hello", plain.PackagePath);
        Assert.Equal("example.com/hello", plain.Main!.Path);
        var dep = Assert.Single(plain.Dependencies);
        Assert.Equal("example.com/greet", dep.Path);
        Assert.Equal("v0.0.0", dep.Version);
        Assert.Equal("./greet", dep.Replace!.Path);
        Assert.False(plain.CgoEnabled);
        Assert.Equal(LinkMode.Static, plain.LinkMode);
        Assert.False(plain.IsStripped);
        Assert.False(plain.IsPie);
        Assert.Equal("GOAMD64=v1", plain.ArchLevel);
        Assert.Equal(GoCryptoMode.NativeGo, plain.CryptoMode);
        Assert.False(plain.VcsModified);
        Assert.Equal(ExecutableFormat.Elf, plain.Format);

        var cgo = Read("cgo");
        Assert.True(cgo.CgoEnabled);
        Assert.Equal(LinkMode.Dynamic, cgo.LinkMode);
        Assert.Contains("libc.so.6", cgo.NeededLibraries);
        Assert.NotNull(cgo.Interpreter);
        Assert.False(cgo.LinksLibCrypto);

        Assert.True(Read("trimpath").TrimPath);
        Assert.Null(Read("trimpath").LdFlags);
        Assert.Equal("-X main.version=1.2.3 -X 'main.other=a b'", Read("ldflags-x").LdFlags);
        Assert.True(Read("pie").IsPie);
        Assert.True(Read("stripped").IsStripped);

        var boring = Read("boring");
        Assert.Equal(GoCryptoMode.BoringCrypto, boring.CryptoMode);
        Assert.Contains("boringcrypto", boring.GoVersion!.Experiments);
        Assert.Equal("boringcrypto", boring.GoExperiment);

        Assert.Equal("netgo,osusergo", Read("tags").Tags);
        Assert.Equal("example.com/hello=-D=FOO=bar", Read("asmflags").GetSetting("-asmflags"));
        Assert.Equal("-L/extra/dir/does/not/exist", Read("cgoflags").GetSetting("CGO_LDFLAGS"));
        Assert.Equal("GO386=softfloat", Read("386").ArchLevel);
        Assert.Equal("ppc64", Read("ppc64be").GoArch);
        Assert.Equal(ExecutableFormat.Pe, Read("windows.exe").Format);
        Assert.Equal(ExecutableFormat.Pe, Read("windows386.exe").Format);
        Assert.Null(Read("windows.exe").IsPie);
        Assert.Equal(ExecutableFormat.MachO, Read("darwin").Format);
        Assert.True(Read("dirty").VcsModified);
        Assert.Equal("git", Read("dirty").GetSetting("vcs"));
    }

    [Fact]
    public void NonGoFilesAreRecognisedAsSuch()
    {
        Assert.Equal(BuildInfoOutcome.NotGo, GoBuildInfoReader.ReadReal(_built.Bin("c-true"), "c-true").Outcome);
        Assert.Equal(BuildInfoOutcome.UnrecognizedFormat, GoBuildInfoReader.ReadReal(_built.Bin("script.sh"), "script.sh").Outcome);
    }

    [Fact]
    public void ToolchainWithoutVersionFileGetsItsVersionFromBuildInfo()
    {
        using var tree = new TempTree();
        tree.Dir("/usr/local/go/pkg/tool");
        tree.Dir("/usr/local/go/bin");
        File.Copy(_built.Bin("plain-nocgo"), Path.Combine(tree.Root, "usr/local/go/bin/go"));
        var toolchain = new GoBaseline.Core.GoEnv.GoToolchainLocator(new HostRoot(tree.Root)).Inspect("/usr/local/go", null);
        Assert.NotNull(toolchain);
        Assert.Equal("go1.19.8", toolchain!.Version!.Text);
        Assert.Equal("/usr/local/go/bin/go (build info)", toolchain.VersionSource);
    }
}
