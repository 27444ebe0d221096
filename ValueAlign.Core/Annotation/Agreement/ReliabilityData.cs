namespace ValueAlign.Core.Annotation.Agreement;

/// <summary>
/// Krippendorff's "reliability data": items (units) × annotators (coders) → label, with any cell
/// possibly missing. Stored item by item (compressed rows) because real annotation data are sparse:
/// many annotators, few labels each. Only items with at least one label exist here.
/// </summary>
public sealed class ReliabilityData
{
    private readonly int[] _itemStart;
    private readonly int[] _annotator;
    private readonly int[] _category;

    private ReliabilityData(
        IReadOnlyList<string> items, IReadOnlyList<string> annotators, LabelOrdering labels,
        int[] itemStart, int[] annotator, int[] category)
    {
        Items = items;
        Annotators = annotators;
        Labels = labels;
        _itemStart = itemStart;
        _annotator = annotator;
        _category = category;
    }

    /// <summary>Item ids in first-seen order.</summary>
    public IReadOnlyList<string> Items { get; }

    /// <summary>Annotator ids in first-seen order.</summary>
    public IReadOnlyList<string> Annotators { get; }

    /// <summary>The categories (distinct labels) in their order, with numeric values when ordered.</summary>
    public LabelOrdering Labels { get; }

    public IReadOnlyList<string> Categories => Labels.Categories;

    public int ValueCount => _category.Length;

    public int LabelCount(int item) => _itemStart[item + 1] - _itemStart[item];

    /// <summary>Annotator indices of the labels of one item; parallel to <see cref="CategoriesOf"/>.</summary>
    public ReadOnlySpan<int> AnnotatorsOf(int item) => _annotator.AsSpan(_itemStart[item], LabelCount(item));

    /// <summary>Category indices (into <see cref="Categories"/>) of the labels of one item.</summary>
    public ReadOnlySpan<int> CategoriesOf(int item) => _category.AsSpan(_itemStart[item], LabelCount(item));

    /// <summary>Builds the data from (item, annotator, label) triples; an empty label is missing data and skipped.</summary>
    /// <exception cref="ArgumentException">An annotator labels the same item twice.</exception>
    public static ReliabilityData FromLabels(
        IEnumerable<(string Item, string Annotator, string Label)> labels, IReadOnlyList<string>? labelOrder = null)
    {
        var itemIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var annotatorIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var labelIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = new List<string>();
        var annotators = new List<string>();
        var labelTexts = new List<string>();
        var rowItem = new List<int>();
        var rowAnnotator = new List<int>();
        var rowLabel = new List<int>();

        string? lastItem = null;
        var currentItem = -1;
        foreach (var (item, annotator, label) in labels)
        {
            if (string.IsNullOrEmpty(label))
            {
                continue;
            }
            // Rows usually come item by item; skipping the lookup for a repeated item saves a string hash.
            if (!string.Equals(item, lastItem, StringComparison.Ordinal))
            {
                currentItem = IndexOf(itemIndex, items, item);
                lastItem = item;
            }
            var a = IndexOf(annotatorIndex, annotators, annotator);
            rowItem.Add(currentItem);
            rowAnnotator.Add(a);
            rowLabel.Add(IndexOf(labelIndex, labelTexts, label));
        }

        var ordering = LabelOrdering.For(labelTexts, labelOrder);
        var categoryOfLabel = new int[labelTexts.Count];
        var categoryIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < ordering.Categories.Count; c++)
        {
            categoryIndex[ordering.Categories[c]] = c;
        }
        for (var l = 0; l < labelTexts.Count; l++)
        {
            categoryOfLabel[l] = categoryIndex[labelTexts[l]];
        }

        // Counting sort by item keeps the input order within an item and costs O(n).
        var itemStart = new int[items.Count + 1];
        foreach (var i in rowItem)
        {
            itemStart[i + 1]++;
        }
        for (var i = 0; i < items.Count; i++)
        {
            itemStart[i + 1] += itemStart[i];
        }
        var next = itemStart[..^1];
        var annotatorOf = new int[rowItem.Count];
        var categoryOf = new int[rowItem.Count];
        for (var r = 0; r < rowItem.Count; r++)
        {
            var slot = next[rowItem[r]]++;
            annotatorOf[slot] = rowAnnotator[r];
            categoryOf[slot] = categoryOfLabel[rowLabel[r]];
        }
        RejectRepeatedAnnotators(items, annotators, itemStart, annotatorOf);
        return new ReliabilityData(items, annotators, ordering, itemStart, annotatorOf, categoryOf);
    }

    /// <summary>
    /// Builds the data from the layout used in Krippendorff's papers: one row per annotator,
    /// one column per item, null (or empty) where the annotator gave no label.
    /// Annotators are named by their row number (1-based), items by their column number.
    /// </summary>
    public static ReliabilityData FromAnnotatorRows(IReadOnlyList<IReadOnlyList<string?>> rows, IReadOnlyList<string>? labelOrder = null)
    {
        var triples = new List<(string, string, string)>();
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        for (var column = 0; column < width; column++)
        {
            for (var row = 0; row < rows.Count; row++)
            {
                var label = column < rows[row].Count ? rows[row][column] : null;
                if (!string.IsNullOrEmpty(label))
                {
                    triples.Add(((column + 1).ToString(), (row + 1).ToString(), label));
                }
            }
        }
        return FromLabels(triples, labelOrder);
    }

    private static void RejectRepeatedAnnotators(List<string> items, List<string> annotators, int[] itemStart, int[] annotatorOf)
    {
        // lastItemOf[a] holds 1 + the last item annotator a was seen on: O(n), no hashing.
        var lastItemOf = new int[annotators.Count];
        for (var item = 0; item < items.Count; item++)
        {
            for (var j = itemStart[item]; j < itemStart[item + 1]; j++)
            {
                var a = annotatorOf[j];
                if (lastItemOf[a] == item + 1)
                {
                    throw new ArgumentException($"Annotator '{annotators[a]}' labels item '{items[item]}' more than once.", "labels");
                }
                lastItemOf[a] = item + 1;
            }
        }
    }

    private static int IndexOf(Dictionary<string, int> index, List<string> names, string name)
    {
        if (!index.TryGetValue(name, out var i))
        {
            i = names.Count;
            index.Add(name, i);
            names.Add(name);
        }
        return i;
    }
}
