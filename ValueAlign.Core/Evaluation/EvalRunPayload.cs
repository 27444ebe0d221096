using System.Text.Json;

namespace ValueAlign.Core.Evaluation;

/// <summary>The payload of an <c>eval-run</c> job: which run to execute.</summary>
public sealed record EvalRunPayload(long RunId)
{
    public const string JobKind = "eval-run";

    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    public static EvalRunPayload Parse(string json) =>
        JsonSerializer.Deserialize<EvalRunPayload>(json, JsonSerializerOptions.Web) is { RunId: > 0 } payload
            ? payload
            : throw new EvalRunException($"The eval-run job payload '{json}' names no run.");
}
