using ValueAlign.Core.Annotation.Schema;

namespace ValueAlign.Core.Annotation.Preference;

/// <summary>
/// The "Preference" label schema for verifying preference pairs: which answer is better (A, B,
/// tie, both wrong), flags, comment. Stored answers always refer to the answers in the order the
/// item stores them (<c>a</c> = the item's first option); what an annotator sees is reordered per
/// annotator by <see cref="PreferencePresentation"/>, which relabels the options to match.
/// </summary>
public static class PreferenceSchema
{
    public const string TemplateName = "preference";
    public const string BetterQuestion = "better";
    public const string FirstBetter = "a";
    public const string SecondBetter = "b";
    public const string Tie = "tie";
    public const string BothWrong = "both-wrong";

    public static LabelSchema Template() => new()
    {
        Questions =
        [
            new LabelQuestion
            {
                Key = BetterQuestion,
                Text = "Which answer is better?",
                Kind = QuestionKind.SingleChoice,
                Options =
                [
                    new(FirstBetter, "Answer A (stored order) is better", "1"),
                    new(SecondBetter, "Answer B (stored order) is better", "2"),
                    new(Tie, "Tie: equally good", "3"),
                    new(BothWrong, "Both wrong", "4"),
                ],
            },
            new LabelQuestion { Key = "comment", Text = "Comment", Kind = QuestionKind.FreeText, Required = false },
        ],
        Flags =
        [
            new("unsupported", "Not supported by the passages", "p"),
            new("gold-wrong", "Gold answer looks wrong", "w"),
            new("ambiguous", "Ambiguous question", "a"),
            new("offensive", "Offensive", "o"),
        ],
    };

    /// <summary>True when the schema has the preference question (a project made from the template, possibly edited).</summary>
    public static bool Applies(LabelSchema schema) =>
        schema.Question(BetterQuestion) is { Kind: QuestionKind.SingleChoice } q
        && q.Options.Any(o => o.Value == FirstBetter) && q.Options.Any(o => o.Value == SecondBetter);
}
