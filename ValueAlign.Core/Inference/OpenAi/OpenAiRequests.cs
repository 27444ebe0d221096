using System.Text.Json.Nodes;

namespace ValueAlign.Core.Inference.OpenAi;

/// <summary>
/// Request bodies for one server profile: sampling fields (extensions such as top_k only for
/// servers known to take them, since OpenAI's own API refuses unknown fields), structured output
/// by the route the server offers, chat messages with images as data-URI <c>image_url</c> parts.
/// </summary>
public sealed class OpenAiRequests(string model, OpenAiServerProfile profile)
{
    private bool TakesExtensions => profile.Kind is OpenAiServerKind.ValueAlign or OpenAiServerKind.LlamaServer or OpenAiServerKind.Vllm;

    public JsonObject Completion(string prompt, GenerationOptions options, bool stream)
    {
        var body = new JsonObject { ["model"] = model, ["prompt"] = prompt, ["stream"] = stream };
        AddSampling(body, options);
        return body;
    }

    public JsonObject Chat(IReadOnlyList<ChatMessage> messages, GenerationOptions options, bool stream)
    {
        var images = profile.Capabilities.HasFlag(ModelCapabilities.Images);
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(messages.Select(m => (JsonNode)Message(m, images)).ToArray()),
            ["stream"] = stream,
        };
        AddSampling(body, options);
        return body;
    }

    /// <summary>Prompt-token log-probs of token-id prompts by the route the probe found.</summary>
    public JsonObject PromptLogProbs(IReadOnlyList<IReadOnlyList<int>> prompts)
    {
        var list = new JsonArray(prompts.Select(p => (JsonNode)OpenAiCapabilityProbe.Ids(p)).ToArray());
        return profile.Likelihood switch
        {
            LikelihoodRoute.EchoNoGeneration or LikelihoodRoute.EchoOneToken => new JsonObject
            {
                ["model"] = model,
                ["prompt"] = list,
                ["max_tokens"] = profile.Likelihood == LikelihoodRoute.EchoNoGeneration ? 0 : 1,
                ["echo"] = true,
                ["logprobs"] = profile.EchoLogprobs,
                ["temperature"] = 0,
            },
            LikelihoodRoute.PromptLogprobs => new JsonObject
            {
                ["model"] = model, ["prompt"] = list, ["max_tokens"] = 1, ["temperature"] = 0, ["prompt_logprobs"] = 0,
            },
            _ => throw new InvalidOperationException("This server offers no prompt log-probs."),
        };
    }

    private static JsonObject Message(ChatMessage message, bool images)
    {
        if (!images || message.Images.Count == 0)
            return new JsonObject { ["role"] = message.Role, ["content"] = message.Content };
        var parts = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = message.Content });
        foreach (var image in message.Images)
            parts.Add(new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = image.ToDataUri() } });
        return new JsonObject { ["role"] = message.Role, ["content"] = parts };
    }

    private void AddSampling(JsonObject body, GenerationOptions options)
    {
        body["max_tokens"] = options.MaxTokens;
        body["temperature"] = options.IsGreedy ? 0 : Decimal(options.Temperature);
        body["seed"] = options.Seed;
        if (!options.IsGreedy)
        {
            if (options.TopP is { } topP)
                body["top_p"] = Decimal(topP);
            if (TakesExtensions && options.TopK is { } topK)
                body["top_k"] = topK;
            if (TakesExtensions && options.MinP is { } minP)
                body["min_p"] = Decimal(minP);
        }
        if (options.StopStrings.Count > 0)
            body["stop"] = new JsonArray(options.StopStrings.Select(s => (JsonNode)s).ToArray());
        if (options.IgnoreEndOfGeneration && TakesExtensions)
            body["ignore_eos"] = true;
        AddStructuredOutput(body, options);
    }

    /// <summary>A float setting as the decimal the user wrote (0.7, not 0.699999988).</summary>
    private static double Decimal(float value) => Math.Round(value, 6);

    private void AddStructuredOutput(JsonObject body, GenerationOptions options)
    {
        var schema = options.JsonSchema is { } text ? JsonNode.Parse(text) : null;
        switch (profile.StructuredOutput)
        {
            case StructuredOutputRoute.GrammarField when options.Grammar is { } grammar:
                body["grammar"] = grammar;
                break;
            case StructuredOutputRoute.GrammarField or StructuredOutputRoute.ResponseFormat when schema is not null:
                body["response_format"] = OpenAiCapabilityProbe.ResponseFormat(schema);
                break;
            case StructuredOutputRoute.VllmGuided when schema is not null:
                // vLLM's schema support is its most widely available; older versions read guided_json, newer structured_outputs.
                body["guided_json"] = schema.DeepClone();
                body["structured_outputs"] = new JsonObject { ["json"] = schema.DeepClone() };
                break;
            case StructuredOutputRoute.VllmGuided when options.Grammar is { } grammar:
                body["guided_grammar"] = grammar;
                body["structured_outputs"] = new JsonObject { ["grammar"] = grammar };
                break;
        }
    }
}
