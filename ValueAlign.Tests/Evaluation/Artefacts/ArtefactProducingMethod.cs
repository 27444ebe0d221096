using System.Globalization;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Artefacts;
using ValueAlign.Core.Evaluation.Reports;

namespace ValueAlign.Tests.Evaluation.Artefacts;

/// <summary>
/// An optimisation-kind method for the artefact tests, shaped as the interface's remarks describe:
/// one unit per item whose raw output is a candidate instruction scored by the item's text length;
/// the best candidate becomes the <c>instruction</c> text artefact and every candidate a line of
/// the <c>candidates</c> dataset.
/// </summary>
public sealed class ArtefactProducingMethod(RunKind kind = RunKind.Optimisation) : IEvaluationMethod
{
    public string Id => "artefacts";

    public string DisplayName => "Artefacts (tests)";

    public RunKind Kind => kind;

    public IReadOnlySet<ItemKind> ItemKinds { get; } = Enum.GetValues<ItemKind>().ToHashSet();

    public IReadOnlyList<EvalUnit> Plan(IReadOnlyList<BenchmarkItem> items, EvalSettings settings) => items.Select(i => new EvalUnit(i)).ToList();

    public Task<EvalUnitOutcome> RunAsync(EvalUnit unit, EvalContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new EvalUnitOutcome("", $"Answer like {unit.Item.ExternalId}.", null,
            new Dictionary<string, double> { ["objective"] = unit.Item.ExternalId.Length }));

    public RunReport Summarize(EvalSummaryInput input) => new(Id, [new ReportMetric("candidates", "Candidates", input.Results.Count)], [], []);

    public IReadOnlyList<RunArtefactDraft> Artefacts(EvalSummaryInput input)
    {
        var best = input.Results.OrderByDescending(r => EvalScores.Get(r, "objective")).ThenBy(r => r.ItemId).First();
        return
        [
            RunArtefactDraft.Text("instruction", best.RawOutput, "The candidate with the highest objective"),
            RunArtefactDraft.JsonLines("candidates", input.Results.Select(r =>
                string.Create(CultureInfo.InvariantCulture, $"{{\"item\":{r.ItemId},\"objective\":{EvalScores.Get(r, "objective")}}}"))),
        ];
    }
}
