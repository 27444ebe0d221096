using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Artefacts;
using ValueAlign.Core.Evaluation.Parameters;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Inference.Backends;

namespace ValueAlign.Tests.Evaluation.Pausing;

/// <summary>
/// Another method (the real culture-MCQ, or the scripted one) under the id <c>unloading</c>, whose
/// execution number <see cref="UnloadAtExecution"/> first runs <see cref="Unload"/> (unloading the
/// model, as an admin would from the Models page) and then goes on with the unit as usual. Without
/// an unload it is exactly the inner method, so an interrupted and an uninterrupted run compare.
/// </summary>
public sealed class UnloadingMethod(IEvaluationMethod inner) : IEvaluationMethod
{
    private int executions;

    public string Id => "unloading";

    public string DisplayName => $"{inner.DisplayName} (unloads its model once)";

    public IReadOnlySet<ItemKind> ItemKinds => inner.ItemKinds;

    public ParameterSchema Parameters => inner.Parameters;

    public MethodNeeds Needs(EvalSettings settings) => inner.Needs(settings);

    public int? UnloadAtExecution { get; set; }

    public Func<Task>? Unload { get; set; }

    public int Executions => Volatile.Read(ref executions);

    public IReadOnlyList<EvalUnit> Plan(IReadOnlyList<BenchmarkItem> items, EvalSettings settings) => inner.Plan(items, settings);

    public async Task<EvalUnitOutcome> RunAsync(EvalUnit unit, EvalContext context, CancellationToken cancellationToken)
    {
        var execution = Interlocked.Increment(ref executions);
        if (execution == UnloadAtExecution && Unload is { } unload)
            await unload();
        return await inner.RunAsync(unit, context, cancellationToken);
    }

    public RunReport Summarize(EvalSummaryInput input) => inner.Summarize(input);

    public IReadOnlyList<RunArtefactDraft> Artefacts(EvalSummaryInput input) => inner.Artefacts(input);
}
