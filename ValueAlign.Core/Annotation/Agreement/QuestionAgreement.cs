namespace ValueAlign.Core.Annotation.Agreement;

/// <summary>
/// All agreement statistics for one question. Fleiss' kappa is null, with the reason in
/// <see cref="FleissNotApplicable"/>, unless every item has the same number (≥ 2) of labels;
/// ordinal and interval alpha are null unless the labels are ordered (numeric or an explicit order).
/// </summary>
public sealed record QuestionAgreement(
    string Question,
    ReliabilityData Data,
    int MinLabelsPerItem,
    int MaxLabelsPerItem,
    PercentAgreementResult PercentAgreement,
    FleissKappaResult? Fleiss,
    string? FleissNotApplicable,
    KrippendorffAlphaResult AlphaNominal,
    KrippendorffAlphaResult? AlphaOrdinal,
    KrippendorffAlphaResult? AlphaInterval,
    PairwiseCohensKappaResult PairwiseCohen,
    IReadOnlyList<ItemMajority> Majority,
    IReadOnlyList<AnnotatorMajorityAgreement> AnnotatorsVsMajority)
{
    public int Items => Data.Items.Count;

    public int Annotators => Data.Annotators.Count;

    public int Labels => Data.ValueCount;
}
