using System.Threading;

namespace GoBaseline.Core.Host;

/// <summary>Binds a stopping token to a runner, so that no call made through it outlives Ctrl+C or StopProcessing.</summary>
public static class NativeRunnerCancellation
{
    /// <summary>
    /// A runner whose every call is cancelled by <paramref name="stopping"/> as well as by the token the caller passes:
    /// a call site that forgets its token still stops (and kills its child) when the cmdlet does.
    /// </summary>
    public static INativeRunner WithCancellation(this INativeRunner runner, CancellationToken stopping) =>
        !stopping.CanBeCanceled || runner is CancellingRunner c && c.Stopping == stopping ? runner : new CancellingRunner(runner, stopping);

    private sealed class CancellingRunner : INativeRunner
    {
        private readonly INativeRunner _inner;

        public CancellingRunner(INativeRunner inner, CancellationToken stopping)
        {
            _inner = inner;
            Stopping = stopping;
        }

        public CancellationToken Stopping { get; }

        public NativeResult Run(NativeCommand command, CancellationToken cancellationToken = default)
        {
            if (!cancellationToken.CanBeCanceled || cancellationToken == Stopping)
            {
                return _inner.Run(command, Stopping);
            }

            using var both = CancellationTokenSource.CreateLinkedTokenSource(Stopping, cancellationToken);
            return _inner.Run(command, both.Token);
        }

        public string? Which(string program) => _inner.Which(program);
    }
}
