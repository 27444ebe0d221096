using System.Text.Json;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Inference;

namespace ValueAlign.Tests.Evaluation;

/// <summary>
/// Runs a method's plan, units and summary in memory, the way the engine does minus the
/// database, so method tests can assert on outcomes and on the report with a scripted model.
/// </summary>
internal static class MethodHarness
{
    public sealed record Outcome(EvalUnit Unit, EvalUnitOutcome Result);

    public static async Task<(IReadOnlyList<Outcome> Outcomes, RunReport Report)> RunAsync(
        IEvaluationMethod method, IReadOnlyList<BenchmarkItem> items, string parametersJson, ILanguageModel model, int seed = 0, bool textOnly = false)
    {
        var parameters = CanonicalJson.NormalizeObject(parametersJson);
        using var document = JsonDocument.Parse(parameters);
        var settings = new EvalSettings(document.RootElement.Clone(), seed, textOnly);
        var context = new EvalContext(model, settings, "scripted.gguf");
        var outcomes = new List<Outcome>();
        foreach (var unit in method.Plan(items, settings))
            outcomes.Add(new Outcome(unit, await method.RunAsync(unit, context, CancellationToken.None)));
        var run = new EvalRun { Id = 1, Method = method.Id, ParametersJson = parameters, Seed = seed, TextOnly = textOnly };
        var results = outcomes.Select((o, i) => new EvalItemResult
        {
            Id = i + 1,
            RunId = 1,
            ItemId = o.Unit.Item.Id,
            UnitKey = o.Unit.UnitKey,
            Prompt = o.Result.Prompt,
            RawOutput = o.Result.RawOutput,
            ParsedAnswer = o.Result.ParsedAnswer,
            ScoresJson = EvalScores.Serialize(o.Result.Scores),
            Correct = o.Result.Correct,
            Error = o.Result.Error,
        }).ToList();
        var report = method.Summarize(new EvalSummaryInput(run, results, items.ToDictionary(i => i.Id)));
        // The report must survive its JSON form (it is stored and exported that way).
        var roundTripped = RunReportJson.Deserialize(RunReportJson.Serialize(report));
        Assert.Equal(RunReportJson.Serialize(report), RunReportJson.Serialize(roundTripped));
        return (outcomes, report);
    }

    public static ReportMetric Metric(this RunReport report, string key) =>
        report.Metrics.SingleOrDefault(m => m.Key == key) ?? throw new Xunit.Sdk.XunitException($"No metric '{key}' in: {string.Join(", ", report.Metrics.Select(m => m.Key))}");
}
