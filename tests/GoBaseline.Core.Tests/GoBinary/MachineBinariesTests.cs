using System.IO;
using Xunit;

namespace GoBaseline.Core.Tests.GoBinary;

/// <summary>
/// The managed reader against the real <c>go version -m</c> (golang-1.19-go) on every Go binary of this machine:
/// the google-cloud-cli tools (one with boringcrypto), docker, terraform and its providers, the Go toolchain itself.
/// </summary>
public class MachineBinariesTests
{
    [Fact]
    public void EveryGoBinaryUnderUsrAndOptPrintsLikeGoVersionM()
    {
        Assert.True(File.Exists(GoVersionEquality.GoBin + "/go"), "golang-1.19-go must be installed (build.ps1 Deps installs it).");
        var paths = new[] { "/usr", "/opt" };
        var expected = GoVersionEquality.GoVersionM(paths);
        var actual = GoVersionEquality.Managed(paths, out var count);
        Assert.True(expected == actual, GoVersionEquality.FirstDifference(expected, actual));

        // The machine has the Go toolchain at least; the CI image also has the google-cloud-cli binaries.
        Assert.True(count >= 19, $"only {count} Go binaries found under /usr and /opt");
    }

    [Theory]
    [InlineData("/usr/local/bin/docker")]
    [InlineData("/usr/local/bin/terraform")]
    [InlineData("/usr/bin/local-extract")]
    [InlineData("/usr/bin/kubectl")]
    [InlineData("/usr/lib/google-cloud-sdk/platform/google_appengine/go-app-stager")]
    public void NamedBinaryPrintsLikeGoVersionM(string path)
    {
        if (!File.Exists(path))
        {
            // Not every machine that runs the suite has the google-cloud-cli and docker binaries; the walk test
            // above covers whatever is present.
            return;
        }

        var expected = GoVersionEquality.GoVersionM(new[] { path });
        var actual = GoVersionEquality.Managed(new[] { path }, out var count);
        Assert.Equal(1, count);
        Assert.True(expected == actual, GoVersionEquality.FirstDifference(expected, actual));
    }
}
