using System.Text.Json;
using System.Text.Json.Nodes;
using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives;

namespace ValueAlign.Core.Methods.Couple.Inspection;

/// <summary>
/// One inspection as a JSON object for scripts (the <c>counterfactual</c> verb): the texts, the profiles
/// before (abduction), target and after (evaluation) by dimension id, MAE and Spearman (null when
/// undefined, e.g. a constant profile), errors, and the whole trace with every call's prompt,
/// grammar, raw output, timing and error. Step results are embedded as JSON, not as strings.
/// </summary>
public static class CounterfactualReport
{
    // Relaxed escaping keeps apostrophes and non-ASCII text readable; the output is a file or a terminal, never HTML.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject ToJson(CounterfactualResult result, CounterfactualRequest request) => ToJson(CounterfactualInspection.Of(request, result));

    public static JsonObject ToJson(CounterfactualInspection inspection)
    {
        var (request, result) = (inspection.Request, inspection.Result);
        var system = request.System;
        return new JsonObject
        {
            ["method"] = result.Method,
            ["valueSystem"] = system.Id,
            ["question"] = request.Question,
            ["originalResponse"] = result.OriginalResponse,
            ["finalResponse"] = result.FinalResponse,
            ["succeeded"] = result.Succeeded,
            ["alreadyMeetsObjective"] = result.AlreadyMeetsObjective,
            ["deviation"] = Number(result.Action?.Deviation),
            ["profiles"] = new JsonObject
            {
                ["before"] = Profile(system, inspection.Before?.Profile.Expectations),
                ["target"] = Profile(system, inspection.Target),
                ["after"] = Profile(system, inspection.After?.Profile.Expectations),
            },
            ["metrics"] = inspection.After is { } e
                ? new JsonObject { ["mae"] = Number(e.Metrics.MeanAbsoluteError), ["spearman"] = Number(e.Metrics.Spearman) }
                : null,
            ["errors"] = new JsonArray(result.Errors.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray()),
            ["trace"] = new JsonArray(result.Trace.Steps.Select(Step).ToArray()),
        };
    }

    /// <summary>Several items: the reports plus mean MAE and Spearman over the items where they are defined.</summary>
    public static JsonObject Summary(string method, IReadOnlyList<JsonObject> reports)
    {
        double? Mean(string metric)
        {
            var values = reports.Select(r => r["metrics"]?[metric]).Where(v => v is not null).Select(v => (double)v!).ToArray();
            return values.Length == 0 ? null : Math.Round(values.Average(), 6);
        }
        return new JsonObject
        {
            ["method"] = method,
            ["items"] = reports.Count,
            ["succeeded"] = reports.Count(r => (bool)r["succeeded"]!),
            ["meanMae"] = Mean("mae"),
            ["meanSpearman"] = Mean("spearman"),
            ["results"] = new JsonArray([.. reports]),
        };
    }

    public static string Serialize(JsonNode node) => node.ToJsonString(Indented);

    private static JsonNode? Step(TraceStep step) => new JsonObject
    {
        ["name"] = step.Name,
        ["elapsedMs"] = Math.Round(step.Elapsed.TotalMilliseconds, 1),
        ["errors"] = new JsonArray(step.Errors.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray()),
        ["result"] = ParsedResult(step.ParsedResult),
        ["calls"] = new JsonArray(step.Calls.Select(c => (JsonNode?)new JsonObject
        {
            ["purpose"] = c.Purpose,
            ["attempt"] = c.Attempt,
            ["elapsedMs"] = Math.Round(c.Elapsed.TotalMilliseconds, 1),
            ["prompt"] = c.Prompt,
            ["grammar"] = c.Grammar,
            ["rawOutput"] = c.RawOutput,
            ["error"] = c.Error,
        }).ToArray()),
    };

    /// <summary>The step's parsed result as JSON; NaN/Infinity (written as named literals by the trace) become null.</summary>
    private static JsonNode? ParsedResult(string json)
    {
        var node = JsonNode.Parse(json, documentOptions: default);
        return Clean(node);
    }

    private static JsonNode? Clean(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Clean(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Clean).ToArray()),
        JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is "NaN" or "Infinity" or "-Infinity" => null,
        _ => node?.DeepClone(),
    };

    private static JsonObject? Profile(ValueSystem system, IReadOnlyList<double>? values) =>
        values is null ? null : new JsonObject(system.Dimensions.Select((d, i) => KeyValuePair.Create(d.Id, Number(values[i]))));

    private static JsonNode? Number(double? value) => value is { } v && double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 6)) : null;
}
