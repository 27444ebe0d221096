using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Reports;

namespace ValueAlign.Tests.Faults;

/// <summary>
/// An evaluation method for fault tests: one unit per item, a result computed from the item alone
/// (so a recomputed unit equals the first computation), that pauses at a given execution until the
/// test releases it (the moment to take a database lock) and can take a while per unit afterwards.
/// </summary>
public sealed class GatedMethod : IEvaluationMethod
{
    private int executions;

    public string Id => "gated";

    public string DisplayName => "Gated (fault tests)";

    public IReadOnlySet<ItemKind> ItemKinds { get; } = Enum.GetValues<ItemKind>().ToHashSet();

    public int? PauseAtExecution { get; init; }

    public TimeSpan DelayPerUnit { get; set; }

    public TaskCompletionSource Paused { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Executions => Volatile.Read(ref executions);

    public IReadOnlyList<EvalUnit> Plan(IReadOnlyList<BenchmarkItem> items, EvalSettings settings) =>
        items.Select(i => new EvalUnit(i, "")).ToList();

    public async Task<EvalUnitOutcome> RunAsync(EvalUnit unit, EvalContext context, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref executions) - 1 == PauseAtExecution)
        {
            Paused.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
        }
        if (DelayPerUnit > TimeSpan.Zero)
            await Task.Delay(DelayPerUnit, cancellationToken);
        var item = unit.Item;
        return new EvalUnitOutcome($"Q: {item.Text}", item.ExternalId, item.Answer, new Dictionary<string, double> { ["length"] = item.Text.Length }, item.Answer == "B");
    }

    public RunReport Summarize(EvalSummaryInput input) => new(Id, [new ReportMetric("units", "Units", input.Results.Count)], [], []);
}
