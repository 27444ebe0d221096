using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Methods.Culture;

namespace ValueAlign.Tests.Evaluation.Batching;

/// <summary>
/// culture-mcq under another id whose <see cref="StopAtUnit"/>-th unit (counting from 0 over all
/// executions) waits until cancelled, once: the units in flight with it wait for it in the grouped
/// scorer, so a cancel then lands in the middle of a batch.
/// </summary>
public sealed class GatedCultureMethod : IEvaluationMethod
{
    private readonly CultureMcqMethod inner = new();
    private int started = -1;

    public string Id => "culture-gated";

    public string DisplayName => "Culture MCQ with a gate (tests)";

    public int? StopAtUnit { get; set; }

    public TaskCompletionSource Stopped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlySet<ItemKind> ItemKinds => inner.ItemKinds;

    public IReadOnlyList<EvalUnit> Plan(IReadOnlyList<BenchmarkItem> items, EvalSettings settings) => inner.Plan(items, settings);

    public async Task<EvalUnitOutcome> RunAsync(EvalUnit unit, EvalContext context, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref started) == StopAtUnit)
        {
            StopAtUnit = null;
            Stopped.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        return await inner.RunAsync(unit, context, cancellationToken);
    }

    public RunReport Summarize(EvalSummaryInput input) => inner.Summarize(input);
}
