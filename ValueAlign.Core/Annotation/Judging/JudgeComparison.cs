using ValueAlign.Core.Annotation.Agreement;

namespace ValueAlign.Core.Annotation.Judging;

/// <summary>
/// A judge model against the verified human labels of one question: Cohen's kappa, percent
/// agreement and the confusion matrix (judge in rows, human in columns) over the
/// <see cref="N"/> items both labelled, and the items only one side labelled.
/// <see cref="VersusMajority"/> compares the judge with the annotators' plurality label instead
/// (<see cref="HumanMajority"/>), which needs no adjudication; null when not computed.
/// </summary>
public sealed record JudgeComparison(
    string JudgeModel,
    string QuestionKey,
    CohensKappaResult Kappa,
    int JudgeOnlyItems,
    int HumanOnlyItems,
    CohensKappaResult? VersusMajority = null)
{
    public long N => Kappa.N;

    public double PercentAgreement => Kappa.Observed;

    public ConfusionMatrix Confusion => Kappa.Matrix;
}
