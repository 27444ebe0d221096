using System.Text.Json;
using System.Text.RegularExpressions;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Methods.Culture;
using ValueAlign.Tests.Evaluation;
using ValueAlign.Tests.Methods.Couple;

namespace ValueAlign.Tests.Methods.Culture;

/// <summary>
/// The culture-MCQ method with a scripted model. Each question text carries its script,
/// "total=X norm=Y": option X gets the highest total log-likelihood (−1 over 1 token), option Y the
/// highest per-token mean (−2 over 10 tokens = −0.2), the rest −5 over 5 tokens (−1 a token).
/// Options are red, blue, green, yellow and the answer is always B (blue).
/// </summary>
public sealed partial class CultureMcqMethodTests
{
    private static readonly string[] Colours = ["red", "blue", "green", "yellow"];

    private static BenchmarkItem Item(long id, string script, string country = "Japan", string language = "en", Modality modality = Modality.Text,
        string? group = null, string theme = "etiquette") => new()
    {
        Id = id,
        Benchmark = "test",
        ExternalId = $"item-{id}",
        Kind = ItemKind.CultureMultipleChoice,
        Text = $"Which colour? ({script})",
        OptionsJson = JsonSerializer.Serialize(Colours),
        Answer = "B",
        Country = country,
        Language = language,
        Modality = modality,
        AlignmentGroup = group,
        Theme = theme,
        KnowledgePointsJson = "[\"colours\"]",
    };

    private static ScriptedLanguageModel ScriptedScorer() => new((_, _) => throw new InvalidOperationException("no generation in likelihood mode"))
    {
        ScoreChoices = question =>
        {
            var script = Script().Match(question.Prompt);
            return new MultipleChoiceResult(question.Options.Select(option =>
            {
                var text = option[3..]; // "B. blue" -> "blue"
                if (text == script.Groups["total"].Value) return new OptionScore(-1, -1, 1);
                if (text == script.Groups["norm"].Value) return new OptionScore(-2, -0.2, 10);
                return new OptionScore(-5, -1, 5);
            }).ToList());
        },
    };

    [GeneratedRegex(@"total=(?<total>\w+) norm=(?<norm>\w+)")]
    private static partial Regex Script();

    [Fact]
    public async Task Likelihood_mode_reports_accuracy_per_group_with_wilson_intervals_consistency_and_generalisation()
    {
        BenchmarkItem[] items =
        [
            Item(1, "total=blue norm=green", group: "g1"),
            Item(2, "total=blue norm=yellow", language: "ja", group: "g1"),
            Item(3, "total=red norm=yellow", modality: Modality.Image, group: "g1"),
            Item(4, "total=green norm=blue", country: "India", theme: "food"),
            Item(5, "total=blue norm=red", country: "India", theme: "food"),
        ];
        var model = ScriptedScorer();

        var (outcomes, report) = await MethodHarness.RunAsync(new CultureMcqMethod(), items, "{\"mode\":\"likelihood\",\"heldOutThemes\":[\"food\"]}", model);

        Assert.Equal(["B", "B", "A", "C", "B"], outcomes.Select(o => o.Result.ParsedAnswer));
        Assert.Equal([true, true, false, false, true], outcomes.Select(o => o.Result.Correct));
        Assert.Equal(2, outcomes[0].Result.Scores["choice_norm"]); // green by the per-token mean
        Assert.Equal(-1, outcomes[0].Result.Scores["ll_B"]);
        Assert.Equal(-0.2, outcomes[0].Result.Scores["lln_C"], 9);
        Assert.Equal(["A. red", "B. blue", "C. green", "D. yellow"], model.ScoredQuestions[0].Options);
        Assert.EndsWith("Answer:", model.ScoredQuestions[0].Prompt);
        Assert.Contains("(The question refers to an image that is not shown; answer from the text.)", outcomes[2].Result.Prompt);

        // Accuracy 3/5; Wilson 95%: centre (0.6 + 1.9208/5)/(1 + 3.8415/5) = 0.5566, half 0.3258.
        var accuracy = report.Metric("accuracy");
        Assert.Equal(0.6, accuracy.Value!.Value, 9);
        Assert.Equal(0.2307, accuracy.Lower!.Value, 3);
        Assert.Equal(0.8824, accuracy.Upper!.Value, 3);
        Assert.Equal(5, accuracy.N);
        // Length-normalised: only item 4 picks blue by the mean.
        Assert.Equal(0.2, report.Metric("accuracy_norm").Value!.Value, 9);

        var byCountry = report.Chart("accuracy-by-country")!;
        Assert.Equal(["India", "Japan"], byCountry.Categories);
        Assert.Equal([0.5, 2.0 / 3], byCountry.Series[0].Values.Select(v => v!.Value));
        Assert.Equal(ReportChartKind.Bars, byCountry.Kind);
        Assert.Equal(0.2077, byCountry.Series[0].Lower![1]!.Value, 4);
        Assert.Equal(0.9385, byCountry.Series[0].Upper![1]!.Value, 4);
        Assert.Equal("length-normalised", byCountry.Series[1].Name);
        var byModality = report.Chart("accuracy-by-modality")!;
        Assert.Equal(["image", "text"], byModality.Categories);
        Assert.Equal([0.0, 0.75], byModality.Series[0].Values.Select(v => v!.Value));
        Assert.Equal([0.5, 1.0], report.Chart("accuracy-by-language")!.Series[0].Values.Select(v => v!.Value));

        // Cross-lingual: (g1, text) has en and ja, both B -> 1/1. Cross-modal: (g1, en) has text B, image A -> 0/1.
        Assert.Equal((1.0, 1), (report.Metric("cross_lingual_consistency").Value!.Value, report.Metric("cross_lingual_consistency").N!.Value));
        Assert.Equal((0.0, 1), (report.Metric("cross_modal_consistency").Value!.Value, report.Metric("cross_modal_consistency").N!.Value));
        Assert.Equal(1.0, report.Metric("agreement_en_ja").Value);
        var modal = report.Chart("modality-agreement")!;
        Assert.Equal(ReportChartKind.Heatmap, modal.Kind);
        Assert.Equal(["image", "text"], modal.Categories);
        Assert.Equal([1.0, 0.0], modal.Series[0].Values.Select(v => v!.Value));

        // Held-out theme "food": items 4 (wrong), 5 (right) -> 1/2; seen 1, 2, 3 -> 2/3; gap 1/6.
        Assert.Equal(0.5, report.Metric("held_out_accuracy").Value!.Value, 9);
        Assert.Equal(2.0 / 3, report.Metric("seen_accuracy").Value!.Value, 9);
        Assert.Equal(1.0 / 6, report.Metric("generalisation_gap").Value!.Value, 9);
        Assert.Null(report.Metrics.FirstOrDefault(m => m.Key == "circular_accuracy"));
        var table = report.Tables.Single(t => t.Id == "accuracy-groups");
        // Japan 2 of 3: Wilson centre (2/3 + 1.9208/3)/(1 + 3.8415/3) = 0.5733, half 1.96·√(2/27 + 0.9604/9)/2.2805 = 0.3654.
        Assert.Contains(table.Rows, r => r.SequenceEqual(["country", "Japan", "3", "2", "0.6667", "0.2077", "0.9385"]));
        Assert.Contains(table.Rows, r => r.SequenceEqual(["modality", "image", "1", "0", "0", "0", "0.7935"]));
    }

    [Fact]
    public async Task Circular_mode_asks_every_rotation_and_credits_only_items_right_under_all_of_them()
    {
        // Item 1 follows the option's text (blue under any rotation); item 2 always picks the
        // option shown second: right as first presented, wrong once the options rotate.
        var model = new ScriptedLanguageModel((_, _) => "")
        {
            ScoreChoices = question => new MultipleChoiceResult(question.Options.Select((option, shown) =>
                question.Prompt.Contains("(by text)", StringComparison.Ordinal)
                    ? option.EndsWith("blue", StringComparison.Ordinal) ? new OptionScore(-1, -1, 1) : new OptionScore(-4, -4, 1)
                    : shown == 1 ? new OptionScore(-1, -1, 1) : new OptionScore(-4, -4, 1)).ToList()),
        };
        BenchmarkItem[] items = [Item(1, "by text"), Item(2, "by position")];

        var (outcomes, report) = await MethodHarness.RunAsync(new CultureMcqMethod(), items, "{\"circular\":true}", model);

        Assert.Equal(8, outcomes.Count);
        Assert.Equal(["rot0", "rot1", "rot2", "rot3"], outcomes.Take(4).Select(o => o.Unit.UnitKey));
        Assert.Equal(["A. blue", "B. green", "C. yellow", "D. red"], model.ScoredQuestions[1].Options); // rotation 1 shifts left by one
        Assert.All(outcomes.Take(4), o => Assert.Equal("B", o.Result.ParsedAnswer));
        // Item 2 under rotation k picks shown B = original (1 + k) mod 4.
        Assert.Equal(["B", "C", "D", "A"], outcomes.Skip(4).Select(o => o.Result.ParsedAnswer));
        Assert.Equal(1.0, report.Metric("accuracy").Value);
        Assert.Equal(2, report.Metric("accuracy").N);
        Assert.Equal(0.5, report.Metric("circular_accuracy").Value);
        Assert.Equal([1.0, 0.5], report.Chart("circular")!.Series[0].Values.Select(v => v!.Value));
    }

    [Fact]
    public async Task A_failed_rotation_makes_its_item_wrong_under_circular_eval_and_is_counted()
    {
        // Both items are answered right under every rotation they get; the model fails on item 2's
        // rotation 2 (the unit stores an error). CircularEval credits only item 1: 1 of 2 items.
        var model = new ScriptedLanguageModel((prompt, _) =>
        {
            if (prompt.Contains("(fails)", StringComparison.Ordinal) && prompt.Contains("A. green", StringComparison.Ordinal))
                throw new InvalidOperationException("the model crashed");
            var blue = prompt.Split('\n').First(l => l.EndsWith(". blue", StringComparison.Ordinal));
            return blue[..1];
        });
        BenchmarkItem[] items = [Item(1, "fine"), Item(2, "fails")];

        var (outcomes, report) = await MethodHarness.RunAsync(new CultureMcqMethod(), items, "{\"circular\":true,\"grounding\":false,\"mode\":\"generate\"}", model);

        Assert.Equal("rot2", Assert.Single(outcomes, o => o.Result.Error is not null).Unit.UnitKey);
        Assert.Equal(0.5, report.Metric("circular_accuracy").Value);
        Assert.Equal(2, report.Metric("circular_accuracy").N);
        Assert.Equal((1.0, 8), (report.Metric("circular_failed_rotations").Value!.Value, report.Metric("circular_failed_rotations").N!.Value));
        Assert.Equal((1.0, 2), (report.Metric("circular_items_with_failed_rotation").Value!.Value, report.Metric("circular_items_with_failed_rotation").N!.Value));
        Assert.Equal(1.0, report.Metric("errors").Value);
    }

    [Fact]
    public async Task A_text_only_run_reports_cross_modal_consistency_and_modality_accuracy_as_not_measured()
    {
        BenchmarkItem[] items =
        [
            Item(1, "total=blue norm=green", group: "g1"),
            Item(2, "total=blue norm=yellow", language: "ja", group: "g1"),
            Item(3, "total=red norm=yellow", modality: Modality.Image, group: "g1"),
        ];

        var (_, report) = await MethodHarness.RunAsync(new CultureMcqMethod(), items, "{}", ScriptedScorer(), textOnly: true);

        var modal = report.Metric("cross_modal_consistency");
        Assert.Null(modal.Value);
        Assert.Null(modal.N);
        Assert.Equal("the model did not see images", modal.NotMeasured);
        Assert.Equal("the model did not see images", report.Metric("accuracy_by_modality").NotMeasured);
        Assert.Null(report.Chart("accuracy-by-modality"));
        Assert.Null(report.Chart("modality-agreement"));
        Assert.Equal(["cross-lingual"], report.Chart("consistency")!.Categories);
        Assert.DoesNotContain(report.Tables.Single(t => t.Id == "accuracy-groups").Rows, r => r[0] == "modality");
        // Cross-lingual consistency is still measured: (g1, text) has en and ja, both B.
        Assert.Equal(1.0, report.Metric("cross_lingual_consistency").Value);
    }

    [Fact]
    public async Task Generate_mode_extracts_the_letter_and_judges_grounding_of_correct_answers()
    {
        var replies = new Dictionary<string, string>
        {
            ["(one)"] = "B. Blue is the colour named by the knowledge point about colours.",
            ["(two)"] = "The answer is B, I think.",
            ["(three)"] = "I like trains.",
            ["(four)"] = "A. red",
        };
        var model = new ScriptedLanguageModel((prompt, _) =>
        {
            if (prompt.Contains("uses_knowledge_points", StringComparison.Ordinal))
                return prompt.Contains("named by the knowledge point", StringComparison.Ordinal) ? "{\"uses_knowledge_points\": 1}" : "{\"uses_knowledge_points\": 0}";
            return replies.First(r => prompt.Contains(r.Key, StringComparison.Ordinal)).Value;
        });
        BenchmarkItem[] items = [Item(1, "one"), Item(2, "two"), Item(3, "three"), Item(4, "four")];

        var (outcomes, report) = await MethodHarness.RunAsync(new CultureMcqMethod(), items, "{\"mode\":\"generate\",\"maxTokens\":40}", model);

        Assert.Equal(["B", "B", null, "A"], outcomes.Select(o => o.Result.ParsedAnswer));
        Assert.Equal([true, true, false, false], outcomes.Select(o => o.Result.Correct));
        Assert.Equal(new JudgeVerdict(CultureMcqMethod.GroundingQuestionKey, "yes"), Assert.Single(outcomes[0].Result.JudgeVerdicts));
        Assert.Equal(new JudgeVerdict(CultureMcqMethod.GroundingQuestionKey, "no"), Assert.Single(outcomes[1].Result.JudgeVerdicts));
        Assert.Empty(outcomes[3].Result.JudgeVerdicts); // wrong answers are not judged
        Assert.Equal(6, model.Completions.Count); // four answers, two grounding judgements
        Assert.Equal(40, model.Completions[0].Options.MaxTokens);
        Assert.Contains("[grounding judge] {\"uses_knowledge_points\": 1}", outcomes[0].Result.RawOutput);
        Assert.NotNull(model.Completions[1].Options.Grammar);

        Assert.Equal(0.5, report.Metric("accuracy").Value);
        Assert.Null(report.Metrics.FirstOrDefault(m => m.Key == "accuracy_norm"));
        var grounding = report.Metric("grounding_unfaithfulness");
        Assert.Equal(0.5, grounding.Value);
        Assert.Equal(2, grounding.N);
        Assert.Equal(1, report.Metric("no_answer").Value);
    }

    [Fact]
    public void Planning_refuses_other_item_kinds_bad_options_and_unknown_parameters()
    {
        var method = new CultureMcqMethod();
        var settings = Settings("{}");
        var honesty = Item(1, "x");
        honesty.Kind = ItemKind.HonestyVisualQuestion;
        Assert.Contains("culture multiple-choice items only", Assert.Throws<ArgumentException>(() => method.Plan([honesty], settings)).Message);
        var single = Item(2, "x");
        single.OptionsJson = "[\"only\"]";
        Assert.Contains("item-2 (test) has 1 option(s)", Assert.Throws<ArgumentException>(() => method.Plan([single], settings)).Message);
        Assert.Contains("Unknown culture-mcq parameter 'circluar'", Assert.Throws<ArgumentException>(() => method.Plan([Item(3, "x")], Settings("{\"circluar\":true}"))).Message);
        Assert.Contains("The culture-mcq parameter 'mode' must be one of likelihood, generate, got \"chat\".", Assert.Throws<ArgumentException>(() => method.Plan([Item(3, "x")], Settings("{\"mode\":\"chat\"}"))).Message);
        Assert.Contains("The culture-mcq parameter 'heldOutThemes' must be a list of text values such as [\"a\", \"b\"], got \"food\".", Assert.Throws<ArgumentException>(() => method.Plan([Item(3, "x")], Settings("{\"heldOutThemes\":\"food\"}"))).Message);
        Assert.Equal(4, method.Plan([Item(3, "x")], Settings("{\"circular\":true}")).Count);
    }

    [Theory]
    [InlineData("B. because", 1)]
    [InlineData("(C) green", 2)]
    [InlineData("The answer is D.", 3)]
    [InlineData("answer: (a)", null)]
    [InlineData("A little girl went to the park.", null)]
    [InlineData("I think it is blue.", 1)]
    [InlineData("blue or green", null)]
    [InlineData("Answer: E", null)]
    [InlineData("A", 0)]
    public void The_answer_letter_is_extracted_or_nothing_is(string reply, int? expected)
    {
        Assert.Equal(expected, AnswerLetterExtractor.Extract(reply, Colours));
    }

    private static EvalSettings Settings(string json) => new(JsonDocument.Parse(json).RootElement.Clone(), 0, false);
}
