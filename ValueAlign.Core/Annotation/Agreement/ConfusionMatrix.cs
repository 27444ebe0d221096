namespace ValueAlign.Core.Annotation.Agreement;

/// <summary>
/// Counts of (rater label, reference label) pairs over one shared category list: rows are the
/// rater (or first annotator), columns the reference (or second annotator).
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[,] _counts;
    private readonly Dictionary<string, int> _index;

    public ConfusionMatrix(IReadOnlyList<string> categories, long[,] counts)
    {
        if (counts.GetLength(0) != categories.Count || counts.GetLength(1) != categories.Count)
        {
            throw new ArgumentException(
                $"A confusion matrix over {categories.Count} categories needs {categories.Count}×{categories.Count} counts.", nameof(counts));
        }
        Categories = categories;
        _counts = counts;
        _index = categories.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        for (var r = 0; r < categories.Count; r++)
        {
            for (var c = 0; c < categories.Count; c++)
            {
                Total += counts[r, c];
            }
        }
    }

    public IReadOnlyList<string> Categories { get; }

    public long Total { get; }

    public long this[int rater, int reference] => _counts[rater, reference];

    public long Count(string rater, string reference) =>
        _index.TryGetValue(rater, out var r) && _index.TryGetValue(reference, out var c) ? _counts[r, c] : 0;

    public long RowTotal(int rater)
    {
        long sum = 0;
        for (var c = 0; c < Categories.Count; c++)
        {
            sum += _counts[rater, c];
        }
        return sum;
    }

    public long ColumnTotal(int reference)
    {
        long sum = 0;
        for (var r = 0; r < Categories.Count; r++)
        {
            sum += _counts[r, reference];
        }
        return sum;
    }

    /// <summary>
    /// Tallies (rater, reference) label pairs. The categories are the union of both sides, ordered as
    /// <see cref="LabelOrdering"/> orders them, unless a list is given (which must hold every label).
    /// </summary>
    public static ConfusionMatrix FromPairs(IEnumerable<(string Rater, string Reference)> pairs, IReadOnlyList<string>? categories = null)
    {
        var list = pairs as IReadOnlyCollection<(string Rater, string Reference)> ?? pairs.ToList();
        var ordering = LabelOrdering.For(list.SelectMany(p => new[] { p.Rater, p.Reference }), categories);
        var index = ordering.Categories.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var counts = new long[ordering.Categories.Count, ordering.Categories.Count];
        foreach (var (rater, reference) in list)
        {
            counts[index[rater], index[reference]]++;
        }
        return new ConfusionMatrix(ordering.Categories, counts);
    }
}
