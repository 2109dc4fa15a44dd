using System;
using System.Management.Automation;
using GoBaseline.Core.Audit.Log;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Shows who changed the Go environment and when: audit events of the Go environment watch rules, joined with before and after values from the change journal.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "GoEnvironmentChange")]
[OutputType(typeof(GoEnvironmentChange))]
public sealed class GetGoEnvironmentChangeCommand : AuditLogCmdlet
{
    /// <summary><para type="description">Go variables to report (e.g. GOPROXY); entries without a known variable are left out when given.</para></summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary><para type="description">The keys of the Go environment watch rules (default go_env). Events that wrote a Go environment file count too.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Key { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        try
        {
            var timeline = new GoEnvironmentChangeTimeline(TargetRoot, Sink);
            var files = ResolveFiles();
            foreach (var c in timeline.Read(files, BuildQuery(new AuditQuery()), Key ?? GoEnvironmentChangeTimeline.DefaultKeys, Name, CancelToken))
            {
                WriteObject(c);
            }

            FinishWarnings();
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C.
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowEngineError(ex, Root);
        }
        finally
        {
            base.EndProcessing();
        }
    }
}
