using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using GoBaseline.Core.GoEnv;
using GoBaseline.Core.Host;
using Xunit;

namespace GoBaseline.Core.Tests;

/// <summary>
/// The resolver must give the values 'go env -json' gives for the same environment, on a matrix of settings, with
/// the real go command (golang-1.19-go from Debian).
/// </summary>
public class GoEnvMatchesGoCommandTests
{
    private const string GoBin = "/usr/lib/go-1.19/bin";

    public static IEnumerable<object[]> Matrix()
    {
        // name, process variables, GOENV file content (null: none)
        yield return new object[] { "defaults", new string[0], null! };
        yield return new object[] { "seed baseline in process", new[] { "GO111MODULE=on", "CGO_ENABLED=0", "GOCACHE=/tmp/go-build", "GOPROXY=https://proxy.golang.org,direct" }, null! };
        yield return new object[] { "go env -w file", new string[0], "GOPROXY=https://goproxy.example,direct\nGOFLAGS=-mod=mod\nGO111MODULE=auto\n" };
        yield return new object[] { "process beats file", new[] { "GOPROXY=off" }, "GOPROXY=https://goproxy.example,direct\n" };
        yield return new object[] { "empty process value falls through", new[] { "GOPROXY=", "GOPRIVATE=" }, "GOPROXY=https://file.example\nGOPRIVATE=*.corp.example\n" };
        yield return new object[] { "GOPRIVATE feeds GONOPROXY and GONOSUMDB", new[] { "GOPRIVATE=github.com/acme/*" }, null! };
        yield return new object[] { "GONOSUMDB overrides GOPRIVATE", new[] { "GOPRIVATE=a.example", "GONOSUMDB=b.example" }, null! };
        yield return new object[] { "GOPATH list and module cache", new[] { "GOPATH=/srv/gp1:/srv/gp2" }, null! };
        yield return new object[] { "XDG dirs", new[] { "XDG_CACHE_HOME=/var/cache/x", "XDG_CONFIG_HOME=/CFG" }, null! };
        yield return new object[] { "GOENV off ignores the file", new[] { "GOENV=off" }, "GOPROXY=https://ignored.example\n" };
        yield return new object[] { "file comments and junk", new string[0], "# comment\n\ngoproxy=lower\nGOSUMDB=off\nNOEQUALS\nGOSUMDB=sum.golang.google.cn\n" };
        yield return new object[] { "cross arch", new[] { "GOARCH=arm64", "GOOS=linux" }, null! };
        yield return new object[] { "arm lists GOARM", new[] { "GOARCH=arm" }, null! };
        yield return new object[] { "386 lists GO386", new[] { "GOARCH=386" }, null! };
        yield return new object[] { "mips64le lists GOMIPS64", new[] { "GOARCH=mips64le" }, null! };
        yield return new object[] { "insecure settings", new[] { "GOINSECURE=*.corp", "GOSUMDB=off", "GOFLAGS=-insecure -mod=vendor" }, null! };
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void ResolverEqualsGoEnvJson(string name, string[] processVars, string? envFile)
    {
        Assert.True(File.Exists(GoBin + "/go"), "golang-1.19-go must be installed (build.ps1 Deps installs it).");
        using var tree = new TempTree();
        var home = tree.Dir("home");
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOME"] = home,
            ["PATH"] = GoBin + ":/usr/bin:/bin",
        };
        foreach (var pv in processVars)
        {
            var eq = pv.IndexOf('=');
            env[pv[..eq]] = pv[(eq + 1)..];
        }

        if (env.TryGetValue("XDG_CONFIG_HOME", out var xdg) && xdg == "/CFG")
        {
            env["XDG_CONFIG_HOME"] = tree.Dir("cfg");
        }

        if (envFile is not null)
        {
            var configDir = env.TryGetValue("XDG_CONFIG_HOME", out var x) ? x : home + "/.config";
            Directory.CreateDirectory(configDir + "/go");
            File.WriteAllText(configDir + "/go/env", envFile);
        }

        var work = tree.Dir("work");
        var cmd = new NativeCommand(GoBin + "/go", new[] { "env", "-json" })
        {
            ClearEnvironment = true,
            Environment = ToNullable(env),
            WorkingDirectory = work,
        };
        var json = NativeRunner.Default.Run(cmd).StandardOutput;
        var expected = JsonSerializer.Deserialize<Dictionary<string, string>>(json)!;

        var snapshot = new GoEnvResolver(HostRoot.Live).Resolve(new GoEnvRequest(GoEnvScope.Process, ProcessEnvironment: env, WorkingDirectory: work));
        var compared = 0;
        foreach (var (key, value) in expected)
        {
            if (key == "GOGCCFLAGS")
            {
                // Contains a random temporary directory name per run.
                continue;
            }

            var ours = snapshot[key];
            Assert.True(ours is not null, $"{name}: {key} is missing from our result.");
            Assert.True(value == ours!.Value, $"{name}: {key}: go env says '{value}', we say '{ours.Value}' ({ours.Layer}).");
            compared++;
        }

        Assert.True(compared >= 35, $"{name}: only {compared} variables compared.");

        // Two-way: nothing we report for this toolchain is unknown to its go env (the reviewer's extras only when set).
        foreach (var v in snapshot.Variables)
        {
            if (System.Linq.Enumerable.Contains(GoEnvCatalog.Extra, v.Name))
            {
                continue;
            }

            Assert.True(expected.ContainsKey(v.Name), $"{name}: we report {v.Name}='{v.Value}', which go env of this toolchain does not list.");
        }
    }

    private static Dictionary<string, string?> ToNullable(Dictionary<string, string> env)
    {
        var d = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (k, v) in env)
        {
            d[k] = v;
        }

        return d;
    }
}
