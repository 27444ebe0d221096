using System.Text.Json;
using ValueAlign.Core.Evaluation.Parameters;
using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives;

namespace ValueAlign.Core.Methods.Couple.Study;

/// <summary>
/// Parameters of a counterfactual batch study, read from the run's canonical parameters JSON:
/// <c>{"methods":["couple","raw"],"objectives":[{...ValueObjective JSON...}],"response":"item"}</c>.
/// Objectives are inline (not ids of saved objectives) so the run's configuration hash covers
/// exactly the priorities that were studied, even if a saved objective changes later.
/// </summary>
public sealed record StudyParameters(IReadOnlyList<string> Methods, IReadOnlyList<ValueObjective> Objectives, StudyResponseSource Response)
{
    public static readonly ParameterSchema Schema = new(CounterfactualStudyMethod.MethodId,
    [
        MethodParameter.TextList("methods", "The counterfactual methods to compare.", CounterfactualMethods.Keys) with { Required = true },
        MethodParameter.Json("objectives", "The value objectives to study, as a JSON list of objectives (the format of an exported objective).") with { Required = true },
        MethodParameter.Choice("response", ["item", "generate"], "item", "item: rewrite the item's own response where it has one; generate: the model always writes the original response."),
    ]);

    public static StudyParameters Parse(JsonElement parameters, ValueSystemCatalog catalog)
    {
        Schema.Require(parameters);
        var methods = new List<string>();
        if (!parameters.TryGetProperty("methods", out var m) || m.ValueKind != JsonValueKind.Array || m.GetArrayLength() == 0)
            throw new ArgumentException($"'methods' must list at least one of: {string.Join(", ", CounterfactualMethods.Keys)}.");
        foreach (var entry in m.EnumerateArray())
        {
            var id = entry.ValueKind == JsonValueKind.String ? entry.GetString()! : "";
            if (!CounterfactualMethods.Keys.Contains(id))
                throw new ArgumentException($"methods[{methods.Count}]: '{id}' is not a counterfactual method; use one of {string.Join(", ", CounterfactualMethods.Keys)}.");
            if (methods.Contains(id))
                throw new ArgumentException($"methods[{methods.Count}]: '{id}' is listed twice.");
            methods.Add(id);
        }
        if (!parameters.TryGetProperty("objectives", out var o) || o.ValueKind != JsonValueKind.Array || o.GetArrayLength() == 0)
            throw new ArgumentException("'objectives' must list at least one value objective.");
        var objectives = new List<ValueObjective>();
        foreach (var entry in o.EnumerateArray())
        {
            var index = objectives.Count;
            ValueObjective objective;
            try
            {
                objective = ValueObjectiveJson.Import(entry.GetRawText());
            }
            catch (Exception e) when (e is JsonException or ArgumentException or FormatException or InvalidObjectiveException)
            {
                throw new ArgumentException($"objectives[{index}]: {e.Message}", e);
            }
            var system = catalog.Find(objective.ValueSystemId)
                ?? throw new ArgumentException($"objectives[{index}]: value system '{objective.ValueSystemId}' is not in the catalogue.");
            var errors = objective.Validate(system);
            if (errors.Count > 0)
                throw new ArgumentException($"objectives[{index}]: {string.Join(" ", errors)}");
            objectives.Add(objective);
        }
        var response = StudyResponseSource.Item;
        if (parameters.TryGetProperty("response", out var r))
        {
            response = r.ValueKind == JsonValueKind.String && r.GetString() is "item" or "generate"
                ? (r.GetString() == "generate" ? StudyResponseSource.Generate : StudyResponseSource.Item)
                : throw new ArgumentException("'response' must be \"item\" (use the item's own response text where it has one) or \"generate\".");
        }
        return new StudyParameters(methods, objectives, response);
    }

    public string ObjectiveName(int index) => Objectives[index].Name is { Length: > 0 } name ? name : $"objective {index + 1}";
}

public enum StudyResponseSource
{
    /// <summary>
    /// Arguments and dialogues bring their own response (see <see cref="Inspection.InspectionItem"/>); scenarios
    /// have none, so the model answers first. The COUPLE authors rewrite existing value-laden responses.
    /// </summary>
    Item,

    /// <summary>The model always writes the original response.</summary>
    Generate,
}
