using System.Globalization;
using ValueAlign.Core.Evaluation.Reports;

namespace ValueAlign.Web.Components.Reports;

/// <summary>How report numbers read on pages and in exports: invariant, up to three decimals, a dash for none.</summary>
public static class ReportFormat
{
    public static string Number(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("0.###", CultureInfo.InvariantCulture) : "–";

    /// <summary>The metric's number, or "not measured: reason" when the run could not measure it.</summary>
    public static string Value(ReportMetric metric) =>
        metric.NotMeasured is { Length: > 0 } reason ? $"not measured: {reason}" : Number(metric.Value);

    /// <summary>"[0.512, 0.733]" or empty when the metric has no interval.</summary>
    public static string Interval(ReportMetric metric) =>
        metric.Lower is null && metric.Upper is null ? "" : $"[{Number(metric.Lower)}, {Number(metric.Upper)}]";
}
