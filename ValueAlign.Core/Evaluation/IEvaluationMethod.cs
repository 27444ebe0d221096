using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Inference.Backends;

namespace ValueAlign.Core.Evaluation;

/// <summary>
/// One evaluation method (culture MCQ, honesty, MoVa all@once, questionnaires, dilemmas). The run
/// executor plans units once, runs each unit not yet stored (or cached), stores its outcome, and
/// at the end asks the method for the report. Methods hold no state between calls.
/// </summary>
public interface IEvaluationMethod
{
    /// <summary>Stable id stored on runs, for example <c>culture-mcq</c>.</summary>
    string Id { get; }

    string DisplayName { get; }

    /// <summary>
    /// Part of the configuration hash: raise it when a change to prompts, parsing or scoring makes
    /// earlier per-item results no longer comparable, so the cache stops reusing them.
    /// </summary>
    int Version => 1;

    /// <summary>The parameters a new run starts from (a JSON object), shown in the New run form.</summary>
    string DefaultParametersJson => "{}";

    /// <summary>
    /// What the run's model and judge must be able to do with these parameters (checked when the
    /// run is created). Throws <see cref="ArgumentException"/> for bad parameters, like <see cref="Plan"/>.
    /// </summary>
    MethodNeeds Needs(EvalSettings settings) => MethodNeeds.Generation;

    /// <summary>Item kinds the method can evaluate; other selected items are a clear error at planning.</summary>
    IReadOnlySet<ItemKind> ItemKinds { get; }

    /// <summary>
    /// The units of work for the selected items in a deterministic order (seeded where random).
    /// Throws <see cref="ArgumentException"/> with a clear message for bad parameters or items.
    /// </summary>
    IReadOnlyList<EvalUnit> Plan(IReadOnlyList<BenchmarkItem> items, EvalSettings settings);

    Task<EvalUnitOutcome> RunAsync(EvalUnit unit, EvalContext context, CancellationToken cancellationToken);

    RunReport Summarize(EvalSummaryInput input);
}
