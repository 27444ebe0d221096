using ValueAlign.Core.Runs.Metrics;

namespace ValueAlign.Core.Methods.Culture;

/// <summary>
/// MMA-ASIA grounding validity: among correct answers, the share whose rationale does not use
/// the item's required knowledge points (the rationale unfaithfulness rate). Whether a rationale
/// uses the knowledge points is a per-item verdict from a judge model or a person.
/// <code>unfaithfulness = #(correct ∧ ¬usesKnowledge) / #correct</code>
/// Incorrect answers are not counted: a wrong answer's rationale is not evidence about grounding
/// of right answers. A correct answer without a verdict is an error, since skipping it silently
/// would bias the rate. The interval is the 95% Wilson interval of that proportion.
/// </summary>
public sealed record GroundingValidity(int CorrectAnswers, int Unfaithful, ProportionInterval Interval)
{
    /// <summary>NaN when no answer was correct.</summary>
    public double UnfaithfulnessRate => CorrectAnswers == 0 ? double.NaN : (double)Unfaithful / CorrectAnswers;

    /// <param name="results">(isCorrect, usesKnowledgePoints) per item; the verdict may be null only for incorrect answers.</param>
    public static GroundingValidity Of(IEnumerable<(bool IsCorrect, bool? UsesKnowledgePoints)> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        int correct = 0, unfaithful = 0, index = 0;
        foreach (var (isCorrect, uses) in results)
        {
            if (isCorrect)
            {
                if (uses is null)
                    throw new ArgumentException($"Result {index} is correct but has no judge verdict on its rationale.", nameof(results));
                correct++;
                if (!uses.Value) unfaithful++;
            }
            index++;
        }
        return new GroundingValidity(correct, unfaithful, ProportionInterval.Wilson(unfaithful, correct));
    }
}
