using System.Text.Json;

namespace ValueAlign.Core.Evaluation;

/// <summary>
/// The JSON form of a unit's named scores (<see cref="EvalItemResult.ScoresJson"/>). Non-finite
/// values are left out, since JSON has no NaN: a missing score reads as "not available".
/// </summary>
public static class EvalScores
{
    public static string Serialize(IReadOnlyDictionary<string, double> scores) =>
        JsonSerializer.Serialize(scores.Where(s => double.IsFinite(s.Value)).OrderBy(s => s.Key, StringComparer.Ordinal)
            .ToDictionary(s => s.Key, s => s.Value));

    public static IReadOnlyDictionary<string, double> Parse(string json) =>
        string.IsNullOrWhiteSpace(json) ? new Dictionary<string, double>() : JsonSerializer.Deserialize<Dictionary<string, double>>(json) ?? [];

    public static double? Get(EvalItemResult result, string name) =>
        Parse(result.ScoresJson).TryGetValue(name, out var value) ? value : null;
}
