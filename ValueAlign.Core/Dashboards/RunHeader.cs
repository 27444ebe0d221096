using ValueAlign.Core.Evaluation;

namespace ValueAlign.Core.Dashboards;

/// <summary>What identifies a run next to its charts: model file and hash prefix, method, parameters, seed.</summary>
public sealed record RunHeader(long Id, string Name, string Method, string ModelFileName, string ModelSha256, string ParametersJson, int Seed, DateTime CreatedAt, DateTime? FinishedAt)
{
    public string HashPrefix => ModelSha256.Length > 12 ? ModelSha256[..12] : ModelSha256;

    /// <summary>A short label for legends: the run's name, else its model file and hash prefix.</summary>
    public string Label => string.IsNullOrWhiteSpace(Name) ? $"#{Id} {ModelFileName} ({HashPrefix})" : $"#{Id} {Name}";

    /// <summary>"self-judged", "judged by X", or null when the run has no judge (<see cref="RunJudge"/>).</summary>
    public string? Judging { get; init; }

    /// <summary>The model and, when there is one, how it was judged: "stories260K.gguf (0123456789ab) · self-judged".</summary>
    public string ModelLine => $"{ModelFileName} ({HashPrefix})" + (Judging is null ? "" : $" · {Judging}");

    public static RunHeader From(EvalRun run) =>
        new(run.Id, run.Name, run.Method, run.ModelFileName, run.ModelSha256, run.ParametersJson, run.Seed, run.CreatedAt, run.FinishedAt)
        {
            Judging = RunJudge.Of(run).Label,
        };
}
