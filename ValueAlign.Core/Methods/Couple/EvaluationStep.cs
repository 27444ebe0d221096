using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>Step 4: re-attribute the final response and compare it with the target (MAE, Spearman).</summary>
public sealed class EvaluationStep(PriorityAttributor attributor)
{
    public const string Name = "Evaluation";

    public async Task<EvaluationResult?> RunAsync(
        ValueSystem system, ValueObjective objective, string question, string response, CoupleTrace trace, CancellationToken cancellationToken)
    {
        var step = trace.Begin(Name);
        var profile = await attributor.AttributeAsync(system, question, response, step, cancellationToken).ConfigureAwait(false);
        if (profile is null)
        {
            step.Finish(null);
            return null;
        }
        var target = objective.InSystemOrder(system).Select(p => (double)p.Priority).ToArray();
        var result = new EvaluationResult(profile, AlignmentMetrics.Between(profile.Expectations, target));
        step.Finish(result);
        return result;
    }
}
