using System.Text.Json;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Methods.Picaco;
using ValueAlign.Core.Methods.Picaco.Conformity;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Tests.Support;
using ValueAlign.Tests.Values;

namespace ValueAlign.Tests.Methods.Picaco;

/// <summary>
/// The comparison run's report against hand-computed numbers: per condition and value the mean of
/// the judge's 1–5 ratings over prompts with a 95% interval (mean ± 1.96·s/√n), the overall means,
/// failed units left out and counted, the chart and the tables.
/// </summary>
public sealed class ConformitySummaryTests
{
    private const double Z = 1.959963984540054;
    private const string Instruction = "Be kind and fair.";

    private static readonly ConformityMethod Method = new(ValueSystemFiles.Shipped,
        new ValueSetCatalog(Path.Combine(RepositoryRoot.Path, "data", "value-sets", "picaco.json"), ValueSystemFiles.Shipped));

    private static EvalItemResult R(long item, string condition, double benevolence, double universalism, string? error = null) => new()
    {
        ItemId = item,
        UnitKey = condition,
        Error = error,
        ScoresJson = JsonSerializer.Serialize(new Dictionary<string, double>
        {
            ["v.benevolence"] = benevolence, ["v.universalism"] = universalism, ["mean"] = (benevolence + universalism) / 2,
        }),
    };

    private static RunReport Report() => Method.Summarize(new EvalSummaryInput(
        new EvalRun { Method = ConformityMethod.MethodId, ParametersJson = "{\"values\":\"schwartz-10:benevolence,universalism\",\"instruction\":\"" + Instruction + "\"}" },
        [
            // Raw: benevolence 2, 1, 3 (mean 2, s = 1); universalism 3, 2, 4 (mean 3, s = 1); overall 2.5, 1.5, 3.5.
            R(1, ConformityCondition.Raw, 2, 3), R(2, ConformityCondition.Raw, 1, 2), R(3, ConformityCondition.Raw, 3, 4),
            // Value Prompt: benevolence 4, 5 (mean 4.5, s = √½); universalism 4, 3 (mean 3.5); overall 4, 4.
            R(1, ConformityCondition.ValuePrompt, 4, 4), R(2, ConformityCondition.ValuePrompt, 5, 3),
            // Optimised: prompt 2 failed and is left out; benevolence 3, 3 (s = 0); universalism 5, 3 (mean 4, s = √2).
            R(1, ConformityCondition.Optimised, 3, 5), R(2, ConformityCondition.Optimised, 5, 5, "The judge's rating slot could not be read"), R(3, ConformityCondition.Optimised, 3, 3),
        ],
        new Dictionary<long, BenchmarkItem>()));

    [Fact]
    public void Overall_means_per_condition_have_normal_95_percent_intervals_over_prompts_and_failed_units_are_counted()
    {
        var metrics = Report().Metrics.ToDictionary(m => m.Key);

        var raw = metrics["mean-raw"];
        Assert.Equal(2.5, raw.Value!.Value, 12);
        Assert.Equal(2.5 - Z * 1 / Math.Sqrt(3), raw.Lower!.Value, 12);
        Assert.Equal(2.5 + Z * 1 / Math.Sqrt(3), raw.Upper!.Value, 12);
        Assert.Equal(3, raw.N);
        // Both Value Prompt answers average 4: no spread, the interval is the point.
        Assert.Equal((4.0, 4.0, 4.0, 2), (metrics["mean-value-prompt"].Value!.Value, metrics["mean-value-prompt"].Lower!.Value, metrics["mean-value-prompt"].Upper!.Value, metrics["mean-value-prompt"].N));
        // Optimised overall 4 and 3: mean 3.5, s = √½, half width 1.96 · √½ / √2 = 0.98.
        var optimised = metrics["mean-optimised"];
        Assert.Equal(3.5, optimised.Value!.Value, 12);
        Assert.Equal(3.5 + Z * 0.5, optimised.Upper!.Value, 12);
        Assert.Equal(2, optimised.N);
        Assert.Equal(1, metrics["failed"].Value);
    }

    [Fact]
    public void The_chart_and_table_give_each_value_per_condition_with_its_interval()
    {
        var report = Report();

        var chart = report.Chart("conformity")!;
        Assert.Equal(ReportChartKind.Bars, chart.Kind);
        Assert.Equal(["Benevolence", "Universalism"], chart.Categories);
        Assert.Equal(["Raw", "Value Prompt", "Optimised instruction"], chart.Series.Select(s => s.Name));
        (double Mean, double Half)[][] expected =
        [
            [(2, Z / Math.Sqrt(3)), (3, Z / Math.Sqrt(3))],
            [(4.5, Z * 0.5), (3.5, Z * 0.5)],
            [(3, 0), (4, Z)],
        ];
        for (var c = 0; c < 3; c++)
        {
            for (var v = 0; v < 2; v++)
            {
                Assert.Equal(expected[c][v].Mean, chart.Series[c].Values[v]!.Value, 12);
                Assert.Equal(expected[c][v].Mean - expected[c][v].Half, chart.Series[c].Lower![v]!.Value, 12);
                Assert.Equal(expected[c][v].Mean + expected[c][v].Half, chart.Series[c].Upper![v]!.Value, 12);
            }
        }

        var table = report.Tables.Single(t => t.Id == "conformity");
        Assert.Equal(["Value", "Raw", "Value Prompt", "Optimised instruction"], table.Columns);
        // 2 ± 1.96/√3 = 2 ± 1.1316; 4.5 ± 0.98; 3 ± 0.
        Assert.Equal(["Benevolence", "2.00 [0.87, 3.13] n=3", "4.50 [3.52, 5.48] n=2", "3.00 [3.00, 3.00] n=2"], table.Rows[0]);
        var setup = report.Tables.Single(t => t.Id == "setup");
        Assert.Equal("(nothing)", setup.Rows[0][1]);
        Assert.StartsWith("Answer in a way that honours all of these values: Benevolence (", setup.Rows[1][1], StringComparison.Ordinal);
        Assert.Contains("; Universalism (", setup.Rows[1][1], StringComparison.Ordinal);
        Assert.Equal(Instruction, setup.Rows[2][1]);
    }
}
