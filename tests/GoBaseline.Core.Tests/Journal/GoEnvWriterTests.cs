using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using GoBaseline.Core.GoEnv;
using GoBaseline.Core.Host;
using GoBaseline.Core.Journal;
using GoBaseline.Core.Profiles;
using Xunit;

namespace GoBaseline.Core.Tests.Journal;

/// <summary>
/// Set-GoEnvBaseline's writers: the GOENV file must be byte for byte what the real 'go env -w' (golang-1.19-go)
/// writes, and 'go env' must read our file back; /etc/environment keeps every other byte.
/// </summary>
public class GoEnvWriterTests
{
    private const string GoBin = "/usr/lib/go-1.19/bin";

    public static IEnumerable<object?[]> GoEnvFiles()
    {
        // existing GOENV file (null: none), settings "K=V" passed to go env -w
        yield return new object?[] { null, new[] { "GO111MODULE=on", "CGO_ENABLED=0", "GOPROXY=https://proxy.golang.org,direct" } };
        yield return new object?[] { "", new[] { "GOFLAGS=-trimpath" } };
        yield return new object?[] { "GOPROXY=off\nGO111MODULE=auto\n", new[] { "GO111MODULE=on" } };
        yield return new object?[] { "GOPROXY=off\nGO111MODULE=auto", new[] { "CGO_ENABLED=0" } };
        yield return new object?[] { "# my settings\nGOSUMDB=off\nGOPRIVATE=*.corp\n\nGOFLAGS=-mod=mod\nGOSUMDB=sum.golang.org\n", new[] { "GOFLAGS=-mod=readonly", "GOPROXY=https://proxy.golang.org,direct", "GO111MODULE=on" } };
        yield return new object?[] { "junk line\nZZZ=1\nAAA=2\n#X=comment\nMMM=3\nAAA=4\n", new[] { "CGO_ENABLED=0" } };
        yield return new object?[] { "GOFLAGS=-a # not a comment=x\nGOPROXY=direct\r\nGOSUMDB=off\n", new[] { "GOPROXY=https://proxy.golang.org,direct", "GOSUMDB=sum.golang.org" } };
        yield return new object?[] { "GO111MODULE=on\nCGO_ENABLED=0\n", new[] { "GO111MODULE=on", "CGO_ENABLED=0" } };
    }

    [Theory]
    [MemberData(nameof(GoEnvFiles))]
    public void GoEnvFileIsByteForByteWhatGoEnvWriteWrites(string? existing, string[] assignments)
    {
        Assert.True(File.Exists(GoBin + "/go"), "golang-1.19-go must be installed (build.ps1 Deps installs it).");
        using var tree = new TempTree();
        var home = tree.Dir("home");
        var file = Path.Combine(home, ".config/go/env");
        if (existing is not null)
        {
            tree.Write("home/.config/go/env", existing);
        }

        var result = NativeRunner.Default.Run(new NativeCommand(GoBin + "/go", new[] { "env", "-w" }.Concat(assignments))
        {
            ClearEnvironment = true,
            Environment = new Dictionary<string, string?> { ["HOME"] = home, ["PATH"] = GoBin + ":/usr/bin:/bin" },
        });
        Assert.Equal(0, result.ExitCode);
        var fromGo = File.ReadAllBytes(file);

        var settings = assignments.Select(a => new GoEnvSetting(a[..a.IndexOf('=')], a[(a.IndexOf('=') + 1)..])).ToList();
        var ours = Encoding.UTF8.GetBytes(GoEnvWriter.UpdateGoEnvFile(existing, settings));
        Assert.Equal(Encoding.UTF8.GetString(fromGo), Encoding.UTF8.GetString(ours));
        Assert.Equal(fromGo, ours);
    }

    [Fact]
    public void GoEnvReadsBackTheFileSetGoEnvBaselineWrites()
    {
        using var tree = new TempTree();
        tree.Write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\ndev:x:1000:1000::/home/dev:/bin/bash\n");
        tree.Write("/home/dev/.config/go/env", "# kept\nGOFLAGS=-mod=mod\n");
        var host = new HostRoot(tree.Root);
        var settings = new[] { new GoEnvSetting("GO111MODULE", "on"), new GoEnvSetting("CGO_ENABLED", "0"), new GoEnvSetting("GOPROXY", "https://proxy.golang.org,direct"), new GoEnvSetting("GOFLAGS", "-mod=readonly") };
        var changes = GoEnvWriter.PlanUser(host, "dev", settings, out var envFile);
        Assert.Equal("/home/dev/.config/go/env", envFile);
        using (var j = ChangeJournal.OpenWrite(host))
        {
            Assert.True(j.Run(changes, new TransactionOptions()).Changed);
            Assert.False(j.Run(GoEnvWriter.PlanUser(host, "dev", settings, out _), new TransactionOptions()).Changed);
        }

        var result = NativeRunner.Default.Run(new NativeCommand(GoBin + "/go", new[] { "env", "GO111MODULE", "CGO_ENABLED", "GOPROXY", "GOFLAGS" })
        {
            ClearEnvironment = true,
            Environment = new Dictionary<string, string?> { ["HOME"] = tree.Root + "/home/dev", ["PATH"] = GoBin + ":/usr/bin:/bin" },
        });
        Assert.Equal("on\n0\nhttps://proxy.golang.org,direct\n-mod=readonly\n", result.StandardOutput);
        Assert.StartsWith("# kept\n", File.ReadAllText(tree.Root + "/home/dev/.config/go/env"), StringComparison.Ordinal);
    }

    [Fact]
    public void NewGoEnvFileAndItsDirectoriesBelongToTheUser()
    {
        using var tree = new TempTree();
        tree.Write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\ndev:x:1000:1001::/home/dev:/bin/bash\n");
        var host = new HostRoot(tree.Root);
        var changes = GoEnvWriter.PlanUser(host, "dev", new[] { new GoEnvSetting("GO111MODULE", "on") }, out _);
        Assert.Equal(new[] { "/home", "/home/dev", "/home/dev/.config", "/home/dev/.config/go", "/home/dev/.config/go/env" }, changes.Select(c => c.Target));
        using var j = ChangeJournal.OpenWrite(host);
        var tx = j.Run(changes, new TransactionOptions()).Transaction!;
        Assert.Equal(0u, host.Stat("/home")!.Uid);
        Assert.Equal(1000u, host.Stat("/home/dev/.config")!.Uid);
        Assert.Equal(1001u, host.Stat("/home/dev/.config/go/env")!.Gid);
        Assert.Equal("0644", host.Stat("/home/dev/.config/go/env")!.OctalMode);
        j.Undo(tx.Id, null, force: false);
        Assert.False(Directory.Exists(tree.Root + "/home"));
    }

    [Fact]
    public void EtcEnvironmentKeepsEveryOtherByte()
    {
        var before = "# pam_env\r\nPATH=\"/usr/local/bin:/usr/bin\"\nexport GO111MODULE=auto\nLANG=C.UTF-8\n\nCGO_ENABLED=0\nNO_NEWLINE=1";
        var notes = new List<string>();
        var after = GoEnvWriter.UpdateEtcEnvironment(before, new[] { new GoEnvSetting("GO111MODULE", "on"), new GoEnvSetting("CGO_ENABLED", "0"), new GoEnvSetting("GOPROXY", "https://proxy.golang.org,direct") }, notes);
        Assert.Equal("# pam_env\r\nPATH=\"/usr/local/bin:/usr/bin\"\nGO111MODULE=on\nLANG=C.UTF-8\n\nCGO_ENABLED=0\nNO_NEWLINE=1\nGOPROXY=https://proxy.golang.org,direct\n", after);
        Assert.Equal(new[] { "line 3: export GO111MODULE=auto -> GO111MODULE=on", "append line 8: GOPROXY=https://proxy.golang.org,direct" }, notes);
        var parsed = EnvFileParsers.ParseEtcEnvironment(after, "/etc/environment").ToDictionary(a => a.Name, a => a.Value);
        Assert.Equal("on", parsed["GO111MODULE"]);
        Assert.Equal("https://proxy.golang.org,direct", parsed["GOPROXY"]);

        // Nothing to do: the same bytes.
        Assert.Equal(after, GoEnvWriter.UpdateEtcEnvironment(after, new[] { new GoEnvSetting("GO111MODULE", "on") }, new List<string>()));
    }

    [Fact]
    public void TheDefaultProfileGivesTheFiveExplicitValues()
    {
        var values = GoEnvWriter.BaselineValues(ProfileLoader.LoadDefault());
        Assert.Equal(
            new[] { "GO111MODULE=on", "CGO_ENABLED=0", "GOCACHE=/tmp/go-build", "GOPROXY=https://proxy.golang.org,direct", "GOTOOLCHAIN=local" },
            values.Select(v => v.Name + "=" + v.Value));
    }

    [Fact]
    public void ProfileScriptAndDropInAreReadBackByTheResolversParsers()
    {
        var settings = new[] { new GoEnvSetting("GOPROXY", "https://proxy.golang.org,direct"), new GoEnvSetting("GOFLAGS", "-trimpath -mod=readonly"), new GoEnvSetting("GOPRIVATE", "it's") };
        var script = GoEnvWriter.RenderProfileScript(null, settings);
        var fromScript = EnvFileParsers.ParseShellAssignments(script, GoEnvWriter.ProfileScript).ToDictionary(a => a.Name, a => a.Value);
        Assert.Equal("-trimpath -mod=readonly", fromScript["GOFLAGS"]);
        Assert.Equal("it's", fromScript["GOPRIVATE"]);
        Assert.Equal(script, GoEnvWriter.RenderProfileScript(script, settings));

        var dropIn = GoEnvWriter.RenderDropIn(null, settings);
        var values = new Dictionary<string, string>();
        foreach (var line in dropIn.Split('\n').Where(l => l.StartsWith("Environment=", StringComparison.Ordinal)))
        {
            foreach (var kv in EnvFileParsers.ParseSystemdEnvironment(line["Environment=".Length..]))
            {
                values[kv.Key] = kv.Value;
            }
        }

        Assert.Equal("-trimpath -mod=readonly", values["GOFLAGS"]);
        Assert.Equal("https://proxy.golang.org,direct", values["GOPROXY"]);
        Assert.Equal(dropIn, GoEnvWriter.RenderDropIn(dropIn, settings));
    }

    [Theory]
    [InlineData("FOO", "unknown go command variable FOO")]
    [InlineData("GOPROXYY", "unknown go command variable GOPROXYY")]
    [InlineData("GOVERSION", "GOVERSION cannot be modified")]
    public void TheUserScopeRefusesWhatGoEnvWRefuses(string name, string goSays)
    {
        // The real go env -w refuses it, with the message ours quotes ...
        using var tree = new TempTree();
        var home = tree.Dir("home");
        var go = NativeRunner.Default.Run(new NativeCommand(GoBin + "/go", new[] { "env", "-w", name + "=bar" })
        {
            ClearEnvironment = true,
            Environment = new Dictionary<string, string?> { ["HOME"] = home, ["PATH"] = GoBin + ":/usr/bin:/bin" },
            SuccessExitCodes = new[] { 0, 1 },
        });
        Assert.Equal(1, go.ExitCode);
        Assert.Contains(goSays, go.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(home, ".config/go/env")));

        // ... and so does the User scope, before planning anything.
        tree.Write("/etc/passwd", "dev:x:1000:1000::/home/dev:/bin/sh\n");
        tree.Dir("/home/dev");
        var ex = Assert.Throws<GoBaselineException>(() => GoEnvWriter.PlanUser(new HostRoot(tree.Root), "dev", new[] { new GoEnvSetting("GO111MODULE", "on"), new GoEnvSetting(name, "bar") }, out _));
        Assert.Equal(ErrorIds.InvalidSetting, ex.ErrorId);
        Assert.Contains(goSays, ex.Message, StringComparison.Ordinal);
        Assert.Equal(name, ex.Target);

        // Every variable the default profile sets, and the ones the go command lists, are accepted.
        foreach (var v in GoEnvCatalog.Variables.Keys.Where(k => k is not "GOENV" and not "GOEXE" and not "GOGCCFLAGS" and not "GOHOSTARCH" and not "GOHOSTOS" and not "GOMOD" and not "GOWORK" and not "GOTOOLDIR" and not "GOVERSION" and not "GOTELEMETRY" and not "GOTELEMETRYDIR"))
        {
            GoEnvWriter.CheckGoEnvWrite(v);
        }
    }
}
