using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Artefacts;
using ValueAlign.Core.Evaluation.Parameters;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Inference;

namespace ValueAlign.Tests.Methods.LongMab;

/// <summary>
/// Runs a real method inside the real engine but hands its units a scripted model instead of the
/// loaded one, so engine behaviour (storage, cancel, resume, artefacts) is tested with outputs a
/// test can reason about.
/// </summary>
internal sealed class ModelSwappingMethod(IEvaluationMethod inner, ILanguageModel model) : IEvaluationMethod
{
    public string Id => inner.Id;
    public string DisplayName => inner.DisplayName;
    public RunKind Kind => inner.Kind;
    public int Version => inner.Version;
    public ParameterSchema Parameters => inner.Parameters;
    public IReadOnlySet<ItemKind> ItemKinds => inner.ItemKinds;
    public IReadOnlyList<EvalUnit> Plan(IReadOnlyList<BenchmarkItem> items, EvalSettings settings) => inner.Plan(items, settings);
    public Task<EvalUnitOutcome> RunAsync(EvalUnit unit, EvalContext context, CancellationToken cancellationToken) =>
        inner.RunAsync(unit, context with { Model = model, Judge = model }, cancellationToken);
    public RunReport Summarize(EvalSummaryInput input) => inner.Summarize(input);
    public IReadOnlyList<RunArtefactDraft> Artefacts(EvalSummaryInput input) => inner.Artefacts(input);
}
