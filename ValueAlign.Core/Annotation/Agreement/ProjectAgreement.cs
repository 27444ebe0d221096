using ValueAlign.Core.Annotation.Judging;
using ValueAlign.Core.Annotation.Schema;

namespace ValueAlign.Core.Annotation.Agreement;

/// <summary>
/// The agreement report of a verification project: statistics per question over the regular
/// items' annotations (items are project item ids, annotators user ids), readable annotator names,
/// and each judge model against the verified human labels.
/// </summary>
public sealed record ProjectAgreement(
    long ProjectId,
    string ProjectName,
    IReadOnlyList<LabelQuestion> Questions,
    AgreementReport Report,
    IReadOnlyDictionary<string, string> AnnotatorNames,
    IReadOnlyList<JudgeComparison> Judges)
{
    public QuestionAgreement? For(string questionKey) => Report.Questions.FirstOrDefault(q => q.Question == questionKey);

    public string NameOf(string annotatorId) => AnnotatorNames.GetValueOrDefault(annotatorId, annotatorId);

    /// <summary>The annotator's labels of a question against the others' majority; null when the question or annotator has no labels.</summary>
    public ConfusionMatrix? AnnotatorVsMajority(string questionKey, string annotatorId)
    {
        var question = For(questionKey);
        var index = question?.Data.Annotators.ToList().IndexOf(annotatorId) ?? -1;
        return index < 0 ? null : MajorityConfusion.AnnotatorVsMajority(question!.Data, index);
    }
}
