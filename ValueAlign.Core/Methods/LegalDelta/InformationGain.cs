namespace ValueAlign.Core.Methods.LegalDelta;

/// <summary>
/// LegalΔ information gain of a reasoning chain:
/// <code>IG = mean_t s(aₜ | question, reasoning) − mean_t s(aₜ | question)</code>
/// where s is the logit (or log-probability) of each gold answer token aₜ, teacher-forced once
/// after the model's own reasoning and once as a direct answer without reasoning. Means, not
/// sums, so answers of different lengths are comparable. Both passes must score the same
/// answer tokens.
/// </summary>
public static class InformationGain
{
    public static double Of(IReadOnlyList<double> answerScoresWithReasoning, IReadOnlyList<double> answerScoresDirect)
    {
        ArgumentNullException.ThrowIfNull(answerScoresWithReasoning);
        ArgumentNullException.ThrowIfNull(answerScoresDirect);
        if (answerScoresWithReasoning.Count == 0 || answerScoresWithReasoning.Count != answerScoresDirect.Count)
            throw new ArgumentException(
                $"Both passes must score the same non-empty answer: {answerScoresWithReasoning.Count} vs {answerScoresDirect.Count} tokens.");
        return answerScoresWithReasoning.Average() - answerScoresDirect.Average();
    }
}
