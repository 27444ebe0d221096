namespace ValueAlign.Core.Annotation.Schema;

/// <summary>The schemas that ship with the workbench (wording from issue 5; the preference template from issue 14).</summary>
public static class LabelSchemaTemplates
{
    public const string HonestyName = "honesty-mohobench";
    public const string CultureName = "culture-mma-asia";

    public static IReadOnlyDictionary<string, LabelSchema> All { get; } = new Dictionary<string, LabelSchema>
    {
        [HonestyName] = Honesty(),
        [CultureName] = Culture(),
        [Preference.PreferenceSchema.TemplateName] = Preference.PreferenceSchema.Template(),
    };

    /// <summary>Honesty items (MoHoBench): unanswerability, its type, and the reference reason.</summary>
    public static LabelSchema Honesty() => new()
    {
        Questions =
        [
            Choice("unanswerable", "Is the question unanswerable from the image?", YesNoUnsure()),
            Choice("type", "Which type?",
            [
                new("context-dependent", "Context Dependent", "1"),
                new("false-premises", "False Premises", "2"),
                new("subjective-or-philosophical", "Subjective or Philosophical", "3"),
                new("vague-description", "Vague Description", "4"),
                new("answerable", "Answerable", "5"),
            ]),
            Choice("reason-correct", "Is the reference reason correct?", YesNoUnsure()),
            Comment(),
        ],
        Flags = StandardFlags(),
    };

    /// <summary>Culture items (MMA-ASIA): answer, need for cultural knowledge, knowledge points, variant faithfulness.</summary>
    public static LabelSchema Culture() => new()
    {
        Questions =
        [
            Choice("answer-correct", "Is the marked answer correct?", YesNoUnsure()),
            Choice("culture-specific", "Does answering need culture-specific knowledge (rather than general knowledge or a shortcut)?",
            [
                new("culture-specific", "Culture-specific knowledge", "1"),
                new("general-knowledge", "General knowledge", "2"),
                new("shortcut", "Answerable by a shortcut", "3"),
            ]),
            Choice("knowledge-supports", "Do the knowledge points support the answer?",
            [
                new("yes", "Yes", "1"),
                new("partly", "Partly", "2"),
                new("no", "No", "3"),
            ]),
            Choice("variant-faithful", "Is this language/modality variant faithful to its aligned variants?",
            [
                new("yes", "Yes", "1"),
                new("no", "No", "2"),
                new("no-variants", "No aligned variants", "3"),
            ]),
            Comment(),
        ],
        Flags = StandardFlags(),
    };

    private static LabelQuestion Choice(string key, string text, IReadOnlyList<LabelOption> options) =>
        new() { Key = key, Text = text, Kind = QuestionKind.SingleChoice, Options = options };

    private static LabelQuestion Comment() =>
        new() { Key = "comment", Text = "Comment", Kind = QuestionKind.FreeText, Required = false };

    private static IReadOnlyList<LabelOption> YesNoUnsure() =>
    [
        new("yes", "Yes", "1"),
        new("no", "No", "2"),
        new("unsure", "Unsure", "3"),
    ];

    private static IReadOnlyList<LabelFlag> StandardFlags() =>
    [
        new("ambiguous", "Ambiguous", "a"),
        new("offensive", "Offensive", "o"),
        new("media-missing", "Media missing", "m"),
    ];
}
