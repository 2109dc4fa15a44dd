using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using GoBaseline.Core.Host;
using GoBaseline.Core.Journal;

namespace GoBaseline.Core.Fips;

/// <summary>
/// A file write, or deletion, that only takes effect at the next boot (kernel command line, initramfs configuration).
/// A deletion is journaled under the same kind with data "delete" = "true".
/// </summary>
public sealed class RebootBoundFileWrite : Change
{
    /// <summary>The kind name in the journal.</summary>
    public const string KindName = "fips.boot-file";

    private readonly Change _inner;

    /// <summary>Creates the change.</summary>
    public RebootBoundFileWrite(string path, byte[] content, string summary)
        : this(new FileWriteChange(path, content, summary: summary))
    {
    }

    internal RebootBoundFileWrite(FileWriteChange inner)
        : base(KindName, inner.Target, new Dictionary<string, string?>(inner.Data))
    {
        _inner = inner.Data.GetValueOrDefault("delete") == "true" ? new FileDeleteChange(inner.Target, new Dictionary<string, string?>(inner.Data)) : inner;
    }

    private RebootBoundFileWrite(FileDeleteChange inner)
        : base(KindName, inner.Target, new Dictionary<string, string?> { ["delete"] = "true" })
    {
        _inner = inner;
    }

    /// <summary>A deletion that takes effect at the next boot (e.g. the dracut fips module's configuration).</summary>
    public static RebootBoundFileWrite Delete(string path) => new(new FileDeleteChange(path));

    /// <inheritdoc/>
    public override string Description => _inner.Description + " (takes effect at the next boot)";

    /// <inheritdoc/>
    public override Reversibility Reversibility => Reversibility.RebootBound;

    /// <inheritdoc/>
    public override Snapshot Capture(ChangeContext context) => _inner.Capture(context);

    /// <inheritdoc/>
    public override void Apply(ChangeContext context)
    {
        if (_inner is FileWriteChange write)
        {
            write.Persist(context.Blobs);
        }

        _inner.Apply(context);
    }

    /// <inheritdoc/>
    public override bool Verify(ChangeContext context, Snapshot current, out string? why) => _inner.Verify(context, current, out why);

    /// <inheritdoc/>
    public override void Revert(ChangeContext context, Snapshot before) => _inner.Revert(context, before);

    /// <inheritdoc/>
    public override string UndoDescription(Snapshot before) => _inner.UndoDescription(before) + " (takes effect at the next boot)";

    /// <inheritdoc/>
    public override string? PlannedDiff(ChangeContext context) => _inner.PlannedDiff(context);
}

/// <summary>The steps of Enable-FipsMode or Disable-FipsMode for one host, not yet applied.</summary>
/// <param name="Changes">The changes, in order.</param>
/// <param name="Warnings">What the cmdlet must tell the admin (steps it cannot take here, reboot).</param>
/// <param name="Refusal">Why the platform says this must not be done, or null.</param>
public sealed record FipsPlan(IReadOnlyList<Change> Changes, IReadOnlyList<string> Warnings, string? Refusal);

/// <summary>
/// The programs Enable-FipsMode runs as journaled command pairs on the live host, each null when not installed (then
/// only the files are written and a warning says what to run). Under -Root both are null.
/// </summary>
/// <param name="UpdateCryptoPolicies">update-crypto-policies, which applies the policy (back-ends, state/current).</param>
/// <param name="Dracut">dracut, which rebuilds the initramfs with or without the fips module.</param>
public sealed record FipsTools(string? UpdateCryptoPolicies, string? Dracut)
{
    /// <summary>What is installed on the live host; none under another root.</summary>
    public static FipsTools Find(HostRoot host, INativeRunner runner) =>
        host.IsLive ? new FipsTools(runner.Which("update-crypto-policies"), runner.Which("dracut")) : new FipsTools(null, null);
}

/// <summary>
/// Builds the configuration steps of fips-mode-setup --enable / --disable (anchors §10) as journaled changes:
/// fips=1 in every boot entry, the GRUB defaults and /etc/kernel/cmdline; the dracut fips module; the FIPS crypto
/// policy; the OpenSSL FIPS provider where the distribution does not load it by itself; and GODEBUG=fips140=on for
/// named Go services through systemd drop-ins.
/// </summary>
public static class FipsRemediation
{
    /// <summary>The drop-in file each named service gets.</summary>
    public const string DropInName = "50-gobaseline-fips.conf";

    private const string OpenSslMarker = "# gobaseline: FIPS provider";

    /// <summary>The drop-in path of a service.</summary>
    public static string DropInPath(string service) => $"/etc/systemd/system/{Systemd.SystemdUnit.NormalizeName(service)}.d/{DropInName}";

    /// <summary>The drop-in content.</summary>
    public static byte[] DropInContent => Encoding.UTF8.GetBytes("# Written by GoBaseline Enable-FipsMode: Go 1.24+ runs its Go Cryptographic Module in FIPS mode.\n[Service]\nEnvironment=GODEBUG=fips140=on\n");

    /// <summary>Plans enabling (or disabling) FIPS mode.</summary>
    /// <param name="host">The host root.</param>
    /// <param name="enable">Enable (true) or disable.</param>
    /// <param name="services">Go services that get (or lose) the GODEBUG drop-in.</param>
    /// <param name="includeHost">False: only the services' drop-ins.</param>
    /// <param name="tools">Programs to run as journaled command pairs (live host only); null: none.</param>
    public static FipsPlan Plan(HostRoot host, bool enable, IReadOnlyList<string> services, bool includeHost = true, FipsTools? tools = null)
    {
        var changes = new List<Change>();
        var warnings = new List<string>();
        string? refusal = null;
        tools ??= new FipsTools(null, null);
        if (includeHost)
        {
            refusal = enable ? Refusal(host) : null;
            BootChanges(host, enable, changes, warnings);
            DracutChanges(host, enable, changes, warnings, tools);
            PolicyChanges(host, enable, changes, warnings, tools);
            OpenSslChanges(host, enable, changes, warnings);
            if (changes.Count > 0)
            {
                warnings.Add(enable ? "Reboot for FIPS mode to take effect." : "Reboot for the change to take effect.");
            }
        }

        foreach (var s in services)
        {
            var path = DropInPath(s);
            if (enable)
            {
                var dir = path.Substring(0, path.LastIndexOf('/'));
                if (!host.DirectoryExists(dir))
                {
                    changes.Add(new DirectoryCreateChange(dir));
                }

                changes.Add(new FileWriteChange(path, DropInContent, summary: "Environment=GODEBUG=fips140=on"));
            }
            else if (host.FileExists(path))
            {
                changes.Add(new FileDeleteChange(path));
            }
        }

        if (services.Count > 0 && enable)
        {
            warnings.Add("Restart the services (systemctl daemon-reload; systemctl restart " + string.Join(' ', services.Select(Systemd.SystemdUnit.NormalizeName)) + ") for GODEBUG to reach them; only Go 1.24 and later read fips140.");
        }

        return new FipsPlan(changes, warnings, refusal);
    }

    /// <summary>Why enabling after installation is refused on this platform, or null.</summary>
    public static string? Refusal(HostRoot host)
    {
        var osRelease = host.TryReadAllText("/etc/os-release") ?? string.Empty;
        var id = Field(osRelease, "ID");
        var version = Field(osRelease, "VERSION_ID");
        if (id is "rhel" or "centos" or "almalinux" or "rocky" && version is not null && int.TryParse(version.Split('.')[0], out var major) && major >= 10)
        {
            return $"{id} {version} does not support enabling FIPS mode after installation (fips-mode-setup was removed in RHEL 10): reinstall with fips=1 on the installer's kernel command line.";
        }

        if (host.FileExists("/run/ostree-booted"))
        {
            return "This is an OSTree (image mode) system: set fips=1 through kargs.d in the image instead of editing the boot configuration.";
        }

        if (host.ListDirectory("/sys/firmware/efi/efivars", "StubInfo-*").Count > 0)
        {
            return "The system boots a unified kernel image (UKI): its command line is built into the image; fips=1 must be added when the image is built.";
        }

        return null;
    }

    /// <summary>
    /// The boot= kernel argument fips-mode-setup adds when /boot is a separate file system (the dracut fips module
    /// verifies the kernel's HMAC there): boot=UUID=&lt;uuid&gt; from /etc/fstab, or null when /boot is not separate.
    /// </summary>
    public static string? BootArgument(HostRoot host, List<string>? warnings = null)
    {
        var fstab = host.TryReadAllText("/etc/fstab");
        if (fstab is null)
        {
            return null;
        }

        foreach (var raw in fstab.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || fields[1] != "/boot")
            {
                continue;
            }

            var source = fields[0];
            if (source.StartsWith("UUID=", StringComparison.Ordinal))
            {
                return "boot=" + source;
            }

            if (source.StartsWith("/dev/disk/by-uuid/", StringComparison.Ordinal))
            {
                return "boot=UUID=" + source.Substring("/dev/disk/by-uuid/".Length);
            }

            warnings?.Add($"/boot is a separate file system ({source} in /etc/fstab) but not named by UUID: add boot=UUID=<its uuid> (blkid {source}) to the kernel arguments by hand, or the FIPS initramfs cannot check the kernel.");
            return null;
        }

        return null;
    }

    private static void BootChanges(HostRoot host, bool enable, List<Change> changes, List<string> warnings)
    {
        var found = false;
        var bootArg = enable ? BootArgument(host, warnings) : null;
        foreach (var entry in host.ListDirectory("/boot/loader/entries", "*.conf"))
        {
            found = true;
            var text = host.TryReadAllText(entry);
            if (text is null)
            {
                continue;
            }

            var updated = EditLines(text, l => l.StartsWith("options", StringComparison.Ordinal), l => SetArg(l, enable, bootArg));
            if (updated != text)
            {
                changes.Add(new RebootBoundFileWrite(entry, Encoding.UTF8.GetBytes(updated), enable ? "options … fips=1" + (bootArg is null ? string.Empty : " " + bootArg) : "options without fips=1"));
            }
        }

        var grub = host.TryReadAllText("/etc/default/grub");
        if (grub is not null)
        {
            found = true;
            var updated = EditLines(grub, l => l.StartsWith("GRUB_CMDLINE_LINUX=", StringComparison.Ordinal), l => SetArgQuoted(l, enable, bootArg));
            if (updated == grub && enable && !grub.Contains("GRUB_CMDLINE_LINUX=", StringComparison.Ordinal))
            {
                updated = grub + (grub.EndsWith('\n') ? string.Empty : "\n") + "GRUB_CMDLINE_LINUX=\"fips=1" + (bootArg is null ? string.Empty : " " + bootArg) + "\"\n";
            }

            if (updated != grub)
            {
                changes.Add(new RebootBoundFileWrite("/etc/default/grub", Encoding.UTF8.GetBytes(updated), enable ? "GRUB_CMDLINE_LINUX=\"… fips=1" + (bootArg is null ? string.Empty : " " + bootArg) + "\"" : "GRUB_CMDLINE_LINUX without fips=1"));
                warnings.Add("/etc/default/grub changed: regenerate the GRUB configuration (update-grub or grub2-mkconfig) unless BLS entries are used.");
            }
        }

        var kernelCmdline = host.TryReadAllText("/etc/kernel/cmdline");
        if (kernelCmdline is not null)
        {
            found = true;
            var updated = SetArg(kernelCmdline.TrimEnd('\n'), enable, bootArg) + "\n";
            if (updated != kernelCmdline)
            {
                changes.Add(new RebootBoundFileWrite("/etc/kernel/cmdline", Encoding.UTF8.GetBytes(updated), enable ? "… fips=1" : "without fips=1"));
            }
        }

        if (!found && enable)
        {
            warnings.Add("No boot configuration found (/boot/loader/entries, /etc/default/grub, /etc/kernel/cmdline): add fips=1 to the kernel command line by hand.");
        }
    }

    private static void DracutChanges(HostRoot host, bool enable, List<Change> changes, List<string> warnings, FipsTools tools)
    {
        const string path = "/etc/dracut.conf.d/40-fips.conf";
        var dracut = host.DirectoryExists("/etc/dracut.conf.d") || host.FileExists("/etc/dracut.conf");
        if (!dracut)
        {
            return;
        }

        var before = changes.Count;
        if (enable)
        {
            changes.Add(new RebootBoundFileWrite(path, Encoding.UTF8.GetBytes("add_dracutmodules+=\" fips \"\n"), "add_dracutmodules+=\" fips \""));
        }
        else if (host.FileExists(path))
        {
            // Without the module the next initramfs skips the FIPS self-checks: that too happens only at the next boot.
            changes.Add(RebootBoundFileWrite.Delete(path));
        }

        if (changes.Count == before)
        {
            return;
        }

        if (tools.Dracut is { } program)
        {
            // fips-finish-install: dracut -f --regenerate-all. The module is named explicitly both ways, so the undo
            // (which runs before the configuration file is restored, newest first) builds the initramfs it restores.
            NativeCommand Regenerate(bool add) => new(program, new[] { "-f", "--regenerate-all", add ? "--add" : "--omit", "fips" }, "dracut", TimeSpan.FromMinutes(15));
            changes.Add(new NativeCommandChange("initramfs", Regenerate(enable), Regenerate(!enable), reversibility: Reversibility.RebootBound));
        }
        else
        {
            warnings.Add(host.IsLive
                ? $"dracut is not installed here: the initramfs was not regenerated; run dracut -f --regenerate-all before rebooting."
                : $"Under -Root the initramfs is not regenerated: run dracut -f --regenerate-all inside the image (chroot) before it boots.");
        }
    }

    private static void PolicyChanges(HostRoot host, bool enable, List<Change> changes, List<string> warnings, FipsTools tools)
    {
        const string path = "/etc/crypto-policies/config";
        var text = host.TryReadAllText(path);
        if (text is null)
        {
            return;
        }

        var lines = text.Split('\n');
        var index = Array.FindIndex(lines, l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'));
        var current = index < 0 ? string.Empty : lines[index].Trim();
        var isFips = current == "FIPS" || current.StartsWith("FIPS:", StringComparison.Ordinal);
        if (enable == isFips)
        {
            return;
        }

        var target = enable ? "FIPS" : "DEFAULT";
        if (tools.UpdateCryptoPolicies is { } program)
        {
            // What fips-mode-setup runs: the tool writes the config, the back-ends and state/current together. Undo sets
            // the policy in effect before (state/current, else the configured one), sub-policies included.
            var previous = host.TryReadAllText("/etc/crypto-policies/state/current")?.Trim() is { Length: > 0 } applied ? applied : current.Length > 0 ? current : "DEFAULT";
            NativeCommand Set(string policy) => new(program, new[] { "--no-reload", "--set", policy }, "crypto-policies-scripts", TimeSpan.FromMinutes(5));
            changes.Add(new NativeCommandChange("crypto-policies", Set(target), Set(previous), new NativeCommand(program, new[] { "--show" }, "crypto-policies-scripts", TimeSpan.FromSeconds(30))));
            return;
        }

        if (index < 0)
        {
            text = text + (text.EndsWith('\n') || text.Length == 0 ? string.Empty : "\n") + target + "\n";
        }
        else
        {
            lines[index] = target;
            text = string.Join('\n', lines);
        }

        changes.Add(new FileWriteChange(path, Encoding.UTF8.GetBytes(text), summary: target));
        warnings.Add(host.IsLive
            ? $"update-crypto-policies is not installed here: only {path} was written; run update-crypto-policies --set {target} to apply it to the back-ends."
            : $"Under -Root only {path} was written: run update-crypto-policies --set {target} inside the image (with --no-reload in a chroot) to regenerate the back-ends and state/current.");
    }

    private static void OpenSslChanges(HostRoot host, bool enable, List<Change> changes, List<string> warnings)
    {
        // Red Hat's OpenSSL loads the FIPS provider by itself in kernel FIPS mode; its openssl.cnf stays as shipped.
        if (host.FileExists("/etc/redhat-release"))
        {
            return;
        }

        var path = new[] { "/etc/ssl/openssl.cnf", "/usr/lib/ssl/openssl.cnf", "/usr/local/ssl/openssl.cnf" }.FirstOrDefault(host.FileExists);
        if (path is null)
        {
            return;
        }

        var text = host.ReadAllText(path);
        if (!enable)
        {
            if (text.Contains(OpenSslMarker, StringComparison.Ordinal))
            {
                var kept = string.Join('\n', text.Split('\n').Where(l => !l.EndsWith(OpenSslMarker, StringComparison.Ordinal)));
                changes.Add(new FileWriteChange(path, Encoding.UTF8.GetBytes(kept), summary: "remove the lines marked '" + OpenSslMarker + "'"));
            }

            return;
        }

        if (text.Contains(OpenSslMarker, StringComparison.Ordinal))
        {
            return;
        }

        var module = new[] { "/usr/lib/x86_64-linux-gnu/ossl-modules/fips.so", "/usr/lib/aarch64-linux-gnu/ossl-modules/fips.so", "/usr/lib64/ossl-modules/fips.so", "/usr/local/lib64/ossl-modules/fips.so" }.FirstOrDefault(host.FileExists);
        var fipsModuleConfig = new[] { "/usr/lib/ssl/fipsmodule.cnf", "/etc/ssl/fipsmodule.cnf", "/usr/local/ssl/fipsmodule.cnf" }.FirstOrDefault(host.FileExists);
        if (module is null || fipsModuleConfig is null)
        {
            warnings.Add($"OpenSSL: no FIPS provider is installed ({(module is null ? "no fips.so" : "no fipsmodule.cnf; run openssl fipsinstall")}); the OpenSSL step was skipped, so OpenSSL will not be in FIPS mode.");
            return;
        }

        // Every line written is marked, so Disable-FipsMode can remove exactly these lines. The include goes last:
        // the included fipsmodule.cnf opens [fips_sect], which must not swallow lines of the main file.
        string M(string line) => line + " " + OpenSslMarker;
        var lines = text.TrimEnd('\n').Split('\n').ToList();
        var provider = lines.FindIndex(l => l.Trim() == "[provider_sect]");
        if (provider >= 0)
        {
            lines.Insert(provider + 1, M("fips = fips_sect"));
            lines.Add(M(".include " + fipsModuleConfig));
            changes.Add(new FileWriteChange(path, Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"), summary: $"fips = fips_sect under [provider_sect]; .include {fipsModuleConfig}"));
            return;
        }

        // Debian's openssl.cnf ships the provider sections commented out: activate default and fips explicitly and
        // make fips=yes the default property, under the [openssl_init] section openssl_conf names.
        var init = lines.FindIndex(l => l.Trim() == "[openssl_init]");
        if (init < 0 || !lines.Any(l => l.TrimStart().StartsWith("openssl_conf", StringComparison.Ordinal)))
        {
            warnings.Add($"OpenSSL: {path} has neither [provider_sect] nor an [openssl_init] section named by openssl_conf; the OpenSSL step was skipped.");
            return;
        }

        lines.Insert(init + 1, M("providers = provider_sect"));
        lines.Insert(init + 2, M("alg_section = evp_properties"));
        lines.AddRange(new[]
        {
            M("[provider_sect]"),
            M("default = default_sect"),
            M("fips = fips_sect"),
            M("[default_sect]"),
            M("activate = 1"),
            M("[evp_properties]"),
            M("default_properties = fips=yes"),
            M(".include " + fipsModuleConfig),
        });
        changes.Add(new FileWriteChange(path, Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"), summary: $"providers default and fips, default_properties = fips=yes, .include {fipsModuleConfig}"));
    }

    private static string EditLines(string text, Func<string, bool> match, Func<string, string> edit)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (match(lines[i].TrimStart()))
            {
                lines[i] = edit(lines[i]);
            }
        }

        return string.Join('\n', lines);
    }

    private static string SetArg(string line, bool enable, string? bootArg = null)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var needBoot = enable && bootArg is not null && !words.Any(w => w.StartsWith("boot=", StringComparison.Ordinal));
        if (enable && !needBoot && words.Count(w => w.StartsWith("fips=", StringComparison.Ordinal)) == 1 && words.Contains("fips=1"))
        {
            return line;
        }

        var had = words.RemoveAll(w => w.StartsWith("fips=", StringComparison.Ordinal)) > 0;
        if (enable)
        {
            words.Add("fips=1");
            if (needBoot)
            {
                words.Add(bootArg!);
            }
        }

        var result = string.Join(' ', words);
        return !enable && !had ? line : result;
    }

    private static string SetArgQuoted(string line, bool enable, string? bootArg = null)
    {
        var m = Regex.Match(line, "^(\\s*GRUB_CMDLINE_LINUX=)([\"']?)(.*?)([\"']?)\\s*$", RegexOptions.CultureInvariant);
        if (!m.Success)
        {
            return line;
        }

        var words = m.Groups[3].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var needBoot = enable && bootArg is not null && !words.Any(w => w.StartsWith("boot=", StringComparison.Ordinal));
        if (enable && !needBoot && words.Count(w => w.StartsWith("fips=", StringComparison.Ordinal)) == 1 && words.Contains("fips=1"))
        {
            return line;
        }

        var had = words.RemoveAll(w => w.StartsWith("fips=", StringComparison.Ordinal)) > 0;
        if (!enable && !had)
        {
            return line;
        }

        if (enable)
        {
            words.Add("fips=1");
            if (needBoot)
            {
                words.Add(bootArg!);
            }
        }

        var quote = m.Groups[2].Value.Length > 0 ? m.Groups[2].Value : "\"";
        return m.Groups[1].Value + quote + string.Join(' ', words) + quote;
    }

    private static string? Field(string osRelease, string name)
    {
        foreach (var line in osRelease.Split('\n'))
        {
            if (line.StartsWith(name + "=", StringComparison.Ordinal))
            {
                return line.Substring(name.Length + 1).Trim().Trim('"', '\'');
            }
        }

        return null;
    }
}
