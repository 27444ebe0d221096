using System.Text.Json;
using System.Text.Json.Nodes;

namespace ValueAlign.Core.Inference.Serving;

/// <summary>
/// <c>POST /tokenize</c> and <c>/detokenize</c> in the shapes of vLLM (<c>prompt</c>,
/// <c>add_special_tokens</c>) and llama-server (<c>content</c>, <c>add_special</c>), with one
/// extension the workbench's HTTP backend uses: <c>prompts</c>, a list tokenized in one call
/// (answered as <c>tokens_list</c>). Text is tokenized without parsing special tokens, exactly as
/// the in-process scoring path does, so ids sent back as prompts give the same numbers.
/// </summary>
public sealed class ServedTokenizer(ServedModelCatalog catalog)
{
    public async Task<JsonObject> TokenizeAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var model = catalog.Require(RequestFields.String(request, "model") ?? catalog.List().FirstOrDefault()?.Id);
        var addSpecial = request["add_special_tokens"] is not null
            ? RequestFields.Bool(request, "add_special_tokens", true)
            : RequestFields.Bool(request, "add_special", true);
        var reply = new JsonObject { ["max_model_len"] = model.Model.Description.ContextSize };
        if (request["prompts"] is JsonArray many)
        {
            if (many.Count > ServedPrompt.MaxPrompts || many.Any(p => p is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
                throw OpenAiApiException.BadRequest($"'prompts' must be a list of at most {ServedPrompt.MaxPrompts} strings.", "prompts");
            var lists = new JsonArray();
            foreach (var text in many.Select(p => p!.GetValue<string>()))
            {
                var ids = await model.Model.TokenizeAsync(text, addSpecial, cancellationToken).ConfigureAwait(false);
                lists.Add(new JsonArray(ids.Select(t => (JsonNode)t).ToArray()));
            }
            reply["tokens_list"] = lists;
            return reply;
        }
        var single = RequestFields.String(request, "prompt") ?? RequestFields.String(request, "content")
            ?? throw OpenAiApiException.BadRequest("Give the text as 'prompt' (or 'content').", "prompt");
        var tokens = await model.Model.TokenizeAsync(single, addSpecial, cancellationToken).ConfigureAwait(false);
        reply["tokens"] = new JsonArray(tokens.Select(t => (JsonNode)t).ToArray());
        reply["count"] = tokens.Count;
        return reply;
    }

    public async Task<JsonObject> DetokenizeAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var model = catalog.Require(RequestFields.String(request, "model") ?? catalog.List().FirstOrDefault()?.Id);
        if (request["tokens"] is not JsonArray ids || ids.Any(t => t is not JsonValue v || !v.TryGetValue<int>(out _)))
            throw OpenAiApiException.BadRequest("'tokens' must be a list of token ids.", "tokens");
        string text;
        try
        {
            text = await model.Model.DetokenizeAsync(ids.Select(t => t!.GetValue<int>()).ToArray(), cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw OpenAiApiException.BadRequest(e.Message.Split(" (Parameter")[0], "tokens");
        }
        return new JsonObject { ["prompt"] = text, ["content"] = text };
    }
}
