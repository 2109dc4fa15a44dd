using System;
using System.Collections.Generic;
using System.Linq;
using GoBaseline.Core.Host;
using GoBaseline.Core.Host.Native;

namespace GoBaseline.Core.Journal;

/// <summary>Sets or removes an extended attribute (e.g. security.selinux) on a path itself.</summary>
public sealed class XattrChange : Change
{
    /// <summary>The kind name in the journal.</summary>
    public const string KindName = "xattr.set";

    /// <summary>Creates a change that sets <paramref name="name"/> to <paramref name="value"/>, or removes it when null.</summary>
    public XattrChange(string path, string name, byte[]? value, string? summary = null)
        : base(KindName, HostRoot.Normalize(path), new Dictionary<string, string?>
        {
            ["name"] = name,
            ["value"] = value is null ? null : Convert.ToBase64String(value),
            ["summary"] = summary,
        })
    {
    }

    internal XattrChange(string target, IDictionary<string, string?> data)
        : base(KindName, target, data)
    {
    }

    private string Name => Data["name"]!;

    /// <inheritdoc/>
    public override string Description => Data.GetValueOrDefault("summary") ?? (Data["value"] is null ? $"Remove {Name} from {Target}" : $"Set {Name} on {Target}");

    /// <inheritdoc/>
    public override Snapshot Capture(ChangeContext context)
    {
        var real = context.Host.Map(Target, followFinal: false);
        var exists = LibC.Stat(real, followSymlinks: false) is not null;
        var value = exists ? LibC.GetXattr(real, Name, followSymlinks: false) : null;
        return new Snapshot(new Dictionary<string, string?>
        {
            ["exists"] = exists ? "true" : "false",
            ["value"] = value is null ? null : Convert.ToBase64String(value),
        });
    }

    /// <inheritdoc/>
    public override void Apply(ChangeContext context) => SetValue(context, Data["value"]);

    /// <inheritdoc/>
    public override bool Verify(ChangeContext context, Snapshot current, out string? why)
    {
        why = current["value"] == Data["value"] ? null : $"{Name} on {Target} is not the value set";
        return why is null;
    }

    /// <inheritdoc/>
    public override void Revert(ChangeContext context, Snapshot before) => SetValue(context, before["value"]);

    /// <inheritdoc/>
    public override string UndoDescription(Snapshot before)
    {
        // As the equivalent setfattr command (what Set-SeLinuxContext shows for the change itself).
        if (before["exists"] == "false")
        {
            return $"Nothing: {Target} did not exist before";
        }

        var path = NativeCommand.ShellQuote(Target);
        if (before["value"] is not { } base64)
        {
            return $"setfattr -h -x {NativeCommand.ShellQuote(Name)} {path}";
        }

        var bytes = Convert.FromBase64String(base64);
        var text = System.Text.Encoding.UTF8.GetString(bytes).TrimEnd('\0');
        var printable = text.Length > 0 && !text.StartsWith("0s", StringComparison.Ordinal) && !text.StartsWith("0x", StringComparison.Ordinal) && text.All(ch => ch >= ' ' && ch != '\x7f');
        return $"setfattr -h -n {NativeCommand.ShellQuote(Name)} -v {NativeCommand.ShellQuote(printable ? text : "0s" + base64)} {path}";
    }

    private void SetValue(ChangeContext context, string? base64)
    {
        var real = context.Host.Map(Target, followFinal: false);
        if (base64 is null)
        {
            LibC.RemoveXattr(real, Name);
        }
        else
        {
            LibC.SetXattr(real, Name, Convert.FromBase64String(base64));
        }
    }
}
