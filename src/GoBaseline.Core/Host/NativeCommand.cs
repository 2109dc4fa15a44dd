using System;
using System.Collections.Generic;
using System.Linq;

namespace GoBaseline.Core.Host;

/// <summary>
/// A native program call as data: the program, its exact argument vector, the Debian package that provides it and
/// its limits. The runner executes it; tests and -WhatIf read <see cref="CommandLine"/>, which is what will run.
/// </summary>
public sealed class NativeCommand
{
    /// <summary>Creates a call.</summary>
    public NativeCommand(string program, IEnumerable<string> arguments, string? package = null, TimeSpan? timeout = null)
    {
        Program = program;
        Arguments = arguments.ToArray();
        Package = package ?? NativePackages.For(program);
        Timeout = timeout ?? TimeSpan.FromSeconds(120);
    }

    /// <summary>The program name or absolute path.</summary>
    public string Program { get; }

    /// <summary>The argument vector, passed as is (never through a shell).</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The Debian package that provides the program, for the "not installed" error.</summary>
    public string? Package { get; }

    /// <summary>How long the call may take.</summary>
    public TimeSpan Timeout { get; init; }

    /// <summary>Exit codes that count as success (default 0).</summary>
    public IReadOnlyCollection<int> SuccessExitCodes { get; init; } = new[] { 0 };

    /// <summary>When true, anything on stderr makes the call fail even with a success exit code.</summary>
    public bool FailOnStderr { get; init; }

    /// <summary>Environment variables to set (on top of the inherited ones, after LC_ALL=C).</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>When set, the child starts with only these variables (plus LC_ALL=C), not the inherited ones.</summary>
    public bool ClearEnvironment { get; init; }

    /// <summary>Text written to the program's standard input.</summary>
    public string? StandardInput { get; init; }

    /// <summary>The working directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The command line as a POSIX shell would need it typed: for -WhatIf, logs and the journal.</summary>
    public string CommandLine => string.Join(' ', new[] { Program }.Concat(Arguments).Select(ShellQuote));

    /// <summary>Quotes one word for a POSIX shell only when it needs it.</summary>
    public static string ShellQuote(string word)
    {
        if (word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%^".Contains(c, StringComparison.Ordinal)))
        {
            return word;
        }

        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <inheritdoc/>
    public override string ToString() => CommandLine;
}

/// <summary>What a finished native call returned.</summary>
/// <param name="Command">The call.</param>
/// <param name="ExitCode">The exit code.</param>
/// <param name="StandardOutput">Everything written to stdout.</param>
/// <param name="StandardError">Everything written to stderr.</param>
/// <param name="Duration">Wall time.</param>
public sealed record NativeResult(NativeCommand Command, int ExitCode, string StandardOutput, string StandardError, TimeSpan Duration);

/// <summary>Runs native commands. The test seam lies here, below argument building, so tests see the exact argv.</summary>
public interface INativeRunner
{
    /// <summary>Runs a call to completion; throws <see cref="NativeCommandException"/> on failure.</summary>
    NativeResult Run(NativeCommand command, System.Threading.CancellationToken cancellationToken = default);

    /// <summary>Finds a program on PATH and the sbin directories; null when it is not installed.</summary>
    string? Which(string program);
}

/// <summary>A native call that failed: not installed, non-zero exit, stderr, or timeout.</summary>
public sealed class NativeCommandException : GoBaselineException
{
    /// <summary>Creates the exception.</summary>
    public NativeCommandException(string errorId, FailureKind kind, string message, NativeCommand command, NativeResult? result = null, Exception? inner = null)
        : base(errorId, kind, message, command.CommandLine, inner)
    {
        Command = command;
        Result = result;
    }

    /// <summary>The call that failed.</summary>
    public NativeCommand Command { get; }

    /// <summary>What it returned, if it ran.</summary>
    public NativeResult? Result { get; }
}

/// <summary>Which Debian package provides which program, for the "install X" message.</summary>
public static class NativePackages
{
    private static readonly Dictionary<string, string> Map = new(StringComparer.Ordinal)
    {
        ["auditctl"] = "auditd",
        ["auditd"] = "auditd",
        ["ausearch"] = "auditd",
        ["aureport"] = "auditd",
        ["augenrules"] = "auditd",
        ["semanage"] = "policycoreutils-python-utils",
        ["audit2allow"] = "policycoreutils-python-utils",
        ["semodule"] = "policycoreutils",
        ["restorecon"] = "policycoreutils",
        ["setfiles"] = "policycoreutils",
        ["sestatus"] = "policycoreutils",
        ["matchpathcon"] = "selinux-utils",
        ["getenforce"] = "selinux-utils",
        ["chcon"] = "coreutils",
        ["checkmodule"] = "checkpolicy",
        ["checkpolicy"] = "checkpolicy",
        ["semodule_package"] = "semodule-utils",
        ["getfattr"] = "attr",
        ["setfattr"] = "attr",
        ["go"] = "golang-go",
        ["openssl"] = "openssl",
        ["systemctl"] = "systemd",
        ["update-crypto-policies"] = "crypto-policies",
        ["grubby"] = "grubby",
        ["update-grub"] = "grub2-common",
        ["ansible-playbook"] = "ansible",
    };

    /// <summary>The package for a program (by file name), or null when unknown.</summary>
    public static string? For(string program)
    {
        var name = program.Contains('/', StringComparison.Ordinal) ? program.Substring(program.LastIndexOf('/') + 1) : program;
        return Map.TryGetValue(name, out var p) ? p : null;
    }
}
