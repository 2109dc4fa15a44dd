using System;
using System.Management.Automation;
using GoBaseline.Core.Audit.Log;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Summarises audit logs like aureport: the --summary counts, or events per key, executable, syscall, user, file, comm or pid.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AuditReport", DefaultParameterSetName = "Summary")]
[OutputType(typeof(AuditSummaryReport), ParameterSetName = new[] { "Summary" })]
[OutputType(typeof(AuditReportItem), ParameterSetName = new[] { "Report" })]
public sealed class GetAuditReportCommand : AuditLogCmdlet
{
    /// <summary><para type="description">The overall counts of aureport --summary (the default).</para></summary>
    [Parameter(ParameterSetName = "Summary")]
    public SwitchParameter Summary { get; set; }

    /// <summary><para type="description">A per-item summary: Key (aureport -k --summary), Executable (-x), Syscall (-s), User (-u), File (-f), Comm (-c), ProcessId (-p), Event (-e).</para></summary>
    [Parameter(ParameterSetName = "Report", Mandatory = true)]
    public AuditReportKind Report { get; set; }

    /// <summary><para type="description">Count only failed events (aureport --failed).</para></summary>
    [Parameter]
    public SwitchParameter Failed { get; set; }

    /// <summary><para type="description">Count only successful events (aureport --success).</para></summary>
    [Parameter]
    public SwitchParameter Success { get; set; }

    /// <summary><para type="description">Give syscalls and users as names instead of numbers (aureport -i).</para></summary>
    [Parameter]
    public SwitchParameter Interpret { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        try
        {
            var files = ResolveFiles();
            var search = NewSearch();
            var kind = ParameterSetName == "Report" ? Report : AuditReportKind.Summary;
            bool? outcome = Failed.IsPresent ? false : Success.IsPresent ? true : null;
            var builder = search.Report(files, BuildQuery(new AuditQuery()), kind, outcome, Interpret.IsPresent, CancelToken);
            if (kind == AuditReportKind.Summary)
            {
                WriteObject(builder.ToSummary(search.Malformed));
            }
            else
            {
                foreach (var item in builder.ToItems())
                {
                    WriteObject(item);
                }
            }

            FinishWarnings();
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C.
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowEngineError(ex, Path is { Length: > 0 } ? Path[0] : Root);
        }
        finally
        {
            base.EndProcessing();
        }
    }
}
