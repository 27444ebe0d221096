namespace ValueAlign.Core.Annotation.Quality;

/// <summary>
/// One annotator's accuracy on gold: <see cref="Items"/> counts the gold items they annotated that
/// have at least one scored question, <see cref="ItemsAllCorrect"/> those where every scored
/// question matched; <see cref="Answers"/> pools the scored questions of all those items.
/// </summary>
public sealed record AnnotatorGoldAccuracy(
    string AnnotatorId,
    GoldScore Items,
    GoldScore Answers,
    IReadOnlyDictionary<string, GoldScore> PerQuestion);

/// <summary>Gold accuracy per annotator (by id) and per question over all annotators.</summary>
public sealed record GoldAccuracyReport(
    IReadOnlyList<AnnotatorGoldAccuracy> Annotators,
    IReadOnlyDictionary<string, GoldScore> PerQuestion)
{
    public static readonly GoldAccuracyReport Empty = new([], new Dictionary<string, GoldScore>());

    public AnnotatorGoldAccuracy? For(string annotatorId) => Annotators.FirstOrDefault(a => a.AnnotatorId == annotatorId);
}
