namespace ValueAlign.Core.Annotation.Agreement;

/// <summary>Cohen's kappa of one pair of annotators over the items they both labelled.</summary>
public sealed record AnnotatorPairKappa(string First, string Second, CohensKappaResult Result);

/// <summary>
/// Every annotator pair's kappa, and their mean over pairs whose kappa is defined (Light 1971's
/// average-pairwise approach). NaN mean when no pair has a defined kappa.
/// </summary>
public sealed record PairwiseCohensKappaResult(double MeanKappa, int PairsUsed, IReadOnlyList<AnnotatorPairKappa> Pairs);

/// <summary>Cohen's kappa for all annotator pairs that share at least one item, in one pass over the items.</summary>
public static class PairwiseCohensKappa
{
    public static PairwiseCohensKappaResult Compute(ReliabilityData data)
    {
        var k = data.Categories.Count;
        var tables = new Dictionary<long, long[]>();
        for (var item = 0; item < data.Items.Count; item++)
        {
            var annotators = data.AnnotatorsOf(item);
            var categories = data.CategoriesOf(item);
            for (var x = 0; x < annotators.Length; x++)
            {
                for (var y = x + 1; y < annotators.Length; y++)
                {
                    // The lower annotator index is always the row, so each pair has one table.
                    var (first, second, row, column) = annotators[x] < annotators[y]
                        ? (annotators[x], annotators[y], categories[x], categories[y])
                        : (annotators[y], annotators[x], categories[y], categories[x]);
                    var key = ((long)first << 32) | (uint)second;
                    if (!tables.TryGetValue(key, out var table))
                    {
                        table = new long[k * k];
                        tables.Add(key, table);
                    }
                    table[row * k + column]++;
                }
            }
        }

        var pairs = new List<AnnotatorPairKappa>(tables.Count);
        foreach (var (key, table) in tables.OrderBy(t => t.Key))
        {
            var counts = new long[k, k];
            Buffer.BlockCopy(table, 0, counts, 0, table.Length * sizeof(long));
            var result = CohensKappa.Compute(new ConfusionMatrix(data.Categories, counts));
            pairs.Add(new AnnotatorPairKappa(data.Annotators[(int)(key >> 32)], data.Annotators[(int)(uint)key], result));
        }
        var defined = pairs.Where(p => !double.IsNaN(p.Result.Kappa)).ToList();
        var mean = defined.Count == 0 ? double.NaN : defined.Average(p => p.Result.Kappa);
        return new PairwiseCohensKappaResult(mean, defined.Count, pairs);
    }
}
