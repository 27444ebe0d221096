namespace ValueAlign.Core.Evaluation.Reports;

/// <summary>
/// What a method computes from a run's item results: headline metrics, charts and tables. It is
/// stored with the run as JSON and is all a dashboard needs: dashboards, comparisons and the
/// self-contained HTML export draw these charts by id without knowing the method.
/// </summary>
public sealed record RunReport(
    string Method,
    IReadOnlyList<ReportMetric> Metrics,
    IReadOnlyList<ReportChart> Charts,
    IReadOnlyList<ReportTable> Tables)
{
    public ReportChart? Chart(string id) => Charts.FirstOrDefault(c => c.Id == id);

    /// <summary>Selected items the method could not use, by kind (the engine fills it in); null when none were skipped.</summary>
    public IReadOnlyList<SkippedItems>? Skipped { get; init; }
}

/// <summary>
/// A named number with an optional 95% interval and sample size. <see cref="NotMeasured"/> says
/// why a metric has no value when the run could not measure it (for example a cross-modal metric
/// of a run whose model did not see images); pages show "not measured: reason" instead of a number.
/// </summary>
public sealed record ReportMetric(string Key, string Label, double? Value, double? Lower = null, double? Upper = null, int? N = null, string? NotMeasured = null)
{
    /// <summary>A metric the run could not measure, with the reason shown in its place.</summary>
    public static ReportMetric Unmeasured(string key, string label, string reason) => new(key, label, null, NotMeasured: reason);
}

public enum ReportChartKind
{
    /// <summary>Grouped bars over <see cref="ReportChart.Categories"/>, one series per group, optional error bars.</summary>
    Bars,

    /// <summary>Matrix: one series per row (its name is the row label), values over the categories (columns).</summary>
    Heatmap,

    /// <summary>Polar profiles: categories are dimensions, one closed polygon per series.</summary>
    Polar,

    /// <summary>Counts per category (for example rank positions), one series per group.</summary>
    Histogram,
}

/// <summary>One chart; <see cref="Id"/> is stable within a method so dashboards can refer to it.</summary>
public sealed record ReportChart(
    string Id,
    string Title,
    ReportChartKind Kind,
    IReadOnlyList<string> Categories,
    IReadOnlyList<ReportSeries> Series,
    string? XTitle = null,
    string? YTitle = null,
    double? Minimum = null,
    double? Maximum = null);

/// <summary>Values aligned with the chart's categories; null marks a gap. Error bounds are absolute values.</summary>
public sealed record ReportSeries(
    string Name,
    IReadOnlyList<double?> Values,
    IReadOnlyList<double?>? Lower = null,
    IReadOnlyList<double?>? Upper = null);

public sealed record ReportTable(string Id, string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);
