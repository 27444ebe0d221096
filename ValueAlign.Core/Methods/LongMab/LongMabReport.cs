using System.Globalization;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Reports;

namespace ValueAlign.Core.Methods.LongMab;

/// <summary>
/// The LongMab-PO run report: items, pairs and pair rate, mean reward over all rollouts, mean
/// chosen−rejected gap, and (for formats with supporting facts) how often the bandit's selected
/// chunks held supporting text; the reward curve (mean reward per round over items), each item's
/// chosen and rejected reward, and a table of the pairs.
/// </summary>
public static class LongMabReport
{
    public static RunReport Build(EvalSummaryInput input)
    {
        var traces = input.Results.Where(r => r.Error is null)
            .Select(r => LongMabTraceJson.TryDeserialize(r.RawOutput)).Where(t => t is not null).Select(t => t!)
            .OrderBy(t => t.ItemKey, StringComparer.Ordinal).ToList();
        var pairs = traces.Where(t => t.Pair is not null).ToList();
        var supported = traces.Where(t => t.Chunks.Any(c => c.Supporting)).ToList();
        var metrics = new List<ReportMetric>
        {
            new("items", "Items", traces.Count),
            new("pairs", "Pairs", pairs.Count),
            new("pair_rate", "Items with a pair", traces.Count == 0 ? null : (double)pairs.Count / traces.Count, N: traces.Count),
            new("reward_mean", "Mean reward (all rollouts)", Mean(traces.SelectMany(t => t.Rollouts).Select(r => r.Reward)), N: traces.Sum(t => t.Rollouts.Count)),
            new("reward_gap_mean", "Mean chosen − rejected reward", Mean(pairs.Select(t => t.Pair!.ChosenReward - t.Pair.RejectedReward)), N: pairs.Count),
            supported.Count == 0
                ? ReportMetric.Unmeasured("supporting_selection_rate", "Selected chunks holding supporting facts", "the items mark no supporting facts")
                : new("supporting_selection_rate", "Selected chunks holding supporting facts", Mean(supported.Select(SupportingSelectionRate)), N: supported.Count),
            new("errors", "Items that failed", input.Results.Count(r => r.Error is not null), N: input.Results.Count),
        };
        var rounds = traces.Count == 0 ? 0 : traces.Max(t => t.Rollouts.Count);
        var curve = new ReportChart("reward-curve", "Mean reward per round", ReportChartKind.Bars,
            [.. Enumerable.Range(1, rounds).Select(Text)],
            [new ReportSeries("mean reward", [.. Enumerable.Range(1, rounds).Select(t => Mean(traces.Where(x => x.Rollouts.Count >= t).Select(x => x.Rollouts[t - 1].Reward)))])],
            "round", "reward", 0, 1);
        var perItem = new ReportChart("pair-rewards", "Chosen and rejected reward per item", ReportChartKind.Bars,
            [.. pairs.Select(t => t.ItemKey)],
            [new ReportSeries("chosen", [.. pairs.Select(t => (double?)t.Pair!.ChosenReward)]), new ReportSeries("rejected", [.. pairs.Select(t => (double?)t.Pair!.RejectedReward)])],
            "item", "reward", 0, 1);
        var rows = traces.Select(t => (IReadOnlyList<string>)
        [
            t.ItemKey, Text(t.Chunks.Count), Text(t.Rollouts.Count),
            t.Pair is { } p ? Text(p.ChosenRound) : "", t.Pair is { } p2 ? Number(p2.ChosenReward) : "",
            t.Pair is { } p3 ? Text(p3.RejectedRound) : "", t.Pair is { } p4 ? Number(p4.RejectedReward) : "",
            t.Pair is null ? "no pair: every rollout had the same reward" : "",
        ]).ToList();
        return new RunReport(LongMabMethod.MethodId, metrics, [curve, perItem],
            [new ReportTable("pairs", "Pairs per item", ["item", "chunks", "rollouts", "chosen round", "chosen reward", "rejected round", "rejected reward", "note"], rows)]);
    }

    /// <summary>The share of all chunk selections over the rounds that picked a chunk holding supporting text.</summary>
    public static double SupportingSelectionRate(LongMabTrace trace)
    {
        var selections = trace.Rollouts.SelectMany(r => r.Chunks).ToList();
        return selections.Count == 0 ? 0 : (double)selections.Count(i => trace.Chunks[i].Supporting) / selections.Count;
    }

    private static double? Mean(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : list.Average();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
