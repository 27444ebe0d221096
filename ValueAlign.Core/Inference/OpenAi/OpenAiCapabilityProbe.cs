using System.Text.Json;
using System.Text.Json.Nodes;

namespace ValueAlign.Core.Inference.OpenAi;

/// <summary>
/// Finds out what a model on an OpenAI-compatible server can do by asking it: the model list
/// (kind of server, fingerprint, context), /tokenize, an echo of a prompt's log-probs (with
/// <c>max_tokens</c> 0, then 1, then vLLM's <c>prompt_logprobs</c>), an embedding, and where the
/// server can tell, whether the model sees images. A probe that fails only means "not offered".
/// </summary>
public static class OpenAiCapabilityProbe
{
    private const string ProbeText = "Hello world";

    public static async Task<OpenAiServerProfile> ProbeAsync(OpenAiTransport transport, OpenAiServerSettings settings, CancellationToken cancellationToken)
    {
        var evidence = new List<string>();
        var list = await transport.GetAsync("models", cancellationToken).ConfigureAwait(false);
        var entry = OpenAiResponses.Model(list, settings.Model)
            ?? throw new OpenAiServerException($"{settings.Name} does not serve a model '{settings.Model}'; it lists: {ListOrNone(OpenAiResponses.ModelIds(list))}.");
        var kind = KindOf(entry["owned_by"]?.ToString());
        if (kind == OpenAiServerKind.Unknown)
            kind = await GuessKindAsync(transport, cancellationToken).ConfigureAwait(false);
        evidence.Add($"server: {kind} (owned_by \"{entry["owned_by"]}\")");
        var capabilities = ModelCapabilities.Generation;

        var fingerprint = Text(entry["valuealign"]?["fingerprint"])
            ?? (Text(entry["root"]) is { } root && root != settings.Model ? root : null)
            ?? Text(entry["meta"]?["model_hash"]);
        var context = Int(entry["max_model_len"]) ?? Int(entry["meta"]?["n_ctx_train"]) ?? 0;
        var vocabulary = Int(entry["valuealign"]?["vocabulary_size"]) ?? Int(entry["meta"]?["n_vocab"]) ?? 0;
        var parameters = Long(entry["valuealign"]?["parameters"]) ?? Long(entry["meta"]?["n_params"]) ?? 0;

        // Tokenization: vLLM's and llama-server's shapes in one request (each ignores the other's fields).
        int[]? probeTokens = null;
        var batchTokenize = false;
        try
        {
            var tokenized = await transport.PostAsync("/tokenize", new JsonObject
            {
                ["model"] = settings.Model,
                ["prompt"] = ProbeText,
                ["content"] = ProbeText,
                ["add_special_tokens"] = true,
                ["add_special"] = true,
            }, cancellationToken).ConfigureAwait(false);
            probeTokens = OpenAiResponses.Tokens(tokenized["tokens"]);
            if (probeTokens.Length > 0)
            {
                capabilities |= ModelCapabilities.Tokenization;
                batchTokenize = entry["valuealign"]?["batch_tokenize"]?.GetValue<bool>() == true;
                evidence.Add($"tokenization: /tokenize ({probeTokens.Length} tokens for \"{ProbeText}\"{(batchTokenize ? ", lists in one call" : "")})");
            }
        }
        catch (Exception e) when (e is OpenAiServerException or FormatException or InvalidOperationException)
        {
            evidence.Add($"tokenization: not offered ({Short(e)})");
        }

        var (route, echoLogprobs) = probeTokens is { Length: > 1 }
            ? await LikelihoodAsync(transport, settings, probeTokens, evidence, cancellationToken).ConfigureAwait(false)
            : (LikelihoodRoute.None, 0);
        if (route == LikelihoodRoute.None && probeTokens is null)
            evidence.Add("continuation log-likelihood: needs /tokenize, which this server does not offer");
        if (route != LikelihoodRoute.None)
            capabilities |= ModelCapabilities.ContinuationLogLikelihood | ModelCapabilities.TopLogProbs;

        try
        {
            var embedding = OpenAiResponses.Embedding(await transport.PostAsync("embeddings", new JsonObject
            {
                ["model"] = settings.Model,
                ["input"] = ProbeText,
                ["encoding_format"] = "float",
            }, cancellationToken).ConfigureAwait(false));
            if (embedding.Length > 0)
            {
                capabilities |= ModelCapabilities.Embeddings;
                evidence.Add($"embeddings: {embedding.Length} dimensions");
            }
        }
        catch (Exception e) when (e is OpenAiServerException or FormatException or InvalidOperationException)
        {
            evidence.Add($"embeddings: not offered ({Short(e)})");
        }

        var structured = kind switch
        {
            OpenAiServerKind.ValueAlign or OpenAiServerKind.LlamaServer => StructuredOutputRoute.GrammarField,
            OpenAiServerKind.Vllm => StructuredOutputRoute.VllmGuided,
            OpenAiServerKind.Ollama => StructuredOutputRoute.ResponseFormat,
            _ => await ProbeResponseFormatAsync(transport, settings, cancellationToken).ConfigureAwait(false),
        };
        capabilities |= structured switch
        {
            StructuredOutputRoute.GrammarField or StructuredOutputRoute.VllmGuided => ModelCapabilities.Grammar | ModelCapabilities.JsonSchema,
            StructuredOutputRoute.ResponseFormat => ModelCapabilities.JsonSchema,
            _ => ModelCapabilities.None,
        };
        evidence.Add($"structured output: {structured}");

        var images = settings.Images ?? await ImagesAsync(transport, settings, kind, entry, cancellationToken).ConfigureAwait(false);
        if (images)
            capabilities |= ModelCapabilities.Images;
        evidence.Add($"images: {(images ? "yes" : "no")}{(settings.Images is null ? "" : " (declared in the settings)")}");

        return new OpenAiServerProfile(kind, capabilities, route, echoLogprobs, batchTokenize, structured, fingerprint, context, vocabulary, parameters, evidence);
    }

    private static async Task<(LikelihoodRoute, int)> LikelihoodAsync(
        OpenAiTransport transport, OpenAiServerSettings settings, int[] tokens, List<string> evidence, CancellationToken cancellationToken)
    {
        var attempts = new (LikelihoodRoute Route, int Logprobs, JsonObject Body)[]
        {
            (LikelihoodRoute.EchoNoGeneration, 0, EchoBody(settings.Model, tokens, 0, 0)),
            (LikelihoodRoute.EchoNoGeneration, 1, EchoBody(settings.Model, tokens, 0, 1)),
            (LikelihoodRoute.EchoOneToken, 1, EchoBody(settings.Model, tokens, 1, 1)),
            (LikelihoodRoute.PromptLogprobs, 0, new JsonObject
            {
                ["model"] = settings.Model, ["prompt"] = Ids(tokens), ["max_tokens"] = 1, ["temperature"] = 0, ["prompt_logprobs"] = 0,
            }),
        };
        var failures = new List<string>();
        foreach (var (route, logprobs, body) in attempts)
        {
            try
            {
                var choice = OpenAiResponses.Choices(await transport.PostAsync("completions", body, cancellationToken).ConfigureAwait(false))[0];
                var values = OpenAiResponses.PromptLogProbs(choice, tokens);
                if (values.Length >= tokens.Length && values.Skip(1).Take(tokens.Length - 1).All(v => v is <= 0))
                {
                    evidence.Add($"continuation log-likelihood: {Describe(route, logprobs)}");
                    return (route, logprobs);
                }
                failures.Add($"{Describe(route, logprobs)}: {values.Length} log-probs for {tokens.Length} prompt tokens");
            }
            catch (Exception e) when (e is OpenAiServerException or FormatException or InvalidOperationException or ArgumentException)
            {
                failures.Add($"{Describe(route, logprobs)}: {Short(e)}");
            }
        }
        evidence.Add($"continuation log-likelihood: not offered ({string.Join("; ", failures)})");
        return (LikelihoodRoute.None, 0);
    }

    internal static JsonObject EchoBody(string model, IReadOnlyList<int> tokens, int maxTokens, int logprobs) => new()
    {
        ["model"] = model,
        ["prompt"] = Ids(tokens),
        ["max_tokens"] = maxTokens,
        ["echo"] = true,
        ["logprobs"] = logprobs,
        ["temperature"] = 0,
    };

    private static string Describe(LikelihoodRoute route, int logprobs) => route switch
    {
        LikelihoodRoute.EchoNoGeneration => $"echo + logprobs {logprobs} + max_tokens 0",
        LikelihoodRoute.EchoOneToken => $"echo + logprobs {logprobs} + max_tokens 1",
        _ => "vLLM prompt_logprobs",
    };

    private static async Task<StructuredOutputRoute> ProbeResponseFormatAsync(OpenAiTransport transport, OpenAiServerSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            await transport.PostAsync("chat/completions", new JsonObject
            {
                ["model"] = settings.Model,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Say yes." }),
                ["max_tokens"] = 1,
                ["temperature"] = 0,
                ["response_format"] = ResponseFormat(JsonSchemaFields.ToSchema([new JsonField("answer", JsonFieldType.Binary)])),
            }, cancellationToken).ConfigureAwait(false);
            return StructuredOutputRoute.ResponseFormat;
        }
        catch (OpenAiServerException)
        {
            return StructuredOutputRoute.None;
        }
    }

    internal static JsonObject ResponseFormat(JsonNode schema) => new()
    {
        ["type"] = "json_schema",
        ["json_schema"] = new JsonObject { ["name"] = "answer", ["strict"] = true, ["schema"] = schema.DeepClone() },
    };

    private static async Task<bool> ImagesAsync(OpenAiTransport transport, OpenAiServerSettings settings, OpenAiServerKind kind, JsonObject entry, CancellationToken cancellationToken)
    {
        try
        {
            return kind switch
            {
                OpenAiServerKind.ValueAlign => entry["valuealign"]?["capabilities"] is JsonArray list && list.Any(c => c?.ToString() == nameof(ModelCapabilities.Images)),
                OpenAiServerKind.LlamaServer => (await transport.GetAsync("/props", cancellationToken).ConfigureAwait(false))["modalities"]?["vision"]?.GetValue<bool>() == true,
                OpenAiServerKind.Ollama => (await transport.PostAsync("/api/show", new JsonObject { ["model"] = settings.Model }, cancellationToken).ConfigureAwait(false))["capabilities"] is JsonArray caps
                    && caps.Any(c => c?.ToString() == "vision"),
                _ => false,
            };
        }
        catch (Exception e) when (e is OpenAiServerException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    private static async Task<OpenAiServerKind> GuessKindAsync(OpenAiTransport transport, CancellationToken cancellationToken)
    {
        try
        {
            if ((await transport.GetAsync("/api/version", cancellationToken).ConfigureAwait(false))["version"] is not null)
                return OpenAiServerKind.Ollama;
        }
        catch (OpenAiServerException)
        {
        }
        try
        {
            if ((await transport.GetAsync("/props", cancellationToken).ConfigureAwait(false))["default_generation_settings"] is not null)
                return OpenAiServerKind.LlamaServer;
        }
        catch (OpenAiServerException)
        {
        }
        return OpenAiServerKind.Unknown;
    }

    internal static OpenAiServerKind KindOf(string? ownedBy) => ownedBy?.ToLowerInvariant() switch
    {
        "vllm" => OpenAiServerKind.Vllm,
        "llamacpp" or "llama.cpp" => OpenAiServerKind.LlamaServer,
        "valuealign" => OpenAiServerKind.ValueAlign,
        "library" or "ollama" => OpenAiServerKind.Ollama,
        _ => OpenAiServerKind.Unknown,
    };

    internal static JsonArray Ids(IReadOnlyList<int> tokens) => new(tokens.Select(t => (JsonNode)t).ToArray());

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 } s ? s : null;

    private static int? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;

    private static long? Long(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;

    private static string ListOrNone(IReadOnlyList<string> ids) => ids.Count == 0 ? "none" : string.Join(", ", ids);

    private static string Short(Exception e) => e.Message.Length <= 160 ? e.Message : e.Message[..160] + "…";
}
