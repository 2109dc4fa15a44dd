using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using GoBaseline.Core.Host;

namespace GoBaseline.Core.Journal;

/// <summary>
/// A pair of native commands: one applies (e.g. <c>auditctl -a …</c>, <c>semanage permissive -a …</c>), the other
/// reverts (<c>auditctl -d …</c>, <c>semanage permissive -d …</c>). An optional probe command (<c>auditctl -l</c>,
/// <c>semanage permissive -l</c>) captures the state before and after, so undo can tell whether someone changed it
/// since. Domains with richer state add their own kinds to the one registry in <see cref="Change"/>.
/// </summary>
public sealed class NativeCommandChange : Change
{
    /// <summary>The kind name in the journal.</summary>
    public const string KindName = "native";

    /// <summary>Creates the pair.</summary>
    public NativeCommandChange(string target, NativeCommand apply, NativeCommand revert, NativeCommand? probe = null, Reversibility reversibility = Reversibility.Reversible)
        : base(KindName, target, new Dictionary<string, string?>
        {
            ["apply"] = Serialize(apply),
            ["revert"] = Serialize(revert),
            ["probe"] = probe is null ? null : Serialize(probe),
            ["reversibility"] = reversibility.ToString(),
        })
    {
    }

    internal NativeCommandChange(string target, IDictionary<string, string?> data)
        : base(KindName, target, data)
    {
    }

    /// <summary>The command that applies.</summary>
    public NativeCommand ApplyCommand => Deserialize(Data["apply"]!);

    /// <summary>The command that reverts.</summary>
    public NativeCommand RevertCommand => Deserialize(Data["revert"]!);

    /// <inheritdoc/>
    public override string Description => ApplyCommand.CommandLine;

    /// <inheritdoc/>
    public override Reversibility Reversibility => Enum.TryParse<Reversibility>(Data.GetValueOrDefault("reversibility"), out var r) ? r : Reversibility.Reversible;

    /// <inheritdoc/>
    public override Snapshot Capture(ChangeContext context)
    {
        var facts = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (Data.GetValueOrDefault("probe") is { } probe)
        {
            var output = context.Runner.Run(Deserialize(probe), context.Cancel).StandardOutput;
            facts["probe"] = context.Blobs.Put(Encoding.UTF8.GetBytes(output));
        }

        return new Snapshot(facts);
    }

    /// <inheritdoc/>
    public override void Apply(ChangeContext context) => context.Runner.Run(ApplyCommand, context.Cancel);

    /// <inheritdoc/>
    public override bool Verify(ChangeContext context, Snapshot current, out string? why)
    {
        // The runner already checked the exit code and stderr; a command pair has no further expectation to test.
        why = null;
        return true;
    }

    /// <inheritdoc/>
    public override bool IsNoOp(ChangeContext context, Snapshot current) => false;

    /// <inheritdoc/>
    public override void Revert(ChangeContext context, Snapshot before) => context.Runner.Run(RevertCommand, context.Cancel);

    /// <inheritdoc/>
    public override string UndoDescription(Snapshot before) => RevertCommand.CommandLine;

    private sealed record Wire(string Program, string[] Arguments, string? Package, double TimeoutSeconds, int[] SuccessExitCodes);

    private static string Serialize(NativeCommand c) =>
        JsonSerializer.Serialize(new Wire(c.Program, new List<string>(c.Arguments).ToArray(), c.Package, c.Timeout.TotalSeconds, new List<int>(c.SuccessExitCodes).ToArray()));

    private static NativeCommand Deserialize(string json)
    {
        var w = JsonSerializer.Deserialize<Wire>(json) ?? throw new GoBaselineException(ErrorIds.JournalCorrupt, FailureKind.InvalidData, "A journaled command is empty.");
        return new NativeCommand(w.Program, w.Arguments, w.Package, TimeSpan.FromSeconds(w.TimeoutSeconds)) { SuccessExitCodes = w.SuccessExitCodes };
    }
}
