using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ValueAlign.Core.Inference.OpenAi;

/// <summary>
/// Reads response bodies in the shapes OpenAI-compatible servers actually send: OpenAI's legacy
/// completion log-probs (vLLM, the workbench), chat-style log-prob entries (llama-server's
/// completions), vLLM's <c>prompt_logprobs</c>, embeddings as floats or base64, token lists as
/// ids or id/piece objects. Missing or mistyped fields raise a <see cref="FormatException"/> naming them.
/// </summary>
public static class OpenAiResponses
{
    /// <summary>The choices ordered by their index (servers may answer a list of prompts out of order).</summary>
    public static IReadOnlyList<JsonObject> Choices(JsonNode response) =>
        response["choices"] is JsonArray choices
            ? choices.OfType<JsonObject>().OrderBy(c => c["index"] is JsonValue i && i.TryGetValue<int>(out var n) ? n : 0).ToList()
            : throw new FormatException("The response has no 'choices' list.");

    /// <summary>The text of a completion or of one streamed completion event.</summary>
    public static string CompletionText(JsonNode response) =>
        Choices(response).FirstOrDefault()?["text"] is JsonValue text && text.GetValueKind() == JsonValueKind.String ? text.GetValue<string>() : "";

    /// <summary>The content of a streamed chat delta, or of a whole chat message.</summary>
    public static string ChatContent(JsonNode response)
    {
        var choice = Choices(response).FirstOrDefault();
        var content = choice?["delta"]?["content"] ?? choice?["message"]?["content"];
        return content is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : "";
    }

    /// <summary>The finish reason of a choice, if the server gave one.</summary>
    public static string? FinishReason(JsonNode response) =>
        Choices(response).FirstOrDefault()?["finish_reason"] is JsonValue reason && reason.GetValueKind() == JsonValueKind.String ? reason.GetValue<string>() : null;

    /// <summary>
    /// The log-prob of each prompt token in an echoed choice (null where the server gave none, as
    /// for the first token): legacy <c>logprobs.token_logprobs</c>, chat-style
    /// <c>logprobs.content[].logprob</c>, or vLLM's <c>prompt_logprobs</c> keyed by the token id sent.
    /// </summary>
    public static double?[] PromptLogProbs(JsonObject choice, IReadOnlyList<int> promptTokens)
    {
        if (choice["prompt_logprobs"] is JsonArray vllm)
        {
            var values = new double?[vllm.Count];
            for (var i = 0; i < vllm.Count; i++)
            {
                if (vllm[i] is not JsonObject entry)
                    continue;
                if (i >= promptTokens.Count)
                    break;
                var key = promptTokens[i].ToString(CultureInfo.InvariantCulture);
                values[i] = entry[key] switch
                {
                    JsonObject detail => Number(detail["logprob"], $"prompt_logprobs[{i}].{key}.logprob"),
                    JsonValue bare => Number(bare, $"prompt_logprobs[{i}].{key}"),
                    _ => throw new FormatException($"prompt_logprobs[{i}] has no entry for the prompt token {key}."),
                };
            }
            return values;
        }
        return choice["logprobs"] switch
        {
            JsonObject { } legacy when legacy["token_logprobs"] is JsonArray list =>
                list.Select((v, i) => v is null ? (double?)null : Number(v, $"token_logprobs[{i}]")).ToArray(),
            JsonObject { } chat when chat["content"] is JsonArray entries =>
                entries.Select((e, i) => e?["logprob"] is { } v ? Number(v, $"logprobs.content[{i}].logprob") : (double?)null).ToArray(),
            _ => throw new FormatException("The choice carries no prompt log-probs (neither logprobs.token_logprobs, logprobs.content nor prompt_logprobs)."),
        };
    }

    /// <summary>The first embedding of an embeddings response, given as a list of numbers or as base64 little-endian floats.</summary>
    public static float[] Embedding(JsonNode response)
    {
        var first = (response["data"] as JsonArray)?.FirstOrDefault() ?? throw new FormatException("The embeddings response has no 'data'.");
        return first["embedding"] switch
        {
            JsonArray numbers => numbers.Select((n, i) => (float)Number(n, $"embedding[{i}]")).ToArray(),
            JsonValue text when text.GetValueKind() == JsonValueKind.String => MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(text.GetValue<string>())).ToArray(),
            _ => throw new FormatException("The embedding is neither a list of numbers nor base64."),
        };
    }

    /// <summary>Token ids of a /tokenize answer: a list of ids (vLLM, llama-server) or of {id, piece} objects (llama-server with_pieces).</summary>
    public static int[] Tokens(JsonNode? tokens) => tokens is JsonArray list
        ? list.Select((t, i) => t switch
        {
            JsonObject withPiece => (int)Number(withPiece["id"], $"tokens[{i}].id"),
            _ => (int)Number(t, $"tokens[{i}]"),
        }).ToArray()
        : throw new FormatException("The tokenize answer has no 'tokens' list.");

    /// <summary>The entry of <paramref name="model"/> in a /v1/models list, or null.</summary>
    public static JsonObject? Model(JsonNode list, string model) =>
        (list["data"] as JsonArray ?? list["models"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(m => string.Equals(m["id"]?.ToString() ?? m["model"]?.ToString() ?? m["name"]?.ToString(), model, StringComparison.Ordinal));

    /// <summary>The model ids a /v1/models list names, for error messages.</summary>
    public static IReadOnlyList<string> ModelIds(JsonNode list) =>
        (list["data"] as JsonArray ?? list["models"] as JsonArray)?.OfType<JsonObject>()
            .Select(m => m["id"]?.ToString() ?? m["model"]?.ToString() ?? "?").ToList() ?? [];

    private static double Number(JsonNode? node, string what) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>()
        : throw new FormatException($"'{what}' is not a number.");
}
