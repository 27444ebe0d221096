using System.Globalization;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives;
using ValueAlign.Core.Methods.Structured;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>
/// Step 2: the deviation from the target; within the threshold the response already meets the
/// objective and nothing is generated. Otherwise every dimension whose adjusted shift reaches
/// <see cref="CoupleOptions.MinimumShift"/> gets a counterfactual concept (one grammar-constrained
/// phrase) from its target, neighbours, importance, the question and its observed concept. When no
/// adjusted shift reaches it, the result says there is nothing to rewrite and why. The "without
/// SCM" ablation (<paramref name="generateConcepts"/> false) plans the shifts but generates no concepts.
/// </summary>
public sealed class ActionStep(ILanguageModel model, CoupleOptions options, bool useGraph, bool generateConcepts = true)
{
    public const string Name = "Action";
    private readonly GuardedJsonGenerator generator = GuardedJsonSteps.For(model, options);
    private readonly CouplePrompts prompts = new(options);

    public async Task<ActionResult> RunAsync(
        ValueSystem system, ValueObjective objective, string question, AbductionResult abduction, CoupleTrace trace, CancellationToken cancellationToken)
    {
        var step = trace.Begin(Name);
        var target = objective.InSystemOrder(system).Select(p => (double)p.Priority).ToArray();
        var deviation = Deviation.Between(abduction.Profile.Expectations, target);
        if (Deviation.MeetsObjective(deviation, options.DeviationThreshold))
        {
            var met = new ActionResult(deviation, options.DeviationThreshold, true, useGraph, []);
            step.Finish(met);
            return met;
        }
        var plan = InterventionPlanner.Plan(system, objective, abduction.Profile, useGraph, options.GraphInfluenceWeight, options.MinimumShift);
        if (plan.All(i => Math.Abs(i.AdjustedShift) < options.MinimumShift))
        {
            var largest = plan.MaxBy(i => Math.Abs(i.AdjustedShift))!;
            var nothing = new ActionResult(deviation, options.DeviationThreshold, false, useGraph, plan)
            {
                NothingToRewrite = true,
                SkipReason = string.Create(CultureInfo.InvariantCulture,
                    $"Prediction skipped: the deviation {deviation:0.###} exceeds the threshold {options.DeviationThreshold:0.###}, but every adjusted shift is below the minimum shift {options.MinimumShift:0.###} (largest: {largest.DimensionName} {largest.AdjustedShift:+0.###;-0.###;0}), so no dimension is intervened on and the original response is kept."),
            };
            step.Finish(nothing);
            return nothing;
        }
        var fields = new[] { new JsonField("concept", new JsonFieldType.Text(options.ConceptMaxLength)) };
        var done = new List<DimensionIntervention>();
        foreach (var intervention in plan)
        {
            if (!generateConcepts || Math.Abs(intervention.AdjustedShift) < options.MinimumShift)
            {
                done.Add(intervention);
                continue;
            }
            var observed = abduction.Concepts.FirstOrDefault(c => c.DimensionId == intervention.DimensionId)?.Phrase;
            var prompt = prompts.CounterfactualConcept(system, question, intervention, observed);
            var values = await generator.GenerateAsync($"concept: {intervention.DimensionId}", prompt, fields, step, cancellationToken).ConfigureAwait(false);
            done.Add(intervention with { CounterfactualConcept = values?["concept"].GetString()?.Trim() });
        }
        var result = new ActionResult(deviation, options.DeviationThreshold, false, useGraph, done);
        step.Finish(result);
        return result;
    }
}
