using System.Globalization;

namespace ValueAlign.Core.Evaluation.Reports;

/// <summary>
/// Report values from metric results: an undefined metric (NaN, for example AUC over one class)
/// becomes null, which JSON can carry and charts draw as a gap, and table cells show it as "n/a".
/// </summary>
public static class ReportNumbers
{
    public static double? Finite(double value) => double.IsFinite(value) ? value : null;

    public static string Cell(double value, string format = "0.000") =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    public static string Cell(int value) => value.ToString(CultureInfo.InvariantCulture);
}
