namespace ValueAlign.Core.Inference;

/// <summary>
/// What a backend can do beyond plain generation. Methods declare the capabilities they need;
/// a run on a model that lacks one is refused at creation with the missing capability named.
/// </summary>
[Flags]
public enum ModelCapabilities
{
    None = 0,

    /// <summary>Chat and raw completion (every backend).</summary>
    Generation = 1,

    /// <summary>Teacher-forced log-likelihood of a continuation (and multiple-choice scoring built on it).</summary>
    ContinuationLogLikelihood = 2,

    /// <summary>Log-probs of chosen candidate tokens (or the top k) of the next-token distribution.</summary>
    TopLogProbs = 4,

    /// <summary>GBNF grammar-constrained generation.</summary>
    Grammar = 8,

    /// <summary>JSON-schema constrained output (response_format, guided decoding).</summary>
    JsonSchema = 16,

    /// <summary>Text embeddings.</summary>
    Embeddings = 32,

    /// <summary>Images in chat messages reach the model.</summary>
    Images = 64,

    /// <summary>Tokenize and detokenize with the model's own vocabulary.</summary>
    Tokenization = 128,

    /// <summary>Everything the in-process LLamaSharp runtime offers for a text-only GGUF.</summary>
    LocalText = Generation | ContinuationLogLikelihood | TopLogProbs | Grammar | Embeddings | Tokenization,
}
