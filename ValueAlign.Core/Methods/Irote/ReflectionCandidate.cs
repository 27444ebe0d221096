namespace ValueAlign.Core.Methods.Irote;

/// <summary>Where a reflection came from.</summary>
public enum ReflectionOrigin
{
    /// <summary>One of the K reflections the model wrote before round 1.</summary>
    Initial,

    /// <summary>The compactness step's reflection keeping what the candidates' behaviours share.</summary>
    Synthesised,

    /// <summary>The model's revision of a reflection.</summary>
    Revised,
}

/// <summary>
/// A self-reflection (already cut to the token cap) and its evocativeness R with the samples behind
/// it. <see cref="Evocativeness"/> is null when it was not evaluated; <see cref="Note"/> says why
/// (empty, or the same text as an earlier candidate).
/// </summary>
public sealed record ReflectionCandidate(
    string Text,
    ReflectionOrigin Origin,
    int Round,
    double? Evocativeness,
    IReadOnlyList<PromptEvocation> Prompts,
    string? Note = null);

/// <summary>One task prompt's part of R: its term Σ_j p_e(y_j | x) log q(trait | y_j, x) and the samples.</summary>
public sealed record PromptEvocation(string PromptId, double Term, IReadOnlyList<EvokedSample> Samples);

/// <summary>
/// A response sampled with the reflection as prefix: its log-likelihood under the scorer, log q(trait),
/// and its weight p_e within the prompt (0 for an empty response, which is left out of the softmax).
/// </summary>
public sealed record EvokedSample(string Text, double LogLikelihood, double LogTrait, double Weight);

/// <summary>The behaviours the compactness step drew from one reflection.</summary>
public sealed record ImpliedBehaviours(string Reflection, IReadOnlyList<string> Behaviours);
