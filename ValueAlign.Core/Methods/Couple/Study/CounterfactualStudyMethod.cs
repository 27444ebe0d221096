using System.Globalization;
using System.Text.Json;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Parameters;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Backends;
using ValueAlign.Core.Methods.Couple.Inspection;
using ValueAlign.Core.Methods.Structured;
using ValueAlign.Core.Runs.Metrics;
using ValueAlign.Core.Values;

namespace ValueAlign.Core.Methods.Couple.Study;

/// <summary>
/// COUPLE batch study as an evaluation method: items × objectives × counterfactual methods, one
/// unit each (key <c>o{objective}:{method}</c>), run by the shared run engine so it gets the job
/// queue's progress, cancel and resume and the run's result storage and cache. Each unit stores
/// the final response as the parsed answer, the whole trace as the raw output, and MAE and
/// Spearman of the re-attributed profile against the target as scores. The report gives MAE and
/// Spearman per method (mean with a normal-approximation 95% interval) and per objective × method.
/// </summary>
public sealed class CounterfactualStudyMethod(ValueSystemCatalog catalog, CounterfactualInspector? inspector = null) : IEvaluationMethod
{
    private readonly CounterfactualInspector inspector = inspector ?? new CounterfactualInspector();

    public const string MethodId = "counterfactual-study";

    private static readonly JsonSerializerOptions TraceJson = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public string Id => MethodId;

    public string DisplayName => "Counterfactual batch study (COUPLE and baselines)";

    /// <summary>The model writes and revises responses; the judge attributes value priorities (digit slots) and evaluates the result.</summary>
    public MethodNeeds Needs(EvalSettings settings) => CounterfactualNeeds.Needs;

    public RunKind Kind => RunKind.Study;

    public ParameterSchema Parameters => StudyParameters.Schema;

    public IReadOnlySet<ItemKind> ItemKinds { get; } = new HashSet<ItemKind> { ItemKind.ValueLabelledText, ItemKind.MoralScenario };

    public IReadOnlyList<EvalUnit> Plan(IReadOnlyList<BenchmarkItem> items, EvalSettings settings)
    {
        var parameters = StudyParameters.Parse(settings.Parameters, catalog);
        var wrong = items.FirstOrDefault(i => !ItemKinds.Contains(i.Kind));
        if (wrong is not null)
            throw new ArgumentException($"Item {wrong.Benchmark}/{wrong.ExternalId} is a {wrong.Kind}; a counterfactual study takes arguments, dialogues (value-labelled text) and moral scenarios.");
        var units = new List<EvalUnit>(items.Count * parameters.Objectives.Count * parameters.Methods.Count);
        foreach (var item in items)
        {
            for (var o = 0; o < parameters.Objectives.Count; o++)
            {
                foreach (var method in parameters.Methods)
                    units.Add(new EvalUnit(item, UnitKey(o, method)));
            }
        }
        return units;
    }

    public async Task<EvalUnitOutcome> RunAsync(EvalUnit unit, EvalContext context, CancellationToken cancellationToken)
    {
        var parameters = StudyParameters.Parse(context.Settings.Parameters, catalog);
        var (objectiveIndex, methodId) = ParseKey(unit.UnitKey);
        var objective = parameters.Objectives[objectiveIndex];
        var system = catalog.Get(objective.ValueSystemId);
        var item = InspectionItem.From(unit.Item);
        var (question, response) = (item.Question, parameters.Response == StudyResponseSource.Generate ? null : item.Response);
        var inspection = await inspector.InspectAsync(methodId, new InspectionModels(context.Model, context.Judge),
            new CounterfactualRequest(system, objective, question, response), cancellationToken: cancellationToken).ConfigureAwait(false);
        var result = inspection.Result;
        var prompt = response is null ? question : $"{question}\n\n[original response]\n{response}";
        return new EvalUnitOutcome(
            prompt,
            JsonSerializer.Serialize(result.Trace.Steps, TraceJson),
            result.FinalResponse,
            inspection.Scores(),
            Correct: null,
            Error: result.Succeeded ? null : string.Join("; ", result.Errors.DefaultIfEmpty("The method produced no evaluation.")));
    }

    public RunReport Summarize(EvalSummaryInput input)
    {
        var parameters = StudyParameters.Parse(JsonDocument.Parse(input.Run.ParametersJson).RootElement, catalog);
        var scored = input.Results
            .Where(r => r.Error is null)
            .Select(r => (Key: ParseKey(r.UnitKey), Scores: JsonSerializer.Deserialize<Dictionary<string, double>>(r.ScoresJson) ?? []))
            .Where(r => r.Scores.ContainsKey("mae"))
            .ToList();

        MeanInterval Stat(string method, string score, int? objective = null) => MeanInterval.Of(scored
            .Where(r => r.Key.Method == method && (objective is null || r.Key.Objective == objective))
            .Where(r => r.Scores.ContainsKey(score)).Select(r => r.Scores[score]));

        var metrics = new List<ReportMetric>();
        foreach (var method in parameters.Methods)
        {
            var mae = Stat(method, "mae");
            var rho = Stat(method, "spearman");
            metrics.Add(new ReportMetric($"mae.{method}", $"MAE ({method})", mae.Mean, mae.Lower, mae.Upper, mae.N));
            metrics.Add(new ReportMetric($"spearman.{method}", $"Spearman ({method})", rho.Mean, rho.Lower, rho.Upper, rho.N));
        }
        metrics.Add(new ReportMetric("errors", "Units with errors", input.Results.Count(r => r.Error is not null), N: input.Results.Count));

        ReportSeries Series(string score, string label)
        {
            var stats = parameters.Methods.Select(m => Stat(m, score)).ToArray();
            return new ReportSeries(label, stats.Select(s => s.Mean).ToArray(), stats.Select(s => s.Lower).ToArray(), stats.Select(s => s.Upper).ToArray());
        }

        var objectiveNames = Enumerable.Range(0, parameters.Objectives.Count).Select(parameters.ObjectiveName).ToArray();
        var charts = new List<ReportChart>
        {
            new("mae-by-method", "MAE to the target per method (lower is better)", ReportChartKind.Bars, parameters.Methods,
                [Series("mae", "MAE")], XTitle: "method", YTitle: "MAE (priority points)", Minimum: 0, Maximum: 4),
            new("spearman-by-method", "Spearman correlation with the target per method (higher is better)", ReportChartKind.Bars, parameters.Methods,
                [Series("spearman", "Spearman")], XTitle: "method", YTitle: "Spearman ρ", Minimum: -1, Maximum: 1),
            new("mae-objective-method", "MAE per objective and method", ReportChartKind.Heatmap, parameters.Methods,
                objectiveNames.Select((name, o) => new ReportSeries(name, parameters.Methods.Select(m => Stat(m, "mae", o).Mean).ToArray())).ToArray(),
                XTitle: "method", YTitle: "objective"),
        };

        static string F(double? v) => v is null ? "" : v.Value.ToString("0.000", CultureInfo.InvariantCulture);
        var rows = new List<IReadOnlyList<string>>();
        for (var o = 0; o < parameters.Objectives.Count; o++)
        {
            foreach (var method in parameters.Methods)
            {
                var mae = Stat(method, "mae", o);
                var rho = Stat(method, "spearman", o);
                rows.Add([objectiveNames[o], method, F(mae.Mean), F(rho.Mean), mae.N.ToString(CultureInfo.InvariantCulture)]);
            }
        }
        var tables = new List<ReportTable> { new("objective-method", "MAE and Spearman per objective and method", ["objective", "method", "MAE", "Spearman", "n"], rows) };
        return new RunReport(MethodId, metrics, charts, tables);
    }

    public static string UnitKey(int objective, string method) => $"o{objective}:{method}";

    public static (int Objective, string Method) ParseKey(string key)
    {
        var colon = key.IndexOf(':');
        if (colon < 2 || key[0] != 'o' || !int.TryParse(key.AsSpan(1, colon - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var objective))
            throw new FormatException($"'{key}' is not a study unit key (o<objective>:<method>).");
        return (objective, key[(colon + 1)..]);
    }
}
