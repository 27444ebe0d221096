using System.Globalization;

namespace ValueAlign.Core.Annotation.Agreement;

/// <summary>
/// The order and numeric values given to string labels. Labels that all read as numbers
/// (invariant culture) are sorted by value and keep it, so ordinal and interval distances apply;
/// an explicit order (for example Likert option texts) gives ranks 1..k; anything else is nominal
/// and only sorted so that output is deterministic.
/// </summary>
public sealed class LabelOrdering
{
    private LabelOrdering(IReadOnlyList<string> categories, double[]? values, bool isNumeric)
    {
        Categories = categories;
        Values = values;
        IsNumeric = isNumeric;
    }

    public IReadOnlyList<string> Categories { get; }

    /// <summary>The numeric value of each category (same index), or null when the labels are nominal.</summary>
    public IReadOnlyList<double>? Values { get; }

    public bool IsOrdered => Values is not null;

    public bool IsNumeric { get; }

    public static LabelOrdering For(IEnumerable<string> labels, IReadOnlyList<string>? explicitOrder = null)
    {
        var distinct = labels.Distinct(StringComparer.Ordinal).ToList();
        if (explicitOrder is not null)
        {
            var known = new HashSet<string>(explicitOrder, StringComparer.Ordinal);
            if (known.Count != explicitOrder.Count)
            {
                throw new ArgumentException("The label order lists a label twice.", nameof(explicitOrder));
            }
            var unknown = distinct.FirstOrDefault(l => !known.Contains(l));
            if (unknown is not null)
            {
                throw new ArgumentException(
                    $"Label '{unknown}' is not in the given order ({string.Join(", ", explicitOrder)}).", nameof(explicitOrder));
            }
            return new LabelOrdering(explicitOrder.ToArray(), explicitOrder.Select((_, i) => i + 1.0).ToArray(), isNumeric: false);
        }

        var numbers = new double[distinct.Count];
        var allNumeric = distinct.Count > 0;
        for (var i = 0; i < distinct.Count && allNumeric; i++)
        {
            allNumeric = TryParseNumber(distinct[i], out numbers[i]);
        }
        if (allNumeric)
        {
            var order = Enumerable.Range(0, distinct.Count)
                .OrderBy(i => numbers[i]).ThenBy(i => distinct[i], StringComparer.Ordinal).ToArray();
            return new LabelOrdering(order.Select(i => distinct[i]).ToArray(), order.Select(i => numbers[i]).ToArray(), isNumeric: true);
        }
        distinct.Sort(StringComparer.Ordinal);
        return new LabelOrdering(distinct, null, isNumeric: false);
    }

    private static bool TryParseNumber(string label, out double value) =>
        double.TryParse(label, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
