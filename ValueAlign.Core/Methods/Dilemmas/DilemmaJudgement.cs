namespace ValueAlign.Core.Methods.Dilemmas;

/// <summary>
/// A model's verdict on one dilemma: a rank per outcome (1 = most moral; a permutation of 1..n)
/// and a morality score per outcome, both keyed by the outcome's framework ("utilitarian",
/// "deontological", "virtue", "care", "libertarian"). The score scale is whatever the prompt
/// asked for; the summary only averages it.
/// </summary>
public sealed record DilemmaJudgement
{
    public DilemmaJudgement(string dilemmaId, IReadOnlyDictionary<string, int> ranks, IReadOnlyDictionary<string, double> scores)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dilemmaId);
        ArgumentNullException.ThrowIfNull(ranks);
        ArgumentNullException.ThrowIfNull(scores);
        if (ranks.Count == 0) throw new ArgumentException($"Dilemma '{dilemmaId}': no ranked outcomes.", nameof(ranks));
        var expected = Enumerable.Range(1, ranks.Count);
        if (!ranks.Values.Order().SequenceEqual(expected))
            throw new ArgumentException(
                $"Dilemma '{dilemmaId}': ranks must be 1..{ranks.Count}, each once; got {string.Join(", ", ranks.Values.Order())}.", nameof(ranks));
        if (scores.Count != ranks.Count || scores.Keys.Any(k => !ranks.ContainsKey(k)))
            throw new ArgumentException($"Dilemma '{dilemmaId}': scores and ranks must cover the same frameworks.", nameof(scores));
        if (scores.Values.Any(double.IsNaN)) throw new ArgumentException($"Dilemma '{dilemmaId}': a score is NaN.", nameof(scores));
        DilemmaId = dilemmaId;
        Ranks = ranks;
        Scores = scores;
    }

    public string DilemmaId { get; }
    public IReadOnlyDictionary<string, int> Ranks { get; }
    public IReadOnlyDictionary<string, double> Scores { get; }
}
