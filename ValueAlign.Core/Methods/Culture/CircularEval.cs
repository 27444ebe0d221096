namespace ValueAlign.Core.Methods.Culture;

/// <summary>
/// CircularEval (Liu et al. 2023, MMBench, arXiv 2307.06281): an item with n options is asked n
/// times, once per cyclic rotation of its options (<see cref="OptionRotation"/>), and counts as
/// correct only if the model picks the right answer under every rotation. It removes the credit
/// a model gets from a position bias (always "A") that happens to match the answer.
/// <code>CircularAccuracy = #items correct under all n rotations / #items</code>
/// </summary>
public static class CircularEval
{
    /// <param name="answerIndex">Correct option in the original order.</param>
    /// <param name="shownChoices">Element k: the position the model chose when shown rotation k, or
    /// null when nothing could be extracted (counts as wrong). Must hold one entry per rotation.</param>
    public static bool ItemCorrect(int answerIndex, int optionCount, IReadOnlyList<int?> shownChoices)
    {
        ArgumentNullException.ThrowIfNull(shownChoices);
        if (shownChoices.Count != optionCount)
            throw new ArgumentException($"CircularEval needs one choice per rotation: {optionCount} expected, {shownChoices.Count} given.", nameof(shownChoices));
        for (var k = 0; k < optionCount; k++)
        {
            var chosen = shownChoices[k];
            if (chosen is null || OptionRotation.OriginalIndex(chosen.Value, k, optionCount) != answerIndex) return false;
        }
        return true;
    }

    /// <summary>Share of items correct under every rotation; NaN with no items.</summary>
    public static double Accuracy(IEnumerable<bool> itemsCorrectUnderAllRotations)
    {
        ArgumentNullException.ThrowIfNull(itemsCorrectUnderAllRotations);
        int n = 0, correct = 0;
        foreach (var c in itemsCorrectUnderAllRotations) { n++; if (c) correct++; }
        return n == 0 ? double.NaN : (double)correct / n;
    }
}
