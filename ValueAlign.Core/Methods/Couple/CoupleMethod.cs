using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>
/// COUPLE: abduction, action, prediction, evaluation (see methods.md). With <c>useGraph: false</c>
/// it is the ablation that ignores the relation graph (name "CoupleWithoutGraph").
/// Without an original response the model first answers the question (a "Generation" step).
/// </summary>
public sealed class CoupleMethod : ICounterfactualMethod
{
    private readonly ILanguageModel model;
    private readonly CoupleOptions options;
    private readonly AbductionStep abduction;
    private readonly ActionStep action;
    private readonly PredictionStep prediction;
    private readonly EvaluationStep evaluation;

    public CoupleMethod(ILanguageModel model, CoupleOptions options, bool useGraph = true)
    {
        this.model = model;
        this.options = options;
        var attributor = new PriorityAttributor(model, options);
        abduction = new AbductionStep(attributor);
        action = new ActionStep(model, options, useGraph);
        prediction = new PredictionStep(model, options);
        evaluation = new EvaluationStep(attributor);
        Name = useGraph ? "Couple" : "CoupleWithoutGraph";
    }

    public string Name { get; }

    public async Task<CounterfactualResult> RunAsync(CounterfactualRequest request, CancellationToken cancellationToken = default)
    {
        request.Objective.EnsureValid(request.System);
        var trace = new CoupleTrace(request.Progress);
        var original = request.Response ?? await BaselineGeneration.AnswerAsync(model, options, CouplePrompts.Answer(request.Question), trace, cancellationToken).ConfigureAwait(false);
        if (original is null)
        {
            return new CounterfactualResult(Name, null, null, null, null, null, trace);
        }
        var inferred = await abduction.RunAsync(request.System, request.Question, original, trace, cancellationToken).ConfigureAwait(false);
        if (inferred is null)
        {
            return new CounterfactualResult(Name, original, null, null, null, null, trace);
        }
        var decided = await action.RunAsync(request.System, request.Objective, request.Question, inferred, trace, cancellationToken).ConfigureAwait(false);
        string? final;
        if (decided.MeetsObjective)
        {
            final = original;
            // No rewrite: the evaluation of the original is abduction's own profile, recorded as its step.
            var step = trace.Begin(EvaluationStep.Name);
            var target = request.Objective.InSystemOrder(request.System).Select(p => (double)p.Priority).ToArray();
            var kept = new EvaluationResult(inferred.Profile, AlignmentMetrics.Between(inferred.Profile.Expectations, target));
            step.Finish(kept);
            return new CounterfactualResult(Name, original, final, inferred, decided, kept, trace);
        }
        final = await prediction.RunAsync(request.Question, inferred, decided, trace, cancellationToken).ConfigureAwait(false);
        if (final is null)
        {
            return new CounterfactualResult(Name, original, null, inferred, decided, null, trace);
        }
        var evaluated = await evaluation.RunAsync(request.System, request.Objective, request.Question, final, trace, cancellationToken).ConfigureAwait(false);
        return new CounterfactualResult(Name, original, final, inferred, decided, evaluated, trace);
    }
}
