using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using GoBaseline.Core.Host;
using GoBaseline.Infrastructure;
using Xunit;

namespace GoBaseline.Cmdlets.Tests;

/// <summary>Answers auditctl -s with a recording; records every call; refuses anything else.</summary>
internal sealed class RecordedStatusRunner : INativeRunner
{
    private readonly string _status;

    public RecordedStatusRunner(string status)
    {
        _status = status;
    }

    public List<string> Calls { get; } = new();

    public NativeResult Run(NativeCommand command, CancellationToken cancellationToken = default)
    {
        Calls.Add(command.CommandLine);
        if (command.CommandLine == "auditctl -s")
        {
            return new NativeResult(command, 0, _status, string.Empty, TimeSpan.Zero);
        }

        throw new InvalidOperationException("unexpected call: " + command.CommandLine);
    }

    public string? Which(string program) => NativeRunner.Default.Which(program);
}

public class AuditCmdletTests
{
    // Recorded from a host whose rules end with "-e 2"; this machine's kernel must never be locked by a test.
    private const string ImmutableStatus = "enabled 2\nfailure 1\npid 712\nrate_limit 0\nbacklog_limit 8192\nlost 0\nbacklog 0\nbacklog_wait_time 60000\nbacklog_wait_time_actual 0\nloginuid_immutable 1 locked\n";

    [Theory]
    [InlineData("Add-AuditRule -Live -Text '-a always,exit -F arch=b64 -S execve -k go_exec'", "AddAuditRuleCommand")]
    [InlineData("Add-AuditRule -Text '-a always,exit -F arch=b64 -S execve -k go_exec'", "AddAuditRuleCommand")]
    [InlineData("Remove-AuditRule -Live -Key go_exec", "RemoveAuditRuleCommand")]
    [InlineData("Set-AuditRule -Key go_exec -Text '-a always,exit -F arch=b64 -S execve -k go_exec'", "SetAuditRuleCommand")]
    public void AnImmutableKernelIsRefusedBeforeAnythingIsTouched(string script, string cmdlet)
    {
        var runner = new RecordedStatusRunner(ImmutableStatus);
        var managedExisted = File.Exists(Core.Audit.AuditRulePlanner.DefaultManagedFile);
        AuditRemediationCmdlet.RunnerOverride = runner;
        try
        {
            using var ps = new PowerShellHost();
            var ex = Assert.ThrowsAny<RuntimeException>(() => ps.Run("$ErrorActionPreference = 'Stop'; " + script, out _));
            Assert.Equal($"AuditRulesImmutable,GoBaseline.Commands.{cmdlet}", ex.ErrorRecord.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidOperation, ex.ErrorRecord.CategoryInfo.Category);
        }
        finally
        {
            AuditRemediationCmdlet.RunnerOverride = null;
        }

        Assert.Equal(new[] { "auditctl -s" }, runner.Calls);
        Assert.Equal(managedExisted, File.Exists(Core.Audit.AuditRulePlanner.DefaultManagedFile));
    }

    [Fact]
    public void GetAuditRulePipesIntoRemoveAuditRuleByMeaning()
    {
        using var root = new FixtureRoot();
        root.Write("/etc/audit/rules.d/50-gobaseline.rules", "-a always,exit -F arch=b64 -S execve,execveat -k go_exec\n-w /etc/environment -p wa -k go_env\n");
        root.Write("/team.rules", "-a exit,always -F arch=b64 -S execveat -S execve -F key=go_exec\n");
        using var ps = new PowerShellHost();
        var output = ps.Run("Get-AuditRule -Root $root -Path /team.rules | Remove-AuditRule -Root $root | Select-Object -ExpandProperty Changed; Get-AuditRule -Root $root -Persistent | ForEach-Object Text", out var errors, ("root", root.Root));
        Assert.Empty(errors);
        Assert.Equal(true, output[0].BaseObject);
        Assert.Equal("-w /etc/environment -p wa -k go_env", Assert.Single(output, o => o.BaseObject is string).BaseObject);
    }
}
