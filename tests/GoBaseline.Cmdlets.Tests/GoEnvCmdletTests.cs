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

    [Theory]
    [InlineData("Get-GoEnvironment")]
    [InlineData("Test-GoEnvBaseline")]
    public void EveryScopeBindsWithItsNamingParameter(string cmdlet)
    {
        using var root = new FixtureRoot();
        root.Write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nann:x:1000:1000::/home/ann:/bin/bash\n");
        root.Write("/etc/systemd/system/api.service", "[Service]\nEnvironment=GOFLAGS=-mod=readonly\n");
        root.Write("/etc/environment", "GOPROXY=https://proxy.golang.org,direct\n");
        using var ps = new PowerShellHost();
        foreach (var args in new[] { "-Scope Service -ServiceName api", "-ServiceName api", "-Scope System", "-Scope User -User ann", "-User ann", "-Scope System -User ann", "-Scope Process" })
        {
            var output = ps.Run($"{cmdlet} -Root $root {args}", out var errors, ("root", root.Root));
            Assert.True(errors.Count == 0, $"{cmdlet} {args}: {string.Join("; ", errors.Select(e => e.FullyQualifiedErrorId + " " + e.Exception.Message))}");
            Assert.NotEmpty(output);
        }

        var service = ps.Run("Get-GoEnvironment -Root $root -Scope Service -ServiceName api -Name GOFLAGS", out _, ("root", root.Root));
        var v = (GoEnvironmentVariable)Assert.Single(service).BaseObject;
        Assert.Equal(GoEnvScope.Service, v.Scope);
        Assert.Equal("-mod=readonly", v.Value);

        // -ServiceName with another scope is a contradiction, not a silent choice.
        var ex = Assert.ThrowsAny<RuntimeException>(() => ps.Run($"$ErrorActionPreference = 'Stop'; {cmdlet} -Root $root -Scope System -ServiceName api", out _, ("root", root.Root)));
        Assert.Contains("-ServiceName", ex.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void UnderARootTheAuditorsOwnProcessEnvironmentDoesNotPass()
    {
        using var root = new FixtureRoot();
        var before = System.Environment.GetEnvironmentVariable("GO111MODULE");
        System.Environment.SetEnvironmentVariable("GO111MODULE", "on");
        try
        {
            using var ps = new PowerShellHost();
            var output = ps.Run("Test-GoEnvBaseline -Root $root -ControlId GOENV-001 3>&1", out var errors, ("root", root.Root));
            Assert.Empty(errors);
            var result = output.Select(o => o.BaseObject).OfType<CheckResult>().Single();
            Assert.Equal(CheckStatus.Fail, result.Status);
            Assert.DoesNotContain("process environment", result.Evidence, System.StringComparison.Ordinal);
            Assert.Contains(output.Select(o => o.BaseObject).OfType<WarningRecord>(), w => w.Message.Contains("not knowable", System.StringComparison.Ordinal));
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("GO111MODULE", before);
        }
    }
}
