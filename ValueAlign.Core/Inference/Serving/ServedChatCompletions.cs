using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ValueAlign.Core.Inference.Serving;

/// <summary>
/// <c>POST /v1/chat/completions</c>: the model's own chat template, streamed or not, with
/// log-probs of the generated tokens on request. Images (data-URI <c>image_url</c> parts) reach
/// models that can see them; for the others the request is refused rather than answered blind.
/// </summary>
public sealed class ServedChatCompletions(ServedModelCatalog catalog)
{
    public const int DefaultMaxTokens = 512;
    private static readonly string[] ChatRoles = ["system", "user", "assistant"];

    public async Task<OpenAiReply> HandleAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var model = catalog.Require(RequestFields.String(request, "model"));
        RequestFields.RequireSingleChoice(request);
        var messages = Messages(request["messages"]);
        var withImages = messages.Any(m => m.Images.Count > 0);
        if (withImages && !model.Model.Capabilities.HasFlag(ModelCapabilities.Images))
            throw OpenAiApiException.BadRequest($"The model '{model.Id}' cannot see images (no projector loaded); send text only.", "messages");
        var logprobs = RequestFields.Bool(request, "logprobs");
        var topK = RequestFields.Int(request, "top_logprobs", 0, TopLogProbs.MaxK) ?? 0;
        if (withImages && logprobs)
            throw OpenAiApiException.BadRequest("Log-probs are not available for messages with images.", "logprobs");
        var stream = RequestFields.Bool(request, "stream");
        var includeUsage = request["stream_options"]?["include_usage"]?.GetValue<bool>() == true;
        var explicitMax = RequestFields.Int(request, "max_completion_tokens", 1, 100_000) ?? RequestFields.Int(request, "max_tokens", 1, 100_000);

        IReadOnlyList<int>? prompt = null;
        var context = model.Model.Description.ContextSize;
        if (!withImages)
        {
            try
            {
                prompt = model.TokenLevel.ChatPromptTokens(messages);
            }
            catch (ArgumentException e)
            {
                throw OpenAiApiException.BadRequest(e.Message, "messages");
            }
            if (prompt.Count >= context)
                throw OpenAiApiException.BadRequest($"The chat prompt has {prompt.Count} tokens and does not fit the context of {context}.", "messages");
        }
        var maxTokens = explicitMax ?? Math.Min(DefaultMaxTokens, context - (prompt?.Count ?? 0));
        var generation = RequestFields.Generation(request, maxTokens);
        var call = new Call(model, messages, prompt, generation, logprobs, topK, $"chatcmpl-{Guid.NewGuid():N}", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        return stream
            ? new StreamReply(call.StreamAsync(includeUsage, CancellationToken.None))
            : new JsonReply(await call.CompleteAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Messages with string content or a list of text and image_url parts (images as data URIs only).</summary>
    internal static IReadOnlyList<ChatMessage> Messages(JsonNode? node)
    {
        if (node is not JsonArray { Count: > 0 } list)
            throw OpenAiApiException.BadRequest("'messages' must be a non-empty list.", "messages");
        var messages = new List<ChatMessage>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not JsonObject message)
                throw OpenAiApiException.BadRequest($"Message {i} must be an object.", "messages");
            var role = message["role"] is JsonValue r && r.GetValueKind() == JsonValueKind.String ? r.GetValue<string>() : null;
            if (role == "developer")
                role = "system";
            if (role is null || !ChatRoles.Contains(role))
                throw OpenAiApiException.BadRequest($"Message {i} has role '{role}'; supported are system, user and assistant.", "messages");
            var text = new StringBuilder();
            var images = new List<ImageInput>();
            switch (message["content"])
            {
                case JsonValue s when s.GetValueKind() == JsonValueKind.String:
                    text.Append(s.GetValue<string>());
                    break;
                case JsonArray parts:
                    foreach (var part in parts)
                    {
                        switch (part?["type"]?.GetValue<string>())
                        {
                            case "text":
                                text.Append(part["text"]?.GetValue<string>());
                                break;
                            case "image_url":
                                images.Add(Image(part["image_url"]?["url"]?.GetValue<string>(), i));
                                break;
                            default:
                                throw OpenAiApiException.BadRequest($"Message {i} has a content part of type '{part?["type"]}'; supported are text and image_url.", "messages");
                        }
                    }
                    break;
                case null:
                    break;
                default:
                    throw OpenAiApiException.BadRequest($"Message {i} content must be a string or a list of parts.", "messages");
            }
            messages.Add(new ChatMessage(role, text.ToString()) { Images = images });
        }
        return messages;
    }

    private static ImageInput Image(string? url, int message)
    {
        const string prefix = "data:";
        var comma = url?.IndexOf(',') ?? -1;
        if (url is null || !url.StartsWith(prefix, StringComparison.Ordinal) || comma < 0 || !url[..comma].EndsWith(";base64", StringComparison.Ordinal))
            throw OpenAiApiException.BadRequest($"Message {message}: images must be base64 data URIs (data:image/png;base64,...); the server fetches no URLs.", "messages");
        try
        {
            return new ImageInput(Convert.FromBase64String(url[(comma + 1)..]), url[prefix.Length..(comma - ";base64".Length)]);
        }
        catch (FormatException)
        {
            throw OpenAiApiException.BadRequest($"Message {message}: the image's base64 does not decode.", "messages");
        }
    }

    private sealed record Call(ServedModel Model, IReadOnlyList<ChatMessage> Messages, IReadOnlyList<int>? Prompt, GenerationOptions Generation,
        bool Logprobs, int TopK, string Id, long Created)
    {
        public async Task<JsonObject> CompleteAsync(CancellationToken cancellationToken)
        {
            var text = new StringBuilder();
            var entries = new JsonArray();
            var completionTokens = 0;
            var finish = FinishReason.Stop;
            await foreach (var step in StepsAsync(cancellationToken).ConfigureAwait(false))
            {
                text.Append(step.Text);
                if (step.Token is not null)
                {
                    completionTokens++;
                    if (Logprobs && step.LogProbs is { } lp)
                        entries.Add(new LogProbsJson(Model.TokenLevel, TopK).ChatEntry(lp));
                }
                finish = step.Finish ?? finish;
            }
            return new JsonObject
            {
                ["id"] = Id,
                ["object"] = "chat.completion",
                ["created"] = Created,
                ["model"] = Model.Id,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text.ToString() },
                    ["logprobs"] = Logprobs ? new JsonObject { ["content"] = entries } : null,
                    ["finish_reason"] = ServedCompletions.Reason(finish),
                }),
                ["usage"] = ServedCompletions.Usage(Prompt?.Count ?? 0, completionTokens),
            };
        }

        public async IAsyncEnumerable<JsonObject> StreamAsync(bool includeUsage, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            yield return Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "" }, null, null);
            var completionTokens = 0;
            await foreach (var step in StepsAsync(cancellationToken).ConfigureAwait(false))
            {
                JsonObject? logProbs = null;
                if (step.Token is not null)
                {
                    completionTokens++;
                    if (Logprobs && step.LogProbs is { } lp)
                        logProbs = new JsonObject { ["content"] = new JsonArray(new LogProbsJson(Model.TokenLevel, TopK).ChatEntry(lp)) };
                }
                if (step.Text.Length > 0 || logProbs is not null)
                    yield return Chunk(new JsonObject { ["content"] = step.Text }, logProbs, null);
                if (step.Finish is { } finish)
                    yield return Chunk(new JsonObject(), null, finish);
            }
            if (includeUsage)
            {
                yield return new JsonObject
                {
                    ["id"] = Id, ["object"] = "chat.completion.chunk", ["created"] = Created, ["model"] = Model.Id,
                    ["choices"] = new JsonArray(), ["usage"] = ServedCompletions.Usage(Prompt?.Count ?? 0, completionTokens),
                };
            }
        }

        /// <summary>Token steps from the template's prompt; with images, the model's own chat path (text pieces, then a final step).</summary>
        private async IAsyncEnumerable<GenerationStep> StepsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            if (Prompt is not null)
            {
                await foreach (var step in Model.TokenLevel.GenerateTokensAsync(Prompt, Generation, TopK, cancellationToken).ConfigureAwait(false))
                    yield return step;
                yield break;
            }
            await foreach (var piece in Model.Model.ChatAsync(Messages, Generation, cancellationToken).ConfigureAwait(false))
                yield return new GenerationStep(null, piece, null);
            yield return new GenerationStep(null, "", null, FinishReason.Stop);
        }

        private JsonObject Chunk(JsonObject delta, JsonObject? logProbs, FinishReason? finish) => new()
        {
            ["id"] = Id,
            ["object"] = "chat.completion.chunk",
            ["created"] = Created,
            ["model"] = Model.Id,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["delta"] = delta,
                ["logprobs"] = logProbs,
                ["finish_reason"] = finish is { } f ? ServedCompletions.Reason(f) : null,
            }),
        };
    }
}
