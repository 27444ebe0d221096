using System.Collections.Concurrent;

namespace ValueAlign.Core.Methods.Optimisation;

/// <summary>
/// Live progress inside the round an optimisation run is working on (the job queue only sees whole
/// rounds). In memory, per process: the page and the CLI read it while the job runs in the same
/// process; after a restart a run shows its stored rounds only until the next report arrives.
/// </summary>
public sealed class OptimisationProgressBoard
{
    private readonly ConcurrentDictionary<long, OptimisationProgress> _latest = new();

    /// <summary>Raised on every report with the run id; handlers must be quick (pages re-render on their own context).</summary>
    public event Action<long, OptimisationProgress>? Changed;

    public void Report(long runId, OptimisationProgress progress)
    {
        _latest[runId] = progress;
        Changed?.Invoke(runId, progress);
    }

    public OptimisationProgress? Latest(long runId) => _latest.GetValueOrDefault(runId);

    /// <summary>
    /// An <see cref="IProgress{T}"/> that reports to the board synchronously, for an optimiser run one
    /// round at a time: <paramref name="rounds"/> replaces the optimiser's own round count with the run's.
    /// </summary>
    public IProgress<OptimisationProgress> For(long runId, int rounds) => new Reporter(this, runId, rounds);

    private sealed class Reporter(OptimisationProgressBoard board, long runId, int rounds) : IProgress<OptimisationProgress>
    {
        public void Report(OptimisationProgress value) => board.Report(runId, value with { Rounds = rounds });
    }
}
