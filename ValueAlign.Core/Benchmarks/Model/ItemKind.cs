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
}
