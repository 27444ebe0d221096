using ValueAlign.Core.Methods.Optimisation;

namespace ValueAlign.Core.Methods.Irote;

/// <summary>
/// q(trait | y, x) by the questionnaire's own rule, for task prompts that are questionnaire items of
/// the target dimension (PVQ, MFQ): the answer is the first digit on the item's scale in the
/// response, reverse-keyed items are flipped (<c>max + min − r</c>), and the keyed answer is mapped
/// onto (0, 1] as
/// <code>q = (keyed − min + 1) / (max − min + 1)</code>
/// so the lowest answer still has a finite log. A response with no digit on the scale counts as the
/// lowest keyed answer (it did not endorse the trait).
/// </summary>
public sealed class QuestionnaireTraitScorer(TargetValue trait) : ITraitScorer
{
    public string Name => "questionnaire";

    public Task<double> LogProbabilityAsync(TaskPrompt prompt, string response, CancellationToken cancellationToken)
    {
        var key = prompt.Questionnaire
            ?? throw new OptimisationException($"Task prompt '{prompt.Id}' is not a questionnaire item; the questionnaire rule needs one (or use the judge).");
        if (!string.Equals(key.DimensionId, trait.DimensionId, StringComparison.Ordinal))
            throw new OptimisationException($"Questionnaire item '{prompt.Id}' measures '{key.DimensionId}', not the target trait '{trait.DimensionId}'.");
        return Task.FromResult(Math.Log(Probability(key, response)));
    }

    public static double Probability(QuestionnaireKey key, string response)
    {
        var answer = Answer(key, response);
        var keyed = answer is { } r ? (key.ReverseKeyed ? key.ScaleMax + key.ScaleMin - r : r) : key.ScaleMin;
        return (keyed - key.ScaleMin + 1.0) / (key.ScaleMax - key.ScaleMin + 1.0);
    }

    /// <summary>The first digit in the response that lies on the scale, or null.</summary>
    public static int? Answer(QuestionnaireKey key, string response)
    {
        foreach (var c in response)
        {
            if (char.IsAsciiDigit(c) && c - '0' >= key.ScaleMin && c - '0' <= key.ScaleMax) return c - '0';
        }
        return null;
    }
}
