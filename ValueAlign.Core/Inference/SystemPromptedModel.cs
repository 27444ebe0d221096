using System.Runtime.CompilerServices;

namespace ValueAlign.Core.Inference;

/// <summary>
/// A model whose every prompt starts with a system prompt (an optimised meta-instruction or
/// self-reflection reused by an evaluation run): raw completions, scoring and multiple-choice
/// prompts get <c>system prompt + "\n\n"</c> in front (the layout the optimisers searched with,
/// <see cref="Methods.Optimisation.SteeringPrompt"/>); chats get it as their system message.
/// Tokenizing with BOS marks the start of a prompt, so it tokenizes the prefixed text: positions a
/// caller computes from those tokens (digit slots) stay aligned with what is scored. Continuations
/// (tokenized without BOS), embeddings and candidate log-probs of given tokens pass through.
/// </summary>
public sealed class SystemPromptedModel : ILanguageModel
{
    private readonly ILanguageModel inner;
    private readonly string systemPrompt;
    private readonly string prefix;

    private SystemPromptedModel(ILanguageModel inner, string systemPrompt)
    {
        this.inner = inner;
        this.systemPrompt = systemPrompt;
        prefix = systemPrompt + "\n\n";
    }

    /// <summary>The model itself when there is no system prompt, else the model behind the prompt.</summary>
    public static ILanguageModel Wrap(ILanguageModel model, string? systemPrompt) =>
        string.IsNullOrWhiteSpace(systemPrompt) ? model : new SystemPromptedModel(model, systemPrompt.Trim());

    public ModelDescription Description => inner.Description;

    public ModelCapabilities Capabilities => inner.Capabilities;

    public ModelRef Identity => inner.Identity;

    public Task<IReadOnlyList<int>> TokenizeAsync(string text, bool addBos, CancellationToken cancellationToken = default) =>
        inner.TokenizeAsync(addBos ? prefix + text : text, addBos, cancellationToken);

    public Task<string> DetokenizeAsync(IReadOnlyList<int> tokens, CancellationToken cancellationToken = default) =>
        inner.DetokenizeAsync(tokens, cancellationToken);

    public IAsyncEnumerable<string> CompleteAsync(string prompt, GenerationOptions options, CancellationToken cancellationToken = default) =>
        inner.CompleteAsync(prefix + prompt, options, cancellationToken);

    public IAsyncEnumerable<string> CompleteAsync(string prompt, IReadOnlyList<ImageInput> images, GenerationOptions options, CancellationToken cancellationToken = default) =>
        inner.CompleteAsync(prefix + prompt, images, options, cancellationToken);

    public IAsyncEnumerable<string> ChatAsync(IReadOnlyList<ChatMessage> messages, GenerationOptions options, CancellationToken cancellationToken = default) =>
        inner.ChatAsync(WithSystem(messages), options, cancellationToken);

    public Task<ContinuationScore> ScoreContinuationAsync(string prompt, string continuation, CancellationToken cancellationToken = default) =>
        inner.ScoreContinuationAsync(prefix + prompt, continuation, cancellationToken);

    public Task<IReadOnlyList<CandidateLogProbs>> GetCandidateLogProbsAsync(
        IReadOnlyList<int> tokens, IReadOnlyList<int> positions, IReadOnlyList<int> candidateTokens, CancellationToken cancellationToken = default) =>
        inner.GetCandidateLogProbsAsync(tokens, positions, candidateTokens, cancellationToken);

    public Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default) => inner.EmbedAsync(text, cancellationToken);

    public Task<IReadOnlyList<MultipleChoiceResult>> ScoreChoicesAsync(IReadOnlyList<MultipleChoiceQuestion> questions, CancellationToken cancellationToken = default) =>
        inner.ScoreChoicesAsync(questions.Select(q => q with { Prompt = prefix + q.Prompt }).ToList(), cancellationToken);

    private IReadOnlyList<ChatMessage> WithSystem(IReadOnlyList<ChatMessage> messages) =>
        messages.Count > 0 && messages[0].Role == "system"
            ? [messages[0] with { Content = prefix + messages[0].Content }, .. messages.Skip(1)]
            : [ChatMessage.System(systemPrompt), .. messages];
}
