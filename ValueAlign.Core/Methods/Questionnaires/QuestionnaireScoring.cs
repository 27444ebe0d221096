namespace ValueAlign.Core.Methods.Questionnaires;

/// <summary>
/// Scores a questionnaire (PVQ, MFQ): reverse-keyed responses are flipped on the scale
/// (<see cref="ResponseScale.Reverse"/>), a dimension's score is the mean of its keyed items, and
/// PVQ priorities are centred on the respondent's mean rating of all items (MRAT):
/// <code>centred(d) = mean(items of d) − mean(all items)</code>
/// Centring removes scale-use differences (a respondent who rates everything high), so the
/// profile shows relative priorities (Schwartz 2006, PVQ scoring instructions). MRAT uses the
/// keyed responses of every answered item, each item counted once, whatever its dimension;
/// PVQ has no reverse-keyed items, so for PVQ keyed and raw are the same.
/// </summary>
public static class QuestionnaireScoring
{
    /// <summary>Mean keyed response per dimension, ordered by dimension name (ordinal).</summary>
    public static IReadOnlyDictionary<string, double> DimensionScores(ResponseScale scale, IReadOnlyList<ItemResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(scale);
        var keyed = Keyed(scale, responses);
        return keyed
            .GroupBy(k => k.Dimension, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Average(k => k.Value), StringComparer.Ordinal);
    }

    /// <summary>Mean keyed response over all items (MRAT).</summary>
    public static double MeanRating(ResponseScale scale, IReadOnlyList<ItemResponse> responses) =>
        Keyed(scale, responses).Average(k => k.Value);

    /// <summary>Dimension scores minus MRAT.</summary>
    public static IReadOnlyDictionary<string, double> CentredScores(ResponseScale scale, IReadOnlyList<ItemResponse> responses)
    {
        var mrat = MeanRating(scale, responses);
        return DimensionScores(scale, responses).ToDictionary(kv => kv.Key, kv => kv.Value - mrat, StringComparer.Ordinal);
    }

    private static List<(string Dimension, double Value)> Keyed(ResponseScale scale, IReadOnlyList<ItemResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        if (responses.Count == 0) throw new ArgumentException("No responses to score.", nameof(responses));
        var duplicate = responses.GroupBy(r => r.ItemId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Item '{duplicate.Key}' is answered more than once.", nameof(responses));
        return responses.Select(r => (r.Dimension, Value: KeyedOrExplain(scale, r))).ToList();
    }

    private static double KeyedOrExplain(ResponseScale scale, ItemResponse r)
    {
        try { return scale.Keyed(r.Response, r.ReverseKeyed); }
        catch (ArgumentOutOfRangeException) { throw new ArgumentOutOfRangeException(nameof(r), r.Response, $"Item '{r.ItemId}': response {r.Response} is off the scale {scale.Min}..{scale.Max}."); }
    }
}
