using System.Text.Json;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Parameters;
using ValueAlign.Core.Evaluation.Methods;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Methods.Structured;
using ValueAlign.Core.Values;

using ValueAlign.Core.Inference.Backends;

namespace ValueAlign.Core.Methods.Mova;

/// <summary>
/// MoVa classification of value-labelled texts (Touché23, Value FULCRA, MoVa CSV, MoralChoice
/// actions) over the dimensions of their value system.
/// <list type="bullet">
/// <item><c>all-at-once</c> (default): one prompt lists every dimension; a grammar fixes a JSON
/// object with one 0/1 digit per dimension in the system's order; at each slot the "0" and "1"
/// log-probabilities give p(1) = softmax over the two (<see cref="BinarySoftmax"/>).</item>
/// <item><c>one-by-one</c> (baseline): one binary prompt, hence one unit, per dimension.</item>
/// </list>
/// Parameters: <c>mode</c>, and <c>valueSystem</c> to choose the system when items carry labels of
/// several; without it each item's system is the catalogue system most of its labels are in, and
/// the selection must agree on one. Report: AUC and F1 at 0.5 per dimension against the labels
/// (<see cref="MovaTarget"/> for the gold rule), macro averages, confusion counts.
/// </summary>
public sealed class MovaMethod(ValueSystemCatalog catalog) : IEvaluationMethod
{
    public const string MethodId = "mova";
    public const string AllAtOnce = "all-at-once";
    public const string OneByOne = "one-by-one";

    /// <summary>Text slot cap under the stricter retry; MoVa objects have digits only.</summary>
    private const int StrictTextMaxLength = 24;

    public string Id => MethodId;

    /// <summary><c>mode</c> and the optional <c>valueSystem</c>, chosen out of the catalogue's systems.</summary>
    public ParameterSchema Parameters { get; } = new(MethodId,
    [
        MethodParameter.Choice("mode", [AllAtOnce, OneByOne], AllAtOnce,
            "all-at-once: one prompt rates every dimension (a digit a dimension); one-by-one: one binary prompt per dimension (baseline).") with { Preset = true },
        MethodParameter.Choice("valueSystem", [.. catalog.All.Select(s => s.Id)], null,
            "The value system to classify in when items carry labels of several; leave empty to use the one the selected items agree on."),
    ]);

    public string DisplayName => "MoVa all@once value classification";

    /// <summary>Guarded JSON generation whose digits are read as log-probs over the digit tokens.</summary>
    public MethodNeeds Needs(EvalSettings settings) => DigitSlotNeeds.Model;

    public IReadOnlySet<ItemKind> ItemKinds { get; } = new HashSet<ItemKind> { ItemKind.ValueLabelledText, ItemKind.MoralScenario };

    public IReadOnlyList<EvalUnit> Plan(IReadOnlyList<BenchmarkItem> items, EvalSettings settings)
    {
        var mode = Mode(settings);
        var system = ResolveSystem(items, settings);
        var dimensions = MovaDimensions.Of(system, items).Used;
        var used = string.Join(",", dimensions.Select(d => d.Id));
        var units = new List<EvalUnit>();
        foreach (var item in items.OrderBy(i => i.Id))
        {
            var targets = MovaTarget.Of(item, system);
            if (targets.Count == 0 || !item.Labels.Any(l => l.ValueSystemId == system.Id))
            {
                throw new ArgumentException($"Item {Name(item)} has no labels in value system '{system.Id}'; MoVa needs gold labels to score against.");
            }
            foreach (var target in targets)
            {
                _ = MovaTarget.Text(item, target); // a target naming no action is a planning error, not a unit failure
                if (mode == AllAtOnce)
                {
                    units.Add(new EvalUnit(item, target, Payload(system.Id, target, null, used)));
                }
                else
                {
                    units.AddRange(dimensions.Select(d => new EvalUnit(item, target + "/" + d.Id, Payload(system.Id, target, d.Id, used))));
                }
            }
        }
        return units;
    }

    public async Task<EvalUnitOutcome> RunAsync(EvalUnit unit, EvalContext context, CancellationToken cancellationToken)
    {
        var (systemId, target, dimensionId, usedIds) = ReadPayload(unit);
        var system = catalog.Get(systemId);
        var text = MovaTarget.Text(unit.Item, target);
        var used = usedIds is null ? system.Dimensions : usedIds.Select(id => Dimension(system, id)).ToList();
        var dimensions = dimensionId is null ? used : [Dimension(system, dimensionId)];
        var prompt = dimensionId is null ? MovaPrompts.AllAtOnce(system.Name, used, text) : MovaPrompts.OneByOne(system, dimensions[0], text);
        var fields = dimensions.Select(d => new JsonField(d.Id, JsonFieldType.Binary)).ToArray();

        var generator = new GuardedJsonGenerator(context.Model, GenerationOptions.Greedy(), StrictTextMaxLength);
        var generated = await generator.GenerateAsync("mova", prompt, fields, cancellationToken).ConfigureAwait(false);
        if (generated.Values is null)
        {
            return GuardedOutcome.Failed(generated);
        }
        var slots = await DigitSlots.ReadAsync(context.Model, 0, 1, generated.Prompt, generated.RawOutput, fields.Select(f => f.Name).ToArray(), cancellationToken).ConfigureAwait(false);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        var fallbacks = 0;
        var gold = MovaTarget.Gold(unit.Item, system, target, used);
        var correct = true;
        for (var i = 0; i < fields.Length; i++)
        {
            var digit = generated.Values[fields[i].Name].GetInt32();
            double p;
            if (slots[i].LogProbs is { } logProbs)
            {
                p = BinarySoftmax.ProbabilityOfOne(logProbs[0], logProbs[1]);
            }
            else
            {
                // The slot could not be aligned with single "0"/"1" tokens: the generated digit stands in (counted).
                p = digit;
                fallbacks++;
            }
            scores[ScoreKey(fields[i].Name)] = p;
            var slot = used.ToList().FindIndex(d => d.Id == fields[i].Name);
            correct &= (p >= 0.5) == gold[slot];
        }
        scores["fallback_slots"] = fallbacks;
        var parsed = "{" + string.Join(", ", fields.Select(f => $"\"{f.Name}\": {generated.Values[f.Name].GetInt32()}")) + "}";
        return new EvalUnitOutcome(generated.Prompt, GuardedOutcome.Raw(generated), parsed, scores, correct);
    }

    public RunReport Summarize(EvalSummaryInput input)
    {
        var settings = EvalParameters.Of(input.Run);
        var system = ResolveSystem(input.Items.Values.ToList(), settings);
        var selection = MovaDimensions.Of(system, input.Items.Values);
        var used = selection.Used;
        var rows = new List<IReadOnlyList<double>>();
        var labels = new List<IReadOnlyList<bool>>();
        var failed = 0;
        foreach (var group in input.Results.GroupBy(r => (r.ItemId, Target: r.UnitKey.Split('/')[0])).OrderBy(g => g.Key.ItemId).ThenBy(g => g.Key.Target, StringComparer.Ordinal))
        {
            var scores = group.Where(r => r.Error is null)
                .SelectMany(r => EvalScores.Parse(r.ScoresJson))
                .GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
            var row = used.Select(d => scores.TryGetValue(ScoreKey(d.Id), out var p) ? p : double.NaN).ToList();
            if (row.Any(double.IsNaN) || !input.Items.TryGetValue(group.Key.ItemId, out var item))
            {
                failed++;
                continue;
            }
            rows.Add(row);
            labels.Add(MovaTarget.Gold(item, system, group.Key.Target, used));
        }

        var metrics = new List<ReportMetric>
        {
            new("texts", "Texts scored", rows.Count),
            new("failed-texts", "Texts with a failed unit", failed),
            new("dimensions", "Dimensions classified", used.Count, N: system.Dimensions.Count),
        };
        var tables = new List<ReportTable>();
        var charts = new List<ReportChart>();
        if (rows.Count > 0)
        {
            var evaluation = MovaEvaluation.Of(used.Select(d => d.Name).ToList(), rows, labels);
            metrics.Add(Macro("macro-auc", "Macro AUC", evaluation.MacroAuc));
            metrics.Add(Macro("macro-f1", "Macro F1 (threshold 0.5)", evaluation.MacroF1));
            metrics.Add(Macro("macro-precision", "Macro precision", evaluation.MacroPrecision));
            metrics.Add(Macro("macro-recall", "Macro recall", evaluation.MacroRecall));
            charts.Add(new ReportChart("dimension-metrics", $"AUC and F1 per dimension ({system.Name})", ReportChartKind.Bars,
                evaluation.PerDimension.Select(m => m.Dimension).ToList(),
                [
                    new ReportSeries("AUC", evaluation.PerDimension.Select(m => ReportNumbers.Finite(m.Auc)).ToList()),
                    new ReportSeries("F1", evaluation.PerDimension.Select(m => ReportNumbers.Finite(m.F1)).ToList()),
                ],
                XTitle: "Dimension", YTitle: "Score", Minimum: 0, Maximum: 1));
            tables.Add(new ReportTable("dimensions", "Per dimension: confusion counts at 0.5, precision, recall, F1, AUC",
                ["Dimension", "Texts", "Positives", "TP", "FP", "FN", "TN", "Precision", "Recall", "F1", "AUC"],
                evaluation.PerDimension.Select(m => (IReadOnlyList<string>)
                [
                    m.Dimension, ReportNumbers.Cell(m.Texts), ReportNumbers.Cell(m.Positives),
                    ReportNumbers.Cell(m.Confusion.TruePositives), ReportNumbers.Cell(m.Confusion.FalsePositives),
                    ReportNumbers.Cell(m.Confusion.FalseNegatives), ReportNumbers.Cell(m.Confusion.TrueNegatives),
                    ReportNumbers.Cell(m.Precision), ReportNumbers.Cell(m.Recall), ReportNumbers.Cell(m.F1), ReportNumbers.Cell(m.Auc),
                ]).ToList()));
        }
        tables.Add(GroundingTable.For(system, ("Mode", Mode(settings)),
            ("Dimensions", string.Join(", ", used.Select(d => d.Name))),
            ("Dimensions left out", selection.LeftOutNote),
            ("Gold rule", "a dimension is involved when |label| > 0.5; unlabelled dimensions are not involved")));
        return new RunReport(MethodId, metrics, charts, tables);
    }

    public static string ScoreKey(string dimensionId) => "p." + dimensionId;

    private static ReportMetric Macro(string key, string label, Runs.Metrics.MacroAverage average) =>
        new(key, label, ReportNumbers.Finite(average.Value), N: average.Dimensions);

    private string Mode(EvalSettings settings)
    {
        Parameters.Require(settings);
        return settings.String("mode") ?? AllAtOnce;
    }

    /// <summary>The one value system of the run: the <c>valueSystem</c> parameter, or the one the selected items' labels agree on.</summary>
    private ValueSystem ResolveSystem(IReadOnlyList<BenchmarkItem> items, EvalSettings settings)
    {
        if (items.Count == 0)
        {
            throw new ArgumentException("MoVa needs at least one value-labelled item.");
        }
        var wrongKind = items.FirstOrDefault(i => !ItemKinds.Contains(i.Kind));
        if (wrongKind is not null)
        {
            throw new ArgumentException($"Item {Name(wrongKind)} is a {wrongKind.Kind}; MoVa classifies value-labelled texts and moral scenarios only.");
        }
        if (settings.String("valueSystem") is { } requested)
        {
            return catalog.Find(requested) ?? throw new ArgumentException($"No value system '{requested}'. Known: {string.Join(", ", catalog.All.Select(s => s.Id))}.");
        }
        var systems = items.Select(i => (Item: i, System: PrimarySystem(i))).ToList();
        var unlabelled = systems.FirstOrDefault(s => s.System is null);
        if (unlabelled.Item is not null)
        {
            throw new ArgumentException($"Item {Name(unlabelled.Item)} has no labels in any value system of the catalogue; MoVa needs gold labels.");
        }
        var distinct = systems.Select(s => s.System!.Id).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count > 1)
        {
            throw new ArgumentException($"The selected items are labelled in several value systems ({string.Join(", ", distinct)}); choose one with the valueSystem parameter or narrow the selection.");
        }
        return systems[0].System!;
    }

    /// <summary>The catalogue system holding most of the item's labels (ties: catalogue order).</summary>
    private ValueSystem? PrimarySystem(BenchmarkItem item) =>
        catalog.All
            .Select((s, order) => (System: s, Order: order, Count: item.Labels.Count(l => l.ValueSystemId == s.Id)))
            .Where(x => x.Count > 0)
            .OrderByDescending(x => x.Count).ThenBy(x => x.Order)
            .Select(x => x.System)
            .FirstOrDefault();

    private static string Name(BenchmarkItem item) => $"{item.Benchmark}/{item.ExternalId}";

    private static ValueDimension Dimension(ValueSystem system, string id) =>
        system.FindDimensionById(id) ?? throw new ArgumentException($"No dimension '{id}' in '{system.Id}'.");

    private static string Payload(string system, string target, string? dimension, string used) =>
        JsonSerializer.Serialize(new Dictionary<string, string?> { ["system"] = system, ["target"] = target, ["dimension"] = dimension, ["dimensions"] = used });

    /// <summary>The unit's system, target, dimension (1-by-1) and the run's classified dimensions (null in payloads written before they were stored: all of the system's).</summary>
    private static (string System, string Target, string? Dimension, IReadOnlyList<string>? Used) ReadPayload(EvalUnit unit)
    {
        var values = unit.Payload is null ? null : JsonSerializer.Deserialize<Dictionary<string, string?>>(unit.Payload);
        if (values?.GetValueOrDefault("system") is not { } system || values.GetValueOrDefault("target") is not { } target)
        {
            throw new ArgumentException($"MoVa unit {unit.UnitKey} of item {Name(unit.Item)} has no plan payload; plan the run first.");
        }
        return (system, target, values.GetValueOrDefault("dimension"), values.GetValueOrDefault("dimensions")?.Split(',', StringSplitOptions.RemoveEmptyEntries));
    }
}
