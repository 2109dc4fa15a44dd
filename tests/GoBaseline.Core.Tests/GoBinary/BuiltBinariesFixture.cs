using System;
using System.Collections.Generic;
using System.IO;
using GoBaseline.Core.Host;

namespace GoBaseline.Core.Tests.GoBinary;

/// <summary>
/// Builds one small module with golang-1.19-go in many ways (cgo on and off, -trimpath, -ldflags -X, pie, -s -w,
/// boringcrypto, tags, vendoring, a dirty git checkout, 386, big-endian ppc64, Windows PE, macOS Mach-O) in a
/// temporary directory, offline (GOPROXY=off; the only dependency is a local replacement).
/// </summary>
public sealed class BuiltBinariesFixture : IDisposable
{
    public BuiltBinariesFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "gobaseline-gobin-" + Guid.NewGuid().ToString("N"));
        Source = Path.Combine(Root, "src");
        Output = Path.Combine(Root, "out");
        Directory.CreateDirectory(Output);
        Write("src/go.mod", "module example.com/hello\n\ngo 1.19\n\nrequire example.com/greet v0.0.0\n\nreplace example.com/greet => ./greet\n");
        Write("src/greet/go.mod", "module example.com/greet\n\ngo 1.19\n");
        Write("src/greet/greet.go", "package greet\n\n// Hello greets.\nfunc Hello(n string) string { return \"hello \" + n }\n");
        Write("src/main.go", "package main\n\nimport (\n\t\"crypto/sha256\"\n\t\"fmt\"\n\t_ \"os/user\"\n\n\t\"example.com/greet\"\n)\n\nvar version = \"dev\"\n\nfunc main() {\n\tfmt.Println(greet.Hello(version), sha256.Sum256([]byte(version)))\n}\n");
        Git("init", "-q");
        Git("add", "-A");
        Git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "init");

        // name, extra environment, go build flags
        Build("plain-nocgo", new[] { "CGO_ENABLED=0" });
        Build("cgo", new[] { "CGO_ENABLED=1" });
        Build("trimpath", new[] { "CGO_ENABLED=0" }, "-trimpath");
        Build("ldflags-x", new[] { "CGO_ENABLED=0" }, "-ldflags=-X main.version=1.2.3 -X 'main.other=a b'");
        Build("pie", new[] { "CGO_ENABLED=1" }, "-buildmode=pie");
        Build("stripped", new[] { "CGO_ENABLED=0" }, "-ldflags=-s -w");
        Build("boring", new[] { "CGO_ENABLED=1", "GOEXPERIMENT=boringcrypto" });
        Build("tags", new[] { "CGO_ENABLED=1" }, "-tags=netgo,osusergo", "-gcflags=all=-N -l");
        // Settings from golang/go src/cmd/go/testdata/script/version_build_settings.txt: package-qualified tool
        // flags and the CGO_* flags recorded when cgo is on.
        Build("asmflags", new[] { "CGO_ENABLED=0" }, "-asmflags=example.com/hello=-D=FOO=bar", "-gcflags=example.com/hello=-N");
        Build("cgoflags", new[] { "CGO_ENABLED=1", "CGO_CPPFLAGS=-DFROM_CPPFLAGS=1", "CGO_CFLAGS=-DFROM_CFLAGS=1", "CGO_CXXFLAGS=-DFROM_CXXFLAGS=1", "CGO_LDFLAGS=-L/extra/dir/does/not/exist" });
        Build("386", new[] { "CGO_ENABLED=0", "GOARCH=386", "GO386=softfloat" });
        Build("ppc64be", new[] { "CGO_ENABLED=0", "GOARCH=ppc64" });
        Build("windows.exe", new[] { "CGO_ENABLED=0", "GOOS=windows" });
        Build("windows386.exe", new[] { "CGO_ENABLED=0", "GOOS=windows", "GOARCH=386" });
        Build("darwin", new[] { "CGO_ENABLED=0", "GOOS=darwin", "GOARCH=arm64" });
        Run(Source, "mod", "vendor");
        Build("vendored", new[] { "CGO_ENABLED=0", "GOFLAGS=-mod=vendor" });
        Directory.Delete(Path.Combine(Source, "vendor"), true);

        // A dirty checkout records vcs.modified=true and a +dirty-free (devel) main version in Go 1.19.
        File.AppendAllText(Path.Combine(Source, "main.go"), "\n// edited\n");
        Build("dirty", new[] { "CGO_ENABLED=0" });

        // A file that is not Go, one without the execute bit, and a link to a Go binary.
        File.Copy("/bin/true", Path.Combine(Output, "c-true"));
        File.WriteAllText(Path.Combine(Output, "script.sh"), "#!/bin/sh\necho hi\n");
        File.SetUnixFileMode(Path.Combine(Output, "script.sh"), (UnixFileMode)0x1ed);
        File.Copy(Path.Combine(Output, "plain-nocgo"), Path.Combine(Output, "noexec"));
        File.SetUnixFileMode(Path.Combine(Output, "noexec"), (UnixFileMode)0x1a4);
        File.CreateSymbolicLink(Path.Combine(Output, "zz-link"), "cgo");
    }

    public string Root { get; }

    public string Source { get; }

    public string Output { get; }

    public string Bin(string name) => Path.Combine(Output, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, true);
        }
        catch (IOException)
        {
        }
    }

    private void Write(string relative, string content)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private void Git(params string[] args)
    {
        NativeRunner.Default.Run(new NativeCommand("git", args, "git") { WorkingDirectory = Source });
    }

    private void Build(string name, string[] env, params string[] flags)
    {
        var args = new List<string> { "build", "-o", Path.Combine(Output, name) };
        args.AddRange(flags);
        args.Add(".");
        RunWith(env, args.ToArray());
    }

    private void Run(string dir, params string[] args) => RunWith(new[] { "CGO_ENABLED=0" }, args);

    private void RunWith(string[] env, string[] args)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["HOME"] = Root,
            ["PATH"] = GoVersionEquality.GoBin + ":/usr/bin:/bin",
            ["GOPATH"] = Path.Combine(Root, "gopath"),
            ["GOCACHE"] = Path.Combine(Path.GetTempPath(), "gobaseline-test-gocache"),
            ["GOPROXY"] = "off",
            ["GOFLAGS"] = "-mod=mod",
            ["GOSUMDB"] = "off",
            ["GOTOOLCHAIN"] = "local",
        };
        foreach (var e in env)
        {
            var eq = e.IndexOf('=');
            environment[e[..eq]] = e[(eq + 1)..];
        }

        NativeRunner.Default.Run(new NativeCommand(GoVersionEquality.GoBin + "/go", args, "golang-1.19-go", TimeSpan.FromMinutes(5))
        {
            WorkingDirectory = Source,
            Environment = environment,
        });
    }
}
