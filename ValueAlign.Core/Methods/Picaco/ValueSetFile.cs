using System.Text.Json;
using ValueAlign.Core.Values;

namespace ValueAlign.Core.Methods.Picaco;

/// <summary>
/// Reads <c>data/value-sets/picaco.json</c>: <c>source</c> (where the sets come from) and <c>sets</c>,
/// each with <c>id</c>, <c>name</c>, <c>system</c> (a catalogue value system), <c>dimensions</c>
/// (its dimension ids) and <c>rationale</c>. Every dimension is checked against the catalogue; an
/// error names the set and the field.
/// </summary>
public static class ValueSetFile
{
    public static (string Source, IReadOnlyList<ValueSet> Sets) Load(string path, ValueSystemCatalog catalog)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No value-set file at {path}.", path);
        using var document = ParseOrExplain(path);
        var root = document.RootElement;
        var source = String(root, "source", path, "the file");
        if (!root.TryGetProperty("sets", out var sets) || sets.ValueKind != JsonValueKind.Array)
            throw new FormatException($"{path}: \"sets\" must be an array.");
        var result = new List<ValueSet>();
        var index = 0;
        foreach (var set in sets.EnumerateArray())
        {
            index++;
            var where = $"set {index}";
            var id = String(set, "id", path, where);
            where = $"set '{id}'";
            var systemId = String(set, "system", path, where);
            var system = catalog.Find(systemId) ?? throw new FormatException($"{path}: {where}: no value system '{systemId}' in the catalogue.");
            if (!set.TryGetProperty("dimensions", out var dims) || dims.ValueKind != JsonValueKind.Array || dims.GetArrayLength() == 0)
                throw new FormatException($"{path}: {where}: \"dimensions\" must be a non-empty array.");
            var values = dims.EnumerateArray().Select(d =>
            {
                var dimId = d.ValueKind == JsonValueKind.String ? d.GetString()! : throw new FormatException($"{path}: {where}: every dimension must be a string id.");
                var dimension = system.FindDimensionById(dimId) ?? throw new FormatException($"{path}: {where}: '{systemId}' has no dimension '{dimId}'.");
                return Optimisation.TargetValue.Of(system, dimension);
            }).ToList();
            if (values.Select(v => v.DimensionId).Distinct(StringComparer.Ordinal).Count() != values.Count)
                throw new FormatException($"{path}: {where}: a dimension is listed twice.");
            if (result.Any(r => r.Id == id)) throw new FormatException($"{path}: {where}: the id is used twice.");
            result.Add(new ValueSet(id, String(set, "name", path, where), String(set, "rationale", path, where), values));
        }
        return (source, result);
    }

    private static JsonDocument ParseOrExplain(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not valid JSON ({e.Message}).");
        }
    }

    private static string String(JsonElement element, string field, string path, string where) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length > 0
            ? value.GetString()!.Trim()
            : throw new FormatException($"{path}: {where}: \"{field}\" must be a non-empty string.");
}
