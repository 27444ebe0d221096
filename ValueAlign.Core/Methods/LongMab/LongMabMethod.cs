using ValueAlign.Core.Benchmarks.LongContext;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Parameters;
using ValueAlign.Core.Evaluation.Artefacts;
using ValueAlign.Core.Evaluation.Reports;

namespace ValueAlign.Core.Methods.LongMab;

/// <summary>
/// LongMab-PO as a generation run (<c>longmab-po</c>): one unit per long-context item runs the
/// bandit (<see cref="LongMabGenerator"/>) and stores its whole trace as the unit's raw output
/// (chunks, probe, initial values, every rollout, the pair), so the engine's progress, cancel,
/// resume and cache apply, and a resumed run redoes only unfinished items with the same seeds. The
/// run's artefacts are the preference dataset (JSON lines and Parquet), its metadata (model
/// identity, configuration hash) and every rollout. Rounds are published to
/// <see cref="LongMabLiveFeed"/> as they finish, for the live page.
/// </summary>
public sealed class LongMabMethod(LongMabLiveFeed feed) : IEvaluationMethod
{
    public const string MethodId = "longmab-po";

    public string Id => MethodId;

    public string DisplayName => "LongMab-PO preference data";

    public RunKind Kind => RunKind.Generation;

    public ParameterSchema Parameters => LongMabParameters.Schema;

    public IReadOnlySet<ItemKind> ItemKinds { get; } = new HashSet<ItemKind> { ItemKind.LongContextQa };

    public IReadOnlyList<EvalUnit> Plan(IReadOnlyList<BenchmarkItem> items, EvalSettings settings)
    {
        var parameters = LongMabParameters.Of(settings);
        var selected = items;
        if (parameters.Items is { } keys)
        {
            var byKey = items.ToDictionary(i => LongMabParameters.ItemKey(i.Benchmark, i.ExternalId), StringComparer.Ordinal);
            var missing = keys.Where(k => !byKey.ContainsKey(k)).ToList();
            if (missing.Count > 0)
                throw new ArgumentException($"LongMab-PO items not among the run's long-context items: {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", …" : "")}.");
            selected = [.. keys.Distinct(StringComparer.Ordinal).Select(k => byKey[k])];
        }
        foreach (var item in selected)
        {
            var qa = LongContextQaReader.Read(item);
            if (qa.GoldAnswers.Count == 0)
                throw new ArgumentException($"Item {item.Benchmark}/{item.ExternalId} has no gold answer; LongMab-PO rewards answers against it.");
        }
        return [.. selected.OrderBy(i => i.Id).Select(i => new EvalUnit(i))];
    }

    public async Task<EvalUnitOutcome> RunAsync(EvalUnit unit, EvalContext context, CancellationToken cancellationToken)
    {
        var parameters = LongMabParameters.Of(context.Settings);
        var item = unit.Item;
        var key = LongMabParameters.ItemKey(item.Benchmark, item.ExternalId);
        var progress = new Progress(t => feed.Publish(context.RunId, t));
        var trace = await LongMabGenerator.RunAsync(context.Model, key, LongContextQaReader.Read(item), parameters.Options, context.Settings.Seed, progress, cancellationToken)
            .ConfigureAwait(false);
        var rewards = trace.Rollouts.Select(r => r.Reward).ToList();
        var scores = new Dictionary<string, double>
        {
            ["reward_mean"] = rewards.Average(),
            ["reward_max"] = rewards.Max(),
            ["reward_min"] = rewards.Min(),
            ["pair"] = trace.Pair is null ? 0 : 1,
            ["chunks"] = trace.Chunks.Count,
        };
        if (trace.Chunks.Any(c => c.Supporting))
            scores["supporting_selection_rate"] = LongMabReport.SupportingSelectionRate(trace);
        var best = trace.Rollouts.OrderByDescending(r => r.Reward).ThenBy(r => r.Round).First();
        return new EvalUnitOutcome(trace.PairPrompt, LongMabTraceJson.Serialize(trace), best.Answer, scores);
    }

    public RunReport Summarize(EvalSummaryInput input) => LongMabReport.Build(input);

    public IReadOnlyList<RunArtefactDraft> Artefacts(EvalSummaryInput input) => LongMabArtefacts.Build(input);

    /// <summary>Reports synchronously (System.Progress would post to the thread pool and reorder rounds).</summary>
    private sealed class Progress(Action<LongMabTrace> report) : IProgress<LongMabTrace>
    {
        public void Report(LongMabTrace value) => report(value);
    }
}
