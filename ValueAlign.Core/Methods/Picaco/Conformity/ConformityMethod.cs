using System.Globalization;
using System.Text.Json;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Parameters;
using ValueAlign.Core.Evaluation.Methods;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Backends;
using ValueAlign.Core.Methods.Optimisation;
using ValueAlign.Core.Methods.Structured;
using ValueAlign.Core.Runs.Metrics;
using ValueAlign.Core.Values;

namespace ValueAlign.Core.Methods.Picaco.Conformity;

/// <summary>
/// Did the optimisation work? Held-out prompts answered three ways (<see cref="ConformityCondition"/>:
/// Raw, Value Prompt, the optimised instruction), each answer rated by the judge on the paper's 1–5
/// conformity scale per value (<see cref="ConformityRating"/>: the expectation over the digit logits
/// at a teacher-forced rating slot). One unit per prompt × condition; answers are greedy. The report
/// gives each condition's mean per value and overall with 95% intervals (normal approximation over
/// prompts) and a chart. Parameters: <c>valueSet</c> or <c>values</c>, <c>instruction</c>,
/// <c>exclude</c> (item ids held out of the comparison, i.e. the optimisation's own prompts),
/// <c>prompts</c> (N), <c>maxResponseTokens</c>.
/// </summary>
public sealed class ConformityMethod(ValueSystemCatalog systems, ValueSetCatalog sets) : IEvaluationMethod
{
    public const string MethodId = "value-conformity";

    public string Id => MethodId;

    public string DisplayName => "Value conformity: Raw vs Value Prompt vs optimised instruction";

    public ParameterSchema Parameters { get; } = new(MethodId,
    [
        MethodParameter.Choice("valueSet", [.. sets.All.Select(s => s.Id)], PicacoParameters.DefaultValueSet, "A named set of target values; clear it to give 'values' instead.") with { Preset = true },
        MethodParameter.Text("values", null, "Target values as SYSTEM:dim,dim, instead of a named set."),
        MethodParameter.Text("instruction", "", "The optimised instruction to compare against the raw model and the value prompt.") with { Preset = true, Required = true },
        MethodParameter.IntegerList("exclude", "Item ids not to use (the prompts the optimisation saw), e.g. 12, 15."),
        MethodParameter.Integer("prompts", 1, null, 20, "Held-out prompts drawn (with the seed) from the selected items.") with { Preset = true },
        MethodParameter.Integer("maxResponseTokens", 1, null, 128, "Longest response, in tokens."),
    ]);

    public IReadOnlySet<ItemKind> ItemKinds { get; } = Enum.GetValues<ItemKind>().ToHashSet();

    public MethodNeeds Needs(EvalSettings settings) => new(ModelCapabilities.Generation, DigitSlotNeeds.Capabilities);

    public IReadOnlyList<EvalUnit> Plan(IReadOnlyList<BenchmarkItem> items, EvalSettings settings)
    {
        var (_, _, exclude, prompts, _) = Read(settings);
        var kept = items.Where(i => !exclude.Contains(i.Id)).ToList();
        if (kept.Count == 0) throw new ArgumentException("Every selected item is excluded (used by the optimisation); select held-out prompts.");
        return PromptSelection.Choose(kept, prompts, settings.Seed)
            .SelectMany(item => ConformityCondition.All.Select(c => new EvalUnit(item, c)))
            .ToList();
    }

    public async Task<EvalUnitOutcome> RunAsync(EvalUnit unit, EvalContext context, CancellationToken cancellationToken)
    {
        var (values, instruction, _, _, maxTokens) = Read(context.Settings);
        var request = PromptSelection.ToPrompt(unit.Item, systems).Text;
        var prompt = SteeringPrompt.Compose(ConformityCondition.Prefix(unit.UnitKey, values, instruction), request);
        var response = await TextSampler.SampleAsync(context.Model, prompt, GenerationOptions.Greedy(maxTokens) with { StopStrings = SteeringPrompt.StopStrings }, cancellationToken).ConfigureAwait(false);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        const string rating = "{\"rating\": 3}";
        foreach (var value in values)
        {
            var read = await new DigitSlotReader(context.Judge, 1, 5).ReadAsync(ConformityCondition.RatingPrompt(value, request, response), rating, [rating.IndexOf('3', StringComparison.Ordinal)], cancellationToken).ConfigureAwait(false);
            scores[ScoreKey(value)] = read[0].LogProbs is { } logProbs
                ? ConformityRating.Expectation(logProbs)
                : throw new OptimisationException($"The judge's rating slot could not be read: {read[0].Error}");
        }
        scores["mean"] = scores.Values.Average();
        return new EvalUnitOutcome(prompt, response, null, scores);
    }

    public RunReport Summarize(EvalSummaryInput input)
    {
        var (values, instruction, _, _, _) = Read(EvalParameters.Of(input.Run));
        var ok = input.Results.Where(r => r.Error is null).ToList();
        var byCondition = ConformityCondition.All.ToDictionary(c => c, c => ok.Where(r => r.UnitKey == c).Select(r => EvalScores.Parse(r.ScoresJson)).ToList());
        var metrics = new List<ReportMetric>();
        foreach (var condition in ConformityCondition.All)
        {
            var interval = MeanInterval.Of(byCondition[condition].Where(s => s.ContainsKey("mean")).Select(s => s["mean"]));
            metrics.Add(new ReportMetric("mean-" + condition, $"Mean conformity (1–5), {ConformityCondition.Label(condition)}", interval.Mean, interval.Lower, interval.Upper, interval.N));
        }
        metrics.Add(new ReportMetric("failed", "Units that failed", input.Results.Count - ok.Count));
        var intervals = ConformityCondition.All.ToDictionary(c => c,
            c => values.Select(v => MeanInterval.Of(byCondition[c].Where(s => s.ContainsKey(ScoreKey(v))).Select(s => s[ScoreKey(v)]))).ToList());
        var chart = new ReportChart("conformity", "Judge's conformity (1–5) per value, mean with 95% interval", ReportChartKind.Bars,
            values.Select(v => v.Name).ToList(),
            ConformityCondition.All.Select(c => new ReportSeries(ConformityCondition.Label(c),
                intervals[c].Select(i => i.Mean).ToList(), intervals[c].Select(i => i.Lower).ToList(), intervals[c].Select(i => i.Upper).ToList())).ToList(),
            "Value", "Conformity", 1, 5);
        var table = new ReportTable("conformity", "Conformity per value and condition (mean [95% interval], n prompts)",
            ["Value", .. ConformityCondition.All.Select(ConformityCondition.Label)],
            values.Select((v, k) => (IReadOnlyList<string>)[v.Name, .. ConformityCondition.All.Select(c => Cell(intervals[c][k]))]).ToList());
        var setup = new ReportTable("setup", "Conditions", ["Condition", "Text put before each held-out prompt"],
            ConformityCondition.All.Select(c => (IReadOnlyList<string>)[ConformityCondition.Label(c), ConformityCondition.Prefix(c, values, instruction) ?? "(nothing)"]).ToList());
        return new RunReport(MethodId, metrics, [chart], [table, setup]);
    }

    private static string ScoreKey(TargetValue value) => "v." + value.DimensionId;

    private static string Cell(MeanInterval i) =>
        i.Mean is { } m ? string.Create(CultureInfo.InvariantCulture, $"{m:0.00} [{i.Lower:0.00}, {i.Upper:0.00}] n={i.N}") : "";

    private (IReadOnlyList<TargetValue> Values, string Instruction, HashSet<long> Exclude, int? Prompts, int MaxTokens) Read(EvalSettings settings)
    {
        Parameters.Require(settings);
        var setId = settings.String("valueSet");
        var spec = settings.String("values");
        if ((setId is null) == (spec is null))
            throw new ArgumentException("Give the values as either 'valueSet' or 'values' (SYSTEM:dim,dim).");
        var values = setId is not null ? sets.Get(setId).Values : TargetValue.ParseList(systems, spec!);
        var instruction = settings.String("instruction");
        if (string.IsNullOrWhiteSpace(instruction)) throw new ArgumentException("Give the optimised 'instruction' to compare.");
        var exclude = new HashSet<long>();
        if (settings.Parameters.ValueKind == JsonValueKind.Object && settings.Parameters.TryGetProperty("exclude", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            exclude.UnionWith(list.EnumerateArray().Select(e => e.GetInt64()));
        }
        var prompts = settings.Number("prompts") is { } n ? (int)n : (int?)null;
        var maxTokens = settings.Number("maxResponseTokens") is { } t ? (int)t : 128;
        return (values, instruction.Trim(), exclude, prompts, maxTokens);
    }
}
