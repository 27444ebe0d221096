using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ValueAlign.Core.Inference.Serving;

/// <summary><c>POST /v1/embeddings</c>: mean-pooled embeddings of a string or a list of them, as floats or base64 (what the OpenAI Python client asks for).</summary>
public sealed class ServedEmbeddings(ServedModelCatalog catalog)
{
    public const int MaxInputs = 256;

    public async Task<OpenAiReply> HandleAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var model = catalog.Require(RequestFields.String(request, "model"));
        var format = RequestFields.String(request, "encoding_format") ?? "float";
        if (format is not ("float" or "base64"))
            throw OpenAiApiException.BadRequest("'encoding_format' must be float or base64.", "encoding_format");
        if (request["dimensions"] is not null)
            throw OpenAiApiException.BadRequest("'dimensions' is not supported; embeddings have the model's width.", "dimensions");
        var inputs = await InputsAsync(request["input"], model, cancellationToken).ConfigureAwait(false);
        var data = new JsonArray();
        var tokens = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            float[] vector;
            try
            {
                vector = await model.Model.EmbedAsync(inputs[i], cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                throw OpenAiApiException.BadRequest($"Input {i}: {e.Message}", "input");
            }
            tokens += (await model.Model.TokenizeAsync(inputs[i], addBos: true, cancellationToken).ConfigureAwait(false)).Count;
            data.Add(new JsonObject
            {
                ["object"] = "embedding",
                ["index"] = i,
                ["embedding"] = format == "base64"
                    ? Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan()))
                    : new JsonArray(vector.Select(v => (JsonNode)v).ToArray()),
            });
        }
        return new JsonReply(new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = model.Id,
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        });
    }

    private static async Task<IReadOnlyList<string>> InputsAsync(JsonNode? node, ServedModel model, CancellationToken cancellationToken)
    {
        switch (node)
        {
            case JsonValue text when text.GetValueKind() == JsonValueKind.String:
                return [text.GetValue<string>()];
            case JsonArray { Count: > 0 } single when single.All(x => x is JsonValue v && v.GetValueKind() == JsonValueKind.Number):
                return [await DetokenizeAsync(single, model, cancellationToken).ConfigureAwait(false)];
            case JsonArray { Count: > 0 and <= MaxInputs } list:
                var inputs = new List<string>(list.Count);
                foreach (var item in list)
                {
                    inputs.Add(item switch
                    {
                        JsonValue s when s.GetValueKind() == JsonValueKind.String => s.GetValue<string>(),
                        JsonArray ids => await DetokenizeAsync(ids, model, cancellationToken).ConfigureAwait(false),
                        _ => throw OpenAiApiException.BadRequest("Each input must be a string or a list of token ids.", "input"),
                    });
                }
                return inputs;
            default:
                throw OpenAiApiException.BadRequest($"'input' must be a string or a list of 1 to {MaxInputs} strings.", "input");
        }
    }

    private static Task<string> DetokenizeAsync(JsonArray ids, ServedModel model, CancellationToken cancellationToken)
    {
        var vocabulary = model.Model.Description.VocabularySize;
        if (!ids.All(x => x is JsonValue v && v.TryGetValue<int>(out var t) && t >= 0 && t < vocabulary))
            throw OpenAiApiException.BadRequest($"Token-id inputs must be whole numbers within the vocabulary of {vocabulary}.", "input");
        return model.Model.DetokenizeAsync(ids.Select(x => x!.GetValue<int>()).ToArray(), cancellationToken);
    }
}
