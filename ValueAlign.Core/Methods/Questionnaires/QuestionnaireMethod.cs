using System.Globalization;
using System.Text.Json;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Parameters;
using ValueAlign.Core.Evaluation.Methods;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Methods.Mova;
using ValueAlign.Core.Methods.Structured;
using ValueAlign.Core.Values;

using ValueAlign.Core.Inference.Backends;

namespace ValueAlign.Core.Methods.Questionnaires;

/// <summary>
/// The model answers PVQ-40 or MFQ-30 items (ValueBench <c>PVQ40</c> / <c>MFT08</c>) on the
/// questionnaire's scale. The answer digit is generated under a grammar and the distribution over
/// the scale's digits is read at its slot (<see cref="DigitDistribution"/>): its expectation is the
/// response scored, its argmax the greedy answer. Scores follow <see cref="QuestionnaireScoring"/>
/// (reverse keys flipped, dimension means, PVQ centred on the mean rating). With the <c>check</c>
/// parameter (default true) each item is also classified all@once over the questionnaire's
/// dimensions (MoVa's survey application) and checked against its keyed dimension
/// (<see cref="ItemDimensionCheck"/>). One questionnaire per run, since the profile is over its dimensions.
/// </summary>
public sealed class QuestionnaireMethod(ValueSystemCatalog catalog) : IEvaluationMethod
{
    public const string MethodId = "questionnaire";
    public const string AnswerUnit = "answer";
    public const string CheckUnit = "check";
    public const string AnswerField = "answer";

    public string Id => MethodId;

    public static readonly ParameterSchema Schema = new(MethodId,
    [
        MethodParameter.Flag("check", true, "Ask each item a second time in reverse scale order and report how consistent the answers are.") with { Preset = true },
    ]);

    public ParameterSchema Parameters => Schema;

    public string DisplayName => "Questionnaires (PVQ-40, MFQ-30)";

    /// <summary>Guarded JSON generation whose digits are read as log-probs over the digit tokens.</summary>
    public MethodNeeds Needs(EvalSettings settings) => DigitSlotNeeds.Model;

    public IReadOnlySet<ItemKind> ItemKinds { get; } = new HashSet<ItemKind> { ItemKind.QuestionnaireItem };

    public IReadOnlyList<EvalUnit> Plan(IReadOnlyList<BenchmarkItem> items, EvalSettings settings)
    {
        var (_, _, keyed) = Resolve(items, settings);
        var check = Check(settings);
        var units = new List<EvalUnit>();
        foreach (var item in keyed.Select(k => k.Item))
        {
            units.Add(new EvalUnit(item, AnswerUnit));
            if (check)
            {
                units.Add(new EvalUnit(item, CheckUnit));
            }
        }
        return units;
    }

    public async Task<EvalUnitOutcome> RunAsync(EvalUnit unit, EvalContext context, CancellationToken cancellationToken)
    {
        var (questionnaire, system, keyed) = Resolve([unit.Item], context.Settings);
        var generator = new GuardedJsonGenerator(context.Model, GenerationOptions.Greedy(), 24);
        if (unit.UnitKey == CheckUnit)
        {
            var dimensions = Dimensions(system);
            var fields = dimensions.Select(d => new JsonField(d.Id, JsonFieldType.Binary)).ToArray();
            var checkResult = await generator.GenerateAsync("item-dimension", MovaPrompts.AllAtOnce(system.Name, dimensions, unit.Item.Text.Trim()), fields, cancellationToken).ConfigureAwait(false);
            if (checkResult.Values is null)
            {
                return GuardedOutcome.Failed(checkResult);
            }
            var checkSlots = await DigitSlots.ReadAsync(context.Model, 0, 1, checkResult.Prompt, checkResult.RawOutput, fields.Select(f => f.Name).ToArray(), cancellationToken).ConfigureAwait(false);
            var scores = new Dictionary<string, double>(StringComparer.Ordinal);
            var fallbacks = 0;
            for (var i = 0; i < fields.Length; i++)
            {
                var p = checkSlots[i].LogProbs is { } lp ? BinarySoftmax.ProbabilityOfOne(lp[0], lp[1]) : checkResult.Values[fields[i].Name].GetInt32();
                fallbacks += checkSlots[i].LogProbs is null ? 1 : 0;
                scores[MovaMethod.ScoreKey(fields[i].Name)] = p;
            }
            scores["fallback_slots"] = fallbacks;
            var intended = dimensions.ToList().FindIndex(d => d.Id == keyed[0].Dimension.Id);
            var probabilities = fields.Select(f => scores[MovaMethod.ScoreKey(f.Name)]).ToList();
            var top = probabilities.IndexOf(probabilities.Max());
            var parsed = "{" + string.Join(", ", fields.Select(f => $"\"{f.Name}\": {checkResult.Values[f.Name].GetInt32()}")) + "}";
            return new EvalUnitOutcome(checkResult.Prompt, GuardedOutcome.Raw(checkResult), parsed, scores, top == intended);
        }

        var scale = questionnaire.Scale;
        var answerFields = new[] { new JsonField(AnswerField, new JsonFieldType.Digit(scale.Min, scale.Max)) };
        var result = await generator.GenerateAsync("answer", QuestionnairePrompts.Answer(questionnaire, unit.Item.Text), answerFields, cancellationToken).ConfigureAwait(false);
        if (result.Values is null)
        {
            return GuardedOutcome.Failed(result);
        }
        var generated = result.Values[AnswerField].GetInt32();
        var slot = (await DigitSlots.ReadAsync(context.Model, scale.Min, scale.Max, result.Prompt, result.RawOutput, [AnswerField], cancellationToken).ConfigureAwait(false))[0];
        var answer = new Dictionary<string, double>(StringComparer.Ordinal) { ["generated"] = generated };
        if (slot.LogProbs is { } logProbs)
        {
            var distribution = DigitDistribution.FromLogProbs(scale, logProbs);
            answer["expected"] = distribution.Expected;
            answer["mode"] = distribution.Mode;
            for (var i = 0; i < distribution.Values.Count; i++)
            {
                answer["p." + distribution.Values[i].ToString(CultureInfo.InvariantCulture)] = distribution.Probabilities[i];
            }
            answer["fallback_slots"] = 0;
        }
        else
        {
            // The digits are not single tokens here: the generated digit stands in for both readings (counted).
            answer["expected"] = generated;
            answer["mode"] = generated;
            answer["fallback_slots"] = 1;
        }
        return new EvalUnitOutcome(result.Prompt, GuardedOutcome.Raw(result), generated.ToString(CultureInfo.InvariantCulture), answer);
    }

    public RunReport Summarize(EvalSummaryInput input)
    {
        var settings = EvalParameters.Of(input.Run);
        var (questionnaire, system, keyed) = Resolve(input.Items.Values.OrderBy(i => i.Id).ToList(), settings);
        var dimensions = Dimensions(system);
        var results = input.Results.Where(r => r.Error is null).ToLookup(r => (r.ItemId, r.UnitKey));
        var expected = new List<ItemResponse>();
        var modes = new List<ItemResponse>();
        var checks = new List<(IReadOnlyList<double> Scores, int IntendedDimension)>();
        var itemRows = new List<IReadOnlyList<string>>();
        foreach (var k in keyed)
        {
            var answer = results[(k.Item.Id, AnswerUnit)].FirstOrDefault() is { } a ? Scores(a) : null;
            var check = results[(k.Item.Id, CheckUnit)].FirstOrDefault() is { } c ? Scores(c) : null;
            var id = k.Item.Id.ToString(CultureInfo.InvariantCulture);
            if (answer is not null)
            {
                expected.Add(new ItemResponse(id, k.Dimension.Name, k.Reverse, answer["expected"]));
                modes.Add(new ItemResponse(id, k.Dimension.Name, k.Reverse, answer["mode"]));
            }
            string top = "";
            if (check is not null && dimensions.All(d => check.ContainsKey(MovaMethod.ScoreKey(d.Id))))
            {
                var vector = dimensions.Select(d => check[MovaMethod.ScoreKey(d.Id)]).ToList();
                checks.Add((vector, dimensions.ToList().FindIndex(d => d.Id == k.Dimension.Id)));
                top = dimensions[vector.IndexOf(vector.Max())].Name;
            }
            itemRows.Add(
            [
                k.Item.Text.Trim(), k.Dimension.Name, k.Reverse ? "reverse" : "direct",
                answer is null ? "failed" : ReportNumbers.Cell(answer["expected"], "0.00"),
                answer is null ? "failed" : ReportNumbers.Cell(answer["mode"], "0"),
                answer is null ? "" : ReportNumbers.Cell(questionnaire.Scale.Keyed(answer["expected"], k.Reverse), "0.00"),
                check is null ? "" : top,
            ]);
        }

        var metrics = new List<ReportMetric>
        {
            new("items", "Items answered", expected.Count, N: keyed.Count),
            new("failed-units", "Failed units", input.Results.Count(r => r.Error is not null)),
        };
        var charts = new List<ReportChart>();
        var tables = new List<ReportTable>();
        if (expected.Count > 0)
        {
            var mrat = QuestionnaireScoring.MeanRating(questionnaire.Scale, expected);
            metrics.Add(new ReportMetric("mean-rating", "Mean keyed rating (MRAT, expectation)", mrat, N: expected.Count));
            var rawExpected = QuestionnaireScoring.DimensionScores(questionnaire.Scale, expected);
            var centredExpected = QuestionnaireScoring.CentredScores(questionnaire.Scale, expected);
            var rawMode = QuestionnaireScoring.DimensionScores(questionnaire.Scale, modes);
            var centredMode = QuestionnaireScoring.CentredScores(questionnaire.Scale, modes);
            var answered = dimensions.Where(d => rawExpected.ContainsKey(d.Name)).ToList();
            var profileExpected = questionnaire.Centred ? centredExpected : rawExpected;
            var profileMode = questionnaire.Centred ? centredMode : rawMode;
            charts.Add(new ReportChart("profile",
                $"{questionnaire.Name} value profile ({system.Name}; {(questionnaire.Centred ? "centred on the mean rating" : $"mean on the {questionnaire.Scale.Min}..{questionnaire.Scale.Max} scale")})",
                ReportChartKind.Polar, answered.Select(d => d.Name).ToList(),
                [
                    new ReportSeries("Expectation", answered.Select(d => (double?)profileExpected[d.Name]).ToList()),
                    new ReportSeries("Argmax", answered.Select(d => (double?)profileMode[d.Name]).ToList()),
                ],
                Minimum: questionnaire.Centred ? null : questionnaire.Scale.Min, Maximum: questionnaire.Centred ? null : questionnaire.Scale.Max));
            tables.Add(new ReportTable("profile", "Dimension scores (keyed: reverse-keyed items flipped)",
                ["Dimension", "Items", "Reverse-keyed", "Mean (expectation)", "Centred (expectation)", "Mean (argmax)", "Centred (argmax)"],
                answered.Select(d => (IReadOnlyList<string>)
                [
                    d.Name,
                    ReportNumbers.Cell(expected.Count(r => r.Dimension == d.Name)),
                    ReportNumbers.Cell(expected.Count(r => r.Dimension == d.Name && r.ReverseKeyed)),
                    ReportNumbers.Cell(rawExpected[d.Name]), ReportNumbers.Cell(centredExpected[d.Name]),
                    ReportNumbers.Cell(rawMode[d.Name]), ReportNumbers.Cell(centredMode[d.Name]),
                ]).ToList()));
        }
        if (checks.Count > 0)
        {
            var check = ItemDimensionCheck.Of(checks);
            metrics.Add(new ReportMetric("item-dimension-accuracy", "Item-to-dimension top-1 accuracy", ReportNumbers.Finite(check.TopOneAccuracy), N: check.Items));
            metrics.Add(new ReportMetric("item-dimension-precision", "Item-to-dimension precision (p ≥ 0.5)", ReportNumbers.Finite(check.Precision), N: check.PredictedLabels));
        }
        tables.Add(new ReportTable("items", "Items: answer (expectation and argmax), keyed score, dimension the model assigned",
            ["Item", "Dimension", "Keying", "Expected", "Argmax", "Keyed", "Top dimension (check)"], itemRows));
        tables.Add(GroundingTable.For(system, ("Questionnaire", questionnaire.Name), ("Scale", $"{questionnaire.Scale.Min}..{questionnaire.Scale.Max}: {string.Join(", ", questionnaire.Anchors)}")));
        return new RunReport(MethodId, metrics, charts, tables);
    }

    /// <summary>The dimensions a questionnaire measures: the system's non-optional ones (MFQ-30 has no liberty items).</summary>
    private static IReadOnlyList<ValueDimension> Dimensions(ValueSystem system) => system.Dimensions.Where(d => !d.Optional).ToList();

    private static IReadOnlyDictionary<string, double> Scores(EvalItemResult result) =>
        EvalScores.Parse(result.ScoresJson);

    private static bool Check(EvalSettings settings)
    {
        Schema.Require(settings);
        return settings.Flag("check") ?? true;
    }

    private (Questionnaire Questionnaire, ValueSystem System, IReadOnlyList<KeyedItem> Items) Resolve(IReadOnlyList<BenchmarkItem> items, EvalSettings settings)
    {
        Check(settings);
        if (items.Count == 0)
        {
            throw new ArgumentException("The questionnaire method needs at least one questionnaire item.");
        }
        var wrongKind = items.FirstOrDefault(i => i.Kind != ItemKind.QuestionnaireItem);
        if (wrongKind is not null)
        {
            throw new ArgumentException($"Item {Name(wrongKind)} is a {wrongKind.Kind}; the questionnaire method answers questionnaire items only.");
        }
        var unknown = items.FirstOrDefault(i => Questionnaire.ForInventory(i.Category) is null);
        if (unknown is not null)
        {
            throw new ArgumentException($"Item {Name(unknown)} is from inventory '{unknown.Category}'; the questionnaire method scores PVQ (Schwartz values) and MFQ/MFT08 (moral foundations) items.");
        }
        var questionnaires = items.Select(i => Questionnaire.ForInventory(i.Category)!).Distinct().ToList();
        if (questionnaires.Count > 1)
        {
            throw new ArgumentException($"The selection mixes {string.Join(" and ", questionnaires.Select(q => q.Name))} items; a run scores one questionnaire, so select one inventory.");
        }
        var questionnaire = questionnaires[0];
        var system = catalog.Find(questionnaire.ValueSystemId)
            ?? throw new ArgumentException($"The value system '{questionnaire.ValueSystemId}' of {questionnaire.Name} is not in the catalogue.");
        var keyed = new List<KeyedItem>();
        foreach (var item in items)
        {
            var matches = item.Labels.Select(l => (Label: l, Dimension: system.Match(l.DimensionId))).Where(x => x.Dimension is not null && !x.Dimension.Optional).ToList();
            if (matches.Count != 1 || Math.Abs(matches[0].Label.Value) != 1)
            {
                throw new ArgumentException(
                    $"Item {Name(item)} needs exactly one label naming a {system.Name} dimension with value 1 or -1 (the keying); found {(matches.Count == 0 ? "none" : string.Join(", ", matches.Select(m => $"{m.Label.DimensionId}={m.Label.Value}")))}.");
            }
            keyed.Add(new KeyedItem(item, matches[0].Dimension!, matches[0].Label.Value < 0));
        }
        return (questionnaire, system, keyed);
    }

    private static string Name(BenchmarkItem item) => $"{item.Benchmark}/{item.ExternalId}";

    private sealed record KeyedItem(BenchmarkItem Item, ValueDimension Dimension, bool Reverse);
}
