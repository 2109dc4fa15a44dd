using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using GoBaseline.Core.GoEnv;
using GoBaseline.Core.Host;
using GoBaseline.Core.Profiles;

namespace GoBaseline.Core.Checks;

/// <summary>Evaluates the Go environment controls of a profile against a resolved environment.</summary>
public sealed class GoEnvBaselineChecker
{
    private readonly HostRoot _host;

    /// <summary>Creates a checker for a host root.</summary>
    public GoEnvBaselineChecker(HostRoot host) => _host = host;

    /// <summary>True for the controls this checker evaluates.</summary>
    public static bool Handles(ControlDefinition control) => control.Check.Type is CheckType.GoEnv or CheckType.GoToolchain or CheckType.GoCachePermissions;

    /// <summary>Evaluates the controls; a control whose check throws becomes an Error result, never a Pass.</summary>
    public IEnumerable<CheckResult> Evaluate(IEnumerable<ControlDefinition> controls, GoEnvironmentSnapshot env, IReadOnlyList<GoToolchain> toolchains)
    {
        foreach (var control in controls)
        {
            if (!Handles(control))
            {
                continue;
            }

            IReadOnlyList<CheckResult> results;
            var unknown = UnreadableFor(control, env);
            if (unknown.Count > 0)
            {
                // A layer file that could have decided the value could not be read: the check could not look.
                var files = string.Join(", ", unknown.ConvertAll(u => u.Path));
                var names = string.Join(", ", Inputs(control));
                results = new[] { Result(control, CheckStatus.Error, Describe(control.Check), null, "unreadable: " + files, $"{names} could have been set in {files}, which could not be read ({unknown[0].Message}).", control.Check.Variable ?? unknown[0].Path, env) };
                foreach (var r in results)
                {
                    yield return r;
                }

                continue;
            }

            try
            {
                results = control.Check.Type switch
                {
                    CheckType.GoEnv => new[] { CheckVariable(control, env) },
                    CheckType.GoToolchain => CheckToolchains(control, env, toolchains),
                    CheckType.GoCachePermissions => new[] { CheckCache(control, env) },
                    _ => Array.Empty<CheckResult>(),
                };
            }
            catch (Exception ex) when (ex is GoBaselineException or System.IO.IOException or UnauthorizedAccessException or RegexMatchTimeoutException)
            {
                results = new[] { Result(control, CheckStatus.Error, Describe(control.Check), null, null, "The check could not look: " + ex.Message, control.Check.Variable, env) };
            }

            foreach (var r in results)
            {
                yield return r;
            }
        }
    }

    // The variables a control's verdict depends on.
    private static IReadOnlyList<string> Inputs(ControlDefinition control) => control.Check.Type switch
    {
        CheckType.GoToolchain => new[] { "GOROOT", "GOTOOLCHAIN" },
        CheckType.GoCachePermissions => new[] { control.Check.Variable ?? "GOCACHE" },
        _ => control.Check.Variable is null ? Array.Empty<string>() : new[] { control.Check.Variable },
    };

    private static List<UnreadableSource> UnreadableFor(ControlDefinition control, GoEnvironmentSnapshot env)
    {
        var found = new List<UnreadableSource>();
        foreach (var name in Inputs(control))
        {
            foreach (var u in env.UnreadableSourcesFor(name))
            {
                if (!found.Contains(u))
                {
                    found.Add(u);
                }
            }
        }

        return found;
    }

    private static CheckResult CheckVariable(ControlDefinition control, GoEnvironmentSnapshot env)
    {
        var check = control.Check;
        var name = check.Variable!;
        var v = env[name];
        var value = v?.Value ?? string.Empty;
        var evidence = v is null ? $"{name} is unset in every layer" : Evidence(v);
        var expected = Describe(check);

        if (check.Explicit && (v is null || !v.IsExplicit))
        {
            var why = v is null || v.Layer == GoEnvLayer.Default
                ? $"{name} is not set in the {env.Request.Scope} scope; the go command would use its built-in default '{value}'."
                : $"{name}='{value}' is inherited from the toolchain's {v.Source}, not set explicitly.";
            return Result(control, CheckStatus.Fail, expected, Show(value), evidence, why, name, env, v);
        }

        if (check.OneOf is not null && !check.OneOf.Contains(value))
        {
            return Result(control, CheckStatus.Fail, expected, Show(value), evidence, $"{name}='{value}' is not one of the allowed values.", name, env, v);
        }

        if (check.NotIn is not null && check.NotIn.Contains(value))
        {
            return Result(control, CheckStatus.Fail, expected, Show(value), evidence, $"{name}='{value}' is forbidden.", name, env, v);
        }

        if (check.Matches is not null && !Regex.IsMatch(value, check.Matches, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            return Result(control, CheckStatus.Fail, expected, Show(value), evidence, $"{name}='{value}' does not match {check.Matches}.", name, env, v);
        }

        if (check.ForbiddenTokens is not null)
        {
            foreach (var token in value.Split(new[] { ' ', '\t', ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (var bad in check.ForbiddenTokens)
                {
                    if (token == bad || token.StartsWith(bad + "=", StringComparison.Ordinal) || (bad.Contains('=', StringComparison.Ordinal) && token == bad))
                    {
                        return Result(control, CheckStatus.Fail, expected, Show(value), evidence, $"{name} contains the forbidden flag '{token}'.", name, env, v);
                    }
                }
            }
        }

        if (check.EmptyUnlessAllowed is not null && value.Length > 0)
        {
            foreach (var entry in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!check.EmptyUnlessAllowed.Contains(entry))
                {
                    return Result(control, CheckStatus.Fail, expected, Show(value), evidence, $"{name} lists '{entry}', which the profile does not allow.", name, env, v);
                }
            }
        }

        return Result(control, CheckStatus.Pass, expected, Show(value), evidence, $"{name}='{value}' meets the baseline.", name, env, v);
    }

    private IReadOnlyList<CheckResult> CheckToolchains(ControlDefinition control, GoEnvironmentSnapshot env, IReadOnlyList<GoToolchain> toolchains)
    {
        var min = GoVersion.Parse(control.Check.MinVersion!);
        var expected = ">= go" + min.Major.ToString(CultureInfo.InvariantCulture) + "." + min.Minor.ToString(CultureInfo.InvariantCulture) + (min.Patch > 0 ? "." + min.Patch.ToString(CultureInfo.InvariantCulture) : string.Empty);
        var results = new List<CheckResult>();
        if (toolchains.Count == 0)
        {
            results.Add(Result(control, CheckStatus.NotApplicable, expected, "(none)", $"searched PATH, GOROOT, /usr/local/go, /usr/lib/go-*, ~/sdk under {_host.Root}", "No Go toolchain is installed.", "toolchain", env));
            return results;
        }

        var defaultRoot = env.Toolchain?.GoRoot;
        foreach (var t in toolchains)
        {
            var isDefault = t.GoRoot == defaultRoot || t.IsDefault;
            var target = t.GoRoot;
            if (t.Version is null)
            {
                results.Add(Result(control, CheckStatus.Error, expected, "(unknown)", t.VersionSource, t.Note ?? "The toolchain's version could not be read.", target, env));
                continue;
            }

            var ok = t.Version >= min;
            var evidence = t.VersionSource + (isDefault ? " (the go command in this scope)" : string.Empty);
            var status = ok ? CheckStatus.Pass : isDefault ? CheckStatus.Fail : CheckStatus.Warn;
            var message = ok
                ? $"{t.Version.Text} meets the minimum."
                : isDefault ? $"{t.Version.Text} is older than {expected.Substring(3)} and is the toolchain 'go' runs here." : $"{t.Version.Text} is older than the minimum; it is installed but not the default.";
            if (ok && t.MaySwitch)
            {
                status = CheckStatus.Warn;
                message = $"{t.Version.Text} meets the minimum, but GOTOOLCHAIN={t.GoToolchainSetting} lets go.mod switch to another toolchain.";
            }

            results.Add(Result(control, status, expected, t.Version.Text, evidence, message, target, env));
        }

        return results;
    }

    private CheckResult CheckCache(ControlDefinition control, GoEnvironmentSnapshot env)
    {
        var name = control.Check.Variable ?? "GOCACHE";
        var v = env[name];
        var path = v?.Value ?? string.Empty;
        const string expected = "owned by the building user, not group- or world-writable";
        if (path.Length == 0 || path == "off")
        {
            return Result(control, CheckStatus.NotApplicable, expected, Show(path), v is null ? "unset" : Evidence(v), "The build cache is off.", name, env, v);
        }

        var stat = _host.Stat(path);
        if (stat is null)
        {
            return Result(control, CheckStatus.NotApplicable, expected, "(does not exist)", $"stat {path} under {_host.Root}", $"{path} does not exist yet; the go command will create it with the builder's umask.", path, env, v);
        }

        var owner = _host.GetUser(stat.Uid)?.Name ?? stat.Uid.ToString(CultureInfo.InvariantCulture);
        var actual = $"{stat.OctalMode} {owner}";
        var evidence = $"stat {path}";
        if (stat.IsWorldWritable || (stat.Mode & 0x10) != 0)
        {
            return Result(control, CheckStatus.Fail, expected, actual, evidence, $"{path} is writable by {(stat.IsWorldWritable ? "everyone" : "its group")} ({stat.OctalMode}).", path, env, v);
        }

        var scopeUser = env.Request.Scope switch
        {
            GoEnvScope.User or GoEnvScope.System => env.Request.User ?? (env.Request.Scope == GoEnvScope.System ? "root" : null),
            _ => null,
        };
        if (scopeUser is not null && owner != scopeUser)
        {
            return Result(control, CheckStatus.Fail, expected, actual, evidence, $"{path} belongs to {owner}, not to {scopeUser}, who builds with it.", path, env, v);
        }

        return Result(control, CheckStatus.Pass, expected, actual, evidence, $"{path} is {stat.OctalMode}, owned by {owner}.", path, env, v);
    }

    private static string Show(string value) => value.Length == 0 ? "(empty)" : value;

    private static string Evidence(GoEnvironmentVariable v) => v.Layer switch
    {
        GoEnvLayer.Default => "go command default",
        GoEnvLayer.Process => "process environment",
        _ => v.Line > 0 ? $"{v.Layer} {v.Source}:{v.Line.ToString(CultureInfo.InvariantCulture)}" : $"{v.Layer} {v.Source}",
    };

    private static string Describe(CheckDefinition check)
    {
        var parts = new List<string>();
        if (check.OneOf is not null)
        {
            parts.Add(string.Join(" | ", check.OneOf));
        }

        if (check.NotIn is not null)
        {
            parts.Add("not " + string.Join(", ", check.NotIn.ConvertAll(s => s.Length == 0 ? "(empty)" : s)));
        }

        if (check.Matches is not null)
        {
            parts.Add("matches " + check.Matches);
        }

        if (check.ForbiddenTokens is not null)
        {
            parts.Add("without " + string.Join(", ", check.ForbiddenTokens));
        }

        if (check.EmptyUnlessAllowed is not null)
        {
            parts.Add(check.EmptyUnlessAllowed.Count == 0 ? "(empty)" : "empty or within " + string.Join(",", check.EmptyUnlessAllowed));
        }

        if (check.Explicit)
        {
            parts.Add("set explicitly");
        }

        return string.Join("; ", parts);
    }

    private static CheckResult Result(ControlDefinition control, CheckStatus status, string? expected, string? actual, string? evidence, string message, string? target, GoEnvironmentSnapshot env, GoEnvironmentVariable? v = null)
    {
        var props = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Scope"] = env.Request.Scope.ToString(),
        };
        if (v is not null)
        {
            props["Layer"] = v.Layer.ToString();
            if (v.Source is not null)
            {
                props["Source"] = v.Source;
            }
        }

        if (env.Request.User is not null)
        {
            props["User"] = env.Request.User;
        }

        if (env.Request.ServiceName is not null)
        {
            props["Service"] = env.Request.ServiceName;
        }

        return new CheckResult(control.Id, control.Title, control.Severity, status, expected, actual, evidence, message, status is CheckStatus.Pass or CheckStatus.NotApplicable ? null : control.Remediation, target, props);
    }
}
