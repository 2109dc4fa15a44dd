using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using GoBaseline.Core.GoBinary;
using GoBaseline.Core.GoEnv;
using GoBaseline.Core.Host;

namespace GoBaseline.Core.Fips;

/// <summary>What Test-FipsMode looks at besides the host files.</summary>
public sealed record FipsProbeOptions
{
    /// <summary>Go binaries (paths inside the root) whose FIPS mode is part of the verdict.</summary>
    public IReadOnlyList<string> GoBinaryPaths { get; init; } = Array.Empty<string>();

    /// <summary>True when the baseline allows cgo; by default it requires CGO_ENABLED=0.</summary>
    public bool AllowCgo { get; init; }

    /// <summary>Run <c>openssl list -providers</c> on the live host (ignored under another root).</summary>
    public bool RunOpenSsl { get; init; } = true;

    /// <summary>Judge the running Go processes with their real environment (live host only).</summary>
    public bool RunningProcesses { get; init; } = true;
}

/// <summary>
/// Gathers every FIPS 140 signal of a host (anchors §7.3, §10): the kernel flag, fips=1 on the command line and in
/// the boot configuration (GRUB defaults, BLS entries, grubenv, /etc/kernel/cmdline), the dracut fips module,
/// crypto-policies (config and state/current), /etc/system-fips, OpenSSL 3 (openssl.cnf activation, fipsmodule.cnf,
/// the fips.so module, and on the live host the active providers), and Go (FIPS switches in the system environment
/// and systemd units, and the binaries named), then decides Enabled, Disabled, Inconsistent or NotSupported and names
/// each contradiction.
/// </summary>
public sealed class FipsProbe
{
    private static readonly string[] OpenSslConfigs = { "/etc/pki/tls/openssl.cnf", "/etc/ssl/openssl.cnf", "/usr/lib/ssl/openssl.cnf", "/usr/local/ssl/openssl.cnf" };
    private static readonly string[] ModuleDirs = { "/usr/lib64/ossl-modules", "/usr/lib/x86_64-linux-gnu/ossl-modules", "/usr/lib/aarch64-linux-gnu/ossl-modules", "/usr/lib/ossl-modules", "/usr/local/lib64/ossl-modules", "/usr/local/lib/ossl-modules" };
    private static readonly string[] FipsModuleConfigs = { "/etc/pki/tls/fipsmodule.cnf", "/usr/lib/ssl/fipsmodule.cnf", "/etc/ssl/fipsmodule.cnf", "/usr/local/ssl/fipsmodule.cnf" };
    private static readonly string[] GoSwitches = { "GODEBUG", "GOLANG_FIPS", "GOFIPS", "GOFIPS140" };

    private readonly HostRoot _host;
    private readonly INativeRunner _runner;
    private readonly System.Threading.CancellationToken _cancel;

    /// <summary>Creates a probe; <paramref name="cancel"/> stops (and kills) the programs it runs (lsinitrd, openssl).</summary>
    public FipsProbe(HostRoot host, INativeRunner runner, System.Threading.CancellationToken cancel = default)
    {
        _host = host;
        _runner = runner;
        _cancel = cancel;
    }

    /// <summary>Reads every signal and decides.</summary>
    public FipsStatus Probe(FipsProbeOptions options)
    {
        var signals = new List<FipsSignal>();
        var contradictions = new List<string>();
        var notes = new List<string>();
        var redHatLike = IsRedHatLike();

        var kernel = Kernel();
        signals.Add(kernel);
        var cmdline = CommandLine();
        signals.Add(cmdline);
        var boot = BootConfig(notes);
        signals.Add(boot);
        var dracut = Dracut(redHatLike);
        signals.Add(dracut);
        var policy = CryptoPolicy();
        signals.Add(policy);
        var systemFips = _host.FileExists("/etc/system-fips")
            ? new FipsSignal("SystemFips", FipsSignalState.On, "present", "/etc/system-fips", "Marker file of older RHEL releases (SSG etc_system_fips_exists); RHEL 9 no longer creates it.")
            : new FipsSignal("SystemFips", FipsSignalState.Absent, "absent", "/etc/system-fips", "Only RHEL 7 and 8 create this marker; its absence alone means nothing.");
        signals.Add(systemFips);
        var openSsl = OpenSsl(options, kernel.State == FipsSignalState.On && redHatLike, notes);
        signals.Add(openSsl);
        var goEnv = GoEnvironment(out var environment, out var services, out var envEvidence, notes, contradictions);
        signals.Add(goEnv);
        var (goBinaries, binaryInfos) = GoBinaries(options, environment, services, notes, contradictions);
        signals.Add(goBinaries);

        var kernelOn = kernel.State == FipsSignalState.On;
        var kernelOff = kernel.State == FipsSignalState.Off;

        // Contradictions between host signals (fips-mode-setup's "Inconsistent state detected", spelled out).
        if (kernelOn && cmdline.State == FipsSignalState.Off)
        {
            contradictions.Add($"The kernel is in FIPS mode but the running command line ({cmdline.Evidence}) has no fips=1.");
        }

        if (kernelOn && boot.State is FipsSignalState.Off or FipsSignalState.Partial)
        {
            contradictions.Add($"The kernel is in FIPS mode but the boot configuration does not pass fips=1 to every kernel ({boot.Value}; {boot.Evidence}): FIPS mode will not survive the next reboot or kernel update.");
        }

        if (kernelOff && boot.State is FipsSignalState.On or FipsSignalState.Partial)
        {
            contradictions.Add($"The boot configuration sets fips=1 ({boot.Evidence}) but the kernel is not in FIPS mode: a reboot is pending, or the kernel ignored it.");
        }

        if (kernelOff && cmdline.State == FipsSignalState.On)
        {
            contradictions.Add("fips=1 is on the running kernel command line but /proc/sys/crypto/fips_enabled is 0.");
        }

        if (kernelOn && dracut.State == FipsSignalState.Partial)
        {
            notes.Add("Dracut: " + dracut.Detail);
        }

        if (kernelOn && redHatLike && dracut.State is not (FipsSignalState.On or FipsSignalState.Partial))
        {
            contradictions.Add(dracut.Value == "configured, not in the initramfs"
                ? $"The kernel is in FIPS mode but the initramfs lacks the dracut fips module ({dracut.Evidence}): it was not rebuilt (dracut -f --regenerate-all) after the module was configured."
                : "The kernel is in FIPS mode but the dracut fips module is not configured (/etc/dracut.conf.d add_dracutmodules+=\" fips \"): the initramfs does not run the FIPS self-checks.");
        }

        if (kernelOn && policy.State is FipsSignalState.Off or FipsSignalState.Partial)
        {
            contradictions.Add($"The kernel is in FIPS mode but the crypto policy in effect is {policy.Value} ({policy.Evidence}), not FIPS" + (policy.State == FipsSignalState.Partial ? " (FIPS is configured but update-crypto-policies was not run)." : "."));
        }

        if (kernelOff && policy.State == FipsSignalState.On)
        {
            contradictions.Add($"The crypto policy is {policy.Value} ({policy.Evidence}) but the kernel is not in FIPS mode.");
        }

        if (kernelOn && openSsl.State is FipsSignalState.Off or FipsSignalState.Partial or FipsSignalState.Absent)
        {
            contradictions.Add($"The kernel is in FIPS mode but OpenSSL lacks an active FIPS provider ({openSsl.Value}; {openSsl.Evidence}).");
        }

        if (kernelOff && openSsl.State == FipsSignalState.On)
        {
            contradictions.Add($"OpenSSL activates its FIPS provider ({openSsl.Evidence}) but the kernel is not in FIPS mode.");
        }

        if (kernelOff && goEnv.State == FipsSignalState.On)
        {
            notes.Add($"Go services are switched to FIPS mode ({envEvidence}) while the kernel is not; Go's module runs its self-tests either way, but the host is not a FIPS host.");
        }

        // Go: the baseline's CGO_ENABLED=0 against cgo-only FIPS backends, and binaries that ignore kernel FIPS.
        foreach (var b in binaryInfos.DistinctBy(b => b.Path))
        {
            if (!options.AllowCgo && b.CryptoMode is GoCryptoMode.BoringCrypto or GoCryptoMode.OpenSsl)
            {
                contradictions.Add($"{b.Path} uses the {b.CryptoMode} backend, which needs cgo, but the baseline requires CGO_ENABLED=0: the two cannot both hold (Go 1.24+ with GOFIPS140 satisfies both).");
            }

            if (kernelOn && b.CryptoMode == GoCryptoMode.OpenSsl && b.GoExperiment is { } x && x.Contains("systemcrypto", StringComparison.Ordinal) && openSsl.State != FipsSignalState.On)
            {
                contradictions.Add($"{b.Path} is Microsoft Go with the OpenSSL backend on a kernel-FIPS host without an OpenSSL FIPS provider: it panics at start (\"FIPS mode requested (system FIPS mode) but not available in OpenSSL\").");
            }
        }

        if (kernelOn && goBinaries.State is FipsSignalState.Off or FipsSignalState.Partial)
        {
            contradictions.Add($"The kernel is in FIPS mode but Go binaries do not run in FIPS mode ({goBinaries.Value}): Go's native crypto does not follow the kernel flag; it reads GODEBUG=fips140=on (Go 1.24+), or must be built with GOFIPS140.");
        }

        FipsVerdict verdict;
        if (kernel.State == FipsSignalState.Absent)
        {
            verdict = FipsVerdict.NotSupported;
            if (boot.State == FipsSignalState.On || policy.State == FipsSignalState.On || openSsl.State == FipsSignalState.On)
            {
                notes.Add("FIPS is configured (" + string.Join(", ", new[] { boot, policy, openSsl }.Where(s => s.State == FipsSignalState.On).Select(s => s.Name)) + ") but this kernel has no FIPS support (/proc/sys/crypto/fips_enabled is missing).");
            }

            notes.AddRange(contradictions);
            contradictions.Clear();
        }
        else if (kernel.State == FipsSignalState.Unknown)
        {
            verdict = FipsVerdict.Inconsistent;
            contradictions.Insert(0, $"The kernel flag could not be read ({kernel.Detail}).");
        }
        else if (contradictions.Count > 0)
        {
            verdict = FipsVerdict.Inconsistent;
        }
        else
        {
            verdict = kernelOn ? FipsVerdict.Enabled : FipsVerdict.Disabled;
        }

        return new FipsStatus(_host.Root, verdict, signals, contradictions, notes);
    }

    private FipsSignal Kernel()
    {
        const string path = "/proc/sys/crypto/fips_enabled";
        string? text;
        try
        {
            text = _host.TryReadAllText(path);
        }
        catch (GoBaselineException ex)
        {
            return new FipsSignal("Kernel", FipsSignalState.Unknown, "unreadable", path, ex.Message);
        }

        if (text is null)
        {
            return new FipsSignal("Kernel", FipsSignalState.Absent, "no FIPS support", path, "The kernel was built without CONFIG_CRYPTO_FIPS (or /proc is not mounted under the root).");
        }

        var value = text.Trim();
        return value switch
        {
            "1" => new FipsSignal("Kernel", FipsSignalState.On, value, path, "The kernel runs in FIPS mode."),
            "0" => new FipsSignal("Kernel", FipsSignalState.Off, value, path, "The kernel does not run in FIPS mode."),
            _ => new FipsSignal("Kernel", FipsSignalState.Unknown, value, path, "Unexpected content."),
        };
    }

    private FipsSignal CommandLine()
    {
        const string path = "/proc/cmdline";
        var text = _host.TryReadAllText(path);
        if (text is null)
        {
            return new FipsSignal("CommandLine", FipsSignalState.Unknown, "not readable", path);
        }

        var fips = KernelArg(text, "fips");
        var bootArg = KernelArg(text, "boot");
        return fips switch
        {
            "1" => new FipsSignal("CommandLine", FipsSignalState.On, "fips=1" + (bootArg is null ? string.Empty : " boot=" + bootArg), path),
            null => new FipsSignal("CommandLine", FipsSignalState.Off, "no fips=", path),
            _ => new FipsSignal("CommandLine", FipsSignalState.Off, "fips=" + fips, path),
        };
    }

    private FipsSignal BootConfig(List<string> notes)
    {
        var sources = new List<(string Evidence, string? Value)>();

        // BLS entries (RHEL 8+, Fedora): every entry's options, with $kernelopts from grubenv (RHEL 8).
        string? kernelopts = null;
        foreach (var env in new[] { "/boot/grub2/grubenv", "/boot/efi/EFI/redhat/grubenv", "/boot/grub/grubenv" })
        {
            var text = _host.TryReadAllText(env);
            if (text is null)
            {
                continue;
            }

            foreach (var (line, n) in Lines(text))
            {
                if (line.StartsWith("kernelopts=", StringComparison.Ordinal))
                {
                    kernelopts = line.Substring(11);
                    sources.Add(($"{env}:{n}", KernelArg(kernelopts, "fips")));
                }
            }
        }

        foreach (var entry in _host.ListDirectory("/boot/loader/entries", "*.conf"))
        {
            var text = _host.TryReadAllText(entry);
            if (text is null)
            {
                continue;
            }

            foreach (var (line, n) in Lines(text))
            {
                if (line.StartsWith("options", StringComparison.Ordinal))
                {
                    var opts = line.Substring(7).Trim();
                    if (opts.Contains("$kernelopts", StringComparison.Ordinal) && kernelopts is not null)
                    {
                        opts = opts.Replace("$kernelopts", kernelopts, StringComparison.Ordinal);
                    }

                    sources.Add(($"{entry}:{n}", KernelArg(opts, "fips")));
                }
            }
        }

        // GRUB defaults (Debian, and what grub2-mkconfig regenerates entries from).
        var grub = _host.TryReadAllText("/etc/default/grub");
        if (grub is not null)
        {
            foreach (var a in EnvFileParsers.ParseShellAssignments(grub, "/etc/default/grub"))
            {
                if (a.Name is "GRUB_CMDLINE_LINUX" or "GRUB_CMDLINE_LINUX_DEFAULT")
                {
                    sources.Add(($"{a.File}:{a.Line}", KernelArg(a.Value, "fips")));
                }
            }
        }

        var kernelCmdline = _host.TryReadAllText("/etc/kernel/cmdline");
        if (kernelCmdline is not null)
        {
            sources.Add(("/etc/kernel/cmdline:1", KernelArg(kernelCmdline, "fips")));
        }

        if (sources.Count == 0)
        {
            return new FipsSignal("BootConfig", FipsSignalState.Unknown, "no boot configuration found", "/boot/loader/entries, /etc/default/grub, /etc/kernel/cmdline", "Containers and fixture roots without /boot have none.");
        }

        // GRUB_CMDLINE_LINUX and GRUB_CMDLINE_LINUX_DEFAULT are alternatives: one of them carrying fips=1 is enough.
        var grubSources = sources.Where(s => s.Evidence.StartsWith("/etc/default/grub", StringComparison.Ordinal)).ToList();
        var others = sources.Where(s => !s.Evidence.StartsWith("/etc/default/grub", StringComparison.Ordinal)).ToList();
        var effective = new List<(string Evidence, bool On)>();
        effective.AddRange(others.Select(s => (s.Evidence, s.Value == "1")));
        if (grubSources.Count > 0)
        {
            var on = grubSources.FirstOrDefault(s => s.Value == "1");
            effective.Add((on.Evidence ?? grubSources[0].Evidence, on.Evidence is not null && !grubSources.Any(s => s.Value == "0")));
        }

        var onCount = effective.Count(e => e.On);
        var evidence = string.Join(", ", effective.Select(e => e.Evidence + (e.On ? " fips=1" : " no fips=1")));
        if (onCount == effective.Count)
        {
            return new FipsSignal("BootConfig", FipsSignalState.On, $"fips=1 in {onCount} of {effective.Count}", evidence);
        }

        return new FipsSignal("BootConfig", onCount == 0 ? FipsSignalState.Off : FipsSignalState.Partial, $"fips=1 in {onCount} of {effective.Count}", evidence);
    }

    private FipsSignal Dracut(bool redHatLike)
    {
        var files = new List<string>();
        if (_host.FileExists("/etc/dracut.conf"))
        {
            files.Add("/etc/dracut.conf");
        }

        files.AddRange(_host.ListDirectory("/etc/dracut.conf.d", "*.conf"));
        files.AddRange(_host.ListDirectory("/usr/lib/dracut/dracut.conf.d", "*.conf"));
        var pattern = new Regex(@"^\s*add_dracutmodules\s*\+?=\s*[""'][^""']*\bfips\b", RegexOptions.CultureInvariant);
        foreach (var f in files)
        {
            var text = _host.TryReadAllText(f);
            if (text is null)
            {
                continue;
            }

            foreach (var (line, n) in Lines(text))
            {
                if (pattern.IsMatch(line))
                {
                    return Initramfs($"{f}:{n}");
                }
            }
        }

        var moduleInstalled = _host.ListDirectory("/usr/lib/dracut/modules.d").Any(d => d.EndsWith("fips", StringComparison.Ordinal));
        if (files.Count == 0 && !moduleInstalled)
        {
            return new FipsSignal("Dracut", FipsSignalState.Absent, "dracut not configured", "/etc/dracut.conf.d", redHatLike ? null : "Hosts booting with initramfs-tools (Debian) have no dracut.");
        }

        return new FipsSignal("Dracut", FipsSignalState.Off, moduleInstalled ? "fips module available, not added" : "no fips module", files.Count > 0 ? string.Join(", ", files) : "/usr/lib/dracut/modules.d");
    }

    /// <summary>
    /// The dracut fips module is configured: On only when the initramfs of the running kernel was checked and holds it
    /// (lsinitrd -m, live host); Off when it was checked and lacks it; otherwise Partial, configured but not checked.
    /// </summary>
    private FipsSignal Initramfs(string configured)
    {
        if (_host.IsLive && _runner.Which("lsinitrd") is { } lsinitrd)
        {
            try
            {
                var result = _runner.Run(new NativeCommand(lsinitrd, new[] { "-m" }, "dracut", TimeSpan.FromSeconds(60)), _cancel);
                var modules = result.StandardOutput.Split('\n').Select(l => l.Trim()).ToList();
                return modules.Contains("fips")
                    ? new FipsSignal("Dracut", FipsSignalState.On, "fips module in the initramfs", $"{configured}, lsinitrd -m", "The running kernel's initramfs contains the dracut fips module (fips-finish-install).")
                    : new FipsSignal("Dracut", FipsSignalState.Off, "configured, not in the initramfs", $"{configured}, lsinitrd -m", "The fips module is configured but the initramfs was built without it: run dracut -f --regenerate-all.");
            }
            catch (GoBaselineException ex)
            {
                return new FipsSignal("Dracut", FipsSignalState.Partial, "configured, initramfs not checked", configured, "lsinitrd -m failed: " + ex.Message);
            }
        }

        return new FipsSignal("Dracut", FipsSignalState.Partial, "configured, initramfs not checked", configured, _host.IsLive
            ? "add_dracutmodules+=\" fips \" is configured; lsinitrd is not installed, so whether the initramfs was rebuilt with it (dracut -f) is not known."
            : "add_dracutmodules+=\" fips \" is configured; under -Root the initramfs is not inspected, so whether it was rebuilt with the module (dracut -f) is not known.");
    }

    private FipsSignal CryptoPolicy()
    {
        var config = _host.TryReadAllText("/etc/crypto-policies/config");
        var current = _host.TryReadAllText("/etc/crypto-policies/state/current");
        if (config is null && current is null)
        {
            return new FipsSignal("CryptoPolicy", FipsSignalState.Absent, "no crypto-policies", "/etc/crypto-policies", "Only Fedora and RHEL-family hosts have system-wide crypto policies.");
        }

        string? configured = null;
        var configLine = 0;
        if (config is not null)
        {
            foreach (var (line, n) in Lines(config))
            {
                if (line.Length > 0 && !line.StartsWith('#'))
                {
                    configured = line;
                    configLine = n;
                    break;
                }
            }
        }

        var applied = current?.Trim();
        var value = applied ?? configured ?? "(empty)";
        var evidence = current is not null ? "/etc/crypto-policies/state/current" : $"/etc/crypto-policies/config:{configLine}";
        bool IsFips(string? p) => p is not null && (p == "FIPS" || p.StartsWith("FIPS:", StringComparison.Ordinal));
        if (configured is not null && applied is not null && configured != applied)
        {
            return new FipsSignal("CryptoPolicy", IsFips(applied) ? FipsSignalState.On : IsFips(configured) ? FipsSignalState.Partial : FipsSignalState.Off, applied, $"state/current {applied}, config {configured} (/etc/crypto-policies/config:{configLine})", "The configured policy is not the applied one: update-crypto-policies was not run after editing the config.");
        }

        return new FipsSignal("CryptoPolicy", IsFips(value) ? FipsSignalState.On : FipsSignalState.Off, value, evidence);
    }

    private FipsSignal OpenSsl(FipsProbeOptions options, bool redHatKernelFips, List<string> notes)
    {
        // The FIPS provider module (openssl-fips-provider / fipsinstall output).
        string? module = null;
        foreach (var d in ModuleDirs)
        {
            if (_host.FileExists(d + "/fips.so"))
            {
                module = d + "/fips.so";
                break;
            }
        }

        // Live: what OpenSSL itself reports decides; the configuration (openssl.cnf activation, fipsmodule.cnf) is
        // examined and reported next to it.
        if (_host.IsLive && options.RunOpenSsl)
        {
            try
            {
                var result = _runner.Run(new NativeCommand("openssl", new[] { "list", "-providers" }, "openssl", TimeSpan.FromSeconds(20)), _cancel);
                var providers = OpenSslProviderList.Parse(result.StandardOutput);
                var active = providers.Where(p => string.Equals(p.Status, "active", StringComparison.Ordinal)).ToList();
                var fips = active.FirstOrDefault(p => p.Id == "fips" || (p.Name?.Contains("FIPS", StringComparison.OrdinalIgnoreCase) ?? false));
                var list = string.Join(", ", active.Select(p => p.Id + (p.Version is null ? string.Empty : " " + p.Version)));
                var configured = OpenSslFromConfiguration(module, redHatKernelFips, new List<string>());
                var configuration = $" Configuration: {configured.Value} ({configured.Evidence})" + (configured.Detail is null ? "." : ": " + configured.Detail);
                if (fips is not null)
                {
                    return new FipsSignal("OpenSsl", FipsSignalState.On, $"{fips.Name ?? fips.Id} {fips.Version} active", "openssl list -providers; " + configured.Evidence, "Active providers: " + list + "." + configuration);
                }

                return new FipsSignal("OpenSsl", module is null ? FipsSignalState.Off : FipsSignalState.Partial, "no FIPS provider active" + (module is null ? string.Empty : $" ({module} installed)"), "openssl list -providers; " + configured.Evidence, "Active providers: " + (list.Length == 0 ? "none" : list) + "." + configuration);
            }
            catch (NativeCommandException ex) when (ex.Kind == FailureKind.NotInstalled)
            {
                notes.Add("The openssl command is not installed; the OpenSSL signal comes from the configuration files only.");
            }
            catch (GoBaselineException ex)
            {
                notes.Add("openssl list -providers failed: " + ex.Message);
            }
        }

        return OpenSslFromConfiguration(module, redHatKernelFips, notes);
    }

    /// <summary>The OpenSSL signal as openssl.cnf (activation, default_properties, module-mac from fipsmodule.cnf) and fips.so give it.</summary>
    private FipsSignal OpenSslFromConfiguration(string? module, bool redHatKernelFips, List<string> notes)
    {
        // Configuration: openssl_conf → providers section → a fips provider with activate = 1, fipsmodule.cnf.
        OpenSslConfig? config = null;
        string? configPath = null;
        foreach (var c in OpenSslConfigs)
        {
            config = OpenSslConfig.Load(_host, c);
            if (config is not null)
            {
                configPath = c;
                break;
            }
        }

        if (config is null)
        {
            return new FipsSignal("OpenSsl", module is null ? FipsSignalState.Absent : FipsSignalState.Partial, module is null ? "no OpenSSL 3 configuration" : "FIPS module installed, no openssl.cnf", module ?? string.Join(", ", OpenSslConfigs));
        }

        var init = config.Get("default", "openssl_conf")?.Value;
        var providersSection = init is null ? null : config.Get(init, "providers")?.Value;
        OpenSslSetting? fipsActivate = null;
        string? fipsSection = null;
        if (providersSection is not null)
        {
            foreach (var (name, setting) in config.Section(providersSection))
            {
                var section = config.Section(setting.Value);
                var isFips = name == "fips" || (section.TryGetValue("module", out var m) && m.Value.EndsWith("fips.so", StringComparison.Ordinal));
                if (isFips)
                {
                    fipsSection = setting.Value;
                    if (section.TryGetValue("activate", out var act) && act.Value is "1" or "yes" or "true")
                    {
                        fipsActivate = act;
                    }
                }
            }
        }

        var algSection = init is null ? null : config.Get(init, "alg_section")?.Value;
        var defaultProperties = algSection is null ? null : config.Get(algSection, "default_properties");
        var enforced = defaultProperties is not null && Regex.IsMatch(defaultProperties.Value, @"(^|,)\s*\??fips\s*=\s*yes", RegexOptions.CultureInvariant);
        var mac = fipsSection is null ? null : config.Get(fipsSection, "module-mac");
        string? fipsModuleConfig = FipsModuleConfigs.FirstOrDefault(_host.FileExists);
        var where = $"{configPath} ({string.Join(", ", config.Files.Skip(1).Prepend("files: " + configPath).Take(4))})";

        if (fipsActivate is not null && module is not null)
        {
            var detail = (enforced ? $"default_properties = {defaultProperties!.Value} ({defaultProperties.File}:{defaultProperties.Line}) makes FIPS algorithms the default." : "default_properties does not contain fips=yes: applications still get non-FIPS algorithms unless they ask.")
                + (mac is null ? $" No module-mac in [{fipsSection}] (fipsmodule.cnf from openssl fipsinstall" + (fipsModuleConfig is null ? " not found)." : $" at {fipsModuleConfig} not included).") : string.Empty);
            return new FipsSignal("OpenSsl", mac is null ? FipsSignalState.Partial : FipsSignalState.On, "fips provider activated" + (enforced ? ", fips=yes" : string.Empty), $"{fipsActivate.File}:{fipsActivate.Line}, {module}", detail);
        }

        if (redHatKernelFips && module is not null)
        {
            return new FipsSignal("OpenSsl", FipsSignalState.On, "fips provider loaded by Red Hat OpenSSL in kernel FIPS mode", $"{module}, {configPath}", "Red Hat's OpenSSL 3 activates the FIPS provider itself when /proc/sys/crypto/fips_enabled is 1.");
        }

        if (fipsActivate is not null)
        {
            return new FipsSignal("OpenSsl", FipsSignalState.Partial, "fips provider activated but fips.so missing", $"{fipsActivate.File}:{fipsActivate.Line}", "The configuration activates a provider module that is not installed: OpenSSL fails to load its configuration.");
        }

        if (config.MissingIncludes.Count > 0)
        {
            notes.Add("OpenSSL configuration includes missing files: " + string.Join("; ", config.MissingIncludes));
        }

        return new FipsSignal("OpenSsl", module is null ? FipsSignalState.Off : FipsSignalState.Partial, module is null ? "no FIPS provider" : "FIPS module installed, not activated", where + (module is null ? string.Empty : ", " + module), "No fips provider with activate = 1 in openssl.cnf; " + (fipsModuleConfig is null ? "no fipsmodule.cnf (openssl fipsinstall output) found." : $"{fipsModuleConfig} exists but the FIPS provider is not activated."));
    }

    /// <summary>A systemd service whose ExecStart= binary is judged with the environment the unit gives it.</summary>
    private sealed record GoService(string Unit, string? Binary, Dictionary<string, string> Environment, List<EnvAssignment> Assignments);

    /// <summary>
    /// The Go FIPS switches of the system environment (/etc/environment, /etc/profile.d) and of every service unit
    /// (Environment= and EnvironmentFile= of the unit and its drop-ins). <paramref name="hostEnvironment"/> is what
    /// every service inherits (/etc/environment only; profile.d is for login shells); each service's own environment
    /// is that plus its unit's settings, never another unit's.
    /// </summary>
    private FipsSignal GoEnvironment(out Dictionary<string, string> hostEnvironment, out List<GoService> services, out string evidence, List<string> notes, List<string> contradictions)
    {
        hostEnvironment = new Dictionary<string, string>(StringComparer.Ordinal);
        var found = new List<EnvAssignment>();
        var etc = _host.TryReadAllText("/etc/environment");
        if (etc is not null)
        {
            foreach (var a in EnvFileParsers.ParseEtcEnvironment(etc, "/etc/environment"))
            {
                found.Add(a);
                if (IsGoSwitch(a))
                {
                    hostEnvironment[a.Name] = a.Value;
                }
            }
        }

        foreach (var f in _host.ListDirectory("/etc/profile.d", "*.sh"))
        {
            var text = _host.TryReadAllText(f);
            if (text is not null)
            {
                found.AddRange(EnvFileParsers.ParseShellAssignments(text, f));
            }
        }

        services = Services(hostEnvironment, notes);
        foreach (var svc in services)
        {
            found.AddRange(svc.Assignments);
        }

        var relevant = found.Where(IsGoSwitch).ToList();
        evidence = relevant.Count == 0 ? "/etc/environment, /etc/profile.d, systemd units" : string.Join(", ", relevant.Select(a => $"{a.File}:{a.Line} {a.Name}={a.Value}"));
        if (relevant.Count == 0)
        {
            return new FipsSignal("GoEnvironment", FipsSignalState.Absent, "no Go FIPS switch set", evidence);
        }

        var fips140 = relevant.Where(a => a.Name == "GODEBUG").Select(a => GoFipsSwitches.GodebugValue(a.Value, "fips140")).Where(v => v is not null).ToList();
        var detail = new List<string>();
        foreach (var a in relevant)
        {
            if (a.Name == "GODEBUG" && GoFipsSwitches.GodebugValue(a.Value, "fips") is { } v)
            {
                detail.Add($"{a.File}:{a.Line} sets GODEBUG=fips={v}, which is not a Go setting: Go 1.24+ reads GODEBUG=fips140=on|only.");
            }
            else if (a.Name == "GOLANG_FIPS")
            {
                detail.Add($"{a.File}:{a.Line} sets GOLANG_FIPS={a.Value}, read only by Red Hat's Go (and Microsoft's); upstream Go reads GODEBUG=fips140=on.");
            }
            else if (a.Name == "GOFIPS")
            {
                detail.Add($"{a.File}:{a.Line} sets GOFIPS={a.Value}, read only by Microsoft's Go; upstream Go reads GODEBUG=fips140=on.");
            }
            else if (a.Name == "GOFIPS140")
            {
                detail.Add($"{a.File}:{a.Line} sets GOFIPS140={a.Value}, a build-time setting: it selects the module for go build, not the mode of running binaries.");
            }
            else if (a.Name == "GODEBUG" && GoFipsSwitches.GodebugValue(a.Value, "fips140") == "only")
            {
                // The issue lists it among the contradictions: only makes non-approved algorithms fail outright.
                contradictions.Add($"{a.File}:{a.Line} sets GODEBUG=fips140=only, which Go documents as not intended for production (non-approved algorithms fail); use fips140=on.");
            }
        }

        notes.AddRange(detail);
        FipsSignalState state;
        if (fips140.Count == 0)
        {
            state = FipsSignalState.Partial;
        }
        else if (fips140.All(f => f is "on" or "only"))
        {
            state = FipsSignalState.On;
        }
        else
        {
            state = fips140.All(f => f == "off") ? FipsSignalState.Off : FipsSignalState.Partial;
        }

        var value = fips140.Count == 0 ? "no GODEBUG fips140 (only switches Go does not read)" : "GODEBUG fips140=" + string.Join(", ", fips140.Distinct(StringComparer.Ordinal));
        return new FipsSignal("GoEnvironment", state, value, evidence, detail.Count == 0 ? null : string.Join(" ", detail));
    }

    private static bool IsGoSwitch(EnvAssignment a) =>
        Array.IndexOf(GoSwitches, a.Name) >= 0 && (a.Name != "GODEBUG" || GoFipsSwitches.GodebugValue(a.Value, "fips140") is not null || GoFipsSwitches.GodebugValue(a.Value, "fips") is not null);

    /// <summary>Every service unit on the search path with its ExecStart= binary and its own environment.</summary>
    private List<GoService> Services(Dictionary<string, string> hostEnvironment, List<string> notes)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var dir in Systemd.SystemdUnit.SearchPath)
        {
            foreach (var u in _host.ListDirectory(dir, "*.service"))
            {
                names.Add(u.Substring(u.LastIndexOf('/') + 1));
            }

            foreach (var d in _host.ListDirectory(dir, "*.service.d"))
            {
                var n = d.Substring(d.LastIndexOf('/') + 1);
                names.Add(n.Substring(0, n.Length - 2));
            }
        }

        var services = new List<GoService>();
        foreach (var name in names)
        {
            if (name.Contains('@', StringComparison.Ordinal))
            {
                continue; // templates: the instances' environment is not known here
            }

            Systemd.SystemdUnit? unit;
            try
            {
                unit = Systemd.SystemdUnit.Load(_host, name);
            }
            catch (GoBaselineException ex)
            {
                notes.Add($"{name}: {ex.Message}");
                continue;
            }

            if (unit is null)
            {
                continue;
            }

            var environment = new List<EnvAssignment>();
            var files = new List<EnvAssignment>();
            string? execStart = null;
            foreach (var d in unit.Directives)
            {
                if (d.Section != "Service")
                {
                    continue;
                }

                switch (d.Key)
                {
                    case "ExecStart":
                        execStart = d.Value.Length == 0 ? null : execStart ?? d.Value;
                        break;
                    case "Environment" when d.Value.Length == 0:
                        environment.Clear();
                        break;
                    case "Environment":
                        foreach (var (k, v) in EnvFileParsers.ParseSystemdEnvironment(d.Value))
                        {
                            environment.Add(new EnvAssignment(k, v, d.File, d.Line));
                        }

                        break;
                    case "EnvironmentFile" when d.Value.Length == 0:
                        files.Clear();
                        break;
                    case "EnvironmentFile":
                        var file = d.Value.TrimStart('-');
                        var text = file.StartsWith('/') ? _host.TryReadAllText(file) : null;
                        if (text is not null)
                        {
                            files.AddRange(EnvFileParsers.ParseSystemdEnvironmentFile(text, file));
                        }

                        break;
                }
            }

            // EnvironmentFile= settings override Environment= (systemd.exec(5)); both override /etc/environment.
            var own = environment.Concat(files).Where(IsGoSwitch).ToList();
            var env = new Dictionary<string, string>(hostEnvironment, StringComparer.Ordinal);
            foreach (var a in own)
            {
                env[a.Name] = a.Value;
            }

            services.Add(new GoService(name, ExecBinary(execStart), env, own));
        }

        return services;
    }

    /// <summary>The program of an ExecStart= line: prefixes (@ - : + !) and arguments dropped; null when not absolute.</summary>
    private static string? ExecBinary(string? execStart)
    {
        if (execStart is null)
        {
            return null;
        }

        var line = execStart.TrimStart('@', '-', ':', '+', '!').TrimStart();
        string word;
        if (line.StartsWith('"'))
        {
            var close = line.IndexOf('"', 1);
            word = close < 0 ? line.Substring(1) : line.Substring(1, close - 1);
        }
        else
        {
            var space = line.AsSpan().IndexOfAny(' ', '\t');
            word = space < 0 ? line : line.Substring(0, space);
        }

        return word.StartsWith('/') ? word : null;
    }

    private (FipsSignal Signal, List<GoBinaryInfo> Infos) GoBinaries(FipsProbeOptions options, Dictionary<string, string> hostEnvironment, List<GoService> services, List<string> notes, List<string> contradictions)
    {
        var infos = new List<GoBinaryInfo>();
        var on = new List<string>();
        var off = new List<string>();
        var cache = new Dictionary<string, GoBinaryInfo?>(StringComparer.Ordinal);

        GoBinaryInfo? Read(string path, bool named)
        {
            if (cache.TryGetValue(path, out var known))
            {
                return known;
            }

            GoBinaryInfo? info = null;
            try
            {
                var result = GoBuildInfoReader.Read(_host, path);
                info = result.Info;
                if (info is null && named)
                {
                    notes.Add($"{path}: {result.Reason}.");
                }
            }
            catch (GoBaselineException ex)
            {
                if (named || _host.FileExists(path))
                {
                    notes.Add($"{path}: {ex.Message}");
                }
            }

            cache[path] = info;
            return info;
        }

        void Judge(string label, GoBinaryInfo info, IReadOnlyDictionary<string, string> environment)
        {
            infos.Add(info);
            var state = GoFipsSwitches.Evaluate(info, environment);
            foreach (var n in state.Notes)
            {
                notes.Add($"{label}: {n}");
            }

            var inFips = state.Fips140 is "on" or "only" || info.CryptoMode is GoCryptoMode.BoringCrypto || (info.CryptoMode == GoCryptoMode.OpenSsl);
            (inFips ? on : off).Add($"{label} ({info.CryptoMode}{(state.Fips140 is null ? string.Empty : ", fips140=" + state.Fips140)})");
            if (state.Fips140 == "only" && state.Source != "runtime GODEBUG")
            {
                // A runtime fips140=only is named where it is set (GoEnvironment); a built-in one only here.
                contradictions.Add($"{label} runs with fips140=only ({state.Source}), which Go documents as not intended for production.");
            }
        }

        // Every service's ExecStart= binary, with /etc/environment and that unit's own environment.
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var svc in services)
        {
            if (svc.Binary is null || Read(svc.Binary, named: false) is not { } info)
            {
                if (svc.Assignments.Count > 0)
                {
                    notes.Add($"{svc.Unit} sets Go FIPS switches but its ExecStart= binary ({svc.Binary ?? "not an absolute path"}) is not a Go binary found under the root; they were not judged against a binary.");
                }

                continue;
            }

            covered.Add(svc.Binary);
            Judge($"{svc.Unit} {svc.Binary}", info, svc.Environment);
        }

        // Binaries named with -GoBinaryPath that no unit runs: the system environment only.
        foreach (var path in options.GoBinaryPaths)
        {
            if (covered.Contains(path) || Read(path, named: true) is not { } info)
            {
                continue;
            }

            covered.Add(path);
            Judge(path, info, hostEnvironment);
        }

        // On the live host, every running Go process with the environment it really started with (/proc/PID/environ).
        if (_host.IsLive && options.RunningProcesses)
        {
            var self = System.Environment.ProcessId;
            foreach (var dir in System.IO.Directory.EnumerateDirectories("/proc"))
            {
                var name = dir.Substring(6);
                if (!int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) || pid == self)
                {
                    continue;
                }

                try
                {
                    var (real, display) = ProcessInspector.Executable(pid);
                    var key = display;
                    if (!cache.TryGetValue(key, out var info))
                    {
                        info = GoBuildInfoReader.Read(_host, real).Info;
                        cache[key] = info;
                    }

                    if (info is null)
                    {
                        continue;
                    }

                    Judge($"pid {pid} {display}", info, ProcessInspector.Environment(pid));
                }
                catch (GoBaselineException)
                {
                    // Gone, a kernel thread, or another user's process we may not read: not ours to judge.
                }
            }
        }

        if (infos.Count == 0)
        {
            return (new FipsSignal("GoBinaries", FipsSignalState.Absent, "no Go binaries found", "systemd units' ExecStart=, -GoBinaryPath" + (_host.IsLive && options.RunningProcesses ? ", running processes" : string.Empty)), infos);
        }

        var value = $"{on.Count} of {infos.Count} in FIPS mode";
        var evidence = string.Join("; ", on.Concat(off));
        var s = off.Count == 0 ? FipsSignalState.On : on.Count == 0 ? FipsSignalState.Off : FipsSignalState.Partial;
        return (new FipsSignal("GoBinaries", s, value, evidence), infos);
    }

    private bool IsRedHatLike()
    {
        if (_host.FileExists("/etc/redhat-release"))
        {
            return true;
        }

        var osRelease = _host.TryReadAllText("/etc/os-release") ?? _host.TryReadAllText("/usr/lib/os-release");
        if (osRelease is null)
        {
            return false;
        }

        foreach (var (line, _) in Lines(osRelease))
        {
            if ((line.StartsWith("ID=", StringComparison.Ordinal) || line.StartsWith("ID_LIKE=", StringComparison.Ordinal))
                && Regex.IsMatch(line, @"\b(rhel|fedora|centos)\b", RegexOptions.CultureInvariant))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value of a kernel argument (last occurrence wins, as the kernel parses it), or null.</summary>
    public static string? KernelArg(string commandLine, string name)
    {
        string? value = null;
        foreach (var word in commandLine.Split(new[] { ' ', '\t', '\n', '"' }, StringSplitOptions.RemoveEmptyEntries))
        {
            if (word == "--")
            {
                break;
            }

            if (word.StartsWith(name + "=", StringComparison.Ordinal))
            {
                value = word.Substring(name.Length + 1);
            }
        }

        return value;
    }

    private static IEnumerable<(string Line, int Number)> Lines(string text)
    {
        var n = 0;
        foreach (var raw in text.Split('\n'))
        {
            n++;
            yield return (raw.Trim(), n);
        }
    }
}
