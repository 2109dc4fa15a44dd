using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using GoBaseline.Core.Host;
using GoBaseline.Core.Journal;

namespace GoBaseline.Core.SeLinux;

/// <summary>What a policy-store change is about: an fcontext rule, a permissive domain or a module.</summary>
public enum SemanageObject
{
    /// <summary>A semanage fcontext rule (file_contexts.local).</summary>
    FileContext,
    /// <summary>A semanage permissive domain (module permissive_&lt;type&gt;).</summary>
    Permissive,
    /// <summary>A policy module (semodule).</summary>
    Module,
}

/// <summary>
/// A change of the live policy store made by semanage or semodule: an apply and a revert command, and a state probe
/// that reads the store's files (file_contexts.local and file_contexts, the module directories), so a rerun is a
/// no-op and undo can tell whether someone changed the object since.
/// </summary>
public sealed class SemanageChange : Change
{
    /// <summary>The kind name in the journal.</summary>
    public const string KindName = "selinux.semanage";

    private const char Separator = '\u001f';

    /// <summary>Creates a change.</summary>
    /// <param name="obj">What kind of object.</param>
    /// <param name="key">The fcontext spec, the permissive type or the module name.</param>
    /// <param name="fileType">For fcontext: the semanage -f letter (a, f, d, l, c, b, s, p).</param>
    /// <param name="desiredType">For fcontext: the type the rule must have when present.</param>
    /// <param name="present">True when the change makes the object exist, false when it removes it.</param>
    /// <param name="apply">The command that applies.</param>
    /// <param name="revert">The command that reverts.</param>
    /// <param name="policyName">The policy (SELINUXTYPE).</param>
    /// <param name="reversibility">Whether undo can restore the state before.</param>
    public SemanageChange(SemanageObject obj, string key, string? fileType, string? desiredType, bool present, NativeCommand apply, NativeCommand revert, string policyName, Reversibility reversibility = Reversibility.Reversible)
        : base(KindName, "selinux:" + policyName + ":" + obj + ":" + key, new Dictionary<string, string?>
        {
            ["object"] = obj.ToString(),
            ["key"] = key,
            ["fileType"] = fileType,
            ["type"] = desiredType,
            ["present"] = present ? "true" : "false",
            ["apply"] = Pack(apply),
            ["revert"] = Pack(revert),
            ["policy"] = policyName,
            ["reversibility"] = reversibility.ToString(),
        })
    {
    }

    internal SemanageChange(string target, IDictionary<string, string?> data)
        : base(KindName, target, data)
    {
    }

    private SemanageObject Object => Enum.Parse<SemanageObject>(Data["object"]!);

    private string Key => Data["key"]!;

    private bool Present => Data["present"] == "true";

    /// <summary>The command that applies.</summary>
    public NativeCommand ApplyCommand => Unpack(Data["apply"]!);

    /// <summary>The command that reverts.</summary>
    public NativeCommand RevertCommand => Unpack(Data["revert"]!);

    /// <inheritdoc/>
    public override string Description => ApplyCommand.CommandLine;

    /// <inheritdoc/>
    public override Reversibility Reversibility => Enum.TryParse<Reversibility>(Data.GetValueOrDefault("reversibility"), out var r) ? r : Reversibility.Reversible;

    /// <inheritdoc/>
    public override Snapshot Capture(ChangeContext context)
    {
        var (present, detail) = Probe(context.Host);
        return new Snapshot(new Dictionary<string, string?> { ["present"] = present ? "true" : "false", ["detail"] = detail });
    }

    /// <inheritdoc/>
    public override void Apply(ChangeContext context) => context.Runner.Run(ApplyCommand, context.Cancel);

    /// <inheritdoc/>
    public override bool Verify(ChangeContext context, Snapshot current, out string? why)
    {
        var ok = (current["present"] == "true") == Present;
        if (ok && Present && Object == SemanageObject.FileContext && Data["type"] is { } t && current["detail"] is { } d)
        {
            ok = d.Split(':').Length > 2 && d.Split(':')[2] == t;
        }

        why = ok ? null : $"{Target} is {(current["present"] == "true" ? "present (" + current["detail"] + ")" : "absent")} after {ApplyCommand.CommandLine}";
        return ok;
    }

    /// <inheritdoc/>
    public override void Revert(ChangeContext context, Snapshot before)
    {
        var now = Capture(context);
        if (now["present"] == before["present"] && now["detail"] == before["detail"])
        {
            return;
        }

        context.Runner.Run(RevertCommand, context.Cancel);
    }

    /// <inheritdoc/>
    public override string UndoDescription(Snapshot before) => RevertCommand.CommandLine;

    /// <summary>Reads the object's state from the store files: present or not, and for an fcontext rule its context.</summary>
    public (bool Present, string? Detail) Probe(HostRoot host)
    {
        var policy = Data["policy"]!;
        switch (Object)
        {
            case SemanageObject.FileContext:
            {
                var fc = "/etc/selinux/" + policy + "/contexts/files/file_contexts";
                var qualifier = FileTypeQualifier(Data["fileType"]);
                foreach (var file in new[] { fc + ".local", fc })
                {
                    var text = host.TryReadAllText(file);
                    if (text is null)
                    {
                        continue;
                    }

                    var rules = new List<FileContextRule>();
                    FileContexts.ParseInto(text, file, rules);
                    var hit = rules.LastOrDefault(r => r.Spec == Key && r.TypeQualifier == qualifier);
                    if (hit is not null)
                    {
                        return (true, hit.Context + (file.EndsWith(".local", StringComparison.Ordinal) ? string.Empty : " (policy)"));
                    }
                }

                return (false, null);
            }

            case SemanageObject.Permissive:
            {
                var found = SeLinuxDomains.CustomizedPermissive(host, policy).FirstOrDefault(d => d.Name == Key);
                return (found is not null, found?.Module);
            }

            default:
            {
                var store = SeLinuxDomains.ModuleStore(policy);
                foreach (var prio in host.ListDirectory(store).Reverse())
                {
                    if (host.DirectoryExists(prio + "/" + Key) && !host.FileExists(store + "/disabled/" + Key))
                    {
                        return (true, prio.Substring(prio.LastIndexOf('/') + 1));
                    }
                }

                return (false, null);
            }
        }
    }

    /// <summary>The file_contexts qualifier for a semanage -f letter (a → none, f → --, d → -d …).</summary>
    public static string? FileTypeQualifier(string? letter) => letter switch
    {
        null or "a" => null,
        "f" => "--",
        _ => "-" + letter,
    };

    private static string Pack(NativeCommand c) => c.Program + Separator + string.Join(Separator, c.Arguments);

    private static NativeCommand Unpack(string packed)
    {
        var parts = packed.Split(Separator);
        return new NativeCommand(parts[0], parts.Skip(1)) { Timeout = TimeSpan.FromMinutes(10) };
    }
}

/// <summary>
/// SELINUX= in /etc/selinux/config: a file write whose effect waits for the next boot, so it is typed RebootBound
/// (the journal asks for explicit consent and says that undo, too, only takes effect after a reboot).
/// </summary>
public sealed class SeLinuxModeChange : Change
{
    /// <summary>The kind name in the journal.</summary>
    public const string KindName = "selinux.mode";

    private readonly FileWriteChange _inner;

    /// <summary>Writes the config with SELINUX= set to the mode, keeping every other byte.</summary>
    public SeLinuxModeChange(string currentText, GoBaseline.SeLinuxMode mode)
        : this(Inner(currentText, mode))
    {
    }

    // The new content travels with the inner write until the journal persists it (Apply stores it as a blob).
    private SeLinuxModeChange(FileWriteChange inner)
        : base(KindName, inner.Target, inner.Data)
    {
        _inner = inner;
    }

    internal SeLinuxModeChange(string target, IDictionary<string, string?> data)
        : base(KindName, target, data)
    {
        _inner = (FileWriteChange)Change.Rebuild(FileWriteChange.KindName, target, data);
    }

    /// <inheritdoc/>
    public override string Description => _inner.Description;

    /// <inheritdoc/>
    public override Reversibility Reversibility => Reversibility.RebootBound;

    /// <inheritdoc/>
    public override Snapshot Capture(ChangeContext context) => _inner.Capture(context);

    /// <inheritdoc/>
    public override void Apply(ChangeContext context)
    {
        _inner.Persist(context.Blobs);
        _inner.Apply(context);
    }

    /// <inheritdoc/>
    public override bool Verify(ChangeContext context, Snapshot current, out string? why) => _inner.Verify(context, current, out why);

    /// <inheritdoc/>
    public override void Revert(ChangeContext context, Snapshot before) => _inner.Revert(context, before);

    /// <inheritdoc/>
    public override bool IsNoOp(ChangeContext context, Snapshot current) => _inner.IsNoOp(context, current);

    /// <inheritdoc/>
    public override string UndoDescription(Snapshot before) => _inner.UndoDescription(before) + " (takes effect at the next boot)";

    /// <inheritdoc/>
    public override string? PlannedDiff(ChangeContext context) => _inner.PlannedDiff(context);

    /// <summary>The config text with SELINUX= replaced (or appended), every other byte kept.</summary>
    public static string Rewrite(string text, GoBaseline.SeLinuxMode mode)
    {
        var word = mode.ToString().ToLowerInvariant();
        var lines = text.Split('\n');
        var done = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var t = lines[i].TrimStart();
            if (t.StartsWith("SELINUX=", StringComparison.Ordinal))
            {
                lines[i] = "SELINUX=" + word;
                done = true;
            }
        }

        var result = string.Join('\n', lines);
        if (!done)
        {
            result = (result.Length == 0 || result.EndsWith('\n') ? result : result + "\n") + "SELINUX=" + word + "\n";
        }

        return result;
    }

    private static FileWriteChange Inner(string currentText, GoBaseline.SeLinuxMode mode) =>
        new(SeLinuxConfig.ConfigPath, Encoding.UTF8.GetBytes(Rewrite(currentText, mode)), summary: $"{SeLinuxConfig.ConfigPath}: SELINUX={mode.ToString().ToLowerInvariant()} (takes effect at the next boot)");
}
