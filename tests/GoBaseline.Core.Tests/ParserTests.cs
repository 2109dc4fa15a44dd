using System.Linq;
using GoBaseline.Core.GoEnv;
using GoBaseline.Core.Profiles;
using Xunit;

namespace GoBaseline.Core.Tests;

public class ParserTests
{
    [Fact]
    public void GoEnvFileIsReadLikeTheGoCommand()
    {
        var a = EnvFileParsers.ParseGoEnvFile("GOPROXY=a\n# c\nlower=x\n=y\nGOFLAGS= -v \nGOPROXY=b", "f");
        Assert.Equal(new[] { "GOPROXY", "GOFLAGS", "GOPROXY" }, a.Select(x => x.Name));
        Assert.Equal(" -v ", a[1].Value);
        Assert.Equal(5, a[1].Line);
    }

    [Fact]
    public void ShellAssignmentsQuotesExportsAndExpansion()
    {
        var script = "# Go\nexport GOPATH=\"$HOME/go\" GOBIN='/opt/bin'\nGOFLAGS=-mod=readonly; export GOFLAGS\nFOO=bar echo hi\nif true; then X=1; fi\nexport GOCACHE=$(mktemp -d)\n";
        var a = EnvFileParsers.ParseShellAssignments(script, "/etc/profile.d/go.sh", new System.Collections.Generic.Dictionary<string, string> { ["HOME"] = "/root" });
        Assert.Equal("/root/go", a.Single(x => x.Name == "GOPATH").Value);
        Assert.Equal("/opt/bin", a.Single(x => x.Name == "GOBIN").Value);
        Assert.Equal("-mod=readonly", a.Single(x => x.Name == "GOFLAGS").Value);
        Assert.DoesNotContain(a, x => x.Name == "FOO");
        Assert.True(a.Single(x => x.Name == "GOCACHE").IsDynamic);
        Assert.Equal(2, a.Single(x => x.Name == "GOPATH").Line);
    }

    [Fact]
    public void SystemdEnvironmentQuoting()
    {
        var a = EnvFileParsers.ParseSystemdEnvironment("A=1 \"B=two words\" 'C=x y' D=\"q\"");
        Assert.Equal(new[] { "A=1", "B=two words", "C=x y", "D=q" }, a.Select(p => p.Key + "=" + p.Value));
    }

    [Fact]
    public void TheDefaultProfileLoads()
    {
        var p = ProfileLoader.LoadDefault();
        Assert.Equal("gobaseline-default", p.Id);
        Assert.Contains(p.Controls, c => c.Id == "GOENV-001" && c.Severity == Severity.High && c.Check.Explicit);
        Assert.All(p.Controls, c => Assert.True(c.Line > 0));
    }

    [Theory]
    [InlineData("id: x\ncontrols:\n  - id: A\n    colour: red\n", 4, 5)]
    [InlineData("id: x\ncontrols:\n  - id: A\n    severity: enormous\n", 4, 15)]
    [InlineData("id: x\ncontrols:\n  - id: A\n    check: { type: GoEnv, variable: X, explicit: maybe }\n", 4, 50)]
    [InlineData("id: x\ncontrols: [\n", 3, 1)]
    public void BadProfilesNameLineAndColumn(string yaml, int line, int column)
    {
        var ex = Assert.Throws<ParseException>(() => ProfileLoader.Parse(yaml, "p.yaml"));
        Assert.Equal(ErrorIds.ProfileInvalid, ex.ErrorId);
        Assert.Equal(line, ex.Position!.Value.Line);
        Assert.Equal(column, ex.Position!.Value.Column);
    }

    [Fact]
    public void SemanticErrorsArePositionedAtTheControl()
    {
        var ex = Assert.Throws<ParseException>(() => ProfileLoader.Parse("id: x\ncontrols:\n  - id: A\n    check: { type: GoToolchain, minVersion: soon }\n", "p.yaml"));
        Assert.Equal(3, ex.Position!.Value.Line);
    }
}
