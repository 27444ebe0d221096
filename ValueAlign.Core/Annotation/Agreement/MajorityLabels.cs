namespace ValueAlign.Core.Annotation.Agreement;

/// <summary>The plurality label of one item: null when the top categories tie.</summary>
public sealed record ItemMajority(string Item, string? Label, int Votes, int Labels);

/// <summary>How often an annotator's label matches the majority of the other annotators on the same items.</summary>
public sealed record AnnotatorMajorityAgreement(string Annotator, int ItemsCompared, int Agreements)
{
    public double Rate => ItemsCompared == 0 ? double.NaN : (double)Agreements / ItemsCompared;
}

/// <summary>Majority labels per item and each annotator's agreement with them (for charts and adjudication).</summary>
public static class MajorityLabels
{
    public static IReadOnlyList<ItemMajority> PerItem(ReliabilityData data)
    {
        var counts = new int[data.Categories.Count];
        var result = new ItemMajority[data.Items.Count];
        for (var item = 0; item < data.Items.Count; item++)
        {
            var categories = data.CategoriesOf(item);
            var (best, votes, tied) = Plurality(categories, counts, skip: -1);
            result[item] = new ItemMajority(data.Items[item], tied ? null : data.Categories[best], votes, categories.Length);
        }
        return result;
    }

    /// <summary>
    /// Leave-one-out: each label is compared with the plurality of the other labels on that item, so
    /// an annotator's own vote cannot make the majority (with two annotators it would always agree
    /// with itself). Items where the others tie, or where nobody else labelled, are not compared.
    /// </summary>
    public static IReadOnlyList<AnnotatorMajorityAgreement> PerAnnotator(ReliabilityData data)
    {
        var counts = new int[data.Categories.Count];
        var compared = new int[data.Annotators.Count];
        var agreed = new int[data.Annotators.Count];
        for (var item = 0; item < data.Items.Count; item++)
        {
            var annotators = data.AnnotatorsOf(item);
            var categories = data.CategoriesOf(item);
            if (categories.Length < 2)
            {
                continue;
            }
            for (var j = 0; j < categories.Length; j++)
            {
                var (best, _, tied) = Plurality(categories, counts, skip: j);
                if (tied)
                {
                    continue;
                }
                compared[annotators[j]]++;
                if (best == categories[j])
                {
                    agreed[annotators[j]]++;
                }
            }
        }
        return data.Annotators.Select((name, a) => new AnnotatorMajorityAgreement(name, compared[a], agreed[a])).ToList();
    }

    private static (int Best, int Votes, bool Tied) Plurality(ReadOnlySpan<int> categories, int[] counts, int skip)
    {
        int best = -1, votes = 0;
        var tied = false;
        for (var j = 0; j < categories.Length; j++)
        {
            if (j == skip)
            {
                continue;
            }
            var c = categories[j];
            var n = ++counts[c];
            if (n > votes)
            {
                (best, votes, tied) = (c, n, false);
            }
            else if (n == votes && c != best)
            {
                tied = true;
            }
        }
        foreach (var c in categories)
        {
            counts[c] = 0;
        }
        return (best, votes, tied || best < 0);
    }
}
