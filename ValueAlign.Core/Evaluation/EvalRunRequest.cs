using ValueAlign.Core.Benchmarks.Query;

namespace ValueAlign.Core.Evaluation;

/// <summary>What a user asks for when starting a run. <see cref="ModelPath"/> is inside the models folder.</summary>
public sealed record EvalRunRequest(
    string ModelPath,
    string Method,
    ItemFilter Filter,
    string? ParametersJson = null,
    int Seed = 0,
    string? Name = null);
