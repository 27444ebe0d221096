using System.Text.Json;
using System.Text.Json.Nodes;

namespace ValueAlign.Core.Inference.Serving;

/// <summary>One prompt of a request as token ids, with its text when it was sent as text.</summary>
internal sealed record ServedPrompt(string? Text, int[] Tokens)
{
    public const int MaxPrompts = 256;

    /// <summary>
    /// OpenAI's four prompt shapes: a string, a list of strings, a list of token ids, a list of
    /// lists of token ids. Text is tokenized with BOS, as the in-process runtime does.
    /// </summary>
    public static async Task<IReadOnlyList<ServedPrompt>> ReadAsync(JsonNode? node, ServedModel model, CancellationToken cancellationToken)
    {
        var prompts = new List<ServedPrompt>();
        switch (node)
        {
            case JsonValue text when text.GetValueKind() == JsonValueKind.String:
                prompts.Add(await FromTextAsync(text.GetValue<string>(), model, cancellationToken).ConfigureAwait(false));
                break;
            case JsonArray { Count: > 0 } list when list.All(IsInteger):
                prompts.Add(new ServedPrompt(null, Ids(list, model, 0)));
                break;
            case JsonArray { Count: > 0 } list:
                if (list.Count > MaxPrompts)
                    throw OpenAiApiException.BadRequest($"At most {MaxPrompts} prompts per request.", "prompt");
                for (var i = 0; i < list.Count; i++)
                {
                    prompts.Add(list[i] switch
                    {
                        JsonValue s when s.GetValueKind() == JsonValueKind.String => await FromTextAsync(s.GetValue<string>(), model, cancellationToken).ConfigureAwait(false),
                        JsonArray { Count: > 0 } ids when ids.All(IsInteger) => new ServedPrompt(null, Ids(ids, model, i)),
                        _ => throw OpenAiApiException.BadRequest($"Prompt {i} must be a string or a non-empty list of token ids.", "prompt"),
                    });
                }
                break;
            default:
                throw OpenAiApiException.BadRequest("'prompt' must be a string, a list of strings, a list of token ids or a list of such lists.", "prompt");
        }
        return prompts;
    }

    /// <summary>The prompt's text: as sent, or the detokenized ids.</summary>
    public async Task<string> TextAsync(ServedModel model, CancellationToken cancellationToken) =>
        Text ?? await model.Model.DetokenizeAsync(Tokens, cancellationToken).ConfigureAwait(false);

    private static async Task<ServedPrompt> FromTextAsync(string text, ServedModel model, CancellationToken cancellationToken)
    {
        var tokens = await model.Model.TokenizeAsync(text, addBos: true, cancellationToken).ConfigureAwait(false);
        return tokens.Count > 0 ? new ServedPrompt(text, [.. tokens])
            : throw OpenAiApiException.BadRequest("A prompt is empty after tokenization (and this model adds no BOS).", "prompt");
    }

    private static bool IsInteger(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out _);

    private static int[] Ids(JsonArray list, ServedModel model, int index)
    {
        var vocabulary = model.Model.Description.VocabularySize;
        var ids = list.Select(x => x!.GetValue<int>()).ToArray();
        var bad = ids.FirstOrDefault(t => t < 0 || t >= vocabulary, -1);
        return ids.All(t => t >= 0 && t < vocabulary) ? ids
            : throw OpenAiApiException.BadRequest($"Prompt {index} holds token id {bad}, outside the vocabulary of {vocabulary}.", "prompt");
    }
}
