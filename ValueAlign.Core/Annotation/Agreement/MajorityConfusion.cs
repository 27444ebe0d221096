namespace ValueAlign.Core.Annotation.Agreement;

/// <summary>
/// One annotator's labels against the majority of the other annotators on the same items
/// (leave-one-out, as <see cref="MajorityLabels.PerAnnotator"/> counts agreement): rows are the
/// annotator's label, columns the others' plurality label. Items where the others tie or where
/// nobody else labelled are left out.
/// </summary>
public static class MajorityConfusion
{
    public static ConfusionMatrix AnnotatorVsMajority(ReliabilityData data, int annotator)
    {
        var k = data.Categories.Count;
        var counts = new long[k, k];
        var votes = new int[k];
        for (var item = 0; item < data.Items.Count; item++)
        {
            var annotators = data.AnnotatorsOf(item);
            var categories = data.CategoriesOf(item);
            var own = annotators.IndexOf(annotator);
            if (own < 0 || categories.Length < 2)
            {
                continue;
            }
            Array.Clear(votes);
            for (var j = 0; j < categories.Length; j++)
            {
                if (j != own)
                {
                    votes[categories[j]]++;
                }
            }
            int best = -1, top = 0;
            var tied = false;
            for (var c = 0; c < k; c++)
            {
                if (votes[c] > top)
                {
                    (best, top, tied) = (c, votes[c], false);
                }
                else if (votes[c] == top && top > 0)
                {
                    tied = true;
                }
            }
            if (!tied && best >= 0)
            {
                counts[categories[own], best]++;
            }
        }
        return new ConfusionMatrix(data.Categories, counts);
    }
}
