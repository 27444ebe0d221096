using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;

namespace ValueAlign.Core.Inference.Serving;

/// <summary>
/// <c>POST /v1/completions</c> over a loaded model. Besides generation it serves what
/// lm-evaluation-harness's <c>local-completions</c> uses for log-likelihood: <c>echo</c> with
/// <c>logprobs</c> returns every prompt token's log-prob (the first null), and with
/// <c>max_tokens: 0</c> nothing is generated. All prompts of one request are scored in one turn
/// of the model, and prompts that share a prefix (a question's options) evaluate it once.
/// </summary>
public sealed class ServedCompletions(ServedModelCatalog catalog)
{
    public const int DefaultMaxTokens = 16;

    public async Task<OpenAiReply> HandleAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var model = catalog.Require(RequestFields.String(request, "model"));
        RequestFields.RequireSingleChoice(request);
        var maxTokens = RequestFields.Int(request, "max_tokens", 0, 100_000) ?? DefaultMaxTokens;
        var logprobs = RequestFields.Int(request, "logprobs", 0, TopLogProbs.MaxK);
        var promptLogprobs = RequestFields.Int(request, "prompt_logprobs", 0, TopLogProbs.MaxK);
        var echo = RequestFields.Bool(request, "echo");
        var stream = RequestFields.Bool(request, "stream");
        var includeUsage = request["stream_options"]?["include_usage"]?.GetValue<bool>() == true;
        var generation = RequestFields.Generation(request, Math.Max(1, maxTokens));
        if (request["suffix"] is not null)
            throw OpenAiApiException.BadRequest("'suffix' (fill-in-the-middle) is not supported.", "suffix");
        var prompts = await ServedPrompt.ReadAsync(request["prompt"], model, cancellationToken).ConfigureAwait(false);
        var context = model.Model.Description.ContextSize;
        foreach (var prompt in prompts)
        {
            if (prompt.Tokens.Length + maxTokens > context)
                throw OpenAiApiException.BadRequest($"A prompt of {prompt.Tokens.Length} tokens plus max_tokens {maxTokens} exceeds the context of {context}.", "max_tokens");
        }

        var call = new Call(model, prompts, maxTokens, logprobs, promptLogprobs, echo, generation,
            $"cmpl-{Guid.NewGuid():N}", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        if (stream)
        {
            // Score the prompts before answering 200, so a failure is still an error status.
            var scored = await call.ScoreAsync(cancellationToken).ConfigureAwait(false);
            return new StreamReply(call.StreamAsync(scored, includeUsage, CancellationToken.None));
        }
        return new JsonReply(await call.CompleteAsync(cancellationToken).ConfigureAwait(false));
    }

    private sealed record Call(
        ServedModel Model, IReadOnlyList<ServedPrompt> Prompts, int MaxTokens, int? Logprobs, int? PromptLogprobs, bool Echo,
        GenerationOptions Generation, string Id, long Created)
    {
        private int TopK => Math.Max(Logprobs ?? 0, PromptLogprobs ?? 0);

        public async Task<IReadOnlyList<PromptLogProbs>?> ScoreAsync(CancellationToken cancellationToken) =>
            Echo && Logprobs is not null || PromptLogprobs is not null
                ? await Model.TokenLevel.ScorePromptsAsync(Prompts.Select(p => (IReadOnlyList<int>)p.Tokens).ToList(), TopK, cancellationToken).ConfigureAwait(false)
                : null;

        public async Task<JsonObject> CompleteAsync(CancellationToken cancellationToken)
        {
            var scored = await ScoreAsync(cancellationToken).ConfigureAwait(false);
            var choices = new JsonArray();
            var completionTokens = 0;
            for (var i = 0; i < Prompts.Count; i++)
            {
                var text = new StringBuilder();
                var logProbs = Logprobs is { } k ? new LogProbsJson(Model.TokenLevel, k) : null;
                if (Echo)
                {
                    text.Append(await Prompts[i].TextAsync(Model, cancellationToken).ConfigureAwait(false));
                    AddPrompt(logProbs, scored, i);
                }
                var finish = FinishReason.Length;
                if (MaxTokens > 0)
                {
                    await foreach (var step in Model.TokenLevel.GenerateTokensAsync(Prompts[i].Tokens, Generation, Logprobs ?? 0, cancellationToken).ConfigureAwait(false))
                    {
                        text.Append(step.Text);
                        if (step.Token is { } token)
                        {
                            completionTokens++;
                            logProbs?.Add(token, step.LogProbs);
                        }
                        finish = step.Finish ?? finish;
                    }
                }
                var choice = new JsonObject
                {
                    ["index"] = i,
                    ["text"] = text.ToString(),
                    ["logprobs"] = logProbs?.ToLegacy(),
                    ["finish_reason"] = Reason(finish),
                };
                if (PromptLogprobs is { } pk)
                    choice["prompt_logprobs"] = LogProbsJson.VllmPromptLogProbs(Model.TokenLevel, pk, scored![i]);
                choices.Add(choice);
            }
            return new JsonObject
            {
                ["id"] = Id,
                ["object"] = "text_completion",
                ["created"] = Created,
                ["model"] = Model.Id,
                ["choices"] = choices,
                ["usage"] = Usage(Prompts.Sum(p => p.Tokens.Length), completionTokens),
            };
        }

        public async IAsyncEnumerable<JsonObject> StreamAsync(IReadOnlyList<PromptLogProbs>? scored, bool includeUsage,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var completionTokens = 0;
            for (var i = 0; i < Prompts.Count; i++)
            {
                if (Echo)
                {
                    var logProbs = Logprobs is { } k ? new LogProbsJson(Model.TokenLevel, k) : null;
                    AddPrompt(logProbs, scored, i);
                    yield return Chunk(i, await Prompts[i].TextAsync(Model, cancellationToken).ConfigureAwait(false), logProbs?.ToLegacy(), null);
                }
                if (MaxTokens == 0)
                {
                    yield return Chunk(i, "", null, FinishReason.Length);
                    continue;
                }
                await foreach (var step in Model.TokenLevel.GenerateTokensAsync(Prompts[i].Tokens, Generation, Logprobs ?? 0, cancellationToken).ConfigureAwait(false))
                {
                    JsonObject? logProbs = null;
                    if (step.Token is { } token)
                    {
                        completionTokens++;
                        if (Logprobs is { } k)
                        {
                            var one = new LogProbsJson(Model.TokenLevel, k);
                            one.Add(token, step.LogProbs);
                            logProbs = one.ToLegacy();
                        }
                    }
                    if (step.Text.Length > 0 || logProbs is not null || step.Finish is not null)
                        yield return Chunk(i, step.Text, logProbs, step.Finish);
                }
            }
            if (includeUsage)
            {
                yield return new JsonObject
                {
                    ["id"] = Id, ["object"] = "text_completion", ["created"] = Created, ["model"] = Model.Id,
                    ["choices"] = new JsonArray(), ["usage"] = Usage(Prompts.Sum(p => p.Tokens.Length), completionTokens),
                };
            }
        }

        private void AddPrompt(LogProbsJson? logProbs, IReadOnlyList<PromptLogProbs>? scored, int index)
        {
            if (logProbs is null || scored is null)
                return;
            var prompt = scored[index];
            for (var t = 0; t < prompt.Tokens.Count; t++)
                logProbs.Add(prompt.Tokens[t], prompt.Positions[t]);
        }

        private JsonObject Chunk(int index, string text, JsonObject? logProbs, FinishReason? finish) => new()
        {
            ["id"] = Id,
            ["object"] = "text_completion",
            ["created"] = Created,
            ["model"] = Model.Id,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = index,
                ["text"] = text,
                ["logprobs"] = logProbs,
                ["finish_reason"] = finish is { } f ? Reason(f) : null,
            }),
        };
    }

    internal static string Reason(FinishReason finish) => finish == FinishReason.Stop ? "stop" : "length";

    internal static JsonObject Usage(int prompt, int completion) => new()
    {
        ["prompt_tokens"] = prompt,
        ["completion_tokens"] = completion,
        ["total_tokens"] = prompt + completion,
    };
}
