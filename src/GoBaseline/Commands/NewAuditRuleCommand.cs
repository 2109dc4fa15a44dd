using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text;
using GoBaseline.Core.Audit;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Builds an audit rule from parameters (a syscall rule or a file watch) or from rule text, checked by the same grammar auditctl uses.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "AuditRule", DefaultParameterSetName = "Syscall")]
[OutputType(typeof(AuditRule))]
public sealed class NewAuditRuleCommand : AuditCmdletBase
{
    /// <summary>
    /// <para type="description">The system calls (names or numbers; "all").</para>
    /// </summary>
    [Parameter(ParameterSetName = "Syscall", Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[]? Syscall { get; set; }

    /// <summary>
    /// <para type="description">The ABIs: b64, b32 or both (one rule each). Syscall rules without an arch miss the other ABI; give both.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Syscall")]
    [ValidateSet("b64", "b32")]
    public string[]? Arch { get; set; }

    /// <summary>
    /// <para type="description">The filter list (Exit by default).</para>
    /// </summary>
    [Parameter(ParameterSetName = "Syscall")]
    public AuditRuleList List { get; set; } = AuditRuleList.Exit;

    /// <summary>
    /// <para type="description">always (the default) or never.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Syscall")]
    [Parameter(ParameterSetName = "Watch")]
    public AuditRuleAction Action { get; set; } = AuditRuleAction.Always;

    /// <summary>
    /// <para type="description">Field conditions as auditctl writes them after -F, e.g. 'auid>=1000', 'exit=-EACCES'.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Syscall")]
    [Parameter(ParameterSetName = "Watch")]
    [ValidateNotNullOrEmpty]
    public string[]? Field { get; set; }

    /// <summary>
    /// <para type="description">The path to watch (a file or a directory).</para>
    /// </summary>
    [Parameter(ParameterSetName = "Watch", Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? WatchPath { get; set; }

    /// <summary>
    /// <para type="description">The watch permissions: any of r, w, x, a (default rwxa).</para>
    /// </summary>
    [Parameter(ParameterSetName = "Watch")]
    [ValidatePattern("^[rwxaRWXA]{1,4}$")]
    public string? Permission { get; set; }

    /// <summary>
    /// <para type="description">The rule's keys (-k).</para>
    /// </summary>
    [Parameter(ParameterSetName = "Syscall")]
    [Parameter(ParameterSetName = "Watch")]
    [ValidateNotNullOrEmpty]
    public string[]? Key { get; set; }

    /// <summary>
    /// <para type="description">Rule text as in a rules file, e.g. '-a always,exit -F arch=b64 -S execve -k go_exec'.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Text", Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Text { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        foreach (var line in Lines())
        {
            try
            {
                WriteObject(AuditRules.ParseOne(line, Sources.Environment));
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                WriteEngineError(ex, line);
            }
        }
    }

    private IEnumerable<string> Lines()
    {
        if (ParameterSetName == "Text")
        {
            foreach (var t in Text!)
            {
                yield return t;
            }

            yield break;
        }

        var tail = new StringBuilder();
        foreach (var f in Field ?? Array.Empty<string>())
        {
            tail.Append(" -F ").Append(Escape(f));
        }

        if (ParameterSetName == "Watch")
        {
            foreach (var k in Key ?? Array.Empty<string>())
            {
                tail.Append(" -k ").Append(Escape(k));
            }

            if (Field is null && Action == AuditRuleAction.Always)
            {
                yield return "-w " + Escape(WatchPath!) + " -p " + (Permission ?? "rwxa") + tail;
            }
            else
            {
                var path = WatchPath!.Length > 1 ? WatchPath.TrimEnd('/') : WatchPath;
                var kind = TargetRoot.DirectoryExists(path) ? "dir" : "path";
                yield return $"-a {Action.ToString().ToLowerInvariant()},exit -F {kind}={Escape(path)} -F perm={Permission ?? "rwxa"}{tail}";
            }

            yield break;
        }

        foreach (var k in Key ?? Array.Empty<string>())
        {
            tail.Append(" -k ").Append(Escape(k));
        }

        var list = List == AuditRuleList.IoUring ? "io_uring" : List.ToString().ToLowerInvariant();
        foreach (var arch in Arch ?? new string?[] { null })
        {
            yield return $"-a {Action.ToString().ToLowerInvariant()},{list}" + (arch is null ? string.Empty : " -F arch=" + arch) + " -S " + string.Join(',', Syscall!) + tail;
        }
    }

    private static string Escape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(" ", "\\ ", StringComparison.Ordinal);
}
