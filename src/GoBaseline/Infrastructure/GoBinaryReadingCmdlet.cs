using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using GoBaseline.Core;
using GoBaseline.Core.GoBinary;

namespace GoBaseline.Infrastructure;

/// <summary>
/// The base of cmdlets that read Go binaries: -Path, -LiteralPath (from Get-ChildItem), -ProcessId (from Get-Process),
/// -Recurse, the walk, progress and the error policy (named files that are not Go are errors, walked ones are not).
/// </summary>
public abstract class GoBinaryReadingCmdlet : HostReadingCmdlet
{
    /// <summary>The parameter set of -Path.</summary>
    protected const string PathSet = "Path";

    /// <summary>The parameter set of -LiteralPath.</summary>
    protected const string LiteralPathSet = "LiteralPath";

    /// <summary>The parameter set of -ProcessId.</summary>
    protected const string ProcessSet = "Process";

    private long _candidates;
    private long _found;
    private readonly Stopwatch _progressClock = Stopwatch.StartNew();

    /// <summary>
    /// <para type="description">Files or directories to read; wildcards allowed. Directories are read one level deep, or
    /// entirely with -Recurse.</para>
    /// </summary>
    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>
    /// <para type="description">Files or directories to read, taken literally (no wildcards). Binds from the FullName and
    /// PSPath of Get-ChildItem output.</para>
    /// </summary>
    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName", "LP")]
    [ValidateNotNullOrEmpty]
    public string[]? LiteralPath { get; set; }

    /// <summary>
    /// <para type="description">Reads the binary behind running processes through /proc/PID/exe (works even when the file
    /// was replaced or deleted since the start). Binds from the Id of Get-Process output. Live host only.</para>
    /// </summary>
    [Parameter(ParameterSetName = ProcessSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    public int[]? ProcessId { get; set; }

    /// <summary>
    /// <para type="description">Walks directories entirely, the way go version -m does: links to directories are not
    /// followed, links to files are, and only files with an execute bit are read. Files that are not Go are skipped
    /// quietly.</para>
    /// </summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    public SwitchParameter Recurse { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (ParameterSetName == ProcessSet)
        {
            foreach (var pid in ProcessId!)
            {
                ReadProcess(pid);
            }

            return;
        }

        foreach (var (path, named) in ResolveTargets())
        {
            if (Stopping)
            {
                return;
            }

            ReadTarget(path, named);
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (_candidates > 0)
        {
            WriteProgress(new ProgressRecord(1, "Reading Go build info", "Done") { RecordType = ProgressRecordType.Completed });
        }

        WriteVerbose($"{_found} Go binaries among {_candidates} files read.");
        base.EndProcessing();
    }

    /// <summary>The paths named by -Path or -LiteralPath, resolved.</summary>
    protected IEnumerable<(string Path, bool Named)> ResolveTargets()
    {
        var literal = ParameterSetName == LiteralPathSet;
        foreach (var p in literal ? LiteralPath! : Path!)
        {
            if (!TargetRoot.IsLive)
            {
                // Under -Root the paths name files inside the root; the provider does not know them.
                yield return (Core.Host.HostRoot.Normalize(p), true);
                continue;
            }

            List<string> resolved = new();
            try
            {
                if (literal || !WildcardPattern.ContainsWildcardCharacters(p))
                {
                    resolved.Add(SessionState.Path.GetUnresolvedProviderPathFromPSPath(p));
                }
                else
                {
                    resolved.AddRange(GetResolvedProviderPathFromPSPath(p, out _));
                }
            }
            catch (Exception ex) when (ex is ItemNotFoundException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException or NotSupportedException)
            {
                OnReadFailed();
                WriteError(new ErrorRecord(ex, ErrorIds.PathNotFound, ErrorCategory.ObjectNotFound, p));
                continue;
            }

            foreach (var r in resolved)
            {
                yield return (r, true);
            }
        }
    }

    /// <summary>Reads a file, or the files of a directory (all of them with -Recurse).</summary>
    protected void ReadTarget(string path, bool named)
    {
        var host = TargetRoot;
        if (host.DirectoryExists(path))
        {
            var scanner = new GoBinaryScanner(host);
            IEnumerable<ScanCandidate> candidates;
            try
            {
                candidates = Recurse ? scanner.Walk(path, CancelToken) : scanner.ListFiles(path);
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                ReportReadError(ex, path);
                return;
            }

            foreach (var c in candidates)
            {
                if (Stopping)
                {
                    return;
                }

                ReadOne(c.RealPath, c.Path, named: false, null);
            }

            return;
        }

        if (!host.FileExists(path))
        {
            ReportReadError(new GoBaselineException(ErrorIds.PathNotFound, FailureKind.NotFound, $"{path}: not found" + (host.IsLive ? "." : $" under root {host.Root}."), path), path);
            return;
        }

        string real;
        try
        {
            real = host.Map(path);
        }
        catch (IOException ex)
        {
            ReportReadError(GoBaselineException.FromIo(ex, path), path);
            return;
        }

        ReadOne(real, path, named, null);
    }

    /// <summary>Reads the executable of a process.</summary>
    protected void ReadProcess(int pid)
    {
        if (!TargetRoot.IsLive)
        {
            ThrowEngineError(new GoBaselineException(ErrorIds.ProcessNotFound, FailureKind.InvalidArgument, "-ProcessId reads /proc of the live host; it cannot be combined with -Root.", pid), pid);
            return;
        }

        try
        {
            var (real, display) = ProcessInspector.Executable(pid);
            ReadOne(real, display, named: true, pid);
        }
        catch (GoBaselineException ex)
        {
            ReportReadError(ex, pid);
        }
    }

    private void ReadOne(string realPath, string displayPath, bool named, int? processId)
    {
        _candidates++;
        if (_progressClock.ElapsedMilliseconds > 250)
        {
            _progressClock.Restart();
            WriteProgress(new ProgressRecord(1, "Reading Go build info", $"{_found} Go binaries in {_candidates} files") { CurrentOperation = displayPath });
        }

        BuildInfoResult result;
        try
        {
            result = GoBuildInfoReader.ReadReal(realPath, displayPath, processId);
        }
        catch (GoBaselineException ex)
        {
            // A walk meets unreadable files (sockets behind links, permission); only a named file or a malformed
            // executable is worth an error record.
            if (named || ex is BinaryFormatException or GoBaseline.Core.ParseException)
            {
                ReportReadError(ex, displayPath);
            }

            return;
        }

        if (result.Info is null)
        {
            if (named)
            {
                var id = result.Outcome == BuildInfoOutcome.UnrecognizedFormat ? ErrorIds.UnrecognizedExecutable : ErrorIds.NotGoBinary;
                ReportReadError(new GoBaselineException(id, FailureKind.InvalidData, $"{displayPath}: {result.Reason}.", displayPath), displayPath);
            }
            else
            {
                WriteDebug($"{displayPath}: {result.Reason}");
            }

            return;
        }

        _found++;
        OnBinary(result.Info);
    }

    /// <summary>Called when a named file, directory or process could not be read as a Go binary.</summary>
    protected virtual void OnReadFailed()
    {
    }

    private void ReportReadError(Exception ex, object? target)
    {
        OnReadFailed();
        WriteEngineError(ex, target);
    }

    /// <summary>Handles one Go binary that was read.</summary>
    protected abstract void OnBinary(GoBinaryInfo info);
}
