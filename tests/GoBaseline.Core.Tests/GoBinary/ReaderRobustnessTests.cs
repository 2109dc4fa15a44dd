using System;
using System.IO;
using GoBaseline.Core.GoBinary;
using Xunit;

namespace GoBaseline.Core.Tests.GoBinary;

/// <summary>The older pointer form, the text form's quoting, and truncated or hostile files.</summary>
public class ReaderRobustnessTests : IClassFixture<BuiltBinariesFixture>
{
    private const string Mod = "path\texample.com/old/cmd\nmod\texample.com/old\tv1.0.0\th1:AAAA=\ndep\tgolang.org/x/text\tv0.3.7\th1:BBBB=\ndep\tgithub.com/a/b\tv1.2.3\n=>\t../b\t\t\nbuild\t-compiler=gc\nbuild\t\"-ldflags\"=\"-X main.v=1 -s\"\nbuild\tCGO_ENABLED=0\n";

    private readonly BuiltBinariesFixture _built;

    public ReaderRobustnessTests(BuiltBinariesFixture built) => _built = built;

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void PointerFormIsReadLikeGoVersionM(bool is64, bool bigEndian)
    {
        var path = Path.Combine(_built.Root, $"old-{is64}-{bigEndian}");
        File.WriteAllBytes(path, SyntheticElf.PointerForm("go1.16.15", Mod, is64, bigEndian));
        File.SetUnixFileMode(path, (UnixFileMode)0x1ed);
        var expected = GoVersionEquality.GoVersionM(new[] { path });
        var actual = GoVersionEquality.Managed(new[] { path }, out var count);
        Assert.Equal(1, count);
        Assert.True(expected == actual, GoVersionEquality.FirstDifference(expected, actual));
        var info = GoBuildInfoReader.ReadReal(path, path).Info!;
        Assert.Equal("-X main.v=1 -s", info.LdFlags);
        Assert.Equal("../b", info.Dependencies[1].Replace!.Path);
        Assert.Equal(LinkMode.Static, info.LinkMode);
    }

    [Fact]
    public void QuotedKeysAndValuesRoundTrip()
    {
        var text = "build\t\"a b\"=\"x\\ty\\\"z\"\nbuild\t`raw key`=`raw value`\nbuild\tk=\nbuild\tGOFLAGS=\"-mod=mod -insecure\"\n";
        var parsed = BuildInfoText.Parse(text);
        Assert.Equal("a b", parsed.Settings[0].Key);
        Assert.Equal("x\ty\"z", parsed.Settings[0].Value);
        Assert.Equal("raw key", parsed.Settings[1].Key);
        Assert.Equal("raw value", parsed.Settings[1].Value);
        Assert.Equal(string.Empty, parsed.Settings[2].Value);
        Assert.Equal("build\t\"a b\"=\"x\\ty\\\"z\"\nbuild\t\"raw key\"=\"raw value\"\nbuild\tk=\nbuild\tGOFLAGS=\"-mod=mod -insecure\"\n", BuildInfoText.Render(parsed));
    }

    [Theory]
    [InlineData("build\tnoequals\n", 1)]
    [InlineData("path\tp\nbuild\t=v\n", 2)]
    [InlineData("build\tkey with space=v\n", 1)]
    [InlineData("build\tk=v w\n", 1)]
    [InlineData("build\t\"k=v\n", 1)]
    [InlineData("build\tk=\"unterminated\n", 1)]
    [InlineData("mod\ta\n", 1)]
    [InlineData("mod\ta\tb\tc\td\n", 1)]
    [InlineData("path\tx\n=>\ta\tb\tc\n", 2)]
    [InlineData("dep\ta\tb\n=>\ta\tb\n", 2)]
    public void MalformedTextGivesPositionedParseError(string text, int line)
    {
        var ex = Assert.Throws<ParseException>(() => BuildInfoText.Parse(text, "f"));
        Assert.Equal(ErrorIds.BuildInfoMalformed, ex.ErrorId);
        Assert.Equal(line, ex.Position!.Value.Line);
    }

    [Fact]
    public void EveryTruncationOfARealBinaryFailsCleanly()
    {
        var original = File.ReadAllBytes(_built.Bin("cgo"));
        var path = Path.Combine(_built.Root, "truncated");
        var rng = new Random(7);
        var lengths = new System.Collections.Generic.List<int> { 0, 3, 15, 16, 17, 63, 64, 65, 200, 4096, original.Length - 1, original.Length / 2 };
        for (var i = 0; i < 40; i++)
        {
            lengths.Add(rng.Next(original.Length));
        }

        foreach (var len in lengths)
        {
            File.WriteAllBytes(path, original.AsSpan(0, len).ToArray());
            try
            {
                var r = GoBuildInfoReader.ReadReal(path, path);
                // The section header table sits in the last part of the file, so a file cut in half cannot read as Go;
                // cutting only the tail of a section the reader never needs (.strtab) legitimately still reads.
                Assert.True(len > original.Length / 2 || r.Outcome != BuildInfoOutcome.GoBinary, $"length {len} of {original.Length} still reads as Go");
            }
            catch (BinaryFormatException ex)
            {
                Assert.Equal(ErrorIds.ExecutableMalformed, ex.ErrorId);
                Assert.True(ex.Offset >= -1 && ex.Offset <= original.Length, $"offset {ex.Offset} for length {len}");
            }
            catch (ParseException ex)
            {
                Assert.Equal(ErrorIds.BuildInfoMalformed, ex.ErrorId);
            }
        }
    }

    [Fact]
    public void HostileHeaderFieldsNeverCrashOrAllocateHugely()
    {
        var original = File.ReadAllBytes(_built.Bin("plain-nocgo"));
        var path = Path.Combine(_built.Root, "hostile");
        var rng = new Random(11);
        var before = GC.GetTotalAllocatedBytes(precise: false);

        // Corrupt the ELF header, program and section header tables and the build info header, byte by byte.
        var dataStart = IndexOf(original, new byte[] { 0xff, 0x20, 0x47, 0x6f, 0x20, 0x62, 0x75, 0x69, 0x6c, 0x64, 0x69, 0x6e, 0x66, 0x3a });
        Assert.True(dataStart > 0);
        var targets = new System.Collections.Generic.List<int>();
        for (var i = 4; i < 64; i++)
        {
            targets.Add(i);
        }

        for (var i = 0; i < 48; i++)
        {
            targets.Add(dataStart + i);
        }

        foreach (var at in targets)
        {
            foreach (var value in new byte[] { 0x00, 0xff, 0x7f, (byte)rng.Next(256) })
            {
                var copy = (byte[])original.Clone();
                copy[at] = value;
                File.WriteAllBytes(path, copy);
                try
                {
                    GoBuildInfoReader.ReadReal(path, path);
                }
                catch (GoBaselineException)
                {
                    // A positioned, typed error is the expected outcome for many of these.
                }
            }
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: false) - before;
        Assert.True(allocated < 2L << 30, $"{allocated} bytes allocated for {targets.Count * 4} hostile files");
    }

    [Fact]
    public void HugeClaimedStringLengthIsRefusedWithOffset()
    {
        var file = SyntheticElf.PointerForm("go1.16.15", Mod, true, false);

        // The module info string header's length field (at data + 32 + 3*8).
        BitConverter.GetBytes(0x7fff_ffff_ffffUL).CopyTo(file, 0x1000 + 32 + 24);
        var path = Path.Combine(_built.Root, "huge");
        File.WriteAllBytes(path, file);
        var ex = Assert.Throws<BinaryFormatException>(() => GoBuildInfoReader.ReadReal(path, path));
        Assert.Equal(0x1000 + 32 + 16, ex.Offset);
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
