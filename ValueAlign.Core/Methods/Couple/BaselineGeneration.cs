using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>The "Generation" step shared by the baselines and by COUPLE without an original response.</summary>
public static class BaselineGeneration
{
    public const string Name = "Generation";

    public static async Task<string?> AnswerAsync(ILanguageModel model, CoupleOptions options, string prompt, CoupleTrace trace, CancellationToken cancellationToken)
    {
        var step = trace.Begin(Name);
        var text = await TextGeneration.GenerateAsync(model, "answer", prompt, options.Generation with { MaxTokens = options.ResponseMaxTokens }, step, cancellationToken).ConfigureAwait(false);
        step.Finish(new { response = text });
        return text;
    }
}
