namespace ValueAlign.Core.Methods.LongMab;

/// <summary>
/// How well a predicted answer matches the gold answers: SubEM (1 when a normalised gold answer is
/// a substring of the normalised prediction), token F1 over normalised words, and the LongMab-PO
/// reward <c>(SubEM + F1) / 2</c>. Each measure takes its maximum over the gold answer and its
/// aliases separately, then the reward averages the two maxima.
/// </summary>
public sealed record QaScore(double SubExactMatch, double F1)
{
    public double Reward => (SubExactMatch + F1) / 2;

    public static QaScore Of(string prediction, IReadOnlyList<string> goldAnswers)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        if (goldAnswers is null || goldAnswers.Count == 0)
        {
            throw new ArgumentException("An item needs at least one gold answer to be scored.", nameof(goldAnswers));
        }
        return new QaScore(goldAnswers.Max(g => SubExactMatchOf(prediction, g)), goldAnswers.Max(g => F1Of(prediction, g)));
    }

    /// <summary>1 when the normalised gold answer occurs in the normalised prediction; a gold answer that normalises to nothing matches only an empty prediction.</summary>
    public static double SubExactMatchOf(string prediction, string gold)
    {
        var g = AnswerNormalization.Normalize(gold);
        var p = AnswerNormalization.Normalize(prediction);
        if (g.Length == 0) return p.Length == 0 ? 1 : 0;
        return p.Contains(g, StringComparison.Ordinal) ? 1 : 0;
    }

    /// <summary>Token F1 with multiset overlap: <c>2PR / (P + R)</c>, P = overlap / |prediction|, R = overlap / |gold|.</summary>
    public static double F1Of(string prediction, string gold)
    {
        var p = AnswerNormalization.Tokens(prediction);
        var g = AnswerNormalization.Tokens(gold);
        if (p.Count == 0 || g.Count == 0) return p.Count == g.Count ? 1 : 0;
        var remaining = g.GroupBy(w => w, StringComparer.Ordinal).ToDictionary(x => x.Key, x => x.Count(), StringComparer.Ordinal);
        var overlap = 0;
        foreach (var word in p)
        {
            if (remaining.TryGetValue(word, out var left) && left > 0)
            {
                remaining[word] = left - 1;
                overlap++;
            }
        }
        if (overlap == 0) return 0;
        var precision = (double)overlap / p.Count;
        var recall = (double)overlap / g.Count;
        return 2 * precision * recall / (precision + recall);
    }
}
