using System.Text.Json;
using System.Text.Json.Serialization;

namespace ValueAlign.Core.Methods.LegalDelta;

/// <summary>
/// What a <c>legal-delta</c> unit stores as its raw output (JSON): the model's output, the reasoning
/// read from it, and the gold answer's tokens (id and text) with their log-probabilities in both
/// teacher-forced passes, which the run page draws as a per-token view of the difference.
/// </summary>
public sealed record LegalDeltaRecord(
    [property: JsonPropertyName("output")] string Output,
    [property: JsonPropertyName("reasoning")] string Reasoning,
    [property: JsonPropertyName("format_valid")] bool FormatValid,
    [property: JsonPropertyName("answer_tokens")] IReadOnlyList<LegalDeltaToken> AnswerTokens)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Serialize() => JsonSerializer.Serialize(this, Options);

    public static LegalDeltaRecord? TryParse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json) || json[0] != '{') return null;
        try
        {
            return JsonSerializer.Deserialize<LegalDeltaRecord>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>One gold answer token: its text, and its log-probability after the reasoning and in the direct pass.</summary>
public sealed record LegalDeltaToken(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("with_reasoning")] double WithReasoning,
    [property: JsonPropertyName("direct")] double Direct)
{
    [JsonIgnore] public double Gain => WithReasoning - Direct;
}
