using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Backends;
using ValueAlign.Core.Methods.Structured;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>
/// What COUPLE and its baselines need: the model writes and revises responses; the judge (the
/// model itself unless another is chosen) attributes value priorities by digit slots and evaluates.
/// </summary>
public static class CounterfactualNeeds
{
    public static MethodNeeds Needs { get; } = new MethodNeeds(ModelCapabilities.Generation, DigitSlotNeeds.Capabilities)
        .WithAlternative(ModelCapabilities.TopLogProbs, "choose a judge that returns log-probs (a local GGUF, or a server that returns them)")
        .WithAlternative(ModelCapabilities.Tokenization, "choose a judge that tokenizes (a local GGUF, or a server that exposes its tokenizer)");
}
