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
