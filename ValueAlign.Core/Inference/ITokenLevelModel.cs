namespace ValueAlign.Core.Inference;

/// <summary>
/// Token-level access that serving a model over the OpenAI API needs (prompts given as token
/// ids, per-token log-probs of prompts and of generated tokens, top-k alternatives). The
/// in-process runtime implements it; remote backends do not.
/// </summary>
public interface ITokenLevelModel
{
    /// <summary>The text a token stands for (special tokens as their text, e.g. "&lt;s&gt;").</summary>
    string TokenText(int token);

    /// <summary>The raw bytes a token stands for (a piece of a UTF-8 character for byte tokens).</summary>
    byte[] TokenBytes(int token);

    /// <summary>The prompt <see cref="ILanguageModel.ChatAsync"/> generates from, as token ids (only the template's markers are special tokens).</summary>
    IReadOnlyList<int> ChatPromptTokens(IReadOnlyList<ChatMessage> messages);

    /// <summary>
    /// Teacher-forced log-probs of every token of every prompt after the tokens before it (none
    /// for the first token), with the <paramref name="topK"/> most likely tokens at each position.
    /// Prompts that share a prefix (the options of one question) evaluate it once.
    /// </summary>
    Task<IReadOnlyList<PromptLogProbs>> ScorePromptsAsync(
        IReadOnlyList<IReadOnlyList<int>> prompts, int topK, CancellationToken cancellationToken = default);

    /// <summary>Generation from token ids, one step per sampled token with its log-prob and top-k; the last step carries the finish reason.</summary>
    IAsyncEnumerable<GenerationStep> GenerateTokensAsync(
        IReadOnlyList<int> prompt, GenerationOptions options, int topK, CancellationToken cancellationToken = default);
}

/// <summary>A token and its natural-log probability.</summary>
public readonly record struct TokenLogProb(int Token, double LogProb);

/// <summary>The log-prob of the token at one position and the most likely tokens there, best first.</summary>
public sealed record PositionLogProbs(int Token, double LogProb, IReadOnlyList<TokenLogProb> Top);

/// <summary>Per-position log-probs of one prompt; the first position has none (null).</summary>
public sealed record PromptLogProbs(IReadOnlyList<int> Tokens, IReadOnlyList<PositionLogProbs?> Positions);

public enum FinishReason
{
    /// <summary>End of generation token or a stop string.</summary>
    Stop,
    /// <summary>The token limit (or the context) was reached.</summary>
    Length,
}

/// <summary>
/// One generated token (<see cref="Token"/> set) with the text it releases (stop strings may hold
/// text back and release it later), or the final step (<see cref="Finish"/> set, maybe with held-back text).
/// </summary>
public sealed record GenerationStep(int? Token, string Text, PositionLogProbs? LogProbs, FinishReason? Finish = null);
