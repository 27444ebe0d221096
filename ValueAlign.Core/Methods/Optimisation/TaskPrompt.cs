namespace ValueAlign.Core.Methods.Optimisation;

/// <summary>
/// One task prompt x an optimiser steers the model on: a stable id (a benchmark item, a shipped
/// value-laden prompt, a questionnaire item or "typed-3") and the request text.
/// </summary>
public sealed record TaskPrompt(string Id, string Text)
{
    /// <summary>Set when the prompt is a questionnaire item, so IROTE's questionnaire rule can score answers to it.</summary>
    public QuestionnaireKey? Questionnaire { get; init; }
}

/// <summary>How a questionnaire item is keyed: the trait it measures, its answer scale and whether it is reverse-keyed.</summary>
public sealed record QuestionnaireKey(string DimensionId, int ScaleMin, int ScaleMax, bool ReverseKeyed);
