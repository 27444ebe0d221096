using System.Collections.Concurrent;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Reports;

namespace ValueAlign.Tests.Evaluation;

/// <summary>
/// An evaluation method for engine tests: one unit per item (or <c>units</c> per item from the
/// parameters), correct when the item's answer is "B", a judge verdict per unit, and the number of
/// the item's text tokens (from the real model) as a score. It records every execution, fails
/// items whose id contains "broken", and can block the execution numbered <see cref="BlockAtExecution"/> (once that many have finished) until cancelled.
/// </summary>
public sealed class ScriptedMethod : IEvaluationMethod
{
    public string Id => "scripted";

    public string DisplayName => "Scripted (tests)";

    /// <summary>Every kind unless a test narrows it (item selection tests).</summary>
    public IReadOnlySet<ItemKind> ItemKinds { get; init; } = Enum.GetValues<ItemKind>().ToHashSet();

    public ConcurrentQueue<(long ItemId, string UnitKey)> Executions { get; } = new();

    public int? BlockAtExecution { get; set; }

    public bool SummaryReadsTexts { get; init; } = true;

    /// <summary>What the engine passed to the last <see cref="Summarize"/>.</summary>
    public EvalSummaryInput? Summarized { get; private set; }

    public TaskCompletionSource Blocked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int started;

    private int blocking;

    public IReadOnlyList<EvalUnit> Plan(IReadOnlyList<BenchmarkItem> items, EvalSettings settings)
    {
        var perItem = (int)(settings.Number("units") ?? 1);
        if (perItem < 1)
            throw new ArgumentException("units must be at least 1");
        return items.SelectMany(i => Enumerable.Range(0, perItem).Select(k => new EvalUnit(i, perItem == 1 ? "" : $"u{k}"))).ToList();
    }

    public async Task<EvalUnitOutcome> RunAsync(EvalUnit unit, EvalContext context, CancellationToken cancellationToken)
    {
        // Units run concurrently, so executions are numbered atomically as they start (two units
        // reading Executions.Count at once could both skip the blocking number), and the blocked
        // unit waits until that many executions have finished: a test that cancels on Blocked then
        // knows exactly which units are computed.
        var execution = Interlocked.Increment(ref started) - 1;
        if (BlockAtExecution is int blockAt && execution >= blockAt && Interlocked.Exchange(ref blocking, 1) == 0)
        {
            while (Executions.Count < blockAt)
                await Task.Delay(5, cancellationToken);
            Blocked.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        if (unit.Item.ExternalId.Contains("broken", StringComparison.Ordinal))
        {
            Executions.Enqueue((unit.Item.Id, unit.UnitKey));
            throw new FormatException($"item {unit.Item.ExternalId} is broken");
        }
        var tokens = await context.Model.TokenizeAsync(unit.Item.Text, addBos: true, cancellationToken);
        // Recorded once computed: an execution in this list is a unit whose outcome the engine received.
        Executions.Enqueue((unit.Item.Id, unit.UnitKey));
        var correct = unit.Item.Answer == "B";
        return new EvalUnitOutcome($"Q: {unit.Item.Text}", "B", "B", new Dictionary<string, double> { ["tokens"] = tokens.Count, ["seed"] = context.Settings.Seed }, correct)
        {
            JudgeVerdicts = [new JudgeVerdict("answer-correct", correct ? "yes" : "no")],
        };
    }

    public RunReport Summarize(EvalSummaryInput input)
    {
        Summarized = input;
        return new(
            Id,
            [new ReportMetric("units", "Units", input.Results.Count), new ReportMetric("correct", "Correct", input.Results.Count(r => r.Correct == true))],
            [],
            []);
    }
}
