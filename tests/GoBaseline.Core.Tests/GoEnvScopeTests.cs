using System;
using System.Collections.Generic;
using System.Linq;
using GoBaseline.Core.Checks;
using GoBaseline.Core.GoEnv;
using GoBaseline.Core.Host;
using GoBaseline.Core.Profiles;
using GoBaseline.Core.Systemd;
using Xunit;

namespace GoBaseline.Core.Tests;

/// <summary>The Service and User scopes under -Root: which files systemd and a login read, in which order, with file:line.</summary>
public class GoEnvScopeTests
{
    private static GoEnvironmentSnapshot Service(TempTree tree, string name) =>
        new GoEnvResolver(new HostRoot(tree.Root)).Resolve(new GoEnvRequest(GoEnvScope.Service, ServiceName: name));

    private static GoEnvironmentSnapshot User(TempTree tree, string user = "dev") =>
        new GoEnvResolver(new HostRoot(tree.Root)).Resolve(new GoEnvRequest(GoEnvScope.User, User: user));

    private static CheckResult Check(TempTree tree, GoEnvironmentSnapshot env, string id)
    {
        var control = ProfileLoader.LoadDefault().Controls.Single(c => c.Id == id);
        return new GoEnvBaselineChecker(new HostRoot(tree.Root)).Evaluate(new[] { control }, env, Array.Empty<GoToolchain>()).Single();
    }

    private static void AssertFrom(GoEnvironmentSnapshot env, string name, string value, GoEnvLayer layer, string file, int line)
    {
        var v = env[name]!;
        Assert.Equal(value, v.Value);
        Assert.Equal(layer, v.Layer);
        Assert.Equal(file, v.Source);
        Assert.Equal(line, v.Line);
    }

    [Fact]
    public void ATemplateInstanceLoadsFromItsTemplateWithInstanceSpecifiersAndBothDropInDirectories()
    {
        using var tree = new TempTree();
        tree.Write("/usr/lib/systemd/system/build@.service", "[Unit]\nDescription=build %i\n\n[Service]\nEnvironment=GOCACHE=/var/cache/build/%i \"GOPATH=/srv/%I\" GOPRIVATE=%p.%n\nExecStart=/usr/bin/true\n");
        tree.Write("/etc/systemd/system/build@.service.d/10-all.conf", "[Service]\nEnvironment=GO111MODULE=on GOPROXY=https://proxy.golang.org,direct\n");
        tree.Write("/etc/systemd/system/build@web-api.service.d/20-one.conf", "[Service]\n\nEnvironment=GOPROXY=off\n");

        var env = Service(tree, "build@web-api");
        AssertFrom(env, "GOCACHE", "/var/cache/build/web-api", GoEnvLayer.ServiceEnvironment, "/usr/lib/systemd/system/build@.service", 5);
        AssertFrom(env, "GOPATH", "/srv/web/api", GoEnvLayer.ServiceEnvironment, "/usr/lib/systemd/system/build@.service", 5);
        AssertFrom(env, "GOPRIVATE", "build.build@web-api.service", GoEnvLayer.ServiceEnvironment, "/usr/lib/systemd/system/build@.service", 5);
        AssertFrom(env, "GO111MODULE", "on", GoEnvLayer.ServiceEnvironment, "/etc/systemd/system/build@.service.d/10-all.conf", 2);
        AssertFrom(env, "GOPROXY", "off", GoEnvLayer.ServiceEnvironment, "/etc/systemd/system/build@web-api.service.d/20-one.conf", 3);
        Assert.Equal("build@web-api.service", env["GOCACHE"]!.Context);

        // Another instance does not get the first one's drop-in.
        var other = Service(tree, "build@x.service");
        AssertFrom(other, "GOPROXY", "https://proxy.golang.org,direct", GoEnvLayer.ServiceEnvironment, "/etc/systemd/system/build@.service.d/10-all.conf", 2);
        Assert.Equal("/var/cache/build/x", other["GOCACHE"]!.Value);

        // A specifier that depends on the running host (%H: the host name) leaves what it names unknown.
        tree.Write("/etc/systemd/system/build@.service.d/30-host.conf", "[Service]\nEnvironment=GOFLAGS=-tags=%H\nEnvironmentFile=-/etc/build/%H.env\n");
        var host = Service(tree, "build@x");
        Assert.Equal(CheckStatus.Error, Check(tree, host, "GOENV-007").Status);
        Assert.Equal(CheckStatus.Error, Check(tree, host, "GOENV-004").Status);
        Assert.Contains(host.Warnings, w => w.StartsWith("/etc/systemd/system/build@.service.d/30-host.conf:3: EnvironmentFile=-/etc/build/%H.env", StringComparison.Ordinal));
        System.IO.File.Delete(tree.Root + "/etc/systemd/system/build@.service.d/30-host.conf");

        // An instance of a template that does not exist is still not found; so is the bare template name's other type.
        var ex = Assert.Throws<GoBaselineException>(() => Service(tree, "deploy@x"));
        Assert.Equal(ErrorIds.ServiceNotFound, ex.ErrorId);
        Assert.Null(SystemdUnit.Load(new HostRoot(tree.Root), "build@x.socket"));
    }

    [Fact]
    public void AnInstanceWithItsOwnUnitFileUsesItRatherThanTheTemplate()
    {
        using var tree = new TempTree();
        tree.Write("/usr/lib/systemd/system/build@.service", "[Service]\nEnvironment=GOFLAGS=-mod=mod\n");
        tree.Write("/etc/systemd/system/build@ci.service", "[Service]\nEnvironment=GOFLAGS=-mod=readonly\n");
        AssertFrom(Service(tree, "build@ci"), "GOFLAGS", "-mod=readonly", GoEnvLayer.ServiceEnvironment, "/etc/systemd/system/build@ci.service", 2);
        AssertFrom(Service(tree, "build@other"), "GOFLAGS", "-mod=mod", GoEnvLayer.ServiceEnvironment, "/usr/lib/systemd/system/build@.service", 2);
    }

    [Fact]
    public void PrefixAndTypeDropInsApplyInFileNameOrderAndTheMoreSpecificSameNameWins()
    {
        using var tree = new TempTree();
        tree.Write("/usr/lib/systemd/system/foo-bar-baz.service", "[Service]\nEnvironment=GOSUMDB=sum.golang.org GOINSECURE=unit\n");
        tree.Write("/usr/lib/systemd/system/service.d/10-all.conf", "[Service]\nEnvironment=GOSUMDB=off\n");
        tree.Write("/etc/systemd/system/foo-.service.d/20-team.conf", "[Service]\nEnvironment=GOPRIVATE=foo.example GONOSUMCHECK=1\n");
        tree.Write("/etc/systemd/system/foo-bar-.service.d/20-team.conf", "[Service]\nEnvironment=GOPRIVATE=bar.example\n");
        tree.Write("/usr/lib/systemd/system/foo-bar-baz.service.d/30-vendor.conf", "[Service]\nEnvironment=GOINSECURE=vendor\n");
        tree.Write("/etc/systemd/system/foo-bar-baz.service.d/30-vendor.conf", "[Service]\n# local override\nEnvironment=GOINSECURE=local\n");
        tree.Write("/etc/systemd/system/foo-bar-baz.service.d/05-early.conf", "[Service]\nEnvironment=GOSUMDB=sum.example\n");

        var unit = SystemdUnit.Load(new HostRoot(tree.Root), "foo-bar-baz")!;
        Assert.Equal(new[] { "foo-bar-baz.service", "foo-bar-.service", "foo-.service", "service" }, SystemdUnit.DropInNames("foo-bar-baz"));
        Assert.Equal(
            new[]
            {
                "/etc/systemd/system/foo-bar-baz.service.d/05-early.conf",
                "/usr/lib/systemd/system/service.d/10-all.conf",
                "/etc/systemd/system/foo-bar-.service.d/20-team.conf",
                "/etc/systemd/system/foo-bar-baz.service.d/30-vendor.conf",
            },
            unit.DropIns);

        var env = Service(tree, "foo-bar-baz.service");

        // service.d/10-all.conf sorts after 05-early.conf, so its GOSUMDB=off is what the service gets.
        AssertFrom(env, "GOSUMDB", "off", GoEnvLayer.ServiceEnvironment, "/usr/lib/systemd/system/service.d/10-all.conf", 2);
        Assert.Equal(CheckStatus.Fail, Check(tree, env, "GOENV-006").Status);
        AssertFrom(env, "GOPRIVATE", "bar.example", GoEnvLayer.ServiceEnvironment, "/etc/systemd/system/foo-bar-.service.d/20-team.conf", 2);
        // foo-.service.d/20-team.conf is masked by foo-bar-.service.d/20-team.conf: its GONOSUMCHECK=1 does not apply.
        Assert.True(env["GONOSUMCHECK"] is null || env["GONOSUMCHECK"]!.Layer == GoEnvLayer.Default);
        AssertFrom(env, "GOINSECURE", "local", GoEnvLayer.ServiceEnvironment, "/etc/systemd/system/foo-bar-baz.service.d/30-vendor.conf", 3);

        // A type drop-in alone does not make a unit exist.
        Assert.Null(SystemdUnit.Load(new HostRoot(tree.Root), "nothing-here"));

        // A drop-in linked to /dev/null masks the one of that name and applies nothing.
        tree.Link("/etc/systemd/system/service.d/10-all.conf", "/dev/null");
        AssertFrom(Service(tree, "foo-bar-baz"), "GOSUMDB", "sum.example", GoEnvLayer.ServiceEnvironment, "/etc/systemd/system/foo-bar-baz.service.d/05-early.conf", 2);
    }

    [Fact]
    public void DefaultEnvironmentComesFromSystemConfAndItsDropInsBelowTheUnitsOwnSettings()
    {
        using var tree = new TempTree();
        tree.Write("/etc/systemd/system.conf", "[Manager]\n#DefaultEnvironment=\nDefaultEnvironment=GOFLAGS=-mod=mod GOPROXY=direct GOTOOLCHAIN=local\n");
        tree.Write("/usr/lib/systemd/system.conf.d/50-go.conf", "[Manager]\nDefaultEnvironment=GOPROXY=https://vendor.example\n");
        tree.Write("/etc/systemd/system.conf.d/50-go.conf", "[Manager]\nDefaultEnvironment=GOPROXY=https://etc.example\n");
        tree.Write("/run/systemd/system.conf.d/60-more.conf", "[Manager]\nDefaultEnvironment=\"GONOSUMDB=corp.example\"\n");
        tree.Write("/etc/systemd/system/api.service", "[Service]\nEnvironment=GOFLAGS= GOTOOLCHAIN=go1.22.4\n");

        Assert.Equal(new[] { "/etc/systemd/system.conf", "/etc/systemd/system.conf.d/50-go.conf", "/run/systemd/system.conf.d/60-more.conf" }, SystemdManagerConfig.Files(new HostRoot(tree.Root)));
        var env = Service(tree, "api");
        AssertFrom(env, "GOPROXY", "https://etc.example", GoEnvLayer.ServiceDefaultEnvironment, "/etc/systemd/system.conf.d/50-go.conf", 2);
        AssertFrom(env, "GONOSUMDB", "corp.example", GoEnvLayer.ServiceDefaultEnvironment, "/run/systemd/system.conf.d/60-more.conf", 2);
        AssertFrom(env, "GOTOOLCHAIN", "go1.22.4", GoEnvLayer.ServiceEnvironment, "/etc/systemd/system/api.service", 2);
        var shadowed = Assert.Single(env["GOTOOLCHAIN"]!.Shadowed);
        Assert.Equal(GoEnvLayer.ServiceDefaultEnvironment, shadowed.Layer);

        // The unit's empty GOFLAGS= replaces the manager's -mod=mod: the service's GOFLAGS is empty.
        Assert.Equal(string.Empty, env["GOFLAGS"]!.Value);
        Assert.Equal(GoEnvLayer.Default, env["GOFLAGS"]!.Layer);
        Assert.Equal(CheckStatus.Pass, Check(tree, env, "GOENV-007").Status);

        // An empty DefaultEnvironment= in a later drop-in resets what came before.
        tree.Write("/etc/systemd/system.conf.d/70-reset.conf", "[Manager]\nDefaultEnvironment=\n");
        var reset = Service(tree, "api");
        Assert.Equal(GoEnvLayer.Default, reset["GOPROXY"]!.Layer);
        Assert.Equal(GoEnvLayer.Default, reset["GONOSUMDB"]!.Layer);
    }

    [Fact]
    public void EnvironmentFileBeatsEnvironmentAndUnsetEnvironmentRemovesWhatAnyLayerSet()
    {
        using var tree = new TempTree();
        tree.Write("/etc/systemd/system.conf", "[Manager]\nDefaultEnvironment=GOSUMDB=off\n");
        tree.Write("/etc/default/api", "# api\nGOINSECURE=file.example\nGOPROXY='https://file.example'\n");
        tree.Write(
            "/etc/systemd/system/api.service",
            "[Service]\nEnvironment=GOINSECURE=unit.example GONOSUMCHECK=1 GOPRIVATE=a.example\nEnvironmentFile=/etc/default/api\nEnvironmentFile=-/etc/default/missing\nEnvironment=GOPROXY=https://unit.example\nEnvironment=\nEnvironment=GONOSUMCHECK=1 GOTOOLCHAIN=local\nUnsetEnvironment=GOINSECURE GONOSUMCHECK=2 GOSUMDB\n");

        var env = Service(tree, "api");

        // EnvironmentFile= wins over Environment= regardless of order; "Environment=" dropped GOPRIVATE.
        AssertFrom(env, "GOPROXY", "https://file.example", GoEnvLayer.ServiceEnvironmentFile, "/etc/default/api", 3);
        Assert.Equal(GoEnvLayer.Default, env["GOPRIVATE"]!.Layer);

        // UnsetEnvironment=GOINSECURE removes the file's and the unit's; GONOSUMCHECK=2 does not match the value 1.
        Assert.Equal(string.Empty, env["GOINSECURE"]!.Value);
        Assert.Equal(GoEnvLayer.Default, env["GOINSECURE"]!.Layer);
        Assert.Contains(env.Warnings, w => w.StartsWith("/etc/systemd/system/api.service:8: UnsetEnvironment=GOINSECURE removes GOINSECURE=file.example set at /etc/default/api:2", StringComparison.Ordinal));
        AssertFrom(env, "GONOSUMCHECK", "1", GoEnvLayer.ServiceEnvironment, "/etc/systemd/system/api.service", 7);

        // It removes the manager's DefaultEnvironment= too.
        Assert.Equal(GoEnvLayer.Default, env["GOSUMDB"]!.Layer);
        Assert.Equal("sum.golang.org", env["GOSUMDB"]!.Value);
        Assert.DoesNotContain(env.Warnings, w => w.Contains("/etc/default/missing", StringComparison.Ordinal));
    }

    [Fact]
    public void PassEnvironmentUnderARootIsUnknownForThePassedVariablesOnly()
    {
        using var tree = new TempTree();
        tree.Write("/etc/systemd/system/api.service", "[Service]\nEnvironment=GOSUMDB=sum.golang.org\nPassEnvironment=GOFLAGS GOINSECURE\n");
        var env = Service(tree, "api");
        Assert.Contains(env.Warnings, w => w.StartsWith("/etc/systemd/system/api.service:3: PassEnvironment=GOFLAGS GOINSECURE", StringComparison.Ordinal) && w.Contains("not knowable", StringComparison.Ordinal));
        Assert.Equal(CheckStatus.Error, Check(tree, env, "GOENV-007").Status);
        Assert.Equal(CheckStatus.Error, Check(tree, env, "GOENV-008").Status);
        Assert.Equal(CheckStatus.Pass, Check(tree, env, "GOENV-006").Status);

        // A later empty PassEnvironment= resets the list: nothing unknown.
        tree.Write("/etc/systemd/system/api.service.d/10-nopass.conf", "[Service]\nPassEnvironment=\n");
        var reset = Service(tree, "api");
        Assert.Empty(reset.Unreadable);
        Assert.Equal(CheckStatus.Pass, Check(tree, reset, "GOENV-008").Status);
    }

    [Fact]
    public void PassEnvironmentOnTheLiveHostReadsPid1OrSaysItCouldNot()
    {
        // A throw-away unit on the live root (never started), removed afterwards.
        var unit = "gobaseline-pass-test-" + Guid.NewGuid().ToString("N").Substring(0, 8) + ".service";
        var path = "/etc/systemd/system/" + unit;
        System.IO.File.WriteAllText(path, "[Unit]\nDescription=GoBaseline PassEnvironment test (never started)\n[Service]\nPassEnvironment=GOINSECURE PATH\nExecStart=/bin/true\n");
        try
        {
            var env = new GoEnvResolver(HostRoot.Live).Resolve(new GoEnvRequest(GoEnvScope.Service, ServiceName: unit));
            string? pid1 = null;
            try
            {
                pid1 = System.IO.File.ReadAllText("/proc/1/environ");
            }
            catch (UnauthorizedAccessException)
            {
            }

            var result = new GoEnvBaselineChecker(HostRoot.Live).Evaluate(ProfileLoader.LoadDefault().Controls.FindAll(c => c.Id == "GOENV-008"), env, Array.Empty<GoToolchain>()).Single();
            if (pid1 is null)
            {
                // Not readable (PID 1 in another user namespace, or no root): GOINSECURE is unknown, not empty.
                var u = Assert.Single(env.Unreadable);
                Assert.Equal("/proc/1/environ", u.Path);
                Assert.Equal(new[] { "GOINSECURE", "PATH" }, u.Names);
                Assert.Equal(CheckStatus.Error, result.Status);
                Assert.Contains("/proc/1/environ", result.Message, StringComparison.Ordinal);
            }
            else
            {
                var entry = pid1.Split('\0').FirstOrDefault(e => e.StartsWith("GOINSECURE=", StringComparison.Ordinal));
                Assert.Empty(env.Unreadable);
                if (entry is null)
                {
                    Assert.Equal(GoEnvLayer.Default, env["GOINSECURE"]!.Layer);
                }
                else
                {
                    AssertFrom(env, "GOINSECURE", entry.Substring(11), GoEnvLayer.ServicePassEnvironment, path, 4);
                }
            }
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    private static TempTree UserTree(string shell)
    {
        var tree = new TempTree();
        tree.Write("/etc/passwd", $"root:x:0:0:root:/root:/bin/bash\ndev:x:1000:1000:Dev:/home/dev:{shell}\n");
        return tree;
    }

    [Fact]
    public void TheUsersProfileIsReadForTheUserScopeOnly()
    {
        using var tree = UserTree("/bin/sh");
        tree.Write("/etc/environment", "GO111MODULE=auto\nGOPROXY=https://etc.example\n");
        tree.Write("/home/dev/.profile", "# ~/.profile\nexport GO111MODULE=off\nGOPATH=\"$HOME/go-work\"; export GOPATH\n");
        tree.Write("/home/dev/.bash_profile", "export GO111MODULE=bash\n");

        var env = User(tree);
        AssertFrom(env, "GO111MODULE", "off", GoEnvLayer.UserStartupFile, "/home/dev/.profile", 2);
        Assert.Equal(GoEnvLayer.EtcEnvironment, Assert.Single(env["GO111MODULE"]!.Shadowed).Layer);
        AssertFrom(env, "GOPATH", "/home/dev/go-work", GoEnvLayer.UserStartupFile, "/home/dev/.profile", 3);
        AssertFrom(env, "GOPROXY", "https://etc.example", GoEnvLayer.EtcEnvironment, "/etc/environment", 2);
        Assert.Equal(CheckStatus.Fail, Check(tree, env, "GOENV-001").Status);

        // The System scope is the system's login environment only.
        var system = new GoEnvResolver(new HostRoot(tree.Root)).Resolve(new GoEnvRequest(GoEnvScope.System, User: "dev"));
        AssertFrom(system, "GO111MODULE", "auto", GoEnvLayer.EtcEnvironment, "/etc/environment", 1);
    }

    [Fact]
    public void BashReadsTheFirstOfBashProfileBashLoginAndProfile()
    {
        using var tree = UserTree("/bin/bash");
        tree.Write("/home/dev/.profile", "export GO111MODULE=off\n");
        tree.Write("/home/dev/.bash_login", "export GO111MODULE=login\n");
        AssertFrom(User(tree), "GO111MODULE", "login", GoEnvLayer.UserStartupFile, "/home/dev/.bash_login", 1);
        tree.Write("/home/dev/.bash_profile", "\nexport GO111MODULE=on\n");
        AssertFrom(User(tree), "GO111MODULE", "on", GoEnvLayer.UserStartupFile, "/home/dev/.bash_profile", 2);
    }

    [Fact]
    public void EnvironmentDIsReadWithExpansionBelowTheShellFiles()
    {
        using var tree = UserTree("/bin/bash");
        tree.Write("/home/dev/.config/environment.d/50-go.conf", "# go\nGOPATH=${HOME}/gopath\nGOMODCACHE=$GOPATH/mod\nGOBIN=${GOBIN_OVERRIDE:-/opt/bin}\nGOPROXY=\"https://envd.example\"\nGOFLAGS=$GOFLAGS_EXTRA\n");
        tree.Write("/usr/lib/environment.d/50-go.conf", "GOPATH=/vendor\nGOSUMDB=off\n");
        tree.Write("/etc/profile.d/go.sh", "export GOPROXY=https://profiled.example\n");

        var env = User(tree);
        AssertFrom(env, "GOPATH", "/home/dev/gopath", GoEnvLayer.EnvironmentD, "/home/dev/.config/environment.d/50-go.conf", 2);
        AssertFrom(env, "GOMODCACHE", "/home/dev/gopath/mod", GoEnvLayer.EnvironmentD, "/home/dev/.config/environment.d/50-go.conf", 3);
        AssertFrom(env, "GOPROXY", "https://profiled.example", GoEnvLayer.ProfileScript, "/etc/profile.d/go.sh", 1);

        // The user's file masks the vendor file of the same name.
        Assert.Equal(GoEnvLayer.Default, env["GOSUMDB"]!.Layer);

        // A variable of the user manager's environment that a scan cannot know leaves the value unknown.
        Assert.Contains(env.Warnings, w => w.StartsWith("/home/dev/.config/environment.d/50-go.conf:6: GOFLAGS=", StringComparison.Ordinal) && w.Contains("unknown", StringComparison.Ordinal));
        Assert.Equal(CheckStatus.Error, Check(tree, env, "GOENV-007").Status);

        // A vendor file masked by a link to /dev/null in /etc applies nothing.
        tree.Write("/usr/lib/environment.d/40-vendor.conf", "GONOSUMDB=vendor.example\n");
        Assert.Equal("vendor.example", User(tree)["GONOSUMDB"]!.Value);
        tree.Link("/etc/environment.d/40-vendor.conf", "/dev/null");
        Assert.Equal(GoEnvLayer.Default, User(tree)["GONOSUMDB"]!.Layer);
    }

    [Fact]
    public void AssignmentsUnderAConditionOrFromACommandAreUnknownNotSilentlyTaken()
    {
        using var tree = UserTree("/bin/sh");
        tree.Write(
            "/home/dev/.profile",
            "if [ -d \"$HOME/bin\" ] ; then\n    PATH=\"$HOME/bin:$PATH\"\n    export GOINSECURE=bin.example\nfi\n[ -r /etc/go-off ] && export GOSUMDB=off\nexport GOFLAGS=\"$(cat /etc/goflags)\"\nexport GONOSUMCHECK=1\nsetup() {\n  export GONOSUMDB=f.example\n}\n");

        var env = User(tree);
        foreach (var (name, line, id) in new[] { ("GOINSECURE", 3, "GOENV-008"), ("GOSUMDB", 5, "GOENV-006"), ("GOFLAGS", 6, "GOENV-007"), ("GONOSUMDB", 9, "GOENV-009") })
        {
            Assert.Equal(line, env[name]!.Line);
            Assert.Contains(env.Warnings, w => w.StartsWith($"/home/dev/.profile:{line}: {name}=", StringComparison.Ordinal) && w.Contains("unknown", StringComparison.Ordinal));
            var r = Check(tree, env, id);
            Assert.Equal(CheckStatus.Error, r.Status);
            Assert.Contains($"/home/dev/.profile:{line}", r.Message, StringComparison.Ordinal);
        }

        // An unconditional assignment after them is certain.
        AssertFrom(env, "GONOSUMCHECK", "1", GoEnvLayer.UserStartupFile, "/home/dev/.profile", 7);
        Assert.Equal(CheckStatus.Fail, Check(tree, env, "GOENV-010").Status);
    }

    [Fact]
    public void DebiansDefaultProfileDoesNotLoseTheToolchainOnPath()
    {
        using var tree = UserTree("/bin/bash");
        tree.Write("/usr/local/go/VERSION", "go1.22.4\ntime 2024-05-30T19:26:07Z\n");
        tree.Write("/usr/local/go/go.env", "GOPROXY=https://proxy.golang.org,direct\nGOTOOLCHAIN=auto\n");
        tree.Write("/usr/local/go/bin/go", string.Empty);
        tree.Link("/usr/local/bin/go", "/usr/local/go/bin/go");
        tree.Write("/home/dev/.profile", "if [ -n \"$BASH_VERSION\" ]; then\n    if [ -f \"$HOME/.bashrc\" ]; then\n\t. \"$HOME/.bashrc\"\n    fi\nfi\nif [ -d \"$HOME/bin\" ] ; then\n    PATH=\"$HOME/bin:$PATH\"\nfi\nexport GOFLAGS=-trimpath\n");

        tree.Write("/home/dev/.bashrc", "case $- in\n    *i*) ;;\n      *) return;;\nesac\nexport GOINSECURE=bashrc.example\n");

        var env = User(tree);

        // ~/.bashrc is followed, but only under the BASH_VERSION condition of ~/.profile: unknown, with its own file:line.
        Assert.Equal("/home/dev/.bashrc", env["GOINSECURE"]!.Source);
        Assert.Equal(5, env["GOINSECURE"]!.Line);
        Assert.Equal(CheckStatus.Error, Check(tree, env, "GOENV-008").Status);
        Assert.Equal("/usr/local/go", env["GOROOT"]!.Value);
        AssertFrom(env, "GOPROXY", "https://proxy.golang.org,direct", GoEnvLayer.GorootConfig, "/usr/local/go/go.env", 1);
        AssertFrom(env, "GOFLAGS", "-trimpath", GoEnvLayer.UserStartupFile, "/home/dev/.profile", 9);
        Assert.Equal("/home/dev/.bashrc:5", Assert.Single(env.Unreadable).Path);

        // Sourced unconditionally (a relative path is relative to $HOME), its assignments are certain.
        tree.Write("/home/dev/.profile", "source .bashrc\n");
        AssertFrom(User(tree), "GOINSECURE", "bashrc.example", GoEnvLayer.UserStartupFile, "/home/dev/.bashrc", 5);
    }
}
