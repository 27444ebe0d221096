using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Evaluation;

/// <summary>Which item results to show: by outcome, item text, and the item's groups.</summary>
public sealed record EvalResultFilter
{
    public EvalOutcomeFilter Outcome { get; init; } = EvalOutcomeFilter.All;

    /// <summary>Case-insensitive substring of the item's text.</summary>
    public string? Search { get; init; }

    public string? Country { get; init; }

    public string? Language { get; init; }

    public Modality? Modality { get; init; }

    public string? Category { get; init; }
}

public enum EvalOutcomeFilter
{
    All,
    Correct,
    Incorrect,
    Error,
}

/// <summary>One item result with the item fields a results table shows.</summary>
public sealed record EvalResultRow(
    EvalItemResult Result,
    string ExternalId,
    string ItemText,
    string? Country,
    string? Language,
    Modality Modality,
    string? Category);

public sealed record EvalResultPage(IReadOnlyList<EvalResultRow> Rows, int Total);

/// <summary>A run with the live state of its job (null when the job record is gone).</summary>
/// <param name="ItemsHaveMedia">True when some item of the run has an image or audio (see <see cref="RunInput"/>).</param>
public sealed record EvalRunSummary(EvalRun Run, Jobs.JobSnapshot? Job, bool ItemsHaveMedia = false)
{
    /// <summary>What the model saw, for the run header.</summary>
    public string Input => RunInput.Describe(Run.TextOnly, ItemsHaveMedia);
}
