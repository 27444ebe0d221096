using System.Text.Json.Nodes;

namespace ValueAlign.Core.Inference.Serving;

/// <summary>
/// <c>GET /v1/models</c> in OpenAI's shape, with the fields clients of vLLM read
/// (<c>root</c>, <c>max_model_len</c>) and what the workbench's own HTTP backend records: the
/// GGUF's SHA-256 as <c>root</c> and the capabilities under <c>valuealign</c>.
/// </summary>
public sealed class ServedModelsList(ServedModelCatalog catalog)
{
    public const string OwnedBy = "valuealign";

    public async Task<JsonObject> ListAsync(CancellationToken cancellationToken)
    {
        var data = new JsonArray();
        foreach (var model in catalog.List())
        {
            data.Add(await DescribeAsync(model, cancellationToken).ConfigureAwait(false));
        }
        return new JsonObject { ["object"] = "list", ["data"] = data };
    }

    private async Task<JsonObject> DescribeAsync(ServedModel model, CancellationToken cancellationToken)
    {
        var fingerprint = await catalog.FingerprintAsync(model, cancellationToken).ConfigureAwait(false);
        var capabilities = Enum.GetValues<ModelCapabilities>()
            .Where(c => c != ModelCapabilities.None && c != ModelCapabilities.LocalText && model.Model.Capabilities.HasFlag(c))
            .Select(c => (JsonNode)c.ToString()).ToArray();
        return new JsonObject
        {
            ["id"] = model.Id,
            ["object"] = "model",
            ["created"] = model.Created.ToUnixTimeSeconds(),
            ["owned_by"] = OwnedBy,
            ["root"] = fingerprint ?? model.Id,
            ["max_model_len"] = model.Model.Description.ContextSize,
            ["valuealign"] = new JsonObject
            {
                ["fingerprint"] = fingerprint,
                ["capabilities"] = new JsonArray(capabilities),
                ["vocabulary_size"] = model.Model.Description.VocabularySize,
                ["parameters"] = model.Model.Description.ParameterCount,
                ["batch_tokenize"] = true,
            },
        };
    }
}
