using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>
/// Step 3: rewrite the response to express the counterfactual concepts while keeping its exogenous
/// (unmarked) content. Without the SCM abduction marks nothing, so the rewrite gets the plain response and the per-dimension
/// instructions only (no marked value phrases, no concepts).
/// </summary>
public sealed class PredictionStep(ILanguageModel model, CoupleOptions options, bool useScm = true)
{
    public const string Name = "Prediction";
    private readonly CouplePrompts prompts = new(options);

    public async Task<string?> RunAsync(string question, AbductionResult abduction, ActionResult action, CoupleTrace trace, CancellationToken cancellationToken)
    {
        var step = trace.Begin(Name);
        var changes = action.Interventions.Where(i => Math.Abs(i.AdjustedShift) >= options.MinimumShift).ToArray();
        var prompt = useScm ? prompts.Rewrite(question, abduction.Exogenous, changes) : prompts.DirectRewrite(question, abduction.Exogenous.MarkedResponse, changes);
        var rewritten = await TextGeneration.GenerateAsync(model, "rewrite", prompt, options.Generation with { MaxTokens = options.ResponseMaxTokens }, step, cancellationToken).ConfigureAwait(false);
        step.Finish(new { rewritten });
        return rewritten;
    }

    /// <summary>Records the step as skipped, with the reason, and no model call.</summary>
    public static void Skip(CoupleTrace trace, string reason) => trace.Begin(Name).Finish(new { skipped = reason });
}
