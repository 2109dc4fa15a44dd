using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace GoBaseline.Core.Profiles;

/// <summary>Reads baseline profiles. Every error names the file, line and column; nothing half-read is returned.</summary>
public static class ProfileLoader
{
    /// <summary>The name of the profile built into the module.</summary>
    public const string DefaultName = "default";

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithEnumNamingConvention(PascalCaseNamingConvention.Instance)
        .Build();

    /// <summary>The embedded default profile.</summary>
    public static BaselineProfile LoadDefault()
    {
        using var stream = typeof(ProfileLoader).Assembly.GetManifestResourceStream("GoBaseline.Profiles.default.yaml")
            ?? throw new InvalidOperationException("The embedded default profile is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "<embedded>/default.yaml");
    }

    /// <summary>Reads a profile file from this machine's file system (profiles are the caller's, not the host's).</summary>
    public static BaselineProfile LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw GoBaselineException.FromIo(ex, path);
        }

        return Parse(text, path);
    }

    /// <summary>Parses profile text.</summary>
    public static BaselineProfile Parse(string text, string source)
    {
        BaselineProfile? profile;
        try
        {
            profile = Deserializer.Deserialize<BaselineProfile>(text);
        }
        catch (YamlException ex)
        {
            var inner = ex.InnerException is not null && ex.InnerException is not YamlException ? ": " + ex.InnerException.Message : string.Empty;
            throw new ParseException(ErrorIds.ProfileInvalid, new SourcePosition(source, (int)ex.Start.Line, (int)ex.Start.Column), Clean(ex.Message) + inner, ex);
        }

        if (profile is null)
        {
            throw new ParseException(ErrorIds.ProfileInvalid, new SourcePosition(source, 1, 1), "The profile is empty.");
        }

        profile.Source = source;
        AssignLines(text, profile);
        Validate(profile, source);
        return profile;
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: …) - (…): "; the position is ours to print.
        var i = message.LastIndexOf("): ", StringComparison.Ordinal);
        return i >= 0 ? message.Substring(i + 3) : message;
    }

    private static void AssignLines(string text, BaselineProfile profile)
    {
        // A second, event-level pass finds where each control's mapping starts, for positioned semantic errors.
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        var inControls = false;
        var controlsDepth = -1;
        var index = 0;
        string? lastScalar = null;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart ms:
                    depth++;
                    if (inControls && depth == controlsDepth + 1 && index < profile.Controls.Count)
                    {
                        profile.Controls[index++].Line = (int)ms.Start.Line;
                    }

                    break;
                case MappingEnd:
                    depth--;
                    break;
                case SequenceStart when lastScalar == "controls" && depth == 1:
                    inControls = true;
                    controlsDepth = depth;
                    break;
                case SequenceEnd when inControls && depth == controlsDepth:
                    inControls = false;
                    break;
                case Scalar s:
                    lastScalar = s.Value;
                    break;
            }
        }
    }

    private static void Validate(BaselineProfile profile, string source)
    {
        ParseException Error(ControlDefinition c, string message) => new(ErrorIds.ProfileInvalid, new SourcePosition(source, c.Line, 1), $"control {c.Id}: {message}");

        if (string.IsNullOrWhiteSpace(profile.Id))
        {
            throw new ParseException(ErrorIds.ProfileInvalid, new SourcePosition(source, 1, 1), "the profile needs an 'id'.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in profile.Controls)
        {
            if (string.IsNullOrWhiteSpace(c.Id))
            {
                throw Error(c, "every control needs an 'id'.");
            }

            if (!ids.Add(c.Id))
            {
                throw Error(c, "the id is used twice.");
            }

            var k = c.Check;
            switch (k.Type)
            {
                case CheckType.GoEnv:
                    if (string.IsNullOrEmpty(k.Variable))
                    {
                        throw Error(c, "a goEnv check needs 'variable'.");
                    }

                    if (k.OneOf is null && k.NotIn is null && k.Matches is null && k.ForbiddenTokens is null && k.EmptyUnlessAllowed is null && !k.Explicit)
                    {
                        throw Error(c, "a goEnv check needs at least one of oneOf, notIn, matches, forbiddenTokens, emptyUnlessAllowed, explicit.");
                    }

                    break;
                case CheckType.GoToolchain:
                    if (!GoVersion.TryParse(k.MinVersion, out _))
                    {
                        throw Error(c, $"'minVersion' must be a Go version such as 1.21 (got '{k.MinVersion}').");
                    }

                    break;
                case CheckType.GoCachePermissions:
                    break;
                case CheckType.AuditRule:
                    if (string.IsNullOrWhiteSpace(k.Rule))
                    {
                        throw Error(c, "an auditRule check needs 'rule' (a rule as in a rules file, e.g. -w /etc/environment -p wa -k go_env).");
                    }

                    var holders = Regex.Matches(k.Rule, @"\{[^}]*\}").Select(m => m.Value).Distinct().ToList();
                    if (holders.Any(h => !AuditRulePlaceholders.Contains(h)) || holders.Count > 1)
                    {
                        throw Error(c, $"'rule' may hold one placeholder of {string.Join(", ", AuditRulePlaceholders)} (got {string.Join(", ", holders)}).");
                    }

                    if (c.Remediation is not null)
                    {
                        throw Error(c, "the remediation of an auditRule check is computed (Add-AuditRule -Text with the rule): leave 'remediation' out.");
                    }

                    break;
            }

            if (k.Matches is not null)
            {
                try
                {
                    _ = new Regex(k.Matches, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException ex)
                {
                    throw Error(c, $"'matches' is not a valid regular expression: {ex.Message}");
                }
            }
        }
    }

    /// <summary>The placeholders an auditRule check's rule may hold (see <see cref="CheckDefinition.Rule"/>).</summary>
    public static readonly IReadOnlyList<string> AuditRulePlaceholders = new[] { "{goenv}", "{goroot}", "{unitdir}" };

    /// <summary>Resolves a profile argument: null or "default" → embedded, else a file path.</summary>
    public static BaselineProfile Load(string? nameOrPath) =>
        string.IsNullOrEmpty(nameOrPath) || nameOrPath == DefaultName ? LoadDefault() : LoadFile(nameOrPath);

    internal static Assembly Assembly => typeof(ProfileLoader).Assembly;
}
