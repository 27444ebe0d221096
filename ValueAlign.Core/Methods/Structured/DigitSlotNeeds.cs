using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Backends;

namespace ValueAlign.Core.Methods.Structured;

/// <summary>
/// What methods built on <see cref="DigitSlots"/> need: generation of the JSON, the model's own
/// tokenizer to find the digit positions, and next-token log-probs at those positions.
/// </summary>
public static class DigitSlotNeeds
{
    public const ModelCapabilities Capabilities = ModelCapabilities.Generation | ModelCapabilities.Tokenization | ModelCapabilities.TopLogProbs;

    private const string Alternative = "none inside this method: its scores are read from log-probs; use a local GGUF or a server that returns log-probs and tokenizes";

    public static MethodNeeds Model { get; } = new MethodNeeds(Capabilities)
        .WithAlternative(ModelCapabilities.TopLogProbs, Alternative)
        .WithAlternative(ModelCapabilities.Tokenization, Alternative);
}
