using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>
/// Baseline "Value Prompt": the objective's priorities stated in the prompt; the model rewrites the
/// original response to express them (or answers the question with them when there is no original).
/// No abduction, no graph, no concepts. The judge (the model itself when none is given) evaluates the result.
/// </summary>
public sealed class ValuePromptMethod(ILanguageModel model, CoupleOptions options, ILanguageModel? judge = null) : ICounterfactualMethod
{
    private readonly EvaluationStep evaluation = new(new PriorityAttributor(judge ?? model, options));
    private readonly CouplePrompts prompts = new(options);

    public string Name => "ValuePrompt";

    public async Task<CounterfactualResult> RunAsync(CounterfactualRequest request, CancellationToken cancellationToken = default)
    {
        request.Objective.EnsureValid(request.System);
        var trace = new CoupleTrace(request.Progress);
        var prompt = prompts.ValuePrompt(request.System, request.Objective, request.Question, request.Response);
        var response = await BaselineGeneration.AnswerAsync(model, options, prompt, trace, cancellationToken).ConfigureAwait(false);
        var evaluated = response is null ? null
            : await evaluation.RunAsync(request.System, request.Objective, request.Question, response, trace, cancellationToken).ConfigureAwait(false);
        return new CounterfactualResult(Name, request.Response, response, null, null, evaluated, trace);
    }
}
