using System.Collections.Generic;

namespace GoBaseline;

/// <summary>The overall FIPS 140 verdict of a host, in the vocabulary of fips-mode-setup --check.</summary>
public enum FipsVerdict
{
    /// <summary>The kernel runs in FIPS mode and every other signal agrees.</summary>
    Enabled,
    /// <summary>The kernel does not run in FIPS mode and nothing is configured for it.</summary>
    Disabled,
    /// <summary>The signals disagree; <see cref="FipsStatus.Contradictions"/> names each disagreement.</summary>
    Inconsistent,
    /// <summary>The kernel has no FIPS support (no /proc/sys/crypto/fips_enabled).</summary>
    NotSupported,
}

/// <summary>What one signal says.</summary>
public enum FipsSignalState
{
    /// <summary>The signal says FIPS mode is on.</summary>
    On,
    /// <summary>The signal says FIPS mode is off.</summary>
    Off,
    /// <summary>Part of it is configured (some boot entries, provider present but not activated).</summary>
    Partial,
    /// <summary>The component does not exist on this host (no crypto-policies on Debian).</summary>
    Absent,
    /// <summary>The signal could not be read.</summary>
    Unknown,
}

/// <summary>One FIPS signal with its evidence.</summary>
public sealed class FipsSignal
{
    /// <summary>Creates a signal.</summary>
    public FipsSignal(string name, FipsSignalState state, string value, string evidence, string? detail = null)
    {
        Name = name;
        State = state;
        Value = value;
        Evidence = evidence;
        Detail = detail;
    }

    /// <summary>The signal: Kernel, CommandLine, BootConfig, Dracut, CryptoPolicy, SystemFips, OpenSsl, GoEnvironment, GoBinaries.</summary>
    public string Name { get; }

    /// <summary>What it says.</summary>
    public FipsSignalState State { get; }

    /// <summary>The value read (e.g. "1", "FIPS:OSPP", "fips provider active").</summary>
    public string Value { get; }

    /// <summary>Where it was read: file and line, command.</summary>
    public string Evidence { get; }

    /// <summary>More about it, in a sentence.</summary>
    public string? Detail { get; }

    /// <inheritdoc/>
    public override string ToString() => Name + "=" + State;
}

/// <summary>The FIPS 140 state of a host: every signal, the verdict, and the contradictions that make it Inconsistent.</summary>
public sealed class FipsStatus
{
    /// <summary>Creates a status.</summary>
    public FipsStatus(string root, FipsVerdict verdict, IReadOnlyList<FipsSignal> signals, IReadOnlyList<string> contradictions, IReadOnlyList<string> notes)
    {
        Root = root;
        Verdict = verdict;
        Signals = signals;
        Contradictions = contradictions;
        Notes = notes;
    }

    /// <summary>The root that was read ("/" for the live host).</summary>
    public string Root { get; }

    /// <summary>The overall verdict.</summary>
    public FipsVerdict Verdict { get; }

    /// <summary>True only when the verdict is Enabled.</summary>
    public bool IsEnabled => Verdict == FipsVerdict.Enabled;

    /// <summary>
    /// The seed self-check's exit code for this verdict: 0 enabled, 1 disabled, 2 not supported. Inconsistent is 1:
    /// where the seed's kernel-only check says 0 for a kernel in FIPS mode, a host whose other signals contradict
    /// the kernel is not counted as enabled here.
    /// </summary>
    public int ExitCode => Verdict switch
    {
        FipsVerdict.Enabled => 0,
        FipsVerdict.NotSupported => 2,
        _ => 1,
    };

    /// <summary>Every signal, in a fixed order.</summary>
    public IReadOnlyList<FipsSignal> Signals { get; }

    /// <summary>Each disagreement between signals, named (empty unless Inconsistent, or notes for NotSupported).</summary>
    public IReadOnlyList<string> Contradictions { get; }

    /// <summary>Findings that do not change the verdict: switches nobody reads, fips140=only, unchecked parts.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The signal with a name, or null.</summary>
    public FipsSignal? this[string name]
    {
        get
        {
            foreach (var s in Signals)
            {
                if (s.Name == name)
                {
                    return s;
                }
            }

            return null;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => "FIPS mode: " + Verdict;
}

/// <summary>How a stage of a FIPS rollout ended.</summary>
public enum FipsRolloutStageStatus
{
    /// <summary>Applied and every health check passed.</summary>
    Succeeded,
    /// <summary>A health check failed at this stage.</summary>
    Failed,
    /// <summary>Applied, then undone because this or a later stage failed.</summary>
    RolledBack,
    /// <summary>Not applied (-WhatIf, declined, or an earlier stage failed).</summary>
    Skipped,
}

/// <summary>One stage of Start-FipsRollout: the services switched to GODEBUG=fips140=on and what the checks said.</summary>
public sealed class FipsRolloutStage
{
    /// <summary>Creates a stage record.</summary>
    public FipsRolloutStage(string rolloutId, int stage, int stageCount, IReadOnlyList<string> serviceName, string? transactionId, FipsRolloutStageStatus status, IReadOnlyList<string> checks, string? reason)
    {
        RolloutId = rolloutId;
        Stage = stage;
        StageCount = stageCount;
        ServiceName = serviceName;
        TransactionId = transactionId;
        Status = status;
        Checks = checks;
        Reason = reason;
    }

    /// <summary>The rollout's id (also the name of the journal checkpoint taken before the first stage).</summary>
    public string RolloutId { get; }

    /// <summary>The stage number, from 1.</summary>
    public int Stage { get; }

    /// <summary>How many stages the rollout has.</summary>
    public int StageCount { get; }

    /// <summary>The services this stage switched.</summary>
    public IReadOnlyList<string> ServiceName { get; }

    /// <summary>The journal transaction of this stage (Undo-BaselineChange -Id binds to it), or null.</summary>
    public string? TransactionId { get; }

    /// <summary>How the stage ended.</summary>
    public FipsRolloutStageStatus Status { get; }

    /// <summary>The checks run after the stage, each with its outcome.</summary>
    public IReadOnlyList<string> Checks { get; }

    /// <summary>Why the stage failed or was rolled back.</summary>
    public string? Reason { get; }
}
