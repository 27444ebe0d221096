using System.Text.Json.Nodes;
using ValueAlign.Core.Values.Objectives;

namespace ValueAlign.Core.Methods.Couple.Study;

/// <summary>Builds the parameters JSON of a study run from the choices made on the study page or in a script.</summary>
public static class StudyParametersJson
{
    public static string Build(IReadOnlyList<string> methods, IReadOnlyList<ValueObjective> objectives, StudyResponseSource response)
    {
        if (methods.Count == 0)
            throw new ArgumentException("Choose at least one method.");
        if (objectives.Count == 0)
            throw new ArgumentException("Choose at least one objective.");
        var json = new JsonObject
        {
            ["methods"] = new JsonArray([.. methods.Select(m => (JsonNode)JsonValue.Create(m)!)]),
            ["objectives"] = new JsonArray([.. objectives.Select(o => JsonNode.Parse(ValueObjectiveJson.Export(o)))]),
            ["response"] = response == StudyResponseSource.Generate ? "generate" : "item",
        };
        return json.ToJsonString();
    }
}
