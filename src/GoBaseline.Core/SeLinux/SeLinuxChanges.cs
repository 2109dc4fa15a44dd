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
    /// <summary>A semanage fcontext equivalence rule (semanage fcontext -a -e; file_contexts.subs).</summary>
    Equivalence,
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
    /// <param name="desiredUser">For fcontext: the SELinux user the rule must have when present (null: any).</param>
    /// <param name="desiredRange">For fcontext: the MLS/MCS range the rule must have when present (null: any).</param>
    public SemanageChange(SemanageObject obj, string key, string? fileType, string? desiredType, bool present, NativeCommand apply, NativeCommand revert, string policyName, Reversibility reversibility = Reversibility.Reversible, string? desiredUser = null, string? desiredRange = null)
        : base(KindName, "selinux:" + policyName + ":" + obj + ":" + key, new Dictionary<string, string?>
        {
            ["object"] = obj.ToString(),
            ["key"] = key,
            ["fileType"] = fileType,
            ["type"] = desiredType,
            ["user"] = desiredUser,
            ["range"] = desiredRange,
            ["present"] = present ? "true" : "false",
            ["apply"] = Pack(apply),
            ["revert"] = Pack(revert),
            ["policy"] = policyName,
            ["reversibility"] = reversibility.ToString(),
        })
    {
    }

    /// <summary>A module change that installs a package whose content has the given SHA-256 (see <see cref="ModulePackage"/>).</summary>
    public SemanageChange(string moduleName, string packageSha256, NativeCommand apply, NativeCommand revert, string policyName)
        : this(SemanageObject.Module, moduleName, null, null, true, apply, revert, policyName)
    {
        Data["package"] = packageSha256;
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
        var facts = new Dictionary<string, string?> { ["present"] = present ? "true" : "false", ["detail"] = detail };
        if (present && Object == SemanageObject.Module)
        {
            // The installed package itself (the store keeps it bzip2-compressed as hll), kept in the journal so undo
            // can reinstall the module that an upgrade replaced.
            var package = ModulePackage.ReadInstalled(context.Host, context.Runner, Data["policy"]!, Key, detail!, context.Cancel);
            facts["package"] = package is null ? null : context.Blobs.Put(package);
        }

        return new Snapshot(facts);
    }

    /// <inheritdoc/>
    public override void Apply(ChangeContext context) => context.Runner.Run(ApplyCommand, context.Cancel);

    /// <inheritdoc/>
    public override bool Verify(ChangeContext context, Snapshot current, out string? why)
    {
        var ok = (current["present"] == "true") == Present;
        if (ok && Present && Object == SemanageObject.FileContext && current["detail"] is { } d)
        {
            ok = FileContextMatches(d, Data["user"], Data["type"], Data.GetValueOrDefault("range"));
        }

        if (ok && Present && Object == SemanageObject.Equivalence && Data["type"] is { } target)
        {
            ok = current["detail"] == target;
        }

        // A module of that name is not enough: it must be this package (an upgrade installs a changed one).
        if (ok && Present && Object == SemanageObject.Module && Data.GetValueOrDefault("package") is { } wanted)
        {
            ok = current.Facts.GetValueOrDefault("package") == wanted;
        }

        why = ok ? null : $"{Target} is {(current["present"] == "true" ? "present (" + current["detail"] + ")" : "absent")} after {ApplyCommand.CommandLine}";
        return ok;
    }

    /// <inheritdoc/>
    public override void Revert(ChangeContext context, Snapshot before)
    {
        var now = Capture(context);
        if (now["present"] == before["present"] && now["detail"] == before["detail"] && now["package"] == before["package"])
        {
            return;
        }

        if (Object == SemanageObject.Module && before["present"] == "true" && before.Facts.GetValueOrDefault("package") is { } oldPackage
            && before["detail"] == ModulePackage.InstallPriority)
        {
            // The module replaced at semodule -i's priority: install the old package again from the journal.
            ModulePackage.Reinstall(context, Key, context.Blobs.Get(oldPackage), before["detail"]!);
            return;
        }

        // Otherwise removing what was installed at that priority brings back the state before (a module at a lower
        // priority, e.g. the policy's own, becomes active again).
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

            case SemanageObject.Equivalence:
            {
                // file_contexts.subs: one "path equivalent-path" a line, written by semanage fcontext -a -e.
                var text = host.TryReadAllText("/etc/selinux/" + policy + "/contexts/files/file_contexts.subs");
                foreach (var line in (text ?? string.Empty).Split('\n'))
                {
                    var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                    if (words.Length == 2 && words[0] == Key)
                    {
                        return (true, words[1]);
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

    /// <summary>
    /// Whether an fcontext rule's context (as <see cref="Probe"/> gives it, "user:role:type[:range]", "&lt;&lt;none&gt;&gt;",
    /// perhaps with " (policy)") has the wanted user, type and range; a null wish matches anything.
    /// </summary>
    public static bool FileContextMatches(string detail, string? user, string? type, string? range)
    {
        var context = StripPolicyMark(detail);
        if (context == NoneContext || type == NoneContext)
        {
            return type is null ? user is null && range is null : context == type;
        }

        var parts = context.Split(':', 4);
        return parts.Length >= 3
            && (user is null || parts[0] == user)
            && (type is null || parts[2] == type)
            && (range is null || (parts.Length == 4 ? parts[3] : string.Empty) == range);
    }

    /// <summary>The context "&lt;&lt;none&gt;&gt;": files matching the rule are not relabelled.</summary>
    public const string NoneContext = "<<none>>";

    /// <summary>An fcontext rule's context without the " (policy)" mark <see cref="Probe"/> adds to the policy's own rules.</summary>
    public static string StripPolicyMark(string detail) =>
        detail.EndsWith(" (policy)", StringComparison.Ordinal) ? detail.Substring(0, detail.Length - " (policy)".Length) : detail;

    /// <summary>
    /// The semanage fcontext options that give a rule exactly this context: "-t '&lt;&lt;none&gt;&gt;'" for &lt;&lt;none&gt;&gt;,
    /// otherwise -s user -t type and -r range when the context has one (semanage sets the role to object_r itself).
    /// </summary>
    public static IReadOnlyList<string> FileContextOptions(string context)
    {
        context = StripPolicyMark(context);
        if (context == NoneContext)
        {
            return new[] { "-t", NoneContext };
        }

        var parts = context.Split(':', 4);
        if (parts.Length < 3)
        {
            throw new FormatException($"'{context}' is not a file context (user:role:type[:range]).");
        }

        var options = new List<string> { "-s", parts[0], "-t", parts[2] };
        if (parts.Length == 4)
        {
            options.AddRange(new[] { "-r", parts[3] });
        }

        return options;
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

/// <summary>
/// Policy packages (.pp): the module name in the package header, the package an installed module was installed from
/// (the store keeps it bzip2-compressed as active/modules/&lt;priority&gt;/&lt;name&gt;/hll), and reinstalling one.
/// </summary>
public static class ModulePackage
{
    /// <summary>The priority semodule -i installs at, as the store's directory names it.</summary>
    public const string InstallPriority = "400";

    // libsepol: SEPOL_MODULE_PACKAGE_MAGIC, POLICYDB_MOD_MAGIC and SEPOL_POLICY_MOD.
    private const uint PackageMagic = 0xf97cff8f;
    private const uint ModuleMagic = 0xf97cff8d;
    private const uint PolicyModule = 2;

    /// <summary>
    /// The module name a package declares (its "module NAME 1.0;" line, stored in the first section after the
    /// policydb header); null when the bytes are not a module package (a base package, CIL text, garbage).
    /// </summary>
    public static string? ReadName(ReadOnlySpan<byte> package)
    {
        try
        {
            if (U32(package, 0) != PackageMagic || U32(package, 8) == 0)
            {
                return null;
            }

            var at = (int)U32(package, 12);
            if (U32(package, at) != ModuleMagic)
            {
                return null;
            }

            var idLength = (int)U32(package, at + 4);
            at += 8 + idLength;
            if (U32(package, at) != PolicyModule)
            {
                return null;
            }

            // policy type, then version, config, symbol count, ocontext count; then the name.
            at += 4 + 16;
            var nameLength = (int)U32(package, at);
            if (nameLength <= 0 || nameLength > 256)
            {
                return null;
            }

            return Encoding.ASCII.GetString(package.Slice(at + 4, nameLength));
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The package bytes, decompressed when they are bzip2 (semodule accepts both).</summary>
    public static byte[] Expand(INativeRunner runner, byte[] bytes, System.Threading.CancellationToken cancel = default)
    {
        if (bytes.Length < 3 || bytes[0] != (byte)'B' || bytes[1] != (byte)'Z' || bytes[2] != (byte)'h')
        {
            return bytes;
        }

        var dir = System.IO.Directory.CreateTempSubdirectory("gb-selinux-pkg-").FullName;
        try
        {
            var file = System.IO.Path.Combine(dir, "package.bz2");
            System.IO.File.WriteAllBytes(file, bytes);
            runner.Run(new NativeCommand("bzip2", new[] { "-d", "-f", file }), cancel);
            return System.IO.File.ReadAllBytes(System.IO.Path.Combine(dir, "package"));
        }
        finally
        {
            System.IO.Directory.Delete(dir, true);
        }
    }

    /// <summary>The package an installed module came from (decompressed hll), or null when the store has none.</summary>
    public static byte[]? ReadInstalled(HostRoot host, INativeRunner runner, string policyName, string name, string priority, System.Threading.CancellationToken cancel = default)
    {
        var hll = SeLinuxFiles.TryReadAllBytes(host, SeLinuxDomains.ModuleStore(policyName) + "/" + priority + "/" + name + "/hll");
        return hll is null ? null : Expand(runner, hll, cancel);
    }

    /// <summary>Installs a package again (semodule -X priority -i) from bytes, e.g. the old module kept by the journal.</summary>
    public static void Reinstall(ChangeContext context, string name, byte[] package, string priority)
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("gb-selinux-pkg-").FullName;
        try
        {
            // A .pp names its module inside; a CIL module is named by its file.
            var file = System.IO.Path.Combine(dir, name + (ReadName(package) is null && package.Length > 0 && package[0] == (byte)'(' ? ".cil" : ".pp"));
            System.IO.File.WriteAllBytes(file, package);
            context.Runner.Run(new NativeCommand("semodule", new[] { "-X", priority, "-i", file }) { Timeout = TimeSpan.FromMinutes(10) }, context.Cancel);
        }
        finally
        {
            System.IO.Directory.Delete(dir, true);
        }
    }

    private static uint U32(ReadOnlySpan<byte> bytes, int offset) =>
        offset < 0 || offset + 4 > bytes.Length ? throw new ArgumentOutOfRangeException(nameof(offset)) : System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(offset, 4));
}
