using System;
using System.Management.Automation;
using System.Threading;
using GoBaseline.Core;
using GoBaseline.Core.Host;

namespace GoBaseline.Infrastructure;

/// <summary>The base of every cmdlet: error translation, cancellation on Ctrl+C, the native runner.</summary>
public abstract class GoBaselineCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops; native children are killed.</summary>
    protected CancellationToken CancelToken => _stopping.Token;

    private INativeRunner _runner = NativeRunner.Default;

    /// <summary>
    /// The runner for external programs, bound to <see cref="CancelToken"/>: every child it starts is killed when the
    /// cmdlet stops, whether or not the call site passes the token too.
    /// </summary>
    internal INativeRunner Runner
    {
        get => _runner.WithCancellation(CancelToken);
        set => _runner = value;
    }

    /// <inheritdoc/>
    protected override void StopProcessing()
    {
        _stopping.Cancel();
        base.StopProcessing();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes a non-terminating error for one item and lets the cmdlet go on.</summary>
    protected void WriteEngineError(Exception ex, object? target = null) => WriteError(ErrorMapper.ToRecord(ex, target));

    /// <summary>Stops the cmdlet with a terminating error.</summary>
    protected void ThrowEngineError(Exception ex, object? target = null) => ThrowTerminatingError(ErrorMapper.ToRecord(ex, target));

    /// <summary>Resolves a user path (relative to the current location, ~ expanded) to a file system path.</summary>
    protected string ResolveUserPath(string path) => GetUnresolvedProviderPathFromPSPath(path);
}

/// <summary>The base of cmdlets that read the system: the -Root parameter and the host bound to it.</summary>
public abstract class HostReadingCmdlet : GoBaselineCmdlet
{
    private HostRoot? _host;

    /// <summary>
    /// <para type="description">The root of the system to read: "/" (the default) for the live host, or the directory
    /// of a mounted container image, a chroot or a fixture tree. Paths in the output are paths inside that root.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Root { get; set; } = "/";

    /// <summary>The host bound to <see cref="Root"/>.</summary>
    internal HostRoot TargetRoot
    {
        get
        {
            if (_host is null)
            {
                try
                {
                    var root = Root == "/" ? "/" : ResolveUserPath(Root);
                    _host = root == "/" ? HostRoot.Live : new HostRoot(root);
                }
                catch (GoBaselineException ex)
                {
                    ThrowEngineError(ex, Root);
                }
            }

            return _host!;
        }
    }
}
