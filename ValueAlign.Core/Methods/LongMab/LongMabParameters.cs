using System.Text.Json;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Methods;

namespace ValueAlign.Core.Methods.LongMab;

/// <summary>
/// The <c>longmab-po</c> run parameters: the bandit settings (<see cref="LongMabOptions"/>) and,
/// optionally, <c>items</c>: the item keys (<c>benchmark/external_id</c>) to generate for, out of
/// the run's filter, so a page or the CLI can pick single items while the filter stays simple.
/// </summary>
public sealed record LongMabParameters(LongMabOptions Options, IReadOnlyList<string>? Items)
{
    public const string DefaultJson =
        """{"chunkTokens":256,"chunksPerRound":4,"maxAnswerTokens":256,"overlapSentences":2,"rounds":30,"temperature":0.7}""";

    private static readonly string[] Known = ["rounds", "chunksPerRound", "chunkTokens", "overlapSentences", "temperature", "maxAnswerTokens", "items"];

    public static LongMabParameters Of(EvalSettings settings)
    {
        EvalParameters.RequireKnown(settings, "longmab-po", Known);
        var defaults = new LongMabOptions();
        int Int(string name, int fallback) => settings.Number(name) is { } v
            ? v == Math.Floor(v) ? (int)v : throw new ArgumentException($"LongMab-PO setting '{name}' must be a whole number.")
            : fallback;
        var options = new LongMabOptions
        {
            Rounds = Int("rounds", defaults.Rounds),
            ChunksPerRound = Int("chunksPerRound", defaults.ChunksPerRound),
            ChunkTokens = Int("chunkTokens", defaults.ChunkTokens),
            OverlapSentences = Int("overlapSentences", defaults.OverlapSentences),
            Temperature = (float)(settings.Number("temperature") ?? defaults.Temperature),
            MaxAnswerTokens = Int("maxAnswerTokens", defaults.MaxAnswerTokens),
        }.Validated();
        IReadOnlyList<string>? items = null;
        if (settings.Parameters.ValueKind == JsonValueKind.Object && settings.Parameters.TryGetProperty("items", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                throw new ArgumentException("LongMab-PO setting 'items' must be a list of item keys (\"benchmark/external_id\").");
            items = [.. list.EnumerateArray().Select(e => e.GetString()!)];
        }
        return new LongMabParameters(options, items);
    }

    public static string ItemKey(string benchmark, string externalId) => $"{benchmark}/{externalId}";
}
