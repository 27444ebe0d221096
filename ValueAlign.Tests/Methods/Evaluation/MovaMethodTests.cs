using System.Text.RegularExpressions;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Methods;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Methods.Mova;
using ValueAlign.Tests.Methods.Couple;
using ValueAlign.Tests.Values;

namespace ValueAlign.Tests.Methods.Evaluation;

/// <summary>
/// MoVa over moral foundations with a scripted model whose p(1) per (text, dimension) is chosen by
/// the test. Expected numbers by hand:
/// care   p = 0.9, 0.6, 0.4, 0.1 for gold 1, 0, 1, 0 → AUC 3/4 = 0.75; at 0.5: TP 1, FP 1, FN 1, TN 1 → F1 0.5.
/// loyalty p = 0.8, 0.7, 0.2, 0.7 for gold 1, 1, 0, 0 → AUC (1 + 1 + 1 + ½)/4 = 0.875; TP 2, FP 1, FN 0 → F1 4/5 = 0.8.
/// sanctity p = 0.3 everywhere, gold only T4 (FULCRA-style −1 counts as involved) → AUC ½ (all ties); TP 0, FN 1 → F1 0.
/// Every other dimension: p = 0.3 and no positive → AUC and F1 undefined, left out of the macro averages.
/// Macro AUC (0.75 + 0.875 + 0.5)/3 = 0.708333…, macro F1 (0.5 + 0.8 + 0)/3 = 0.433333….
/// </summary>
public sealed partial class MovaMethodTests
{
    private static readonly MovaMethod Method = new(ValueSystemFiles.Shipped);

    private static readonly Dictionary<(string Text, string Dimension), double> P = new()
    {
        [("T1", "care")] = 0.9, [("T2", "care")] = 0.6, [("T3", "care")] = 0.4, [("T4", "care")] = 0.1,
        [("T1", "loyalty")] = 0.8, [("T2", "loyalty")] = 0.7, [("T3", "loyalty")] = 0.2, [("T4", "loyalty")] = 0.7,
    };

    internal static BenchmarkItem Item(long id, string text, ItemKind kind = ItemKind.ValueLabelledText, string system = "moral-foundations", params (string Dimension, double Value)[] labels) => new()
    {
        Id = id, Benchmark = "test", ExternalId = text, Kind = kind, Text = text,
        Labels = [.. labels.Select(l => new ItemLabel { ValueSystemId = system, DimensionId = l.Dimension, Value = l.Value })],
    };

    private static List<BenchmarkItem> Items() =>
    [
        Item(1, "T1", labels: [("care", 1), ("loyalty", 1)]),
        Item(2, "T2", labels: [("care", 0), ("loyalty", 1)]),
        Item(3, "T3", labels: [("care", 1), ("loyalty", 0)]),
        // FULCRA-style −1 (the text goes against the value) is involvement too; 0 is not.
        Item(4, "T4", labels: [("care", 0), ("sanctity", -1)]),
    ];

    private static double Probability(string textSoFar)
    {
        var text = TextTag().Match(textSoFar).Groups[1].Value;
        var dimension = SlotTail().Match(textSoFar).Groups[1].Value;
        return P.GetValueOrDefault((text, dimension), 0.3);
    }

    /// <summary>Answers with the digit the scripted probability implies, in the grammar's layout.</summary>
    internal static ScriptedLanguageModel Model(Func<string, double> probability) => new((prompt, options) =>
    {
        var text = TextTag().Match(prompt).Groups[1].Value;
        return "{" + string.Join(", ", EvalHarness.GrammarFields(options.Grammar).Select(f => $"\"{f}\": {(probability($"<text>\n{text}\n</text> \"{f}\": ") >= 0.5 ? 1 : 0)}")) + "}";
    })
    {
        LogProbsAfter = (textSoFar, candidates) =>
        {
            Assert.Equal(2, candidates);
            var p = probability(textSoFar);
            return [Math.Log(1 - p), Math.Log(p)];
        },
    };

    [Fact]
    public async Task All_at_once_scores_every_dimension_from_one_prompt_and_reports_hand_computed_auc_and_f1()
    {
        var model = Model(Probability);
        var run = await EvalHarness.RunAsync(Method, Items(), model);

        Assert.Equal(4, run.Units.Count);
        Assert.All(run.Units, u => Assert.Equal(MovaTarget.Whole, u.UnitKey));
        Assert.Equal(4, model.Completions.Count);
        Assert.All(run.Outcomes, o => Assert.Null(o.Error));
        Assert.Equal(0.9, run.Outcomes[0].Scores["p.care"], 12);
        // No item is labelled in the optional liberty foundation: it is not asked.
        Assert.Equal("{\"care\": 1, \"fairness\": 0, \"loyalty\": 1, \"authority\": 0, \"sanctity\": 0}", run.Outcomes[0].RawOutput);
        Assert.True(run.Outcomes[0].Correct); // T1: care and loyalty predicted and gold
        Assert.False(run.Outcomes[1].Correct); // T2: care predicted, gold 0

        var report = run.Report;
        Assert.Equal(2.125 / 3, report.Metric("macro-auc"), 12);
        Assert.Equal(1.3 / 3, report.Metric("macro-f1"), 12);
        Assert.Equal(3, report.Metrics.Single(m => m.Key == "macro-auc").N);
        Assert.Equal(4, report.Metric("texts"));
        var chart = report.Chart("dimension-metrics")!;
        Assert.Equal(ReportChartKind.Bars, chart.Kind);
        Assert.Equal(["Care/Harm", "Fairness/Cheating", "Loyalty/Betrayal", "Authority/Subversion", "Sanctity/Degradation"], chart.Categories);
        Assert.Equal([0.75, null, 0.875, null, 0.5], chart.Series.Single(s => s.Name == "AUC").Values);
        Assert.Equal([0.5, null, 0.8, null, 0], chart.Series.Single(s => s.Name == "F1").Values);
        Assert.Equal(5, report.Metric("dimensions"));
        Assert.Contains(["Dimensions left out", "Liberty/Oppression (optional; no selected item is labelled in it)"], report.Table(GroundingTable.Id).Rows);
        var care = report.Table("dimensions").Rows[0];
        Assert.Equal(["Care/Harm", "4", "2", "1", "1", "1", "1", "0.500", "0.500", "0.500", "0.750"], care);
        Assert.Contains(report.Table(GroundingTable.Id).Rows, r => r[0] == "Caveat");
    }

    [Fact]
    public async Task One_by_one_asks_one_prompt_per_dimension_and_gives_the_same_metrics()
    {
        var model = Model(Probability);
        var run = await EvalHarness.RunAsync(Method, Items(), model, """{"mode": "one-by-one"}""");

        Assert.Equal(4 * 5, run.Units.Count); // liberty left out: no item is labelled in it
        Assert.Equal("text/care", run.Units[0].UnitKey);
        Assert.Equal(20, model.Completions.Count);
        Assert.All(model.Completions, c => Assert.Single(EvalHarness.GrammarFields(c.Options.Grammar)));
        Assert.Equal(2.125 / 3, run.Report.Metric("macro-auc"), 12);
        Assert.Equal(1.3 / 3, run.Report.Metric("macro-f1"), 12);
    }

    [Fact]
    public async Task The_all_at_once_prompt_gives_every_dimension_with_its_catalogue_definition_and_keywords()
    {
        var model = Model(Probability);
        await EvalHarness.RunAsync(Method, Items(), model);

        var prompt = model.Completions[0].Prompt;
        Assert.StartsWith("You will read a text and decide whether it involves each of the 5 dimensions of Moral Foundations (5 + liberty): Care/Harm, Fairness/Cheating, Loyalty/Betrayal, Authority/Subversion, Sanctity/Degradation.\n", prompt, StringComparison.Ordinal);
        Assert.Contains("<definitions>\n- Care/Harm: Sensitivity to suffering; valuing kindness and protecting the vulnerable from harm.\n  keywords: kindness, compassion, suffering, cruelty, protection\n- Fairness/Cheating: ", prompt, StringComparison.Ordinal);
        Assert.Contains("- Sanctity/Degradation: ", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("Liberty", prompt, StringComparison.Ordinal);
        Assert.Contains("</definitions>\n<text>\nT1\n</text>\nAnswer as JSON with one 0/1 per dimension, in this order: care, fairness, loyalty, authority, sanctity\n", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_one_by_one_prompt_gives_the_whole_definition_and_keywords_of_its_dimension()
    {
        var model = Model(Probability);
        await EvalHarness.RunAsync(Method, Items(), model, """{"mode": "one-by-one"}""");

        var loyalty = model.Completions.Single(c => c.Prompt.Contains("<text>\nT2\n", StringComparison.Ordinal) && c.Prompt.Contains("dimension Loyalty/Betrayal", StringComparison.Ordinal)).Prompt;
        Assert.Contains("- Loyalty/Betrayal: Standing by one's group, family or nation and condemning those who betray it.\n  keywords: patriotism, solidarity, betrayal, in-group, self-sacrifice\n", loyalty, StringComparison.Ordinal);
        Assert.DoesNotContain("Care/Harm", loyalty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Liberty_is_classified_when_an_item_is_labelled_in_it()
    {
        var items = Items();
        items.Add(Item(5, "T5", labels: [("liberty", 1)]));
        var model = Model(Probability);

        var run = await EvalHarness.RunAsync(Method, items, model);

        Assert.Contains("\"liberty\": ", run.Outcomes[0].RawOutput, StringComparison.Ordinal);
        Assert.Contains("- Liberty/Oppression: ", model.Completions[0].Prompt, StringComparison.Ordinal);
        Assert.Equal(6, run.Report.Metric("dimensions"));
        Assert.Contains(["Dimensions left out", "none"], run.Report.Table(GroundingTable.Id).Rows);
    }

    [Fact]
    public async Task Moral_choice_actions_are_separate_texts_with_their_own_gold_labels()
    {
        var scenario = new BenchmarkItem
        {
            Id = 9, Benchmark = "moralchoice", ExternalId = "C1", Kind = ItemKind.MoralScenario, Text = "A shop.",
            OptionsJson = """["Tell the truth.","Lie."]""",
            Labels =
            [
                new ItemLabel { ValueSystemId = "gert-10", DimensionId = "do-not-deceive", Value = 0, Target = "action1" },
                new ItemLabel { ValueSystemId = "gert-10", DimensionId = "do-not-deceive", Value = 1, Target = "action2" },
                // MoralChoice names the rule "Do not break your promises"; the catalogue id differs.
                new ItemLabel { ValueSystemId = "gert-10", DimensionId = "do-not-break-your-promises", Value = 0.5, Target = "action2" },
            ],
        };
        var run = await EvalHarness.RunAsync(Method, [scenario], Model(s => s.Contains("Lie.", StringComparison.Ordinal) && s.EndsWith("\"do-not-deceive\": ", StringComparison.Ordinal) ? 0.8 : 0.2));

        Assert.Equal(["action1", "action2"], run.Units.Select(u => u.UnitKey));
        Assert.Contains("Action: Lie.", run.Outcomes[1].Prompt, StringComparison.Ordinal);
        var gold = MovaTarget.Gold(scenario, ValueSystemFiles.Shipped.Get("gert-10"), "action2");
        Assert.Equal(1, gold.Count(g => g)); // deceive; "No Agreement" (0.5) on promises is not a positive
        var deceive = run.Report.Table("dimensions").Rows.Single(r => r[0] == "Do not deceive");
        Assert.Equal("1.000", deceive[^1]); // AUC: the lie scored above the truth
    }

    [Fact]
    public async Task Malformed_output_is_retried_under_a_stricter_grammar_then_recorded_as_the_units_error()
    {
        var model = new ScriptedLanguageModel((_, _) => "I think care.");
        var run = await EvalHarness.RunAsync(Method, [Items()[0]], model);

        Assert.Equal(2, model.Completions.Count);
        Assert.Contains("Reply with exactly: {\"care\": 0,", model.Completions[1].Prompt, StringComparison.Ordinal);
        Assert.Equal(0, model.Completions[1].Options.Temperature);
        var outcome = Assert.Single(run.Outcomes);
        Assert.StartsWith("mova: malformed model output after a retry under a stricter grammar: no JSON object", outcome.Error, StringComparison.Ordinal);
        Assert.Contains(GuardedOutcome.RetryMarker, outcome.RawOutput, StringComparison.Ordinal);
        Assert.Empty(outcome.Scores);
        Assert.Equal(0, run.Report.Metric("texts"));
        Assert.Equal(1, run.Report.Metric("failed-texts"));
        Assert.Null(run.Report.Chart("dimension-metrics"));
    }

    [Fact]
    public async Task A_retry_that_succeeds_gives_scores_read_on_the_retry_prompt()
    {
        var calls = 0;
        var inner = Model(Probability);
        var model = new ScriptedLanguageModel((prompt, options) => ++calls == 1 ? "{\"care\": 7}" : "{\"care\": 1, \"fairness\": 0, \"loyalty\": 1, \"authority\": 0, \"sanctity\": 0, \"liberty\": 0}")
        {
            LogProbsAfter = inner.LogProbsAfter,
        };
        var outcome = (await EvalHarness.RunAsync(Method, [Items()[0]], model)).Outcomes[0];

        Assert.Null(outcome.Error);
        Assert.Contains("Previous answer was invalid", outcome.Prompt, StringComparison.Ordinal);
        Assert.Equal(0.8, outcome.Scores["p.loyalty"], 12);
    }

    [Fact]
    public async Task Cancellation_reaches_the_model_call()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var settings = EvalHarness.Settings();
        var unit = Method.Plan(Items(), settings)[0];
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Method.RunAsync(unit, new EvalContext(Model(Probability), settings, "m"), cancelled.Token));
    }

    [Theory]
    [InlineData("""{"mode": "two-at-once"}""", "The mova parameter 'mode' must be one of all-at-once, one-by-one, got \"two-at-once\".")]
    [InlineData("""{"modes": "one-by-one"}""", "Unknown mova parameter 'modes'; allowed: ")]
    [InlineData("""{"valueSystem": "nope"}""", "The mova parameter 'valueSystem' must be one of ")]
    [InlineData("""{"valueSystem": "schwartz-10"}""", "has no labels in value system 'schwartz-10'")]
    public void Bad_parameters_are_clear_errors_at_planning(string parameters, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => Method.Plan(Items(), EvalHarness.Settings(parameters)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsuitable_items_are_clear_errors_at_planning()
    {
        var questionnaire = Item(5, "Q", ItemKind.QuestionnaireItem, labels: [("care", 1)]);
        Assert.Contains("is a QuestionnaireItem", Assert.Throws<ArgumentException>(() => Method.Plan([.. Items(), questionnaire], EvalHarness.Settings())).Message, StringComparison.Ordinal);

        var unlabelled = Item(6, "U");
        Assert.Contains("test/U has no labels in any value system", Assert.Throws<ArgumentException>(() => Method.Plan([unlabelled], EvalHarness.Settings())).Message, StringComparison.Ordinal);

        var schwartz = Item(7, "S", system: "schwartz-10", labels: [("power", 1)]);
        var mixed = Assert.Throws<ArgumentException>(() => Method.Plan([.. Items(), schwartz], EvalHarness.Settings()));
        Assert.Contains("several value systems (moral-foundations, schwartz-10)", mixed.Message, StringComparison.Ordinal);
        Assert.Contains("at least one", Assert.Throws<ArgumentException>(() => Method.Plan([], EvalHarness.Settings())).Message, StringComparison.Ordinal);
    }

    [GeneratedRegex("<text>\n(.*?)\n</text>", RegexOptions.Singleline)]
    private static partial Regex TextTag();

    [GeneratedRegex("\"([a-z-]+)\": $")]
    private static partial Regex SlotTail();
}
