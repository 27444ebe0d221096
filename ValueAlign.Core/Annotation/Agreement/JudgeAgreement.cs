namespace ValueAlign.Core.Annotation.Agreement;

/// <summary>
/// A judge's labels against reference labels on the items both cover: Cohen's kappa whose matrix has
/// the judge in rows and the reference in columns, plus the items only one side labelled.
/// </summary>
public sealed record JudgeAgreementResult(CohensKappaResult Kappa, int JudgeOnlyItems, int ReferenceOnlyItems);

/// <summary>Compares a model judge (or any single rater) with the verified human labels for one question.</summary>
public static class JudgeAgreement
{
    /// <exception cref="ArgumentException">An item appears twice on one side.</exception>
    public static JudgeAgreementResult Compare(
        IEnumerable<(string Item, string Label)> judge,
        IEnumerable<(string Item, string Label)> reference,
        IReadOnlyList<string>? categories = null)
    {
        var judged = ByItem(judge, "judge");
        var verified = ByItem(reference, "reference");
        var pairs = new List<(string, string)>();
        foreach (var (item, label) in judged)
        {
            if (verified.TryGetValue(item, out var truth))
            {
                pairs.Add((label, truth));
            }
        }
        var kappa = CohensKappa.Compute(pairs, categories);
        return new JudgeAgreementResult(kappa, judged.Count - pairs.Count, verified.Count - pairs.Count);
    }

    private static Dictionary<string, string> ByItem(IEnumerable<(string Item, string Label)> labels, string side)
    {
        var byItem = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (item, label) in labels)
        {
            if (!byItem.TryAdd(item, label))
            {
                throw new ArgumentException($"Item '{item}' has more than one {side} label.", side == "judge" ? "judge" : "reference");
            }
        }
        return byItem;
    }
}
