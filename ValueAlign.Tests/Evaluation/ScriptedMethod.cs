using System.Collections.Concurrent;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Reports;

namespace ValueAlign.Tests.Evaluation;

/// <summary>
/// An evaluation method for engine tests: one unit per item (or <c>units</c> per item from the
/// parameters), correct when the item's answer is "B", a judge verdict per unit, and the number of
/// the item's text tokens (from the real model) as a score. It records every execution, fails
/// items whose id contains "broken", and can block at a given execution until cancelled.
/// </summary>
public sealed class ScriptedMethod : IEvaluationMethod
{
    public string Id => "scripted";

    public string DisplayName => "Scripted (tests)";

    /// <summary>Every kind unless a test narrows it (item selection tests).</summary>
    public IReadOnlySet<ItemKind> ItemKinds { get; init; } = Enum.GetValues<ItemKind>().ToHashSet();

    public ConcurrentQueue<(long ItemId, string UnitKey)> Executions { get; } = new();

    public int? BlockAtExecution { get; set; }

    public TaskCompletionSource Blocked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<EvalUnit> Plan(IReadOnlyList<BenchmarkItem> items, EvalSettings settings)
    {
        var perItem = (int)(settings.Number("units") ?? 1);
        if (perItem < 1)
            throw new ArgumentException("units must be at least 1");
        return items.SelectMany(i => Enumerable.Range(0, perItem).Select(k => new EvalUnit(i, perItem == 1 ? "" : $"u{k}"))).ToList();
    }

    public async Task<EvalUnitOutcome> RunAsync(EvalUnit unit, EvalContext context, CancellationToken cancellationToken)
    {
        var execution = Executions.Count;
        if (execution == BlockAtExecution)
        {
            BlockAtExecution = null;
            Blocked.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        Executions.Enqueue((unit.Item.Id, unit.UnitKey));
        if (unit.Item.ExternalId.Contains("broken", StringComparison.Ordinal))
            throw new FormatException($"item {unit.Item.ExternalId} is broken");
        var tokens = await context.Model.TokenizeAsync(unit.Item.Text, addBos: true, cancellationToken);
        var correct = unit.Item.Answer == "B";
        return new EvalUnitOutcome($"Q: {unit.Item.Text}", "B", "B", new Dictionary<string, double> { ["tokens"] = tokens.Count, ["seed"] = context.Settings.Seed }, correct)
        {
            JudgeVerdicts = [new JudgeVerdict("answer-correct", correct ? "yes" : "no")],
        };
    }

    public RunReport Summarize(EvalSummaryInput input) => new(
        Id,
        [new ReportMetric("units", "Units", input.Results.Count), new ReportMetric("correct", "Correct", input.Results.Count(r => r.Correct == true))],
        [],
        []);
}
