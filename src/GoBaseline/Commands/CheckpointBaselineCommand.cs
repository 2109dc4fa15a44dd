using System;
using System.Management.Automation;
using GoBaseline.Infrastructure;

namespace GoBaseline.Commands;

/// <summary>
/// <para type="synopsis">Names the current point of the change journal, to return to it later with Restore-Baseline.</para>
/// </summary>
[Cmdlet(VerbsData.Checkpoint, "Baseline", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(BaselineCheckpoint))]
public sealed class CheckpointBaselineCommand : RemediationCmdlet
{
    /// <summary>
    /// <para type="description">The checkpoint's name (letters, digits, '-', '_', '.'). Taking a checkpoint with a name already used moves it to now.</para>
    /// </summary>
    [Parameter(Position = 0, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidatePattern("^[A-Za-z0-9._-]+$")]
    public string Name { get; set; } = string.Empty;

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (!ShouldProcess($"checkpoint '{Name}' in {GoBaseline.Core.Journal.ChangeJournal.DefaultDirectory}", "Checkpoint"))
        {
            return;
        }

        using var journal = OpenJournal();
        try
        {
            var cp = journal.Checkpoint(Name);
            WriteObject(new BaselineCheckpoint(cp.Name, cp.Time, cp.Sequence, cp.User));
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            WriteEngineError(ex, Name);
        }
    }
}
