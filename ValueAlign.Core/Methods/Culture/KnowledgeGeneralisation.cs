using ValueAlign.Core.Runs.Metrics;

namespace ValueAlign.Core.Methods.Culture;

/// <summary>
/// MMA-ASIA knowledge generalisation: accuracy on items whose theme was held out, beside the
/// accuracy on seen themes. "Held out" is a property of the item's theme, given by the caller
/// (a theme list chosen before the run); the paper does not fix which themes, so the run records
/// them. The gap = seen − held-out; a positive gap means the model does worse off the seen themes.
/// </summary>
public sealed record KnowledgeGeneralisation(GroupAccuracy Seen, GroupAccuracy HeldOut)
{
    public const string SeenKey = "seen";
    public const string HeldOutKey = "held-out";

    /// <summary>Seen minus held-out accuracy; NaN when either side is empty.</summary>
    public double Gap => Seen.Accuracy - HeldOut.Accuracy;

    public static KnowledgeGeneralisation Of<T>(IEnumerable<T> results, Func<T, bool> themeHeldOut, Func<T, bool> isCorrect)
    {
        ArgumentNullException.ThrowIfNull(results);
        int seenN = 0, seenCorrect = 0, heldN = 0, heldCorrect = 0;
        foreach (var r in results)
        {
            var correct = isCorrect(r) ? 1 : 0;
            if (themeHeldOut(r)) { heldN++; heldCorrect += correct; }
            else { seenN++; seenCorrect += correct; }
        }
        return new KnowledgeGeneralisation(GroupAccuracy.Of(SeenKey, seenCorrect, seenN), GroupAccuracy.Of(HeldOutKey, heldCorrect, heldN));
    }
}
