using System.Linq;
using System.Management.Automation;
using Xunit;

namespace GoBaseline.Cmdlets.Tests;

public class GoEnvCmdletTests
{
    [Fact]
    public void ServiceNamesBindFromThePipelineByPropertyName()
    {
        using var root = new FixtureRoot();
        root.Write("/etc/systemd/system/api.service", "[Service]\nEnvironment=GOFLAGS=-mod=readonly\n");
        root.Write("/etc/systemd/system/builder.service", "[Service]\nEnvironment=GO111MODULE=on\n");
        using var ps = new PowerShellHost();
        var output = ps.Run("[pscustomobject]@{ ServiceName = 'api' }, [pscustomobject]@{ ServiceName = 'builder' } | Get-GoEnvironment -Root $root -Explicit", out var errors, ("root", root.Root));
        Assert.Empty(errors);
        var vars = output.Select(o => (GoEnvironmentVariable)o.BaseObject).ToList();
        Assert.Contains(vars, v => v.Name == "GOFLAGS" && v.Context == "api.service" && v.Value == "-mod=readonly");
        Assert.Contains(vars, v => v.Name == "GO111MODULE" && v.Context == "builder.service" && v.Layer == GoEnvLayer.ServiceEnvironment);
    }

    [Fact]
    public void AnUnknownUserIsAPositionedNonTerminatingError()
    {
        using var root = new FixtureRoot();
        using var ps = new PowerShellHost();
        var output = ps.Run("Get-GoEnvironment -Root $root -User ghost; 'went on'", out var errors, ("root", root.Root));
        var e = Assert.Single(errors);
        Assert.Equal("UserNotFound,GoBaseline.Commands.GetGoEnvironmentCommand", e.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
        Assert.Equal("ghost", e.TargetObject);
        Assert.Equal("went on", output.Last().BaseObject);
    }

    [Fact]
    public void AMissingRootIsATerminatingError()
    {
        using var ps = new PowerShellHost();
        var ex = Assert.ThrowsAny<RuntimeException>(() => ps.Run("$ErrorActionPreference = 'Stop'; Get-GoEnvironment -Root /no/such/root", out _));
        Assert.Equal("InvalidRoot,GoBaseline.Commands.GetGoEnvironmentCommand", ex.ErrorRecord.FullyQualifiedErrorId);
    }

    [Fact]
    public void QuietReturnsOneBool()
    {
        using var root = new FixtureRoot();
        root.Write("/etc/profile.d/go.sh", "export GO111MODULE=on CGO_ENABLED=0 GOCACHE=/tmp/go-build GOPROXY=https://proxy.golang.org,direct GOTOOLCHAIN=local\n");
        using var ps = new PowerShellHost();
        var output = ps.Run("Test-GoEnvBaseline -Root $root -Scope System -Quiet", out var errors, ("root", root.Root));
        Assert.Empty(errors);
        Assert.True((bool)Assert.Single(output).BaseObject);
        output = ps.Run("Test-GoEnvBaseline -Root $root -Scope Process -Quiet -ControlId GOENV-011", out _, ("root", root.Root));
        Assert.IsType<bool>(Assert.Single(output).BaseObject);
    }

    [Fact]
    public void ABadProfileIsAParserErrorWithPosition()
    {
        using var root = new FixtureRoot();
        root.Write("/p.yaml", "id: p\ncontrols:\n  - id: A\n    check: { type: NoSuchCheck }\n");
        using var ps = new PowerShellHost();
        var ex = Assert.ThrowsAny<RuntimeException>(() => ps.Run("$ErrorActionPreference = 'Stop'; Test-GoEnvBaseline -Profile $p", out _, ("p", root.Root + "/p.yaml")));
        Assert.Equal("ProfileInvalid,GoBaseline.Commands.TestGoEnvBaselineCommand", ex.ErrorRecord.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ParserError, ex.ErrorRecord.CategoryInfo.Category);
        Assert.Contains("p.yaml:4:", ex.ErrorRecord.Exception.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ResultsComposeInPipelinesAndVersionsCompareAsVersions()
    {
        using var root = new FixtureRoot();
        using var ps = new PowerShellHost();
        var output = ps.Run("Get-GoToolchain -Root $root | Where-Object Version -ge '1.21' | ForEach-Object GoRoot", out var errors, ("root", root.Root));
        Assert.Empty(errors);
        Assert.Equal("/usr/local/go", Assert.Single(output).BaseObject);
        output = ps.Run("Test-GoEnvBaseline -Root $root -Scope System | Where-Object Status -eq Fail | Select-Object -ExpandProperty ControlId", out _, ("root", root.Root));
        Assert.Contains("GOENV-001", output.Select(o => o.BaseObject));
    }

    [Fact]
    public void ServiceScopeWithoutANameIsRejected()
    {
        using var ps = new PowerShellHost();
        Assert.ThrowsAny<RuntimeException>(() => ps.Run("$ErrorActionPreference = 'Stop'; Get-GoEnvironment -Scope Service", out _));
    }
}
