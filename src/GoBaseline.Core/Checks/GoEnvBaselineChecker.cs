using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using GoBaseline.Core.GoEnv;
using GoBaseline.Core.Host;
using GoBaseline.Core.Host.Native;
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

    // Who builds with the cache in this scope: a name and, where the root's passwd (or this live process) knows it, a uid.
    // Null when nobody can know: the Process scope under -Root, or a unit with DynamicUser= and no User=.
    private sealed record Builder(string Name, uint? Uid);

    private Builder? BuilderFor(GoEnvironmentSnapshot env, out string note)
    {
        note = string.Empty;
        string? name;
        switch (env.Request.Scope)
        {
            case GoEnvScope.Process:
                if (!_host.IsLive)
                {
                    note = $" The user of a process in {_host.Root} is unknown, so the owner was not compared; the mode and who can create or replace the directory were.";
                    return null;
                }

                var euid = LibC.GetEuid();
                return new Builder(_host.GetUser(euid)?.Name ?? euid.ToString(CultureInfo.InvariantCulture), euid);
            case GoEnvScope.User:
                name = env.Request.User ?? (Environment.UserName is { Length: > 0 } n ? n : "root");
                break;
            case GoEnvScope.System:
                name = env.Request.User ?? "root";
                break;
            case GoEnvScope.Service:
                var unit = env.Request.ServiceName is null ? null : Systemd.SystemdUnit.Load(_host, env.Request.ServiceName);
                if (unit is null)
                {
                    name = "root";
                    break;
                }

                name = unit.ServiceUser();
                if (name is null)
                {
                    note = $" {unit.Name} runs with DynamicUser= and no User=: its uid is allocated at start, so the owner was not compared.";
                    return null;
                }

                break;
            default:
                return null;
        }

        var entry = _host.GetUser(name);
        return new Builder(entry?.Name ?? name, entry?.Uid ?? (uint.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null));
    }

    private static bool IsBuilder(Builder b, uint uid, string owner) => b.Uid is { } u ? u == uid : owner == b.Name;

    private string OwnerName(uint uid) => _host.GetUser(uid)?.Name ?? uid.ToString(CultureInfo.InvariantCulture);

    private string GroupName(uint gid)
    {
        foreach (var g in Passwd.ReadGroups(_host))
        {
            if (g.Gid == gid)
            {
                return g.Name;
            }
        }

        return gid.ToString(CultureInfo.InvariantCulture);
    }

    // Who, besides root and the builder, may add an entry to a directory (and so create the cache first).
    // The sticky bit does not help here: it only stops others from removing or renaming entries they do not own.
    private string? OthersWhoMayCreateIn(UnixFileStatus dir, Builder? builder)
    {
        if (dir.IsWorldWritable)
        {
            return "every local user";
        }

        if ((dir.Mode & 0x10) != 0)
        {
            return $"the members of group {GroupName(dir.Gid)}";
        }

        var owner = OwnerName(dir.Uid);
        if ((dir.Mode & 0x80) != 0 && dir.Uid != 0 && builder is not null && !IsBuilder(builder, dir.Uid, owner))
        {
            return $"its owner {owner}";
        }

        return null;
    }

    private CheckResult CheckCache(ControlDefinition control, GoEnvironmentSnapshot env)
    {
        var name = control.Check.Variable ?? "GOCACHE";
        var v = env[name];
        var path = v?.Value ?? string.Empty;
        const string expected = "owned by the building user, not group- or world-writable, not creatable or replaceable by others";
        if (path.Length == 0 || path == "off")
        {
            return Result(control, CheckStatus.NotApplicable, expected, Show(path), v is null ? "unset" : Evidence(v), "The build cache is off.", name, env, v);
        }

        var builder = BuilderFor(env, out var note);
        var who = builder is null ? "the builder" : builder.Name;
        var stat = _host.Stat(path);
        if (stat is null)
        {
            // Whoever creates the directory first owns the cache every later build trusts: with GOCACHE=/tmp/go-build
            // (the seed's value) any local user can mkdir it before the first build, sticky /tmp or not.
            var ancestor = HostRoot.Normalize(path);
            UnixFileStatus? astat = null;
            while (astat is null && ancestor != "/")
            {
                var slash = ancestor.LastIndexOf('/');
                ancestor = slash <= 0 ? "/" : ancestor.Substring(0, slash);
                astat = _host.Stat(ancestor);
            }

            astat ??= _host.Stat("/");
            var aevidence = $"stat {path}: absent; stat {ancestor}: {astat?.OctalMode} {(astat is null ? "?" : OwnerName(astat.Uid))}";
            var others = astat is null ? null : OthersWhoMayCreateIn(astat, builder);
            if (others is not null)
            {
                return Result(control, CheckStatus.Fail, expected, "(does not exist)", aevidence, $"{path} does not exist yet and {ancestor} ({astat!.OctalMode}) lets {others} create it first; whoever does owns the cache {who}'s builds would trust. Create it now as {who} with mode 0700, or point {name} into {who}'s home.{note}", path, env, v);
            }

            return Result(control, CheckStatus.NotApplicable, expected, "(does not exist)", aevidence, $"{path} does not exist yet; only root{(builder is null || builder.Uid == 0 || builder.Name == "root" ? string.Empty : " or " + builder.Name)} can create it in {ancestor}, and the go command will create it with the builder's umask.{note}", path, env, v);
        }

        var owner = OwnerName(stat.Uid);
        var actual = $"{stat.OctalMode} {owner}";
        var evidence = $"stat {path}";
        if (stat.IsWorldWritable || (stat.Mode & 0x10) != 0)
        {
            return Result(control, CheckStatus.Fail, expected, actual, evidence, $"{path} is writable by {(stat.IsWorldWritable ? "everyone" : "its group")} ({stat.OctalMode}).", path, env, v);
        }

        if (builder is not null && !IsBuilder(builder, stat.Uid, owner))
        {
            return Result(control, CheckStatus.Fail, expected, actual, evidence, $"{path} belongs to {owner}, not to {builder.Name}, who builds with it in the {env.Request.Scope} scope.", path, env, v);
        }

        // A parent others may write to without the sticky bit lets them rename the cache away and put their own in its place.
        var normalized = HostRoot.Normalize(path);
        var cut = normalized.LastIndexOf('/');
        var parent = cut <= 0 ? "/" : normalized.Substring(0, cut);
        var pstat = _host.Stat(parent);
        if (pstat is not null && (pstat.Mode & 0x200) == 0 && OthersWhoMayCreateIn(pstat, builder) is { } replacers)
        {
            return Result(control, CheckStatus.Fail, expected, actual, $"{evidence}; stat {parent}: {pstat.OctalMode} {OwnerName(pstat.Uid)}", $"{parent} ({pstat.OctalMode}, no sticky bit) lets {replacers} rename {path} away and put their own cache in its place.", path, env, v);
        }

        return Result(control, CheckStatus.Pass, expected, actual, evidence, $"{path} is {stat.OctalMode}, owned by {owner}.{note}", path, env, v);
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
