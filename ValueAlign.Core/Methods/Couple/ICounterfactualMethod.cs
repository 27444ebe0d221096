namespace ValueAlign.Core.Methods.Couple;

/// <summary>
/// A way to make a response fit a value objective, so COUPLE and its baselines run and are scored
/// the same way. Implementations never throw on bad model output (errors go into the result's
/// trace); they throw <see cref="OperationCanceledException"/> when cancelled and
/// <see cref="Values.Objectives.InvalidObjectiveException"/> for an objective that does not fit the system.
/// </summary>
public interface ICounterfactualMethod
{
    /// <summary>Short stable name: Raw, ValuePrompt, Couple, CoupleWithoutGraph, CoupleWithoutScm.</summary>
    string Name { get; }

    Task<CounterfactualResult> RunAsync(CounterfactualRequest request, CancellationToken cancellationToken = default);
}
