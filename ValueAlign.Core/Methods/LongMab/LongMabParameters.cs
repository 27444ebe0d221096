using System.Text.Json;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Parameters;

namespace ValueAlign.Core.Methods.LongMab;

/// <summary>
/// The <c>longmab-po</c> run parameters: the bandit settings (<see cref="LongMabOptions"/>) and,
/// optionally, <c>items</c>: the item keys (<c>benchmark/external_id</c>) to generate for, out of
/// the run's filter, so a page or the CLI can pick single items while the filter stays simple.
/// </summary>
public sealed record LongMabParameters(LongMabOptions Options, IReadOnlyList<string>? Items)
{
    public static readonly ParameterSchema Schema = new(LongMabMethod.MethodId,
    [
        MethodParameter.Integer("rounds", 1, 1000, 30, "Bandit rounds per item: each round reads a few chunks and samples an answer.") with { Preset = true },
        MethodParameter.Integer("chunksPerRound", 1, 64, 4, "k: chunks the bandit picks per round.") with { Preset = true },
        MethodParameter.Integer("chunkTokens", 1, 32768, 256, "Token budget of one context chunk.") with { Preset = true },
        MethodParameter.Integer("overlapSentences", 0, 16, 2, "Sentences shared by neighbouring chunks.") with { Preset = true },
        MethodParameter.Number("temperature", 0, 2, 0.7, "Sampling temperature of the rollouts.") with { Preset = true },
        MethodParameter.Integer("maxAnswerTokens", 1, 4096, 256, "Longest sampled answer, in tokens.") with { Preset = true },
        MethodParameter.TextList("items", "Only these items of the selection (benchmark/external_id keys); empty for every selected item."),
    ]);

    public static LongMabParameters Of(EvalSettings settings)
    {
        Schema.Require(settings);
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
        if (settings.Parameters.ValueKind == JsonValueKind.Object && settings.Parameters.TryGetProperty("items", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            items = [.. list.EnumerateArray().Select(e => e.GetString()!)];
        }
        return new LongMabParameters(options, items);
    }

    public static string ItemKey(string benchmark, string externalId) => $"{benchmark}/{externalId}";
}
