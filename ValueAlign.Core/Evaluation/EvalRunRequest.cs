using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Inference.Backends;

namespace ValueAlign.Core.Evaluation;

/// <summary>
/// What a user asks for when starting a run. <see cref="ModelPath"/> is inside the models folder
/// (or <c>model @ endpoint</c>); <see cref="Judge"/> is the model that judges, when the method
/// judges: null means the evaluated model judges itself (recorded as self-judged).
/// </summary>
public sealed record EvalRunRequest(
    string ModelPath,
    string Method,
    ItemFilter Filter,
    string? ParametersJson = null,
    int Seed = 0,
    string? Name = null)
{
    private readonly ModelChoice? model;

    /// <summary>The evaluated model; by default read from <see cref="ModelPath"/> (throws <see cref="ArgumentException"/> when that is blank).</summary>
    public ModelChoice Model
    {
        get => model ?? ModelChoice.Parse(ModelPath);
        init => model = value;
    }

    public ModelChoice? Judge { get; init; }

    /// <summary>Text put before every prompt of the evaluated model (for example an optimisation run's instruction); null or blank for none.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>Refuse the run when the selection holds items the method cannot use, instead of skipping them (<c>eval --strict</c>).</summary>
    public bool Strict { get; init; }
}
