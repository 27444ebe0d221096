using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Methods.LegalDelta;

/// <summary>
/// Information gain by teacher forcing: the gold answer's tokens are scored after the reasoning
/// prompt (with the model's reasoning) and after the direct prompt. The continuation is tokenized
/// on its own in both passes (<see cref="ILanguageModel.ScoreContinuationAsync"/>), so both see
/// identical answer tokens; this is checked, not assumed. IG = mean log-prob with reasoning − mean
/// log-prob direct (log-probabilities, the reading of methods.md this runtime can measure).
/// </summary>
public sealed record TeacherForcedGain(
    IReadOnlyList<int> AnswerTokens,
    IReadOnlyList<double> WithReasoning,
    IReadOnlyList<double> Direct)
{
    public double InformationGain => LegalDelta.InformationGain.Of(WithReasoning, Direct);

    public double MeanWithReasoning => WithReasoning.Average();

    public double MeanDirect => Direct.Average();

    public static async Task<TeacherForcedGain> MeasureAsync(
        ILanguageModel model, string afterReasoning, string direct, string goldText, CancellationToken cancellationToken)
    {
        var withReasoning = await model.ScoreContinuationAsync(afterReasoning, goldText, cancellationToken).ConfigureAwait(false);
        var plain = await model.ScoreContinuationAsync(direct, goldText, cancellationToken).ConfigureAwait(false);
        if (!withReasoning.Tokens.SequenceEqual(plain.Tokens))
            throw new InvalidOperationException("The two teacher-forced passes scored different answer tokens; information gain needs identical tokens.");
        return new TeacherForcedGain(withReasoning.Tokens, withReasoning.TokenLogProbs, plain.TokenLogProbs);
    }
}
