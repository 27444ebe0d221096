namespace ValueAlign.Core.Inference;

/// <summary>
/// Sampling settings for one generation. Temperature 0 (or below) means greedy decoding, in which
/// case the seed and the top-k/top-p/min-p filters do not matter. A null filter is not applied.
/// </summary>
public sealed record GenerationOptions
{
    public float Temperature { get; init; } = 0.8f;
    public float? TopP { get; init; } = 0.95f;
    public int? TopK { get; init; } = 40;
    public float? MinP { get; init; } = 0.05f;
    public uint Seed { get; init; } = 42;
    public int MaxTokens { get; init; } = 256;
    /// <summary>Generation ends before the first occurrence of any of these; the stop string is not returned.</summary>
    public IReadOnlyList<string> StopStrings { get; init; } = [];
    /// <summary>Optional GBNF grammar (root rule "root") constraining the output, e.g. from <see cref="JsonGrammar"/>.</summary>
    public string? Grammar { get; init; }
    /// <summary>
    /// Optional JSON schema (as JSON text) of the same output as <see cref="Grammar"/>, for backends
    /// that constrain by schema rather than by grammar (OpenAI-compatible servers' response_format).
    /// </summary>
    public string? JsonSchema { get; init; }
    /// <summary>Keep generating past end-of-generation tokens until MaxTokens (llama.cpp's --ignore-eos); for speed measurements.</summary>
    public bool IgnoreEndOfGeneration { get; init; }

    public static GenerationOptions Greedy(int maxTokens = 256) => new() { Temperature = 0, MaxTokens = maxTokens };

    public bool IsGreedy => Temperature <= 0;
}
