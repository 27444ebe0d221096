using System.Text.Json;
using System.Text.Json.Nodes;

namespace ValueAlign.Core.Values.Objectives;

/// <summary>
/// Reads and writes a value objective as JSON:
/// <c>{"valueSystem": "schwartz-10", "name": ..., "description": ..., "priorities": [{"dimension": "power", "priority": 4, "importance": 1.0}],
/// "relationOverrides": [{"a": "power", "b": "hedonism", "relation": "opposing"}]}</c>.
/// Import errors name the field (and the line for malformed JSON) and throw
/// <see cref="InvalidObjectiveException"/>; import also validates against the system when one is given.
/// </summary>
public static class ValueObjectiveJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Export(ValueObjective objective)
    {
        var root = new JsonObject { ["valueSystem"] = objective.ValueSystemId };
        if (objective.Name is not null)
        {
            root["name"] = objective.Name;
        }
        if (objective.Description is not null)
        {
            root["description"] = objective.Description;
        }
        root["priorities"] = new JsonArray(objective.Priorities.Select(p => (JsonNode)new JsonObject
        {
            ["dimension"] = p.DimensionId,
            ["priority"] = p.Priority,
            ["importance"] = p.Importance,
        }).ToArray());
        if (objective.RelationOverrides is { Count: > 0 } overrides)
        {
            root["relationOverrides"] = new JsonArray(overrides.Select(r => (JsonNode)new JsonObject
            {
                ["a"] = r.A,
                ["b"] = r.B,
                ["relation"] = r.Relation.ToString().ToLowerInvariant(),
            }).ToArray());
        }
        return root.ToJsonString(Indented);
    }

    /// <summary>Parses an objective; with <paramref name="system"/> it must also fit that system.</summary>
    public static ValueObjective Import(string json, ValueSystem? system = null)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidObjectiveException([$"Line {(e.LineNumber ?? 0) + 1}: not valid JSON ({e.Message})."]);
        }
        if (node is not JsonObject root)
        {
            throw new InvalidObjectiveException(["The top level must be a JSON object."]);
        }
        var problems = new List<string>();
        var systemId = ReadString(root, "valueSystem", problems, required: true);
        var priorities = new List<ObjectivePriority>();
        if (root["priorities"] is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                var where = $"priorities[{i}]";
                if (array[i] is not JsonObject item)
                {
                    problems.Add($"{where}: must be an object.");
                    continue;
                }
                var dimension = ReadString(item, "dimension", problems, required: true, where);
                var priority = ReadNumber(item, "priority", problems, where);
                var importance = item["importance"] is null ? 1.0 : ReadNumber(item, "importance", problems, where);
                if (priority is not null && priority != Math.Floor(priority.Value))
                {
                    problems.Add($"{where}.priority: {priority} must be a whole number.");
                }
                if (dimension is not null && priority is not null && importance is not null)
                {
                    priorities.Add(new ObjectivePriority(dimension, (int)Math.Clamp(priority.Value, int.MinValue, int.MaxValue), importance.Value));
                }
            }
        }
        else
        {
            problems.Add("priorities: required array is missing.");
        }
        var overrides = new List<RelationPair>();
        if (root["relationOverrides"] is JsonArray relations)
        {
            for (var i = 0; i < relations.Count; i++)
            {
                var where = $"relationOverrides[{i}]";
                if (relations[i] is not JsonObject item)
                {
                    problems.Add($"{where}: must be an object.");
                    continue;
                }
                var a = ReadString(item, "a", problems, required: true, where);
                var b = ReadString(item, "b", problems, required: true, where);
                var relationText = ReadString(item, "relation", problems, required: true, where);
                var known = relationText is not null && Enum.GetNames<Relation>().Contains(relationText, StringComparer.OrdinalIgnoreCase);
                if (relationText is not null && !known)
                {
                    problems.Add($"{where}.relation: '{relationText}' is not consistent, opposing or unrelated.");
                }
                else if (a is not null && b is not null && known)
                {
                    overrides.Add(new RelationPair(a, b, Enum.Parse<Relation>(relationText!, ignoreCase: true)));
                }
            }
        }
        if (problems.Count > 0)
        {
            throw new InvalidObjectiveException(problems);
        }
        var objective = new ValueObjective(systemId!, priorities, overrides.Count > 0 ? overrides : null,
            ReadString(root, "name", problems, required: false), ReadString(root, "description", problems, required: false));
        if (system is not null)
        {
            objective.EnsureValid(system);
        }
        return objective;
    }

    private static string? ReadString(JsonObject obj, string field, List<string> problems, bool required, string? parent = null)
    {
        var path = parent is null ? field : $"{parent}.{field}";
        var node = obj[field];
        if (node is null)
        {
            if (required)
            {
                problems.Add($"{path}: required field is missing.");
            }
            return null;
        }
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return text;
        }
        problems.Add($"{path}: must be a string.");
        return null;
    }

    private static double? ReadNumber(JsonObject obj, string field, List<string> problems, string parent)
    {
        var node = obj[field];
        if (node is JsonValue value && value.TryGetValue<double>(out var number))
        {
            return number;
        }
        problems.Add(node is null ? $"{parent}.{field}: required field is missing." : $"{parent}.{field}: must be a number.");
        return null;
    }
}
