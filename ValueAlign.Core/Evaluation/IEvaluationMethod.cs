using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation.Artefacts;
using ValueAlign.Core.Evaluation.Parameters;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Inference.Backends;

namespace ValueAlign.Core.Evaluation;

/// <summary>
/// One method the run engine executes: an evaluation (culture MCQ, honesty, MoVa all@once,
/// questionnaires, dilemmas), an optimisation (PICACO, IROTE), a generation (LongMab-PO) or a
/// study (COUPLE batch study); <see cref="Kind"/> says which. The engine plans units once, runs
/// each unit not yet stored (or cached), stores its outcome, and at the end asks the method for
/// the report and its artefacts. Methods hold no state between calls.
/// <para>
/// <b>How a method produces artefacts.</b> Everything a method computes goes through units, so it
/// is durable and resumable; <see cref="Artefacts"/> then derives the run's typed outputs from the
/// stored unit results, the same way <see cref="Summarize"/> derives the report. An optimiser makes
/// each search step a unit (its outcome's <c>RawOutput</c> holds the candidate instruction, its
/// scores the objective) and returns <c>RunArtefactDraft.Text("instruction", best)</c>; a generator
/// stores one unit per generated record and returns <c>RunArtefactDraft.JsonLines("preference-pairs",
/// lines)</c>; a long write-up is <c>RunArtefactDraft.Markdown(...)</c>. The engine stores the
/// artefacts in the same transaction as the report (a re-summarised run replaces them by name);
/// they are listed on the run page, downloaded from <c>/runs/{id}/artefacts/{name}</c>, and a text
/// artefact can be chosen as the system prompt of a later evaluation run.
/// </para>
/// </summary>
public interface IEvaluationMethod
{
    /// <summary>Stable id stored on runs, for example <c>culture-mcq</c>.</summary>
    string Id { get; }

    string DisplayName { get; }

    /// <summary>What runs of this method are: stored on the run, filters the runs list.</summary>
    RunKind Kind => RunKind.Evaluation;

    /// <summary>
    /// True when a unit reads the stored results of the units before it (an optimiser's rounds):
    /// the engine then runs units one at a time in plan order and stores each before the next
    /// starts. False (the default) lets several units run at once with their requests grouped.
    /// </summary>
    bool UnitsBuildOnEarlierUnits => false;

    /// <summary>
    /// Whether <see cref="Summarize"/> and <see cref="Artefacts"/> read the results' prompt and raw
    /// output. A method that reads only answers and scores says false, and the report step of a
    /// long run then loads no texts (a 100k-unit culture run kept them all in memory at once).
    /// </summary>
    bool SummaryReadsTexts => true;

    /// <summary>
    /// Part of the configuration hash: raise it when a change to prompts, parsing or scoring makes
    /// earlier per-item results no longer comparable, so the cache stops reusing them.
    /// </summary>
    int Version => 1;

    /// <summary>
    /// The parameters the method takes (types, ranges, defaults, help): rendered by the New run form,
    /// read by <c>eval --param</c>, checked before a run is created. Open (anything, checked by the
    /// method alone) unless the method declares one.
    /// </summary>
    ParameterSchema Parameters => ParameterSchema.Open(Id);

    /// <summary>The parameters a new run starts from (a JSON object): the schema's preset defaults.</summary>
    string DefaultParametersJson => Parameters.DefaultsJson;

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

    /// <summary>The run's typed outputs, derived from its stored results when it completes (see the type's remarks); none by default.</summary>
    IReadOnlyList<RunArtefactDraft> Artefacts(EvalSummaryInput input) => [];
}
