using System.Text.Json;
using System.Text.RegularExpressions;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Inference;

namespace ValueAlign.Tests.Methods.Evaluation;

/// <summary>
/// Runs an evaluation method the way the run engine does — plan, run every unit, store outcomes
/// as item results, summarise — without a database, and round-trips the report through its stored
/// JSON form (a NaN would fail there).
/// </summary>
internal static partial class EvalHarness
{
    public static EvalSettings Settings(string parameters = "{}", int seed = 7)
    {
        using var document = JsonDocument.Parse(parameters);
        return new EvalSettings(document.RootElement.Clone(), seed, false);
    }

    public static async Task<EvalRunOutput> RunAsync(
        IEvaluationMethod method, IReadOnlyList<BenchmarkItem> items, ILanguageModel model, string parameters = "{}", int seed = 7)
    {
        var settings = Settings(parameters, seed);
        var units = method.Plan(items, settings);
        var context = new EvalContext(model, settings, "test-model");
        var outcomes = new List<EvalUnitOutcome>();
        var results = new List<EvalItemResult>();
        foreach (var unit in units)
        {
            var outcome = await method.RunAsync(unit, context, CancellationToken.None);
            outcomes.Add(outcome);
            results.Add(new EvalItemResult
            {
                RunId = 1, ItemId = unit.Item.Id, UnitKey = unit.UnitKey, Prompt = outcome.Prompt, RawOutput = outcome.RawOutput,
                ParsedAnswer = outcome.ParsedAnswer, ScoresJson = EvalScores.Serialize(outcome.Scores), Correct = outcome.Correct, Error = outcome.Error,
            });
        }
        var run = new EvalRun { Id = 1, Method = method.Id, ParametersJson = parameters, Seed = seed, UnitCount = units.Count };
        var report = method.Summarize(new EvalSummaryInput(run, results, items.ToDictionary(i => i.Id)));
        return new EvalRunOutput(units, outcomes, RunReportJson.Deserialize(RunReportJson.Serialize(report)));
    }

    /// <summary>The field names a JSON object grammar asks for, in order (from its literals, <c>\"name\": </c>).</summary>
    public static IReadOnlyList<string> GrammarFields(string? grammar) =>
        grammar is null ? [] : FieldLiteral().Matches(grammar).Select(m => m.Groups[1].Value).ToList();

    public static double Metric(this RunReport report, string key) =>
        report.Metrics.Single(m => m.Key == key).Value ?? double.NaN;

    public static ReportTable Table(this RunReport report, string id) => report.Tables.Single(t => t.Id == id);

    [GeneratedRegex("""\\"([A-Za-z0-9_-]+)\\": """)]
    private static partial Regex FieldLiteral();
}

internal sealed record EvalRunOutput(IReadOnlyList<EvalUnit> Units, IReadOnlyList<EvalUnitOutcome> Outcomes, RunReport Report);
