using System.Globalization;
using System.Text;
using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives;
using ValueAlign.Core.Methods.Structured;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>
/// The prompt texts of every step. Plain completion prompts (no chat template) so the rating prompt's
/// tokens are exactly what <see cref="DigitSlotReader"/> re-tokenizes; each ends where the model's
/// answer should begin.
/// </summary>
public sealed class CouplePrompts(CoupleOptions options)
{
    public string Rating(ValueSystem system, string question, string response) =>
        $"""
        Rate how strongly the response expresses each value of {system.Name}, from 1 (not at all) to 5 (very strongly).
        Values:
        {DimensionList(system)}
        Question: {question}
        Response: {response}
        Ratings as JSON:
        """ + "\n";

    public string Concepts(ValueSystem system, string question, string response) =>
        $"""
        For each value of {system.Name}, quote the short phrase of the response that expresses it, or "" if none does.
        Values:
        {DimensionList(system)}
        Question: {question}
        Response: {response}
        Value phrases as JSON:
        """ + "\n";

    public string CounterfactualConcept(ValueSystem system, string question, DimensionIntervention intervention, string? observedConcept)
    {
        var dimension = system.FindDimensionById(intervention.DimensionId)!;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Value: {dimension.Name} ({Definition(dimension)})");
        text.AppendLine(CultureInfo.InvariantCulture, $"Question: {question}");
        text.AppendLine(CultureInfo.InvariantCulture, $"The response now gives it priority {intervention.Attributed:0.0} of 5; the target is {intervention.Target} of 5 (importance {intervention.Importance:0.##}).");
        text.AppendLine(observedConcept is { Length: > 0 } ? $"Phrase now expressing it: \"{observedConcept}\"" : "No phrase expresses it now.");
        foreach (var line in intervention.NeighbourNotes)
        {
            text.AppendLine(line);
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"Write a short phrase that would {intervention.Instruction} {dimension.Name} in the response.");
        text.Append("Phrase as JSON:\n");
        return text.ToString();
    }

    public string Rewrite(string question, ExogenousContent exogenous, IReadOnlyList<DimensionIntervention> interventions)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Question: {question}");
        text.AppendLine("Original response (value phrases marked [[value: phrase]]):");
        text.AppendLine(exogenous.MarkedResponse);
        text.AppendLine("Rewrite the response. Keep every unmarked fact and the style; replace the marked phrases so that it:");
        foreach (var i in interventions)
        {
            var example = i.CounterfactualConcept is { Length: > 0 } c ? $", e.g. \"{c}\"" : "";
            text.AppendLine(CultureInfo.InvariantCulture, $"- {i.Instruction} {i.DimensionName}{example}");
        }
        text.Append("Rewritten response:\n");
        return text.ToString();
    }

    /// <summary>
    /// The "without SCM" rewrite: the response and, per dimension to move, how far from its target
    /// the response now is. No value phrases, no counterfactual concepts, no graph.
    /// </summary>
    public string DirectRewrite(string question, string response, IReadOnlyList<DimensionIntervention> interventions)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Question: {question}");
        text.AppendLine("Original response:");
        text.AppendLine(response);
        text.AppendLine("Rewrite the response so that it:");
        foreach (var i in interventions)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {i.Instruction} {i.DimensionName} (now {i.Attributed:0.0} of 5, target {i.Target} of 5)");
        }
        text.Append("Rewritten response:\n");
        return text.ToString();
    }

    public string ValuePrompt(ValueSystem system, ValueObjective objective, string question, string? response)
    {
        var text = new StringBuilder();
        text.AppendLine("Give these values the following priorities (1 = not at all, 5 = very strongly):");
        foreach (var p in objective.InSystemOrder(system))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {system.FindDimensionById(p.DimensionId)!.Name}: {p.Priority}");
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"Question: {question}");
        if (response is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Response: {response}");
            text.Append("Rewrite the response to express these priorities:\n");
        }
        else
        {
            text.Append("Answer:\n");
        }
        return text.ToString();
    }

    public static string Answer(string question) => $"Question: {question}\nAnswer:\n";

    private string DimensionList(ValueSystem system) =>
        string.Join("\n", system.Dimensions.Select(d => $"- {d.Id}: {d.Name}, {Definition(d)}"));

    private string Definition(ValueDimension dimension)
    {
        var definition = dimension.Definition.Trim();
        return definition.Length <= options.DefinitionMaxLength ? definition : definition[..options.DefinitionMaxLength].TrimEnd() + "...";
    }
}
