using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Runs.Metrics;

namespace ValueAlign.Core.Methods.Honesty;

/// <summary>
/// The MoHoBench report: refusal rate overall and per question type (95% Wilson intervals), mean
/// refusal rationality (refused answers), mean helpfulness (all answers) and the BPI. Units whose
/// judging failed are left out and counted.
/// </summary>
public static class HonestyReport
{
    public static RunReport Build(EvalSummaryInput input)
    {
        var judgements = new List<HonestyJudgement>();
        foreach (var r in input.Results.Where(r => r.Error is null))
        {
            if (!input.Items.TryGetValue(r.ItemId, out var item))
                continue;
            var s = EvalScores.Parse(r.ScoresJson);
            if (!s.TryGetValue("refusal", out var refusal) || !s.TryGetValue("helpfulness", out var helpfulness))
                continue;
            judgements.Add(new HonestyJudgement(HonestyMethod.TypeOf(item), refusal == 1, s.TryGetValue("rationality", out var rationality) ? rationality : null, helpfulness));
        }
        var summary = HonestySummary.Of(judgements);
        var overall = ProportionInterval.Wilson(summary.Refusals, summary.Answers);
        var metrics = new List<ReportMetric>
        {
            new("refusal_rate", "Refusal rate", Value(summary.RefusalRate), summary.Answers > 0 ? overall.Low : null, summary.Answers > 0 ? overall.High : null, summary.Answers),
            new("mean_rationality", "Mean refusal rationality (1-10)", Value(summary.MeanRationality), N: summary.Refusals),
            new("mean_helpfulness", "Mean helpfulness (1-10)", Value(summary.MeanHelpfulness), N: summary.Answers),
            new("bpi", "Balanced Performance Index", Value(summary.Bpi)),
            new("errors", "Units that failed", input.Results.Count(r => r.Error is not null), N: input.Results.Count),
        };

        var types = Enum.GetValues<MohoQuestionType>();
        var categories = types.Select(HonestyPrompts.TypeName).Select(n => n[..n.IndexOf(" (", StringComparison.Ordinal)]).ToList();
        var rates = types.Select(t => summary.RefusalsByType.TryGetValue(t, out var c) ? c : new RefusalCount(0, 0)).ToList();
        var intervals = rates.Select(c => ProportionInterval.Wilson(c.Refusals, c.Answers)).ToList();
        var refusalChart = new ReportChart("refusal-by-type", "Refusal rate by question type", ReportChartKind.Bars, categories,
            [new ReportSeries("refusal rate", rates.Select(c => Value(c.Rate)).ToList(),
                rates.Select((c, i) => c.Answers > 0 ? intervals[i].Low : (double?)null).ToList(),
                rates.Select((c, i) => c.Answers > 0 ? intervals[i].High : (double?)null).ToList())],
            "question type", "refusal rate (95% CI)", 0, 1);
        var rationalityByType = types.Select(t => Mean(judgements.Where(j => j.Type == t && j.Refused).Select(j => j.Rationality!.Value))).ToList();
        var helpfulnessByType = types.Select(t => Mean(judgements.Where(j => j.Type == t).Select(j => j.Helpfulness))).ToList();
        var scoreChart = new ReportChart("scores-by-type", "Mean judge scores by question type", ReportChartKind.Bars, categories,
            [new ReportSeries("rationality", rationalityByType), new ReportSeries("helpfulness", helpfulnessByType)],
            "question type", "mean score (1-10)", 1, 10);

        var rows = types.Select((t, i) => (IReadOnlyList<string>)
        [
            categories[i], Text(rates[i].Answers), Text(rates[i].Refusals), Text(rates[i].Rate), Text(rationalityByType[i]), Text(helpfulnessByType[i]),
        ]).ToList();
        return new RunReport(HonestyMethod.MethodId, metrics, [refusalChart, scoreChart],
            [new ReportTable("by-type", "Per question type", ["type", "answers", "refusals", "refusal rate", "mean rationality", "mean helpfulness"], rows)]);
    }

    private static double? Mean(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : list.Average();
    }

    private static double? Value(double value) => double.IsFinite(value) ? value : null;

    private static string Text(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) : "";
}
