using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>
/// Baseline "Raw": the response without any objective (the given original, or the model's own
/// answer when there is none), evaluated against the target by the judge (the model itself when none is given).
/// </summary>
public sealed class RawMethod(ILanguageModel model, CoupleOptions options, ILanguageModel? judge = null) : ICounterfactualMethod
{
    private readonly EvaluationStep evaluation = new(new PriorityAttributor(judge ?? model, options));

    public string Name => "Raw";

    public async Task<CounterfactualResult> RunAsync(CounterfactualRequest request, CancellationToken cancellationToken = default)
    {
        request.Objective.EnsureValid(request.System);
        var trace = new CoupleTrace(request.Progress);
        var response = request.Response ?? await BaselineGeneration.AnswerAsync(model, options, CouplePrompts.Answer(request.Question), trace, cancellationToken).ConfigureAwait(false);
        var evaluated = response is null ? null
            : await evaluation.RunAsync(request.System, request.Objective, request.Question, response, trace, cancellationToken).ConfigureAwait(false);
        return new CounterfactualResult(Name, request.Response, response, null, null, evaluated, trace);
    }
}
