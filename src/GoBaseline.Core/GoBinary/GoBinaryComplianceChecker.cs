using System;
using System.Collections.Generic;
using System.Linq;

namespace GoBaseline.Core.GoBinary;

/// <summary>What a Go binary is checked against.</summary>
public sealed record GoBinaryPolicy
{
    /// <summary>The lowest acceptable Go release (the baseline's 1.21).</summary>
    public GoVersion MinimumVersion { get; init; } = GoVersion.Parse("go1.21");

    /// <summary>True when the baseline requires CGO_ENABLED=0, i.e. static binaries without C code.</summary>
    public bool RequireStatic { get; init; } = true;

    /// <summary>True when FIPS 140 is required: the binary must be able to run in FIPS mode.</summary>
    public bool RequireFips { get; init; }

    /// <summary>Flags that must not appear in any recorded build flag.</summary>
    public IReadOnlyList<string> ForbiddenFlags { get; init; } = new[] { "-insecure", "--insecure", "-mod=mod" };
}

/// <summary>
/// Checks one Go binary's build info against the baseline: Go version, static build without cgo, FIPS-capable
/// cryptography, a clean checkout, no insecure flags, and no fips140=off in DefaultGODEBUG or, for a running
/// process, in its runtime GODEBUG.
/// </summary>
public static class GoBinaryComplianceChecker
{
    /// <summary>The control ids, stable for tests and reports.</summary>
    public const string VersionControl = "GOBIN-001";

    /// <summary>Static, cgo off.</summary>
    public const string StaticControl = "GOBIN-002";

    /// <summary>FIPS-capable crypto.</summary>
    public const string FipsCapableControl = "GOBIN-003";

    /// <summary>vcs.modified false.</summary>
    public const string CleanCheckoutControl = "GOBIN-004";

    /// <summary>No insecure flags.</summary>
    public const string InsecureFlagsControl = "GOBIN-005";

    /// <summary>DefaultGODEBUG without fips140=off.</summary>
    public const string DefaultGodebugControl = "GOBIN-006";

    /// <summary>Runtime GODEBUG of a process.</summary>
    public const string RuntimeGodebugControl = "GOBIN-007";

    /// <summary>Evaluates every control for one binary; <paramref name="environment"/> is the process environment, if any.</summary>
    public static IReadOnlyList<CheckResult> Evaluate(GoBinaryInfo info, GoBinaryPolicy policy, IReadOnlyDictionary<string, string>? environment)
    {
        var target = info.ProcessId is { } pid ? $"{info.Path} (pid {pid})" : info.Path;
        var props = new Dictionary<string, string> { ["Path"] = info.Path, ["GoVersion"] = info.GoVersionText, ["CryptoMode"] = info.CryptoMode.ToString() };
        var results = new List<CheckResult>();
        CheckResult R(string id, string title, Severity sev, CheckStatus status, string? expected, string? actual, string? evidence, string message, string? remediation = null) =>
            new(id, title, sev, status, expected, actual, evidence, message, remediation, target, props);

        // 1. Version.
        if (info.GoVersion is null)
        {
            results.Add(R(VersionControl, "Built with a supported Go release", Severity.High, CheckStatus.Error, ">= " + policy.MinimumVersion.Release, info.GoVersionText, "build info runtime.buildVersion", $"'{info.GoVersionText}' is not a Go release version that can be compared."));
        }
        else
        {
            var ok = info.GoVersion >= policy.MinimumVersion;
            results.Add(R(VersionControl, "Built with a supported Go release", Severity.High, ok ? CheckStatus.Pass : CheckStatus.Fail, ">= " + policy.MinimumVersion.Release, info.GoVersionText, "build info runtime.buildVersion",
                ok ? $"{info.GoVersion.Release} is at least {policy.MinimumVersion.Release}." : $"{info.GoVersion.Release} is older than {policy.MinimumVersion.Release}; rebuild with a current toolchain.", ok ? null : "Rebuild with Go " + policy.MinimumVersion.Release + " or later."));
        }

        // 2. Static, without cgo.
        var cgoText = info.CgoEnabled switch { true => "CGO_ENABLED=1", false => "CGO_ENABLED=0", null => "CGO_ENABLED not recorded" };
        var linkText = info.Format == ExecutableFormat.Elf ? info.LinkMode.ToString().ToLowerInvariant() + (info.NeededLibraries.Count > 0 ? " (" + string.Join(", ", info.NeededLibraries) + ")" : string.Empty) : info.Format.ToString();
        if (!policy.RequireStatic)
        {
            results.Add(R(StaticControl, "Static build without cgo", Severity.Medium, CheckStatus.NotApplicable, "not required", cgoText + ", " + linkText, "build setting CGO_ENABLED, ELF program headers", "The policy allows cgo."));
        }
        else
        {
            var cgoOff = info.CgoEnabled == false;
            var staticOk = info.Format != ExecutableFormat.Elf || info.LinkMode == LinkMode.Static;
            var status = cgoOff && staticOk ? CheckStatus.Pass : info.CgoEnabled is null && staticOk ? CheckStatus.Warn : CheckStatus.Fail;
            var message = status switch
            {
                CheckStatus.Pass => "Built with CGO_ENABLED=0 and statically linked.",
                CheckStatus.Warn => "CGO_ENABLED is not recorded (built before Go 1.18, or not by the go command); the ELF is static.",
                _ => !cgoOff ? $"Built with {cgoText}: C code and libc are part of the binary" + (info.CryptoMode is GoCryptoMode.BoringCrypto or GoCryptoMode.OpenSsl ? $"; its {info.CryptoMode} FIPS backend needs cgo, so the baseline's CGO_ENABLED=0 and this FIPS backend contradict each other (use GOFIPS140 with Go 1.24+ instead)." : ".") : $"Dynamically linked ({linkText}) although CGO_ENABLED=0.",
            };
            results.Add(R(StaticControl, "Static build without cgo", Severity.High, status, "CGO_ENABLED=0, static", cgoText + ", " + linkText, "build setting CGO_ENABLED, ELF PT_INTERP/DT_NEEDED", message, status == CheckStatus.Fail ? "Rebuild with CGO_ENABLED=0." : null));
        }

        // 3. FIPS-capable cryptography.
        if (!policy.RequireFips)
        {
            results.Add(R(FipsCapableControl, "FIPS-capable cryptography", Severity.High, CheckStatus.NotApplicable, "not required", info.CryptoMode + (info.FipsModuleVersion is null ? string.Empty : " " + info.FipsModuleVersion), info.CryptoEvidence, "The policy does not require FIPS 140."));
        }
        else
        {
            var (status, message) = info.CryptoMode switch
            {
                GoCryptoMode.GoFips140Module => (CheckStatus.Pass, $"Built with the Go Cryptographic Module {info.FipsModuleVersion} (GOFIPS140); FIPS mode is on by default."),
                GoCryptoMode.BoringCrypto => (CheckStatus.Pass, "Built with Go+BoringCrypto (a FIPS 140 validated BoringSSL module); note Go plans to remove it in favour of GOFIPS140."),
                GoCryptoMode.OpenSsl => (CheckStatus.Pass, "Built with an OpenSSL backend: FIPS depends on the host's OpenSSL FIPS provider (see Test-FipsMode)."),
                _ when GoFipsSwitches.ReadsFips140(info) => (CheckStatus.Warn, $"{info.GoVersionText} can run its in-tree Go Cryptographic Module in FIPS mode with GODEBUG=fips140=on, but was not built with GOFIPS140 selecting a validated module version."),
                _ => (CheckStatus.Fail, $"{info.GoVersionText} with native Go crypto has no FIPS 140 mode (needs Go 1.24+ with GOFIPS140, or a BoringCrypto/OpenSSL build)."),
            };
            results.Add(R(FipsCapableControl, "FIPS-capable cryptography", Severity.High, status, "GoFips140Module, BoringCrypto or OpenSsl", info.CryptoMode + (info.FipsModuleVersion is null ? string.Empty : " " + info.FipsModuleVersion), info.CryptoEvidence, message,
                status == CheckStatus.Pass ? null : "Rebuild with Go 1.24 or later and GOFIPS140=v1.0.0 (or latest)."));
        }

        // 4. Clean checkout.
        var modified = info.VcsModified;
        results.Add(modified switch
        {
            false => R(CleanCheckoutControl, "Built from a clean checkout", Severity.Medium, CheckStatus.Pass, "vcs.modified=false", "vcs.modified=false", "build setting vcs.modified", $"Built from {info.GetSetting("vcs") ?? "a VCS"} revision {info.VcsRevision} without local changes."),
            true => R(CleanCheckoutControl, "Built from a clean checkout", Severity.Medium, CheckStatus.Fail, "vcs.modified=false", "vcs.modified=true", "build setting vcs.modified", $"Built from revision {info.VcsRevision} with uncommitted changes: the binary matches no commit.", "Rebuild from a committed revision."),
            null => R(CleanCheckoutControl, "Built from a clean checkout", Severity.Medium, CheckStatus.Warn, "vcs.modified=false", "not recorded", "build settings (no vcs.* keys)", "No VCS information was stamped (-buildvcs=false, built outside a checkout, or with go run/-trimpath in a tarball); provenance cannot be checked."),
        });

        // 5. Insecure flags.
        var found = new List<string>();
        foreach (var s in info.Settings)
        {
            if (!s.Key.StartsWith('-') && s.Key != "GOFLAGS")
            {
                continue;
            }

            foreach (var token in s.Value.Split(new[] { ' ', '\t', ',', '=' }, StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (var bad in policy.ForbiddenFlags)
                {
                    if (string.Equals(token, bad, StringComparison.Ordinal) || (bad.Contains('=', StringComparison.Ordinal) && s.Value.Contains(bad, StringComparison.Ordinal)))
                    {
                        found.Add($"{s.Key}: {bad}");
                    }
                }
            }
        }

        found = found.Distinct().ToList();
        var flagKeys = string.Join(", ", info.Settings.Where(static s => s.Key.StartsWith('-')).Select(static s => s.Key));
        results.Add(found.Count == 0
            ? R(InsecureFlagsControl, "No insecure build flags", Severity.High, CheckStatus.Pass, "none of " + string.Join(" ", policy.ForbiddenFlags), flagKeys.Length == 0 ? "no flags recorded" : flagKeys, "build settings " + (flagKeys.Length == 0 ? "(none)" : flagKeys), "No forbidden flag in the recorded build flags.")
            : R(InsecureFlagsControl, "No insecure build flags", Severity.High, CheckStatus.Fail, "none of " + string.Join(" ", policy.ForbiddenFlags), string.Join("; ", found), "build settings", "Built with " + string.Join("; ", found) + ".", "Rebuild without the flag."));

        // 6. DefaultGODEBUG.
        var defaultFips = GoFipsSwitches.GodebugValue(info.DefaultGodebug, "fips140");
        var godebugText = info.DefaultGodebug ?? "(none)";
        results.Add(defaultFips switch
        {
            "off" => R(DefaultGodebugControl, "DefaultGODEBUG does not switch FIPS mode off", Severity.High, CheckStatus.Fail, "no fips140=off", "DefaultGODEBUG=" + godebugText, "build setting DefaultGODEBUG", "The binary defaults to fips140=off (go.mod godebug or //go:debug).", "Remove fips140=off from the go.mod godebug block or //go:debug lines and rebuild."),
            "only" => R(DefaultGodebugControl, "DefaultGODEBUG does not switch FIPS mode off", Severity.High, CheckStatus.Warn, "no fips140=off", "DefaultGODEBUG=" + godebugText, "build setting DefaultGODEBUG", "fips140=only makes non-approved algorithms fail; Go documents it as not intended for production."),
            _ => R(DefaultGodebugControl, "DefaultGODEBUG does not switch FIPS mode off", Severity.High, CheckStatus.Pass, "no fips140=off", "DefaultGODEBUG=" + godebugText, "build setting DefaultGODEBUG", defaultFips is null ? "DefaultGODEBUG does not set fips140." : $"DefaultGODEBUG sets fips140={defaultFips}."),
        });

        // 7. Runtime GODEBUG of a process.
        if (environment is not null)
        {
            var state = GoFipsSwitches.Evaluate(info, environment);
            environment.TryGetValue("GODEBUG", out var runtimeGodebug);
            var actual = "GODEBUG=" + (runtimeGodebug ?? "(unset)") + "; effective fips140=" + (state.Fips140 ?? "n/a");
            var evidence = $"/proc/{info.ProcessId}/environ; {state.Source}";
            var notes = state.Notes.Count == 0 ? string.Empty : " " + string.Join(" ", state.Notes);
            CheckStatus status;
            string message;
            if (state.Fips140 == "only")
            {
                status = CheckStatus.Warn;
                message = "The process runs with fips140=only, which Go documents as not intended for production.";
            }
            else if (policy.RequireFips)
            {
                var fipsOn = state.Fips140 == "on" || (state.Fips140 is null && info.CryptoMode is GoCryptoMode.BoringCrypto or GoCryptoMode.OpenSsl);
                status = fipsOn ? (state.Notes.Count > 0 ? CheckStatus.Warn : CheckStatus.Pass) : CheckStatus.Fail;
                message = fipsOn ? $"The process runs in FIPS mode ({state.Source})." : $"The process does not run in FIPS mode (fips140={state.Fips140 ?? "n/a"} from {state.Source}).";
            }
            else
            {
                var explicitOff = state.Source == "runtime GODEBUG" && state.Fips140 == "off";
                status = explicitOff ? CheckStatus.Fail : state.Notes.Count > 0 ? CheckStatus.Warn : CheckStatus.Pass;
                message = status switch
                {
                    CheckStatus.Fail => "The process's GODEBUG switches FIPS mode off (fips140=off).",
                    CheckStatus.Warn => "The process environment sets FIPS switches this binary does not read.",
                    _ => $"Runtime GODEBUG does not switch FIPS mode off (fips140={state.Fips140 ?? "n/a"} from {state.Source}).",
                };
            }

            results.Add(R(RuntimeGodebugControl, "Runtime GODEBUG does not switch FIPS mode off", Severity.High, status, policy.RequireFips ? "fips140=on" : "no fips140=off", actual, evidence, message + notes,
                status == CheckStatus.Fail ? (policy.RequireFips ? "Set Environment=GODEBUG=fips140=on for the service (systemd drop-in) and restart it." : "Remove fips140=off from the service's GODEBUG.") : null));
        }

        return results;
    }
}
