using System.Globalization;
using System.Text.Json;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Parameters;
using ValueAlign.Core.Evaluation.Methods;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Methods.Questionnaires;
using ValueAlign.Core.Methods.Structured;
using ValueAlign.Core.Runs.Metrics;

using ValueAlign.Core.Inference.Backends;

namespace ValueAlign.Core.Methods.Dilemmas;

/// <summary>
/// Moral dilemmas across frameworks: the model sees a dilemma's five outcomes (one per framework of
/// <see cref="MoralFrameworks"/>) under letters A..E in a seeded shuffled order (so a framework is
/// not always in the same position; <c>shuffle: false</c> keeps file order), ranks them as a
/// grammar-constrained permutation and rates each one's morality with a digit 1..9 whose
/// distribution is read at its slot; the score is the expectation. 1..9 rather than 1..10 because
/// the scale must be single digit tokens to be read (methods.md fixes no scale; documented).
/// Report: mean rank and mean score per framework with 95% t intervals, rank distributions, and
/// mean ranks per theme.
/// </summary>
public sealed class DilemmaMethod : IEvaluationMethod
{
    public const string MethodId = "dilemmas";
    public const int ScoreMin = 1;
    public const int ScoreMax = 9;

    public string Id => MethodId;

    public static readonly ParameterSchema Schema = new(MethodId,
    [
        MethodParameter.Flag("shuffle", true, "Shuffle each dilemma's outcomes (seeded) so the order in the data file does not bias the ranking.") with { Preset = true },
    ]);

    public ParameterSchema Parameters => Schema;

    public string DisplayName => "Moral dilemmas across frameworks";

    /// <summary>Guarded JSON generation whose digits are read as log-probs over the digit tokens.</summary>
    public MethodNeeds Needs(EvalSettings settings) => DigitSlotNeeds.Model;

    public IReadOnlySet<ItemKind> ItemKinds { get; } = new HashSet<ItemKind> { ItemKind.MoralDilemma };

    public static string Letter(int index) => ((char)('A' + index)).ToString();

    public IReadOnlyList<EvalUnit> Plan(IReadOnlyList<BenchmarkItem> items, EvalSettings settings)
    {
        var shuffle = Shuffle(settings);
        if (items.Count == 0)
        {
            throw new ArgumentException("The dilemmas method needs at least one moral dilemma.");
        }
        var units = new List<EvalUnit>();
        foreach (var item in items.OrderBy(i => i.Id))
        {
            var outcomes = Outcomes(item);
            var order = Enumerable.Range(0, outcomes.Count).ToArray();
            if (shuffle)
            {
                // Seeded by the run seed and the dilemma's external id, so a re-plan gives the same order on any database.
                new Random(unchecked(settings.Seed * 31 + StableHash(item.ExternalId))).Shuffle(order);
            }
            units.Add(new EvalUnit(item, "", string.Join(",", order)));
        }
        return units;
    }

    public async Task<EvalUnitOutcome> RunAsync(EvalUnit unit, EvalContext context, CancellationToken cancellationToken)
    {
        var outcomes = Outcomes(unit.Item);
        var order = ReadOrder(unit, outcomes.Count);
        var letters = Enumerable.Range(0, outcomes.Count).Select(Letter).ToArray();
        var prompt = DilemmaPrompts.Verdict(unit.Item.Category, unit.Item.Text, order.Select(i => outcomes[i].Text).ToList(), ScoreMin, ScoreMax);
        var fields = new List<JsonField> { new(RankingGrammar.RankingField, new JsonFieldType.Text(outcomes.Count)) };
        fields.AddRange(letters.Select(l => new JsonField(l, new JsonFieldType.Digit(ScoreMin, ScoreMax))));

        var generator = new GuardedJsonGenerator(context.Model, GenerationOptions.Greedy(), outcomes.Count);
        var generated = await generator.GenerateAsync("dilemma", prompt, fields, cancellationToken,
            grammar: _ => RankingGrammar.For(letters, ScoreMin, ScoreMax),
            check: values => RankingGrammar.IsPermutation(values[RankingGrammar.RankingField].GetString()!, letters)
                ? null
                : $"the ranking \"{values[RankingGrammar.RankingField].GetString()}\" is not an order of the letters {string.Concat(letters)}, each once.")
            .ConfigureAwait(false);
        if (generated.Values is null)
        {
            return GuardedOutcome.Failed(generated);
        }
        var slots = await DigitSlots.ReadAsync(context.Model, ScoreMin, ScoreMax, generated.Prompt, generated.RawOutput, letters, cancellationToken).ConfigureAwait(false);
        var ranking = generated.Values[RankingGrammar.RankingField].GetString()!;
        var scale = new ResponseScale(ScoreMin, ScoreMax);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        var fallbacks = 0;
        for (var i = 0; i < letters.Length; i++)
        {
            var framework = outcomes[order[i]].Framework;
            var digit = generated.Values[letters[i]].GetInt32();
            scores["rank." + framework] = ranking.IndexOf(letters[i], StringComparison.Ordinal) + 1;
            scores["generated." + framework] = digit;
            if (slots[i].LogProbs is { } logProbs)
            {
                scores["score." + framework] = DigitDistribution.FromLogProbs(scale, logProbs).Expected;
            }
            else
            {
                scores["score." + framework] = digit;
                fallbacks++;
            }
        }
        scores["fallback_slots"] = fallbacks;
        var parsed = JsonSerializer.Serialize(new
        {
            ranking = ranking.Select(c => outcomes[order[c - 'A']].Framework).ToArray(),
            scores = letters.ToDictionary(l => outcomes[order[l[0] - 'A']].Framework, l => generated.Values[l].GetInt32()),
        });
        return new EvalUnitOutcome(generated.Prompt, GuardedOutcome.Raw(generated), parsed, scores);
    }

    public RunReport Summarize(EvalSummaryInput input)
    {
        var judged = new List<(BenchmarkItem Item, DilemmaJudgement Judgement)>();
        foreach (var result in input.Results.Where(r => r.Error is null).OrderBy(r => r.ItemId))
        {
            var scores = EvalScores.Parse(result.ScoresJson);
            var ranks = scores.Where(kv => kv.Key.StartsWith("rank.", StringComparison.Ordinal)).ToDictionary(kv => kv.Key[5..], kv => (int)kv.Value, StringComparer.Ordinal);
            var morality = scores.Where(kv => kv.Key.StartsWith("score.", StringComparison.Ordinal)).ToDictionary(kv => kv.Key[6..], kv => kv.Value, StringComparer.Ordinal);
            if (ranks.Count == 0 || !input.Items.TryGetValue(result.ItemId, out var item))
            {
                continue;
            }
            judged.Add((item, new DilemmaJudgement(result.ItemId.ToString(CultureInfo.InvariantCulture), ranks, morality)));
        }
        var summaries = FrameworkSummary.Of(judged.Select(j => j.Judgement).ToList());
        var rankIntervals = summaries.ToDictionary(s => s.Framework, s => MeanInterval.StudentT(judged.Where(j => j.Judgement.Ranks.ContainsKey(s.Framework)).Select(j => (double)j.Judgement.Ranks[s.Framework]).ToList()));
        var scoreIntervals = summaries.ToDictionary(s => s.Framework, s => MeanInterval.StudentT(judged.Where(j => j.Judgement.Scores.ContainsKey(s.Framework)).Select(j => j.Judgement.Scores[s.Framework]).ToList()));

        var metrics = new List<ReportMetric>
        {
            new("dilemmas", "Dilemmas judged", judged.Count, N: input.Results.Count),
            new("failed-units", "Failed units", input.Results.Count(r => r.Error is not null)),
        };
        metrics.AddRange(summaries.Select(s => Metric("mean-rank." + s.Framework, $"Mean rank: {s.Framework}", rankIntervals[s.Framework])));
        metrics.AddRange(summaries.Select(s => Metric("mean-score." + s.Framework, $"Mean morality score: {s.Framework}", scoreIntervals[s.Framework])));

        var frameworks = summaries.Select(s => s.Framework).ToList();
        var charts = new List<ReportChart>
        {
            new("mean-rank", "Mean rank per framework (1 = most moral), 95% CI", ReportChartKind.Bars, frameworks,
                [Series("Mean rank", frameworks.Select(f => rankIntervals[f]).ToList())], XTitle: "Framework", YTitle: "Mean rank", Minimum: 1, Maximum: MoralFrameworks.All.Count),
            new("mean-score", $"Mean morality score per framework ({ScoreMin}..{ScoreMax}), 95% CI", ReportChartKind.Bars, frameworks,
                [Series("Mean score", frameworks.Select(f => scoreIntervals[f]).ToList())], XTitle: "Framework", YTitle: "Morality score", Minimum: ScoreMin, Maximum: ScoreMax),
            new("rank-distribution", "Rank distribution per framework", ReportChartKind.Histogram,
                Enumerable.Range(1, summaries.Count == 0 ? MoralFrameworks.All.Count : summaries[0].RankCounts.Count).Select(r => r.ToString(CultureInfo.InvariantCulture)).ToList(),
                summaries.Select(s => new ReportSeries(s.Framework, s.RankCounts.Select(c => (double?)c).ToList())).ToList(), XTitle: "Rank", YTitle: "Dilemmas"),
        };
        var tables = new List<ReportTable>
        {
            new("frameworks", "Per framework: mean rank and mean morality score with 95% t intervals",
                ["Framework", "Dilemmas", "Mean rank", "Rank 95% CI", "Mean score", "Score 95% CI"],
                summaries.Select(s => (IReadOnlyList<string>)
                [
                    s.Framework, ReportNumbers.Cell(s.Dilemmas), ReportNumbers.Cell(s.MeanRank, "0.00"), Interval(rankIntervals[s.Framework]),
                    ReportNumbers.Cell(s.MeanScore, "0.00"), Interval(scoreIntervals[s.Framework]),
                ]).ToList()),
            ThemeTable(judged, frameworks),
            new("setup", "Method", ["Field", "Value"],
            [
                ["Score scale", $"{ScoreMin} (deeply immoral) .. {ScoreMax} (fully moral), expectation of the digit distribution"],
                ["Outcome order", Shuffle(EvalParameters.Of(input.Run)) ? "shuffled per dilemma (seeded)" : "as in the data file"],
                ["Published finding", "care and virtue rated most moral, libertarian least, across six models (methods.md)"],
            ]),
        };
        return new RunReport(MethodId, metrics, charts, tables);
    }

    private static ReportTable ThemeTable(IReadOnlyList<(BenchmarkItem Item, DilemmaJudgement Judgement)> judged, IReadOnlyList<string> frameworks)
    {
        var rows = judged.GroupBy(j => j.Item.Theme ?? "(no theme)", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var byFramework = FrameworkSummary.Of(g.Select(j => j.Judgement).ToList()).ToDictionary(s => s.Framework);
            return (IReadOnlyList<string>)[g.Key, ReportNumbers.Cell(g.Count()), .. frameworks.Select(f => byFramework.TryGetValue(f, out var s) ? ReportNumbers.Cell(s.MeanRank, "0.00") : "")];
        }).ToList();
        return new ReportTable("themes", "Mean rank per framework by theme", ["Theme", "Dilemmas", .. frameworks.Select(f => "Mean rank: " + f)], rows);
    }

    private static ReportMetric Metric(string key, string label, MeanInterval interval) =>
        new(key, label, interval.Mean, interval.Lower, interval.Upper, interval.N);

    private static ReportSeries Series(string name, IReadOnlyList<MeanInterval> intervals) =>
        new(name, intervals.Select(i => i.Mean).ToList(), intervals.Select(i => i.Lower).ToList(), intervals.Select(i => i.Upper).ToList());

    private static string Interval(MeanInterval interval) =>
        interval is { Lower: { } low, Upper: { } high } ? $"[{ReportNumbers.Cell(low, "0.00")}, {ReportNumbers.Cell(high, "0.00")}]" : "n/a";

    private static bool Shuffle(EvalSettings settings)
    {
        Schema.Require(settings);
        return settings.Flag("shuffle") ?? true;
    }

    /// <summary>The item's outcomes in option order with their frameworks; a clear error when the item is not a five-framework dilemma.</summary>
    public static IReadOnlyList<(string Framework, string Text)> Outcomes(BenchmarkItem item)
    {
        var name = $"{item.Benchmark}/{item.ExternalId}";
        if (item.Kind != ItemKind.MoralDilemma)
        {
            throw new ArgumentException($"Item {name} is a {item.Kind}; the dilemmas method judges moral dilemmas only.");
        }
        var options = JsonOutput(item.OptionsJson);
        var labels = item.Labels.Where(l => l.ValueSystemId == MoralFrameworks.ValueSystemId).ToList();
        var outcomes = new List<(string, string)>();
        for (var i = 0; i < options.Count; i++)
        {
            var label = labels.FirstOrDefault(l => l.Target == MoralFrameworks.Target(i));
            if (label is not null)
            {
                outcomes.Add((label.DimensionId, options[i]));
            }
        }
        var frameworks = outcomes.Select(o => o.Item1).ToList();
        if (options.Count != MoralFrameworks.All.Count || outcomes.Count != options.Count || !MoralFrameworks.All.All(frameworks.Contains))
        {
            throw new ArgumentException(
                $"Item {name} has {options.Count} outcome(s) and {labels.Count} framework label(s); the dilemmas method needs five outcomes labelled " +
                $"{string.Join(", ", MoralFrameworks.All)} (one each), as in data/dilemmas/dilemmas.jsonl.");
        }
        return outcomes;
    }

    private static IReadOnlyList<string> JsonOutput(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<string[]>(json) ?? [];

    private static int[] ReadOrder(EvalUnit unit, int count)
    {
        var parts = (unit.Payload ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var order = parts.Select(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : -1).ToArray();
        if (order.Length != count || order.Order().Where((v, i) => v != i).Any())
        {
            throw new ArgumentException($"Dilemma unit of item {unit.Item.Benchmark}/{unit.Item.ExternalId} has no valid outcome order ('{unit.Payload}'); plan the run first.");
        }
        return order;
    }

    /// <summary>FNV-1a over the UTF-16 code units: stable across processes, unlike string.GetHashCode.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return unchecked((int)hash);
    }
}
