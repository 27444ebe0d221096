using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Methods.Optimisation;

/// <summary>
/// Cuts a text to at most N tokens of the model's own tokenizer (IROTE's 50-token reflections):
/// tokenized without BOS, the first N ids kept and detokenized, then trimmed. A text within the cap
/// comes back unchanged apart from trimming.
/// </summary>
public static class TokenCap
{
    public static async Task<string> CutAsync(ILanguageModel model, string text, int maxTokens, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1);
        var trimmed = text.Trim();
        var tokens = await model.TokenizeAsync(trimmed, addBos: false, cancellationToken).ConfigureAwait(false);
        if (tokens.Count <= maxTokens)
        {
            return trimmed;
        }
        var kept = await model.DetokenizeAsync(tokens.Take(maxTokens).ToArray(), cancellationToken).ConfigureAwait(false);
        return kept.Trim();
    }
}
