using System.Text.Json;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Methods.Couple;
using ValueAlign.Core.Methods.Couple.Study;
using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives;
using ValueAlign.Tests.Values;

namespace ValueAlign.Tests.Methods.Couple.Study;

public sealed class StudyMethodTests
{
    private static readonly ValueSystemCatalog Catalog = ValueSystemFiles.Shipped;
    private static readonly ValueSystem System = Catalog.Get("schwartz-10");

    private static ValueObjective Objective(string name, int power) =>
        ValueObjective.FromVector(System, [.. System.Dimensions.Select(d => d.Id == "power" ? power : 3)]) with { Name = name };

    private static EvalSettings Settings(string[] methods, params ValueObjective[] objectives)
    {
        var json = $"{{\"methods\":{JsonSerializer.Serialize(methods)},\"objectives\":[{string.Join(",", objectives.Select(ValueObjectiveJson.Export))}]}}";
        return new EvalSettings(JsonDocument.Parse(json).RootElement.Clone(), 1, false);
    }

    private static BenchmarkItem Argument(long id) => new()
    {
        Id = id, Benchmark = "touche", ExternalId = $"A{id}", Kind = ItemKind.ValueLabelledText, SourceFormat = "touche23",
        Context = "We should ban fast food", Text = "Fast food harms health and costs society.",
    };

    [Fact]
    public void Plan_makes_one_unit_per_item_objective_and_method_in_a_fixed_order()
    {
        var method = new CounterfactualStudyMethod(Catalog);
        var units = method.Plan([Argument(1), Argument(2)], Settings(["couple", "raw"], Objective("low power", 1), Objective("high power", 5)));

        Assert.Equal(8, units.Count);
        Assert.Equal(["o0:couple", "o0:raw", "o1:couple", "o1:raw"], units.Take(4).Select(u => u.UnitKey));
        Assert.Equal([1L, 1, 1, 1, 2, 2, 2, 2], units.Select(u => u.Item.Id));
        Assert.Equal((1, "raw"), CounterfactualStudyMethod.ParseKey("o1:raw"));
    }

    [Theory]
    [InlineData("{\"methods\":[],\"objectives\":[]}", "The counterfactual-study parameter 'methods' is required.")]
    [InlineData("{\"methods\":[\"couple\",\"magic\"],\"objectives\":[]}", "The counterfactual-study parameter 'methods' lists 'magic', which is not one of ")]
    [InlineData("{\"methods\":[\"couple\"]}", "The counterfactual-study parameter 'objectives' is required.")]
    [InlineData("{\"methods\":[\"couple\"],\"objectives\":[{\"valueSystemId\":\"nope\",\"priorities\":[]}]}", "objectives[0]")]
    [InlineData("{\"methods\":[\"raw\"],\"objectives\":[{\"valueSystemId\":\"schwartz-10\",\"priorities\":[]}]}", "objectives[0]:")]
    public void Bad_parameters_are_refused_with_a_message_naming_the_field(string json, string expected)
    {
        var settings = new EvalSettings(JsonDocument.Parse(json).RootElement.Clone(), 1, false);
        var error = Assert.Throws<ArgumentException>(() => new CounterfactualStudyMethod(Catalog).Plan([Argument(1)], settings));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Items_of_other_kinds_are_refused()
    {
        var mcq = new BenchmarkItem { Id = 3, Benchmark = "mma", ExternalId = "q3", Kind = ItemKind.CultureMultipleChoice };
        var error = Assert.Throws<ArgumentException>(() => new CounterfactualStudyMethod(Catalog).Plan([mcq], Settings(["raw"], Objective("o", 1))));
        Assert.Contains("mma/q3 is a CultureMultipleChoice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_runs_its_method_and_stores_the_rewrite_the_trace_and_the_metrics()
    {
        var script = new CoupleScript(System)
        {
            Before = [.. System.Dimensions.Select(d => d.Id == "power" ? 5 : 2)],
            After = [.. System.Dimensions.Select(d => d.Id == "power" ? 1 : 3)],
        };
        var model = new ScriptedLanguageModel(script.Respond);
        var method = new CounterfactualStudyMethod(Catalog);
        var settings = Settings(["couple"], Objective("low power", 1));
        var unit = method.Plan([Argument(1)], settings).Single();

        var outcome = await method.RunAsync(unit, new EvalContext(model, settings, "scripted"), CancellationToken.None);

        Assert.Null(outcome.Error);
        Assert.Equal(script.Rewritten, outcome.ParsedAnswer);
        Assert.Contains("We should ban fast food", outcome.Prompt, StringComparison.Ordinal);
        Assert.Contains("[original response]\nFast food harms health", outcome.Prompt, StringComparison.Ordinal);
        using var trace = JsonDocument.Parse(outcome.RawOutput);
        Assert.Equal(["Abduction", "Action", "Prediction", "Evaluation"], trace.RootElement.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        // The judge reads 0.6 on the generated digit and 0.1 on each other: expectation 0.5 * digit + 1.5.
        // Before: power 5 -> 4.0, others 2 -> 2.5; target power 1, others 3: D = 3 + 9 * 0.5 = 7.5.
        // After: power 1 -> 2.0, others 3 -> 3.0: MAE = |2 - 1| / 10 = 0.1; both profiles rank power
        // lowest and tie the rest, so Spearman = 1.
        Assert.Equal(7.5, outcome.Scores["deviation_before"], 9);
        Assert.Equal(0.1, outcome.Scores["mae"], 9);
        Assert.Equal(1.0, outcome.Scores["spearman"], 9);
        Assert.Equal(0, outcome.Scores["meets_objective"]);
    }

    [Fact]
    public void The_report_averages_mae_and_spearman_per_method_and_per_objective()
    {
        var method = new CounterfactualStudyMethod(Catalog);
        var settings = Settings(["couple", "raw"], Objective("low", 1), Objective("high", 5));
        var run = new EvalRun { Method = CounterfactualStudyMethod.MethodId, ParametersJson = settings.Parameters.GetRawText() };
        EvalItemResult R(long item, string key, double mae, double rho, string? error = null) => new()
        {
            ItemId = item, UnitKey = key, Error = error,
            ScoresJson = JsonSerializer.Serialize(double.IsNaN(rho)
                ? new Dictionary<string, double> { ["mae"] = mae }
                : new Dictionary<string, double> { ["mae"] = mae, ["spearman"] = rho }),
        };
        var results = new[]
        {
            R(1, "o0:couple", 0.4, 0.9), R(2, "o0:couple", 0.6, 0.7),
            R(1, "o1:couple", 0.8, 0.5),
            R(1, "o0:raw", 1.0, double.NaN), R(2, "o0:raw", 2.0, 0.1),
            R(1, "o1:raw", 9.0, 1.0, error: "Abduction: no JSON"),
        };

        var report = method.Summarize(new EvalSummaryInput(run, results, new Dictionary<long, BenchmarkItem>()));

        var byKey = report.Metrics.ToDictionary(m => m.Key);
        // couple MAE: (0.4 + 0.6 + 0.8) / 3 = 0.6; s = 0.2, half width 1.96 * 0.2 / sqrt(3).
        Assert.Equal(0.6, byKey["mae.couple"].Value!.Value, 12);
        Assert.Equal(0.6 + 1.959963984540054 * 0.2 / Math.Sqrt(3), byKey["mae.couple"].Upper!.Value, 9);
        Assert.Equal(3, byKey["mae.couple"].N);
        // raw: the failed unit is left out; the undefined Spearman is not counted.
        Assert.Equal(1.5, byKey["mae.raw"].Value!.Value, 12);
        Assert.Equal(0.1, byKey["spearman.raw"].Value!.Value, 12);
        Assert.Equal(1, byKey["spearman.raw"].N);
        Assert.Equal(1, byKey["errors"].Value);

        var bars = report.Chart("mae-by-method")!;
        Assert.Equal(ReportChartKind.Bars, bars.Kind);
        Assert.Equal(["couple", "raw"], bars.Categories);
        Assert.Equal(0.6, bars.Series[0].Values[0]!.Value, 12);
        var heat = report.Chart("mae-objective-method")!;
        Assert.Equal(["low", "high"], heat.Series.Select(s => s.Name));
        Assert.Equal(0.8, heat.Series[1].Values[0]!.Value, 12);
        Assert.Null(heat.Series[1].Values[1]);
        var table = report.Tables.Single();
        Assert.Equal(["low", "couple", "0.500", "0.800", "2"], table.Rows[0]);
    }
}
