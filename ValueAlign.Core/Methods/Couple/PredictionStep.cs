using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>Step 3: rewrite the response to express the counterfactual concepts while keeping its exogenous (unmarked) content.</summary>
public sealed class PredictionStep(ILanguageModel model, CoupleOptions options)
{
    public const string Name = "Prediction";
    private readonly CouplePrompts prompts = new(options);

    public async Task<string?> RunAsync(string question, AbductionResult abduction, ActionResult action, CoupleTrace trace, CancellationToken cancellationToken)
    {
        var step = trace.Begin(Name);
        var changes = action.Interventions.Where(i => Math.Abs(i.AdjustedShift) >= options.MinimumShift).ToArray();
        var prompt = prompts.Rewrite(question, abduction.Exogenous, changes);
        var rewritten = await TextGeneration.GenerateAsync(model, "rewrite", prompt, options.Generation with { MaxTokens = options.ResponseMaxTokens }, step, cancellationToken).ConfigureAwait(false);
        step.Finish(new { rewritten });
        return rewritten;
    }
}
