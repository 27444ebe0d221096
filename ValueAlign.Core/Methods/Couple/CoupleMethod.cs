using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>
/// COUPLE: abduction, action, prediction, evaluation (see methods.md). Two ablations:
/// <c>useGraph: false</c> ignores the relation graph ("CoupleWithoutGraph"); <c>useScm: false</c>
/// drops the structural causal model ("CoupleWithoutScm"): the profile is still attributed and the
/// per-dimension shifts planned, but no value concepts are abducted, no graph is used, no
/// counterfactual concepts are generated, and the response is rewritten directly from the shifts
/// (the paper does not spell out its ablation; this is the reading that keeps everything but the
/// V → C → r structure, documented in docs/value-methods.md).
/// Without an original response the model first answers the question (a "Generation" step).
/// When the action step finds nothing to rewrite (every adjusted shift below the minimum), the
/// prediction step is skipped with its reason in the trace and the original is evaluated as attributed.
/// </summary>
public sealed class CoupleMethod : ICounterfactualMethod
{
    private readonly ILanguageModel model;
    private readonly CoupleOptions options;
    private readonly AbductionStep abduction;
    private readonly ActionStep action;
    private readonly PredictionStep prediction;
    private readonly EvaluationStep evaluation;

    /// <param name="judge">The model that attributes priorities (abduction) and evaluates the result; the model itself when null (self-judged).</param>
    public CoupleMethod(ILanguageModel model, CoupleOptions options, bool useGraph = true, bool useScm = true, ILanguageModel? judge = null)
    {
        this.model = model;
        this.options = options;
        var attributor = new PriorityAttributor(judge ?? model, options);
        abduction = new AbductionStep(attributor, extractConcepts: useScm);
        action = new ActionStep(model, options, useGraph && useScm, generateConcepts: useScm);
        prediction = new PredictionStep(model, options, useScm);
        evaluation = new EvaluationStep(attributor);
        Name = !useScm ? "CoupleWithoutScm" : useGraph ? "Couple" : "CoupleWithoutGraph";
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
        if (decided.MeetsObjective || decided.NothingToRewrite)
        {
            if (decided.SkipReason is { } reason)
            {
                PredictionStep.Skip(trace, reason);
            }
            // No rewrite: the evaluation of the original is abduction's own profile, recorded as its step.
            var step = trace.Begin(EvaluationStep.Name);
            var target = request.Objective.InSystemOrder(request.System).Select(p => (double)p.Priority).ToArray();
            var kept = new EvaluationResult(inferred.Profile, AlignmentMetrics.Between(inferred.Profile.Expectations, target));
            step.Finish(kept);
            return new CounterfactualResult(Name, original, original, inferred, decided, kept, trace);
        }
        var final = await prediction.RunAsync(request.Question, inferred, decided, trace, cancellationToken).ConfigureAwait(false);
        if (final is null)
        {
            return new CounterfactualResult(Name, original, null, inferred, decided, null, trace);
        }
        var evaluated = await evaluation.RunAsync(request.System, request.Objective, request.Question, final, trace, cancellationToken).ConfigureAwait(false);
        return new CounterfactualResult(Name, original, final, inferred, decided, evaluated, trace);
    }
}
