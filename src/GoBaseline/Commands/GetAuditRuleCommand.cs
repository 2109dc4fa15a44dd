using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GoBaseline.Core.Audit;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Reads audit rules from the running kernel, the persistent rules.d files or any rules file, normalised to exactly the line auditctl -l prints.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AuditRule", DefaultParameterSetName = "Default")]
[OutputType(typeof(AuditRule))]
public sealed class GetAuditRuleCommand : AuditCmdletBase
{
    /// <summary>
    /// <para type="description">Read the rules loaded in the kernel (auditctl -l). The default on the live host.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Live", Mandatory = true)]
    public SwitchParameter Live { get; set; }

    /// <summary>
    /// <para type="description">Read the persistent rules: /etc/audit/rules.d/*.rules in augenrules order (or /etc/audit/audit.rules when rules.d is empty). The default under -Root.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Persistent", Mandatory = true)]
    public SwitchParameter Persistent { get; set; }

    /// <summary>
    /// <para type="description">Read these rules files (paths inside -Root). A file with a bad line gives an error with file, line and column, and none of its rules.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Path", Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>
    /// <para type="description">Only rules with a key matching one of these (wildcards allowed).</para>
    /// </summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Key { get; set; }

    /// <summary>
    /// <para type="description">Only rules that audit one of these system calls (names as auditctl -l prints them; wildcards allowed). Rules for all syscalls match too.</para>
    /// </summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Syscall { get; set; }

    /// <summary>
    /// <para type="description">Only watches and path/dir rules on a path matching one of these (wildcards allowed).</para>
    /// </summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? WatchPath { get; set; }

    /// <summary>
    /// <para type="description">Also return control lines (-D, -b, -f, -e, --backlog_wait_time ...) of files.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter IncludeControl { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        IEnumerable<AuditRule> rules;
        try
        {
            if (ParameterSetName == "Path")
            {
                rules = ReadFiles(Path!.Select(p => Sources.ReadFile(TargetRoot.IsLive ? ResolveUserPath(p) : p)));
            }
            else if (ParameterSetName == "Persistent" || (ParameterSetName == "Default" && !TargetRoot.IsLive))
            {
                rules = ReadFiles(Sources.ReadPersistent());
            }
            else
            {
                RequireLiveHost("Get-AuditRule -Live");
                rules = Sources.ReadLive(AuditCtl, CancelToken);
            }
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowEngineError(ex, Path?.FirstOrDefault() ?? Root);
            return;
        }

        var keys = Patterns(Key);
        var calls = Patterns(Syscall);
        var paths = Patterns(WatchPath);
        foreach (var r in rules)
        {
            if (r.Kind == AuditRuleKind.Control)
            {
                if (IncludeControl && keys is null && calls is null && paths is null)
                {
                    WriteObject(r);
                }

                continue;
            }

            if (keys is not null && !r.Keys.Any(k => keys.Any(p => p.IsMatch(k))))
            {
                continue;
            }

            if (calls is not null && !((r.AllSyscalls && !r.IsWatch) || r.Syscall.Any(s => calls.Any(p => p.IsMatch(s)))))
            {
                continue;
            }

            if (paths is not null && (r.Path is null || !paths.Any(p => p.IsMatch(r.Path))))
            {
                continue;
            }

            WriteObject(r);
        }
    }

    private static List<WildcardPattern>? Patterns(string[]? values) =>
        values?.Select(v => WildcardPattern.Get(v, WildcardOptions.IgnoreCase)).ToList();
}
