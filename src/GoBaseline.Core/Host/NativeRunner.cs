using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace GoBaseline.Core.Host;

/// <summary>
/// The one runner for external programs: argument list (never a shell), stdout and stderr read concurrently,
/// LC_ALL=C, a timeout, cancellation that kills the whole child, exit code and stderr checked.
/// </summary>
public sealed class NativeRunner : INativeRunner
{
    private static readonly string[] ExtraDirectories = { "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin" };

    /// <summary>The shared runner.</summary>
    public static NativeRunner Default { get; } = new NativeRunner();

    /// <inheritdoc/>
    public string? Which(string program)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program) ? program : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (IsExecutable(candidate))
            {
                return candidate;
            }
        }

        // Admin tools live in sbin, which a non-login PATH (Ansible, cron) often lacks.
        foreach (var dir in ExtraDirectories)
        {
            var candidate = Path.Combine(dir, program);
            if (IsExecutable(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        var mode = File.GetUnixFileMode(path);
        return (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }

    /// <inheritdoc/>
    public NativeResult Run(NativeCommand command, CancellationToken cancellationToken = default)
    {
        var exe = Which(command.Program) ?? throw NotFound(command, null);
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = command.WorkingDirectory ?? string.Empty,
        };
        foreach (var a in command.Arguments)
        {
            psi.ArgumentList.Add(a);
        }

        if (command.ClearEnvironment)
        {
            psi.Environment.Clear();
        }

        // Parsers read English, fixed-format output.
        psi.Environment["LC_ALL"] = "C";
        psi.Environment["LANG"] = "C";
        if (command.Environment is not null)
        {
            foreach (var (k, v) in command.Environment)
            {
                if (v is null)
                {
                    psi.Environment.Remove(k);
                }
                else
                {
                    psi.Environment[k] = v;
                }
            }
        }

        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw NotFound(command, ex);
        }

        // Both streams are drained concurrently so a chatty stderr can never block the child on a full pipe.
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            if (command.StandardInput is not null)
            {
                process.StandardInput.Write(command.StandardInput);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The child closed its stdin early; its exit code will tell.
        }

        var exited = WaitForExit(process, command.Timeout, cancellationToken);
        if (!exited)
        {
            Kill(process);
            if (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException($"{command.CommandLine}: stopped.", cancellationToken);
            }

            throw new NativeCommandException(
                ErrorIds.NativeCommandTimedOut,
                FailureKind.Timeout,
                $"{command.CommandLine}: no answer within {command.Timeout.TotalSeconds:0.#} s; stopped.",
                command);
        }

        Task.WaitAll(new Task[] { stdout, stderr }, CancellationToken.None);
        var result = new NativeResult(command, process.ExitCode, stdout.Result, stderr.Result, watch.Elapsed);
        var failedExit = !Contains(command.SuccessExitCodes, result.ExitCode);
        if (failedExit || (command.FailOnStderr && result.StandardError.Trim().Length > 0))
        {
            var err = result.StandardError.Trim();
            throw new NativeCommandException(
                ErrorIds.NativeCommandFailed,
                FailureKind.ExternalFailure,
                $"{command.CommandLine}: exit code {result.ExitCode}{(err.Length > 0 ? ": " + err : string.Empty)}",
                command,
                result);
        }

        return result;
    }

    private static bool Contains(System.Collections.Generic.IReadOnlyCollection<int> codes, int code)
    {
        foreach (var c in codes)
        {
            if (c == code)
            {
                return true;
            }
        }

        return false;
    }

    private static bool WaitForExit(Process process, TimeSpan timeout, CancellationToken token)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            var slice = left < TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100);
            if (process.WaitForExit(slice))
            {
                // The parameterless overload waits for the redirected streams to reach end of file as well.
                process.WaitForExit();
                return true;
            }

            if (token.IsCancellationRequested)
            {
                return false;
            }
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static NativeCommandException NotFound(NativeCommand command, Exception? inner)
    {
        var hint = command.Package is null ? string.Empty : $" Install it with: apt-get install {command.Package}";
        return new NativeCommandException(
            ErrorIds.NativeCommandNotFound,
            FailureKind.NotInstalled,
            $"The program '{command.Program}' is not installed.{hint}",
            command,
            null,
            inner);
    }
}
