using System.Globalization;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Runs.Metrics;

namespace ValueAlign.Core.Methods.LegalDelta;

/// <summary>
/// The <c>legal-delta</c> report, per task type (charge, law article, prison term, amount,
/// multiple choice) and overall: mean task score (0..5), mean information gain, format-valid rate
/// and mean reward; the information-gain distribution as a histogram per task type (bins of
/// <see cref="BinWidth"/> nats), and the scores as bars.
/// </summary>
public static class LegalDeltaReport
{
    public const double BinWidth = 0.5;

    private sealed record Row(string Task, double TaskScore, double Gain, bool FormatValid, double Reward);

    public static RunReport Build(EvalSummaryInput input)
    {
        var rows = new List<Row>();
        foreach (var r in input.Results.Where(r => r.Error is null))
        {
            var s = EvalScores.Parse(r.ScoresJson);
            if (!s.TryGetValue("task_score", out var task) || !s.TryGetValue("information_gain", out var gain) || !s.TryGetValue("reward", out var reward))
                continue;
            var category = input.Items.TryGetValue(r.ItemId, out var item) ? item.Category ?? "unknown" : "unknown";
            rows.Add(new Row(category, task, gain, s.GetValueOrDefault("format_valid") == 1, reward));
        }
        var tasks = LegalDeltaImporter.TaskTypes.Values.Where(t => rows.Any(r => r.Task == t))
            .Concat(rows.Select(r => r.Task).Where(t => !LegalDeltaImporter.TaskTypes.Values.Contains(t)).Distinct().Order(StringComparer.Ordinal))
            .ToList();

        var metrics = new List<ReportMetric>
        {
            Mean("task_score", "Mean task score (0-5)", rows.Select(r => r.TaskScore)),
            Mean("information_gain", "Mean information gain (nats/token)", rows.Select(r => r.Gain)),
            Rate("format_valid_rate", "Format-valid rate", rows.Count(r => r.FormatValid), rows.Count),
            Mean("reward", "Mean reward", rows.Select(r => r.Reward)),
            new("errors", "Units that failed", input.Results.Count(r => r.Error is not null), N: input.Results.Count),
        };
        foreach (var task in tasks)
        {
            var of = rows.Where(r => r.Task == task).ToList();
            metrics.Add(Mean($"task_score:{task}", $"Mean task score, {task}", of.Select(r => r.TaskScore)));
            metrics.Add(Mean($"information_gain:{task}", $"Mean information gain, {task}", of.Select(r => r.Gain)));
            metrics.Add(Rate($"format_valid_rate:{task}", $"Format-valid rate, {task}", of.Count(r => r.FormatValid), of.Count));
            metrics.Add(Mean($"reward:{task}", $"Mean reward, {task}", of.Select(r => r.Reward)));
        }

        var charts = new List<ReportChart>
        {
            new("scores-by-task", "Mean task score and reward by task type", ReportChartKind.Bars, tasks,
                [
                    new ReportSeries("task score", [.. tasks.Select(t => Average(rows.Where(r => r.Task == t).Select(r => r.TaskScore)))]),
                    new ReportSeries("reward", [.. tasks.Select(t => Average(rows.Where(r => r.Task == t).Select(r => r.Reward)))]),
                ], "task type", "score"),
            new("format-valid-by-task", "Format-valid rate by task type", ReportChartKind.Bars, tasks,
                [new ReportSeries("format-valid rate", [.. tasks.Select(t => Average(rows.Where(r => r.Task == t).Select(r => r.FormatValid ? 1.0 : 0.0)))])],
                "task type", "rate", 0, 1),
        };
        if (rows.Count > 0)
        {
            var (bins, labels) = Bins(rows.Select(r => r.Gain));
            charts.Add(new ReportChart("information-gain-histogram", "Information gain distribution", ReportChartKind.Histogram, labels,
                [.. tasks.Select(t => new ReportSeries(t, [.. bins.Select(b => (double?)rows.Count(r => r.Task == t && BinOf(r.Gain) == b))]))],
                "information gain (nats/token, bin start)", "items"));
        }
        var table = new ReportTable("by-task", "Per task type", ["task", "items", "mean task score", "mean information gain", "format-valid rate", "mean reward"],
            [.. tasks.Select(t =>
            {
                var of = rows.Where(r => r.Task == t).ToList();
                return (IReadOnlyList<string>)[t, Text(of.Count), Text(Average(of.Select(r => r.TaskScore))), Text(Average(of.Select(r => r.Gain))),
                    Text(Average(of.Select(r => r.FormatValid ? 1.0 : 0.0))), Text(Average(of.Select(r => r.Reward)))];
            })]);
        return new RunReport(LegalDeltaMethod.MethodId, metrics, charts, [table]);
    }

    /// <summary>The bin a gain falls in: its lower edge's index, bins of <see cref="BinWidth"/> starting at 0.</summary>
    public static int BinOf(double gain) => (int)Math.Floor(gain / BinWidth);

    private static (IReadOnlyList<int> Bins, IReadOnlyList<string> Labels) Bins(IEnumerable<double> gains)
    {
        var list = gains.Select(BinOf).ToList();
        var bins = Enumerable.Range(list.Min(), list.Max() - list.Min() + 1).ToList();
        return (bins, [.. bins.Select(b => (b * BinWidth).ToString("0.0", CultureInfo.InvariantCulture))]);
    }

    private static ReportMetric Mean(string key, string label, IEnumerable<double> values)
    {
        var interval = MeanInterval.Of(values);
        return new ReportMetric(key, label, interval.Mean, interval.Lower, interval.Upper, interval.N);
    }

    private static ReportMetric Rate(string key, string label, int hits, int n)
    {
        if (n == 0) return new ReportMetric(key, label, null, N: 0);
        var interval = ProportionInterval.Wilson(hits, n);
        return new ReportMetric(key, label, (double)hits / n, interval.Low, interval.High, n);
    }

    private static double? Average(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : list.Average();
    }

    private static string Text(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "";

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
