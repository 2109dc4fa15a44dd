using System.Collections.Generic;
using System.IO;
using System.Linq;
using GoBaseline.Core.Host;
using GoBaseline.Core.Journal;
using Xunit;

namespace GoBaseline.Core.Tests.Journal;

/// <summary>The diff in BaselineChange.Diff and BaselineChangeResult.Diff equals GNU 'diff -u' (hunks and lines).</summary>
public class UnifiedDiffTests
{
    public static IEnumerable<object?[]> Pairs()
    {
        yield return new object?[] { "PATH=/usr/bin\nGO111MODULE=auto\n# c\nLANG=C\n", "PATH=/usr/bin\nGO111MODULE=on\n# c\nLANG=C\nCGO_ENABLED=0\n" };
        yield return new object?[] { "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\n", "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nM\nn\n" };
        yield return new object?[] { "one\ntwo\nthree\n", "one\ntwo\nthree\nfour\nfive\n" };
        yield return new object?[] { "x=1\ny=2\nz=3\n", "y=2\nz=3\n" };
        yield return new object?[] { "no newline", "no newline\nsecond\n" };
        yield return new object?[] { "1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\nfour\n5\n6\n7\n8\n" };
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void EqualsGnuDiffU(string before, string after)
    {
        using var t = new TempTree();
        var a = t.Write("/a", before);
        var b = t.Write("/b", after);
        var gnu = NativeRunner.Default.Run(new NativeCommand("diff", new[] { "-u", a, b }) { SuccessExitCodes = new[] { 0, 1 } }).StandardOutput;
        var ours = UnifiedDiff.Format("/etc/x", before, after);

        // The headers differ on purpose (diff -u prints paths and times; ours "a/<path>" and "b/<path>").
        Assert.Equal(Body(gnu), Body(ours));
        Assert.StartsWith("--- a/etc/x\n+++ b/etc/x\n@@ ", ours, System.StringComparison.Ordinal);
    }

    [Fact]
    public void NewAndDeletedFilesUseDevNull()
    {
        Assert.Equal("--- /dev/null\n+++ b/etc/new\n@@ -0,0 +1,2 @@\n+a\n+b\n", UnifiedDiff.Format("/etc/new", null, "a\nb\n"));
        Assert.Equal("--- a/etc/old\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n", UnifiedDiff.Format("/etc/old", "a\n", null));
        Assert.Equal(string.Empty, UnifiedDiff.Format("/etc/same", "a\n", "a\n"));
    }

    private static string Body(string diff) => string.Join("\n", diff.Split('\n').Skip(2));
}
