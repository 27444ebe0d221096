namespace ValueAlign.Core.Methods.LegalDelta;

/// <summary>
/// The LegalΔ task score (0..5) of a predicted answer against the gold one, by task type:
/// prison term <see cref="PrisonTermScore"/>, charges and law articles <see cref="SetF1Score"/>,
/// amounts and multiple choice <see cref="ExactMatchScore"/>. A prediction with a different
/// task tag than the gold answer scores 0.
/// </summary>
public static class LegalTaskScore
{
    public static double Of(LegalAnswer gold, LegalAnswer? predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        if (predicted is null || predicted.Type != gold.Type) return 0;
        return gold.Type switch
        {
            LegalTaskType.PrisonTerm => PrisonTermScore.Of(gold.Content, predicted.Content),
            LegalTaskType.Charge => SetF1Score.Of(gold.Content, predicted.Content, stripChargeSuffix: true),
            LegalTaskType.LawArticle => SetF1Score.Of(gold.Content, predicted.Content, stripChargeSuffix: false),
            LegalTaskType.Amount => ExactMatchScore.Amount(gold.Content, predicted.Content),
            LegalTaskType.MultipleChoice => ExactMatchScore.MultipleChoice(gold.Content, predicted.Content),
            _ => throw new ArgumentOutOfRangeException(nameof(gold), gold.Type, null),
        };
    }
}
