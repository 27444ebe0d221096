using ValueAlign.Core.Evaluation.Reports;

namespace ValueAlign.Core.Dashboards;

/// <summary>A metric across the compared runs; null where a run's report lacks it.</summary>
public sealed record ComparedMetric(string Key, string Label, IReadOnlyList<ReportMetric?> PerRun);

/// <summary>
/// A chart across the compared runs. <see cref="Overlaid"/> draws every run in one chart (bars grouped
/// by run, polygons overlaid); heatmaps do not overlay, so they have only <see cref="PerRun"/>.
/// </summary>
public sealed record ComparedChart(string Id, string Title, ReportChartKind Kind, ReportChart? Overlaid, IReadOnlyList<ReportChart?> PerRun);

/// <summary>Runs of one method side by side: their metrics in columns and their charts overlaid.</summary>
public sealed record RunComparison(IReadOnlyList<LoadedRun> Runs, IReadOnlyList<ComparedMetric> Metrics, IReadOnlyList<ComparedChart> Charts)
{
    /// <summary>Builds the comparison; runs of different methods, or runs without a report, are a <see cref="DashboardException"/>.</summary>
    public static RunComparison Build(IReadOnlyList<LoadedRun> runs)
    {
        if (runs.Count == 0)
        {
            throw new DashboardException("Choose at least one run to compare.");
        }
        var methods = runs.Select(r => r.Header.Method).Distinct().ToList();
        if (methods.Count > 1)
        {
            throw new DashboardException(
                "Only runs of the same method can be compared: " + string.Join(", ", runs.Select(r => $"run {r.Header.Id} is {r.Header.Method}")) + ".");
        }
        if (runs.FirstOrDefault(r => r.Report is null) is { } missing)
        {
            throw new DashboardException($"Run {missing.Header.Id} cannot be compared: {missing.Problem}");
        }
        var reports = runs.Select(r => r.Report!).ToList();

        var metrics = reports.SelectMany(r => r.Metrics).Select(m => (m.Key, m.Label)).DistinctBy(m => m.Key)
            .Select(m => new ComparedMetric(m.Key, m.Label, reports.Select(r => r.Metrics.FirstOrDefault(x => x.Key == m.Key)).ToList()))
            .ToList();

        var charts = reports.SelectMany(r => r.Charts).DistinctBy(c => c.Id).Select(first =>
        {
            var perRun = reports.Select(r => r.Chart(first.Id)).ToList();
            var overlaid = first.Kind == ReportChartKind.Heatmap ? null : Overlay(first, runs, perRun);
            return new ComparedChart(first.Id, first.Title, first.Kind, overlaid, perRun);
        }).ToList();
        return new RunComparison(runs, metrics, charts);
    }

    /// <summary>
    /// One chart with each run's series renamed after the run, over the union of the categories
    /// (first seen first); a category a run lacks is a gap.
    /// </summary>
    public static ReportChart Overlay(ReportChart template, IReadOnlyList<LoadedRun> runs, IReadOnlyList<ReportChart?> perRun)
    {
        var categories = perRun.Where(c => c is not null).SelectMany(c => c!.Categories).Distinct().ToList();
        var series = new List<ReportSeries>();
        for (var i = 0; i < runs.Count; i++)
        {
            if (perRun[i] is not { } chart)
                continue;
            var index = chart.Categories.Select((c, k) => (c, k)).GroupBy(p => p.c).ToDictionary(g => g.Key, g => g.First().k);
            IReadOnlyList<double?>? Align(IReadOnlyList<double?>? values) => values is null
                ? null
                : categories.Select(c => index.TryGetValue(c, out var k) && k < values.Count ? values[k] : null).ToList();
            foreach (var s in chart.Series)
            {
                var name = chart.Series.Count == 1 ? runs[i].Header.Label : $"{runs[i].Header.Label} · {s.Name}";
                series.Add(new ReportSeries(name, Align(s.Values)!, Align(s.Lower), Align(s.Upper)));
            }
        }
        return template with { Categories = categories, Series = series };
    }
}
