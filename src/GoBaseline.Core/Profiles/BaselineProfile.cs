using System.Collections.Generic;

namespace GoBaseline.Core.Profiles;

/// <summary>The kinds of check a control can ask for.</summary>
public enum CheckType
{
    /// <summary>A Go environment variable's effective value.</summary>
    GoEnv,
    /// <summary>The minimum version of the Go toolchains on the host.</summary>
    GoToolchain,
    /// <summary>The ownership and mode of the GOCACHE directory.</summary>
    GoCachePermissions,
    /// <summary>An audit rule present in the persistent rules and loaded in the kernel (Test-AuditRule, Compare-AuditRule).</summary>
    AuditRule,
}

/// <summary>A baseline profile: controls with checks and remediations. Read from YAML; unknown keys are errors.</summary>
public sealed class BaselineProfile
{
    /// <summary>Profile id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Title.</summary>
    public string Title { get; set; } = string.Empty;

    /// <summary>Profile version.</summary>
    public string Version { get; set; } = "1";

    /// <summary>Description.</summary>
    public string? Description { get; set; }

    /// <summary>The controls, in report order.</summary>
    public List<ControlDefinition> Controls { get; set; } = new();

    /// <summary>Where the profile was read from (not part of the YAML).</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public string Source { get; set; } = string.Empty;
}

/// <summary>One control.</summary>
public sealed class ControlDefinition
{
    /// <summary>Stable id, e.g. GOENV-001.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Title.</summary>
    public string Title { get; set; } = string.Empty;

    /// <summary>Severity.</summary>
    public Severity Severity { get; set; } = Severity.Medium;

    /// <summary>Why it matters.</summary>
    public string? Rationale { get; set; }

    /// <summary>References (seed section, CIS, NIST, Go docs).</summary>
    public List<string> References { get; set; } = new();

    /// <summary>The check.</summary>
    public CheckDefinition Check { get; set; } = new();

    /// <summary>How to fix it, in words or a cmdlet call.</summary>
    public string? Remediation { get; set; }

    /// <summary>Line of the control in the profile (not part of the YAML).</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public int Line { get; set; }
}

/// <summary>What a control checks. Which keys apply depends on <see cref="Type"/>.</summary>
public sealed class CheckDefinition
{
    /// <summary>The check kind.</summary>
    public CheckType Type { get; set; }

    /// <summary>The Go environment variable (GoEnv, GoCachePermissions).</summary>
    public string? Variable { get; set; }

    /// <summary>The value must be set explicitly, not inherited from go.env or the built-in default.</summary>
    public bool Explicit { get; set; }

    /// <summary>The value must equal one of these.</summary>
    public List<string>? OneOf { get; set; }

    /// <summary>The value must not equal any of these.</summary>
    public List<string>? NotIn { get; set; }

    /// <summary>The value must match this regular expression (anchored by the author).</summary>
    public string? Matches { get; set; }

    /// <summary>No space- or comma-separated token of the value may start with any of these.</summary>
    public List<string>? ForbiddenTokens { get; set; }

    /// <summary>The value must be empty, or every comma-separated entry must be in this list.</summary>
    public List<string>? EmptyUnlessAllowed { get; set; }

    /// <summary>Minimum Go version (GoToolchain).</summary>
    public string? MinVersion { get; set; }

    /// <summary>
    /// The audit rule (AuditRule), as in a rules file. It may hold one placeholder, expanded per host into one rule
    /// each: {goenv} (the GOENV file of root and every login user), {goroot} (the GOROOT of every Go toolchain
    /// found), {unitdir} (each systemd unit directory). The same placeholder in the title is replaced too.
    /// </summary>
    public string? Rule { get; set; }
}
