using System;
using System.Collections.Generic;

namespace GoBaseline;

/// <summary>The outcome of one check. The vocabulary maps losslessly onto XCCDF, InSpec, kube-bench and kubescape.</summary>
public enum CheckStatus
{
    /// <summary>The check looked and the system meets the expectation.</summary>
    Pass,
    /// <summary>The check looked and the system does not meet the expectation.</summary>
    Fail,
    /// <summary>The check looked and found something worth attention that is not a failure.</summary>
    Warn,
    /// <summary>The control does not apply to this system (for example no Go toolchain to check).</summary>
    NotApplicable,
    /// <summary>The check did not run: manual, skipped, or its input is missing.</summary>
    NotChecked,
    /// <summary>The check tried to look and failed (unreadable file, tool error).</summary>
    Error,
}

/// <summary>How much a failed control matters.</summary>
public enum Severity
{
    /// <summary>Informational.</summary>
    Info,
    /// <summary>Low.</summary>
    Low,
    /// <summary>Medium.</summary>
    Medium,
    /// <summary>High.</summary>
    High,
    /// <summary>Critical.</summary>
    Critical,
}

/// <summary>
/// One check's result, shared by every check in the module. A result that says <see cref="CheckStatus.Pass"/>
/// always carries the evidence it looked at: a check that could not look is never Pass.
/// </summary>
public sealed class CheckResult
{
    /// <summary>Creates a result; <paramref name="evidence"/> is required for <see cref="CheckStatus.Pass"/>.</summary>
    public CheckResult(
        string controlId,
        string title,
        Severity severity,
        CheckStatus status,
        string? expected,
        string? actual,
        string? evidence,
        string? message = null,
        string? remediation = null,
        string? target = null,
        IReadOnlyDictionary<string, string>? properties = null)
    {
        if (string.IsNullOrEmpty(controlId))
        {
            throw new ArgumentException("A check result needs a control id.", nameof(controlId));
        }

        if (status == CheckStatus.Pass && string.IsNullOrEmpty(evidence))
        {
            throw new ArgumentException($"Control {controlId}: a Pass must say where the actual value came from.", nameof(evidence));
        }

        ControlId = controlId;
        Title = title;
        Severity = severity;
        Status = status;
        Expected = expected;
        Actual = actual;
        Evidence = evidence;
        Message = message;
        Remediation = remediation;
        Target = target;
        Properties = properties ?? new Dictionary<string, string>();
    }

    /// <summary>The control's stable id, e.g. GOENV-001.</summary>
    public string ControlId { get; }

    /// <summary>The control's title.</summary>
    public string Title { get; }

    /// <summary>The control's severity.</summary>
    public Severity Severity { get; }

    /// <summary>The verdict.</summary>
    public CheckStatus Status { get; }

    /// <summary>What the baseline expects, in words an admin can compare with <see cref="Actual"/>.</summary>
    public string? Expected { get; }

    /// <summary>What the check observed.</summary>
    public string? Actual { get; }

    /// <summary>Where the observed value came from: a file and line, a layer, a command.</summary>
    public string? Evidence { get; }

    /// <summary>Why the verdict is what it is, in one sentence.</summary>
    public string? Message { get; }

    /// <summary>How to fix a failure (a cmdlet call where GoBaseline can do it).</summary>
    public string? Remediation { get; }

    /// <summary>What was checked: a variable, a path, a service, a binary.</summary>
    public string? Target { get; }

    /// <summary>Further facts a check wants to hand on (layer, scope, file).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Status} {ControlId} {Title}";
}
