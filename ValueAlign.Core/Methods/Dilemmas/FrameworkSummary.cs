namespace ValueAlign.Core.Methods.Dilemmas;

/// <summary>
/// One framework across dilemmas: mean rank (1 = most moral, lower is better), mean morality
/// score, and the rank distribution, where <c>RankCounts[r − 1]</c> counts the dilemmas that gave
/// this framework's outcome rank r.
/// </summary>
public sealed record FrameworkSummary(string Framework, int Dilemmas, double MeanRank, double MeanScore, IReadOnlyList<int> RankCounts)
{
    /// <summary>
    /// Summarises every framework that appears in <paramref name="judgements"/>, most moral (lowest
    /// mean rank) first, ties by name. A framework missing from some dilemmas is averaged over
    /// the dilemmas that have it (<see cref="Dilemmas"/> says how many). The rank distribution has
    /// one bin per rank position up to the largest outcome count seen. A dilemma judged twice is
    /// an error: it would count double.
    /// </summary>
    public static IReadOnlyList<FrameworkSummary> Of(IReadOnlyList<DilemmaJudgement> judgements)
    {
        ArgumentNullException.ThrowIfNull(judgements);
        var duplicate = judgements.GroupBy(j => j.DilemmaId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Dilemma '{duplicate.Key}' is judged more than once.", nameof(judgements));
        if (judgements.Count == 0) return [];

        var positions = judgements.Max(j => j.Ranks.Count);
        return judgements
            .SelectMany(j => j.Ranks.Select(r => (Framework: r.Key, Rank: r.Value, Score: j.Scores[r.Key])))
            .GroupBy(x => x.Framework, StringComparer.Ordinal)
            .Select(g =>
            {
                var counts = new int[positions];
                foreach (var x in g) counts[x.Rank - 1]++;
                return new FrameworkSummary(g.Key, g.Count(), g.Average(x => x.Rank), g.Average(x => x.Score), counts);
            })
            .OrderBy(s => s.MeanRank)
            .ThenBy(s => s.Framework, StringComparer.Ordinal)
            .ToList();
    }
}
