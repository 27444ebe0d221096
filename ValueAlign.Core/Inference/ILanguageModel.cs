namespace ValueAlign.Core.Inference;

/// <summary>
/// A loaded language model as the workbench's methods see it. Backend-agnostic on purpose: the
/// in-process LLamaSharp runtime implements it today, an OpenAI-compatible server could later.
/// Token ids are plain ints so callers never depend on a backend's token type.
/// </summary>
/// <remarks>
/// Prompt/continuation boundary: every scoring method tokenizes the prompt (with BOS) and the
/// continuation (without BOS) separately and concatenates the ids, so all paths see identical
/// tokens. With SentencePiece vocabularies the tokenizer implies a leading space at the start of
/// each separately tokenized text, so write continuations and options without a leading space.
/// </remarks>
public interface ILanguageModel
{
    ModelDescription Description { get; }

    /// <summary>What this backend can do; methods check it before a run starts.</summary>
    ModelCapabilities Capabilities => ModelCapabilities.LocalText;

    /// <summary>The identity a run records and hashes (file SHA-256, or server URL + model id + fingerprint).</summary>
    ModelRef Identity => new(ModelRefKind.LocalFile, Description.Name);

    Task<IReadOnlyList<int>> TokenizeAsync(string text, bool addBos, CancellationToken cancellationToken = default);

    Task<string> DetokenizeAsync(IReadOnlyList<int> tokens, CancellationToken cancellationToken = default);

    /// <summary>Raw completion: continues <paramref name="prompt"/> as is, no chat template.</summary>
    IAsyncEnumerable<string> CompleteAsync(string prompt, GenerationOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// Raw completion with <paramref name="images"/> placed before <paramref name="prompt"/>. Only a
    /// backend with <see cref="ModelCapabilities.Images"/> accepts images; with none it is the plain completion.
    /// </summary>
    IAsyncEnumerable<string> CompleteAsync(string prompt, IReadOnlyList<ImageInput> images, GenerationOptions options, CancellationToken cancellationToken = default) =>
        images.Count == 0
            ? CompleteAsync(prompt, options, cancellationToken)
            : throw new NotSupportedException($"The model {Description.Name} cannot see images (its backend has no image input).");

    /// <summary>Chat generation with the model's own chat template (from the GGUF), streamed piece by piece.</summary>
    IAsyncEnumerable<string> ChatAsync(IReadOnlyList<ChatMessage> messages, GenerationOptions options, CancellationToken cancellationToken = default);

    /// <summary>Teacher-forced log-likelihood of <paramref name="continuation"/> after <paramref name="prompt"/>.</summary>
    Task<ContinuationScore> ScoreContinuationAsync(string prompt, string continuation, CancellationToken cancellationToken = default);

    /// <summary>
    /// Log-softmax over the whole vocabulary of the next-token distribution after reading
    /// <paramref name="tokens"/>[0..p] for each p in <paramref name="positions"/>, reported for
    /// <paramref name="candidateTokens"/> only (for example the digits 1 to 5).
    /// </summary>
    Task<IReadOnlyList<CandidateLogProbs>> GetCandidateLogProbsAsync(
        IReadOnlyList<int> tokens, IReadOnlyList<int> positions, IReadOnlyList<int> candidateTokens,
        CancellationToken cancellationToken = default);

    /// <summary>Mean-pooled embedding of <paramref name="text"/> (not normalised).</summary>
    Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default);

    /// <summary>Scores every option of every question by its log-likelihood after the question's prompt.</summary>
    Task<IReadOnlyList<MultipleChoiceResult>> ScoreChoicesAsync(
        IReadOnlyList<MultipleChoiceQuestion> questions, CancellationToken cancellationToken = default);
}
