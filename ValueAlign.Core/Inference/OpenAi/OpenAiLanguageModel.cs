using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace ValueAlign.Core.Inference.OpenAi;

/// <summary>
/// A model on an OpenAI-compatible server (vLLM, llama-server, Ollama, a hosted API, another
/// workbench's /v1) behind <see cref="ILanguageModel"/>. What it can do is probed when it
/// connects (<see cref="Profile"/>); likelihood scoring tokenizes on the server and reads the
/// echoed prompt log-probs of token-id prompts, so prompt and continuation are split exactly as
/// in-process (prompt with BOS, continuation without), and all options of a call go in one request.
/// </summary>
public sealed class OpenAiLanguageModel : ILanguageModel, IAsyncDisposable
{
    /// <summary>Prompts per scoring request; larger calls are split and sent concurrently.</summary>
    public const int MaxPromptsPerRequest = 64;

    private readonly OpenAiServerSettings settings;
    private readonly OpenAiTransport transport;
    private readonly OpenAiRequests requests;

    private OpenAiLanguageModel(OpenAiServerSettings settings, OpenAiTransport transport, OpenAiServerProfile profile)
    {
        this.settings = settings;
        this.transport = transport;
        Profile = profile;
        requests = new OpenAiRequests(settings.Model, profile);
        Description = new ModelDescription(settings.Model, settings.BaseUrl.ToString(), profile.VocabularySize, 0, profile.ContextLength, profile.ParameterCount, HasChatTemplate: true);
    }

    /// <summary>Connects to the server and probes what the model can do; an unreachable server or unknown model fails here with the reason.</summary>
    public static async Task<OpenAiLanguageModel> ConnectAsync(OpenAiServerSettings settings, HttpMessageHandler? handler = null, CancellationToken cancellationToken = default)
    {
        var transport = new OpenAiTransport(settings, handler);
        try
        {
            var profile = await OpenAiCapabilityProbe.ProbeAsync(transport, settings, cancellationToken).ConfigureAwait(false);
            return new OpenAiLanguageModel(settings, transport, profile);
        }
        catch
        {
            transport.Dispose();
            throw;
        }
    }

    public ModelDescription Description { get; }

    public OpenAiServerProfile Profile { get; }

    public ModelCapabilities Capabilities => Profile.Capabilities;

    public ModelRef Identity => ModelRef.Server(settings.BaseUrl.ToString(), settings.Model, Profile.Fingerprint);

    public OpenAiServerSettings Settings => settings;

    /// <summary>Requests now in flight to the server.</summary>
    public int InFlight => transport.InFlight;

    public async Task<IReadOnlyList<int>> TokenizeAsync(string text, bool addBos, CancellationToken cancellationToken = default)
    {
        Require(ModelCapabilities.Tokenization, "tokenization (/tokenize)");
        var answer = await transport.PostAsync("/tokenize", new JsonObject
        {
            ["model"] = settings.Model,
            ["prompt"] = text,
            ["content"] = text,
            ["add_special_tokens"] = addBos,
            ["add_special"] = addBos,
        }, cancellationToken).ConfigureAwait(false);
        return OpenAiResponses.Tokens(answer["tokens"]);
    }

    public async Task<string> DetokenizeAsync(IReadOnlyList<int> tokens, CancellationToken cancellationToken = default)
    {
        Require(ModelCapabilities.Tokenization, "tokenization (/detokenize)");
        var answer = await transport.PostAsync("/detokenize", new JsonObject
        {
            ["model"] = settings.Model,
            ["tokens"] = OpenAiCapabilityProbe.Ids(tokens),
        }, cancellationToken).ConfigureAwait(false);
        return (answer["prompt"] ?? answer["content"])?.ToString() ?? throw new FormatException("The detokenize answer has no text.");
    }

    public async IAsyncEnumerable<string> CompleteAsync(string prompt, GenerationOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var chunk in transport.StreamAsync("completions", requests.Completion(prompt, options, stream: true), cancellationToken).ConfigureAwait(false))
        {
            var text = OpenAiResponses.CompletionText(chunk);
            if (text.Length > 0)
                yield return text;
        }
    }

    public async IAsyncEnumerable<string> ChatAsync(IReadOnlyList<ChatMessage> messages, GenerationOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var chunk in transport.StreamAsync("chat/completions", requests.Chat(messages, options, stream: true), cancellationToken).ConfigureAwait(false))
        {
            var text = OpenAiResponses.ChatContent(chunk);
            if (text.Length > 0)
                yield return text;
        }
    }

    public async Task<ContinuationScore> ScoreContinuationAsync(string prompt, string continuation, CancellationToken cancellationToken = default)
    {
        var promptTask = TokenizeAsync(prompt, addBos: true, cancellationToken);
        var continuationTask = TokenizeAsync(continuation, addBos: false, cancellationToken);
        var (promptTokens, continuationTokens) = (await promptTask.ConfigureAwait(false), await continuationTask.ConfigureAwait(false));
        RequireTokens(promptTokens, "prompt");
        if (continuationTokens.Count == 0)
            throw new ArgumentException("The continuation is empty after tokenization.", nameof(continuation));
        var values = (await PromptLogProbsAsync([[.. promptTokens, .. continuationTokens]], cancellationToken).ConfigureAwait(false))[0];
        return new ContinuationScore(continuationTokens, Tail(values, continuationTokens.Count));
    }

    public async Task<IReadOnlyList<CandidateLogProbs>> GetCandidateLogProbsAsync(
        IReadOnlyList<int> tokens, IReadOnlyList<int> positions, IReadOnlyList<int> candidateTokens, CancellationToken cancellationToken = default)
    {
        foreach (var position in positions)
        {
            if (position < 0 || position >= tokens.Count)
                throw new ArgumentOutOfRangeException(nameof(positions), position, $"Positions must lie within the {tokens.Count} tokens.");
        }
        // log p(c | tokens[0..p]) is the last echoed log-prob of tokens[0..p] followed by c.
        var prompts = positions.SelectMany(p => candidateTokens.Select(c => (IReadOnlyList<int>)[.. tokens.Take(p + 1), c])).ToList();
        var values = await PromptLogProbsAsync(prompts, cancellationToken).ConfigureAwait(false);
        return positions.Select((p, i) => new CandidateLogProbs(p,
            candidateTokens.Select((_, c) => Tail(values[i * candidateTokens.Count + c], 1)[0]).ToArray())).ToArray();
    }

    public async Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default)
    {
        Require(ModelCapabilities.Embeddings, "embeddings");
        return OpenAiResponses.Embedding(await transport.PostAsync("embeddings", new JsonObject
        {
            ["model"] = settings.Model,
            ["input"] = text,
            ["encoding_format"] = "float",
        }, cancellationToken).ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<MultipleChoiceResult>> ScoreChoicesAsync(IReadOnlyList<MultipleChoiceQuestion> questions, CancellationToken cancellationToken = default)
    {
        Require(ModelCapabilities.ContinuationLogLikelihood, "continuation log-likelihood (echo or prompt_logprobs)");
        for (var q = 0; q < questions.Count; q++)
        {
            if (questions[q].Options.Count == 0)
                throw new ArgumentException($"Question {q} has no options.", nameof(questions));
        }
        var promptsTask = TokenizeManyAsync(questions.Select(q => q.Prompt).ToList(), addBos: true, cancellationToken);
        var optionsTask = TokenizeManyAsync(questions.SelectMany(q => q.Options).ToList(), addBos: false, cancellationToken);
        var (promptTokens, optionTokens) = (await promptsTask.ConfigureAwait(false), await optionsTask.ConfigureAwait(false));
        var sequences = new List<IReadOnlyList<int>>();
        var lengths = new List<int>();
        var next = 0;
        for (var q = 0; q < questions.Count; q++)
        {
            RequireTokens(promptTokens[q], $"question {q}'s prompt");
            for (var o = 0; o < questions[q].Options.Count; o++, next++)
            {
                if (optionTokens[next].Count == 0)
                    throw new ArgumentException($"Question {q}, option {o} is empty after tokenization.", nameof(questions));
                sequences.Add([.. promptTokens[q], .. optionTokens[next]]);
                lengths.Add(optionTokens[next].Count);
            }
        }
        var values = await PromptLogProbsAsync(sequences, cancellationToken).ConfigureAwait(false);
        var results = new MultipleChoiceResult[questions.Count];
        next = 0;
        for (var q = 0; q < questions.Count; q++)
        {
            var scores = new OptionScore[questions[q].Options.Count];
            for (var o = 0; o < scores.Length; o++, next++)
            {
                var total = Tail(values[next], lengths[next]).Sum();
                scores[o] = new OptionScore(total, total / lengths[next], lengths[next]);
            }
            results[q] = new MultipleChoiceResult(scores);
        }
        return results;
    }

    public ValueTask DisposeAsync()
    {
        transport.Dispose();
        return ValueTask.CompletedTask;
    }

    public override string ToString() => settings.ToString();

    /// <summary>Prompt log-probs of token-id prompts, at most <see cref="MaxPromptsPerRequest"/> a request, requests sent concurrently.</summary>
    private async Task<IReadOnlyList<double?[]>> PromptLogProbsAsync(IReadOnlyList<IReadOnlyList<int>> prompts, CancellationToken cancellationToken)
    {
        Require(ModelCapabilities.ContinuationLogLikelihood, "continuation log-likelihood (echo or prompt_logprobs)");
        var chunks = prompts.Chunk(MaxPromptsPerRequest).ToList();
        var answers = await Task.WhenAll(chunks.Select(async chunk =>
        {
            var choices = OpenAiResponses.Choices(await transport.PostAsync("completions", requests.PromptLogProbs(chunk), cancellationToken).ConfigureAwait(false));
            if (choices.Count != chunk.Length)
                throw new FormatException($"{settings.Name} answered {choices.Count} choices for {chunk.Length} prompts.");
            return choices.Select((choice, i) => OpenAiResponses.PromptLogProbs(choice, chunk[i])).ToArray();
        })).ConfigureAwait(false);
        return answers.SelectMany(a => a).ToArray();
    }

    private async Task<IReadOnlyList<IReadOnlyList<int>>> TokenizeManyAsync(IReadOnlyList<string> texts, bool addBos, CancellationToken cancellationToken)
    {
        Require(ModelCapabilities.Tokenization, "tokenization (/tokenize)");
        if (!Profile.BatchTokenize)
            return await Task.WhenAll(texts.Select(t => TokenizeAsync(t, addBos, cancellationToken))).ConfigureAwait(false);
        var lists = new List<IReadOnlyList<int>>(texts.Count);
        foreach (var chunk in texts.Chunk(MaxPromptsPerRequest))
        {
            var answer = await transport.PostAsync("/tokenize", new JsonObject
            {
                ["model"] = settings.Model,
                ["prompts"] = new JsonArray(chunk.Select(t => (JsonNode)t).ToArray()),
                ["add_special_tokens"] = addBos,
            }, cancellationToken).ConfigureAwait(false);
            var tokensList = answer["tokens_list"] as JsonArray ?? throw new FormatException("The batch tokenize answer has no 'tokens_list'.");
            lists.AddRange(tokensList.Select(OpenAiResponses.Tokens));
        }
        return lists;
    }

    /// <summary>The last <paramref name="count"/> log-probs of a prompt (the continuation's), all present.</summary>
    private double[] Tail(double?[] values, int count)
    {
        var promptLength = values.Length - (Profile.Likelihood == LikelihoodRoute.EchoOneToken ? 1 : 0);
        if (promptLength < count + 1)
            throw new FormatException($"{settings.Name} returned {values.Length} log-probs; {count} continuation token(s) need at least {count + 1}.");
        var tail = new double[count];
        for (var i = 0; i < count; i++)
        {
            tail[i] = values[promptLength - count + i] ?? throw new FormatException($"{settings.Name} returned no log-prob for a continuation token.");
        }
        return tail;
    }

    private void Require(ModelCapabilities capability, string what)
    {
        if (!Profile.Capabilities.HasFlag(capability))
            throw new NotSupportedException($"{settings.Name} ({Profile.Kind}) does not offer {what} for {settings.Model}; see the probe: {string.Join("; ", Profile.Evidence)}.");
    }

    private static void RequireTokens(IReadOnlyList<int> tokens, string what)
    {
        if (tokens.Count == 0)
            throw new ArgumentException($"The {what} is empty after tokenization and this model adds no BOS token.");
    }
}
