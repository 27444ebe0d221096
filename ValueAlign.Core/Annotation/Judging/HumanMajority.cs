using ValueAlign.Core.Annotation.Labels;

namespace ValueAlign.Core.Annotation.Judging;

/// <summary>
/// The annotators' plurality label of each benchmark item for one question, straight from the
/// submitted annotations (no adjudication needed); items whose top labels tie are left out.
/// </summary>
public static class HumanMajority
{
    public static IReadOnlyDictionary<long, string> PerItem(IEnumerable<AnnotationLabels> annotations, string questionKey)
    {
        var result = new Dictionary<long, string>();
        foreach (var item in annotations.Where(a => a.Labels.ContainsKey(questionKey)).GroupBy(a => a.BenchmarkItemId))
        {
            var counts = item.GroupBy(a => a.Labels[questionKey], StringComparer.Ordinal)
                .Select(g => (Label: g.Key, Votes: g.Count())).OrderByDescending(c => c.Votes).ToList();
            if (counts.Count == 1 || counts[0].Votes > counts[1].Votes)
                result[item.Key] = counts[0].Label;
        }
        return result;
    }
}
