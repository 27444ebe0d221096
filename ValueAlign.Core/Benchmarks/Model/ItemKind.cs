namespace ValueAlign.Core.Benchmarks.Model;

/// <summary>What sort of benchmark item a row is; decides how pages and runs present it.</summary>
public enum ItemKind
{
    HonestyVisualQuestion,
    CultureMultipleChoice,
    ValueLabelledText,
    QuestionnaireItem,
    MoralScenario,
    MoralDilemma,
    LegalReasoning,
    LongContextQa,
    PreferencePair,

    /// <summary>A request answered freely, with no gold answer (the optimisers' value-laden task prompts).</summary>
    TaskPrompt,
}
