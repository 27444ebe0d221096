using ValueAlign.Core.Values;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>
/// Step 1: infer the response's value profile, its value concepts, and what is not value content.
/// The "without SCM" ablation (<paramref name="extractConcepts"/> false) infers the profile only:
/// no concepts, so nothing of the response is marked as value content.
/// </summary>
public sealed class AbductionStep(PriorityAttributor attributor, bool extractConcepts = true)
{
    public const string Name = "Abduction";

    /// <returns>Null when the rating could not be obtained; missing concepts only leave the response unmarked (both recorded as errors).</returns>
    public async Task<AbductionResult?> RunAsync(ValueSystem system, string question, string response, CoupleTrace trace, CancellationToken cancellationToken)
    {
        var step = trace.Begin(Name);
        var profile = await attributor.AttributeAsync(system, question, response, step, cancellationToken).ConfigureAwait(false);
        var concepts = profile is null || !extractConcepts ? null : await attributor.ExtractConceptsAsync(system, question, response, step, cancellationToken).ConfigureAwait(false);
        if (profile is null)
        {
            step.Finish(null);
            return null;
        }
        var result = new AbductionResult(profile, concepts ?? [], ExogenousContent.Mark(response, concepts ?? []));
        step.Finish(result);
        return result;
    }
}
