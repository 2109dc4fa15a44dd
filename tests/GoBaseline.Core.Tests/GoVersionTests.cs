using Xunit;

namespace GoBaseline.Core.Tests;

public class GoVersionTests
{
    [Theory]
    [InlineData("go1.22.1", 1, 22, 1, null)]
    [InlineData("go1.21", 1, 21, 0, null)]
    [InlineData("go1.22rc1", 1, 22, 0, "rc1")]
    [InlineData("go1.22beta2", 1, 22, 0, "beta2")]
    [InlineData("go1.22.1 X:boringcrypto", 1, 22, 1, null)]
    [InlineData("go1.26.0-X:nodwarf5", 1, 26, 0, null)]
    [InlineData("go1.26.5 (Red Hat 1.26.5-1.el10_2.alma.1)", 1, 26, 5, null)]
    [InlineData("1.21", 1, 21, 0, null)]
    public void ParsesTheFormsToolchainsAndBinariesPrint(string text, int major, int minor, int patch, string? pre)
    {
        var v = GoVersion.Parse(text);
        Assert.Equal(major, v.Major);
        Assert.Equal(minor, v.Minor);
        Assert.Equal(patch, v.Patch);
        Assert.Equal(pre, v.PreRelease);
    }

    [Fact]
    public void KeepsExperimentsAndVendor()
    {
        Assert.Equal(new[] { "boringcrypto" }, GoVersion.Parse("go1.22.1 X:boringcrypto").Experiments);
        Assert.Equal(new[] { "nodwarf5" }, GoVersion.Parse("go1.26.0-X:nodwarf5").Experiments);
        Assert.Equal("Red Hat 1.26.5-1.el10", GoVersion.Parse("go1.26.5 (Red Hat 1.26.5-1.el10)").Vendor);
    }

    [Theory]
    [InlineData("go1.21", "go1.21.0", 0)]
    [InlineData("go1.21rc1", "go1.21.0", -1)]
    [InlineData("go1.21beta1", "go1.21rc1", -1)]
    [InlineData("go1.19.8", "go1.21", -1)]
    [InlineData("go1.22.1 X:boringcrypto", "go1.22.1", 0)]
    [InlineData("go1.100", "go1.99.9", 1)]
    public void ComparesByReleaseNotText(string a, string b, int sign)
    {
        Assert.Equal(sign, System.Math.Sign(GoVersion.Parse(a).CompareTo(GoVersion.Parse(b))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("devel")]
    [InlineData("go")]
    [InlineData("go1.x")]
    [InlineData("go0.1")]
    public void RejectsWhatIsNotAVersion(string text)
    {
        Assert.False(GoVersion.TryParse(text, out _));
    }
}
