namespace ValueAlign.Core.Annotation.Schema;

public enum QuestionKind
{
    SingleChoice,
    MultipleChoice,
    /// <summary>A scale 1..N; the number keys pick the point.</summary>
    Likert,
    FreeText,
}
