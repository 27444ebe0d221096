using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Runs.Metrics;

namespace ValueAlign.Core.Methods.Culture;

/// <summary>
/// The MMA-ASIA report of a culture-MCQ run: accuracy per country, language and modality with
/// 95% Wilson intervals; cross-lingual and cross-modal consistency over alignment groups (with
/// pairwise agreement heatmaps); knowledge generalisation on held-out themes; CircularEval; and
/// the grounding (rationale unfaithfulness) rate of generated answers.
/// <para>Choices where the paper is silent, as its authors would report them: accuracies and
/// consistency use the item as first presented (rotation 0), so a circular run's plain accuracy
/// equals a non-circular run's; units that failed are left out of every rate and counted apart;
/// a cross-lingual group is one alignment group in one modality (so only the language varies) and
/// a cross-modal group is one alignment group in one language; grounding counts every judged
/// correct unit, rotations included, since each is an answer with its own rationale.</para>
/// </summary>
public static class CultureMcqReport
{
    private sealed record Unit(BenchmarkItem Item, int Rotation, bool? Correct, bool? CorrectNorm, int? Choice, bool? Grounded);

    public static RunReport Build(EvalSummaryInput input, CultureMcqParameters parameters)
    {
        var units = new List<Unit>();
        foreach (var r in input.Results.Where(r => r.Error is null))
        {
            if (!input.Items.TryGetValue(r.ItemId, out var item))
                continue;
            var s = EvalScores.Parse(r.ScoresJson);
            units.Add(new Unit(item, CultureMcqMethod.RotationOf(r.UnitKey), r.Correct, Flag(s, "correct_norm"),
                Int(s, "choice"), Flag(s, "grounded")));
        }
        var errors = input.Results.Count(r => r.Error is not null);
        var presented = units.Where(u => u.Rotation == 0).ToList();
        var scored = presented.Where(u => u.Correct is not null).ToList();
        var likelihood = parameters.Mode == CultureMcqMode.Likelihood;

        var metrics = new List<ReportMetric> { Metric("accuracy", "Accuracy", GroupAccuracy.Of("all", scored.Count(u => u.Correct == true), scored.Count)) };
        if (likelihood)
            metrics.Add(Metric("accuracy_norm", "Length-normalised accuracy", GroupAccuracy.Of("all", scored.Count(u => u.CorrectNorm == true), scored.Count)));
        var charts = new List<ReportChart>
        {
            AccuracyBars("accuracy-by-country", "Accuracy by country", "country", scored, u => u.Item.Country ?? "(none)", likelihood),
            AccuracyBars("accuracy-by-language", "Accuracy by language", "language", scored, u => u.Item.Language ?? "(none)", likelihood),
        };
        var table = new List<IReadOnlyList<string>>();
        AddRows(table, "country", GroupAccuracy.PerGroup(scored, u => u.Item.Country ?? "(none)", u => u.Correct == true));
        AddRows(table, "language", GroupAccuracy.PerGroup(scored, u => u.Item.Language ?? "(none)", u => u.Correct == true));
        // A text-only run showed image items as their text alone: comparing modalities would
        // compare texts, so the modality breakdown, image-only accuracy and cross-modal consistency
        // are not measured. A run that showed the images measures them.
        var sawMedia = !input.Run.TextOnly;
        if (sawMedia)
        {
            var images = scored.Where(u => u.Item.Modality == Modality.Image).ToList();
            metrics.Add(Metric("image_accuracy", "Image-only accuracy", GroupAccuracy.Of("image", images.Count(u => u.Correct == true), images.Count)));
            charts.Add(AccuracyBars("accuracy-by-modality", "Accuracy by modality", "modality", scored, u => ModalityKey(u.Item.Modality), likelihood));
            AddRows(table, "modality", GroupAccuracy.PerGroup(scored, u => ModalityKey(u.Item.Modality), u => u.Correct == true));
        }
        else
        {
            metrics.Add(ReportMetric.Unmeasured("image_accuracy", "Image-only accuracy", RunInput.NoImagesSeen));
            metrics.Add(ReportMetric.Unmeasured("accuracy_by_modality", "Accuracy by modality", RunInput.NoImagesSeen));
        }

        AddConsistency(presented, metrics, charts, sawMedia);

        if (parameters.Circular)
        {
            var circular = CircularTally.Of(input.Results, input.Items);
            var circularAccuracy = GroupAccuracy.Of("circular", circular.CorrectItems, circular.Items);
            metrics.Add(Metric("circular_accuracy", "CircularEval accuracy", circularAccuracy));
            metrics.Add(new ReportMetric("circular_failed_rotations", "CircularEval rotations that failed (their items count as wrong)", circular.FailedRotations, N: circular.Rotations));
            metrics.Add(new ReportMetric("circular_items_with_failed_rotation", "CircularEval items with a failed rotation", circular.ItemsWithFailedRotation, N: circular.Items));
            var vanilla = GroupAccuracy.Of("rotation 0", scored.Count(u => u.Correct == true), scored.Count);
            charts.Add(Bars("circular", "Plain vs CircularEval accuracy", "accuracy", [vanilla, circularAccuracy]));
        }

        if (parameters.HeldOutThemes.Count > 0)
        {
            var generalisation = KnowledgeGeneralisation.Of(scored, u => u.Item.Theme is { } t && parameters.HeldOutThemes.Contains(t.Trim()), u => u.Correct == true);
            metrics.Add(Metric("seen_accuracy", "Accuracy on seen themes", generalisation.Seen));
            metrics.Add(Metric("held_out_accuracy", "Accuracy on held-out themes", generalisation.HeldOut));
            metrics.Add(new ReportMetric("generalisation_gap", "Generalisation gap (seen − held-out)", Value(generalisation.Gap)));
            charts.Add(Bars("knowledge-generalisation", "Knowledge generalisation (held-out themes)", "accuracy", [generalisation.Seen, generalisation.HeldOut]));
        }

        if (!likelihood)
        {
            var judged = units.Where(u => u.Correct != true || u.Grounded is not null).Select(u => (u.Correct == true, u.Grounded)).ToList();
            var grounding = GroundingValidity.Of(judged);
            metrics.Add(new ReportMetric("grounding_unfaithfulness", "Rationale unfaithfulness (correct answers not using the knowledge points)",
                Value(grounding.UnfaithfulnessRate), grounding.Interval.Low, grounding.Interval.High, grounding.CorrectAnswers));
            metrics.Add(new ReportMetric("no_answer", "Answers with no extractable option", units.Count(u => u.Choice is null), N: units.Count));
            metrics.Add(new ReportMetric("grounding_unjudged", "Correct answers without a grounding verdict", units.Count(u => u.Correct == true && u.Grounded is null)));
        }
        metrics.Add(new ReportMetric("errors", "Units that failed", errors, N: input.Results.Count));

        return new RunReport(CultureMcqMethod.MethodId, metrics, charts,
            [new ReportTable("accuracy-groups", "Accuracy per group (95% Wilson interval)", ["dimension", "group", "n", "correct", "accuracy", "low", "high"], table)]);
    }

    /// <summary>Cross-lingual and cross-modal consistency with pairwise agreement heatmaps.</summary>
    private static void AddConsistency(List<Unit> presented, List<ReportMetric> metrics, List<ReportChart> charts, bool sawMedia)
    {
        var aligned = presented.Where(u => !string.IsNullOrEmpty(u.Item.AlignmentGroup)).ToList();
        var lingual = Groups(aligned, u => (u.Item.AlignmentGroup!, ModalityKey(u.Item.Modality)), u => u.Item.Language ?? "(none)");
        // Audio is never heard (audio items are shown as text), so cross-modal compares text and image.
        var modal = sawMedia
            ? Groups(aligned.Where(u => u.Item.Modality != Modality.Audio).ToList(), u => (u.Item.AlignmentGroup!, u.Item.Language ?? "(none)"), u => ModalityKey(u.Item.Modality))
            : [];
        var lingualRate = AlignmentConsistency.Consistency(lingual);
        var modalRate = AlignmentConsistency.Consistency(modal);
        metrics.Add(Consistency("cross_lingual_consistency", "Cross-lingual consistency", lingualRate));
        metrics.Add(sawMedia
            ? Consistency("cross_modal_consistency", "Cross-modal consistency", modalRate)
            : ReportMetric.Unmeasured("cross_modal_consistency", "Cross-modal consistency", RunInput.NoImagesSeen));
        var rates = sawMedia ? new[] { ("cross-lingual", lingualRate), ("cross-modal", modalRate) } : [("cross-lingual", lingualRate)];
        var intervals = rates.Select(r => ProportionInterval.Wilson(r.Item2.Consistent, r.Item2.Groups)).ToList();
        charts.Add(new ReportChart("consistency", "Consistency over alignment groups", ReportChartKind.Bars, rates.Select(r => r.Item1).ToList(),
            [new ReportSeries("consistency", rates.Select(r => Value(r.Item2.Rate)).ToList(),
                rates.Select((r, i) => r.Item2.Groups > 0 ? intervals[i].Low : (double?)null).ToList(),
                rates.Select((r, i) => r.Item2.Groups > 0 ? intervals[i].High : (double?)null).ToList())],
            YTitle: "share of groups with the same choice", Minimum: 0, Maximum: 1));
        if (lingual.Count > 0)
        {
            foreach (var (variant, rate) in AlignmentConsistency.AgreementWith("en", lingual))
                metrics.Add(Consistency($"agreement_en_{variant}", $"Agreement with English: {variant}", rate));
            charts.Add(AgreementHeatmap("language-agreement", "Pairwise agreement between languages", lingual));
        }
        if (modal.Count > 0)
            charts.Add(AgreementHeatmap("modality-agreement", "Pairwise agreement between modalities", modal));
    }

    private static List<IReadOnlyDictionary<string, int?>> Groups<TKey>(List<Unit> units, Func<Unit, TKey> group, Func<Unit, string> variant) where TKey : notnull =>
        units.GroupBy(group)
            .Select(g => (IReadOnlyDictionary<string, int?>)g.GroupBy(variant, StringComparer.Ordinal).ToDictionary(v => v.Key, v => v.First().Choice, StringComparer.Ordinal))
            .Where(g => g.Count >= 2)
            .ToList();

    /// <summary>Row r, column c: share of groups holding both variants where c chose as r did (diagonal 1 by definition).</summary>
    private static ReportChart AgreementHeatmap(string id, string title, List<IReadOnlyDictionary<string, int?>> groups)
    {
        var variants = groups.SelectMany(g => g.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var series = variants.Select(row =>
        {
            var agreement = AlignmentConsistency.AgreementWith(row, groups);
            return new ReportSeries(row, variants.Select(column => column == row ? 1.0
                : agreement.TryGetValue(column, out var rate) && rate.Groups > 0 ? rate.Rate : (double?)null).ToList());
        }).ToList();
        return new ReportChart(id, title, ReportChartKind.Heatmap, variants, series, Minimum: 0, Maximum: 1);
    }

    private static ReportChart AccuracyBars(string id, string title, string dimension, List<Unit> units, Func<Unit, string> key, bool withNormalised)
    {
        var plain = GroupAccuracy.PerGroup(units, key, u => u.Correct == true);
        var series = new List<ReportSeries> { Series("accuracy", plain) };
        if (withNormalised)
            series.Add(Series("length-normalised", GroupAccuracy.PerGroup(units, key, u => u.CorrectNorm == true)));
        return new ReportChart(id, title, ReportChartKind.Bars, plain.Select(g => g.Key).ToList(), series, dimension, "accuracy (95% CI)", 0, 1);
    }

    private static ReportChart Bars(string id, string title, string yTitle, IReadOnlyList<GroupAccuracy> groups) =>
        new(id, title, ReportChartKind.Bars, groups.Select(g => g.Key).ToList(), [Series(yTitle, groups)], YTitle: yTitle + " (95% CI)", Minimum: 0, Maximum: 1);

    private static ReportSeries Series(string name, IReadOnlyList<GroupAccuracy> groups) => new(
        name,
        groups.Select(g => Value(g.Accuracy)).ToList(),
        groups.Select(g => g.N > 0 ? g.Low : (double?)null).ToList(),
        groups.Select(g => g.N > 0 ? g.High : (double?)null).ToList());

    private static void AddRows(List<IReadOnlyList<string>> table, string dimension, IReadOnlyList<GroupAccuracy> groups)
    {
        foreach (var g in groups)
            table.Add([dimension, g.Key, Text(g.N), Text(g.Correct), Text(g.Accuracy), Text(g.Low), Text(g.High)]);
    }

    private static ReportMetric Metric(string key, string label, GroupAccuracy g) =>
        new(key, label, Value(g.Accuracy), g.N > 0 ? g.Low : null, g.N > 0 ? g.High : null, g.N);

    private static ReportMetric Consistency(string key, string label, ConsistencyRate rate)
    {
        var interval = ProportionInterval.Wilson(rate.Consistent, rate.Groups);
        return new ReportMetric(key, label, Value(rate.Rate), rate.Groups > 0 ? interval.Low : null, rate.Groups > 0 ? interval.High : null, rate.Groups);
    }

    private static string ModalityKey(Modality modality) => modality.ToString().ToLowerInvariant();

    private static double? Value(double value) => double.IsFinite(value) ? value : null;

    private static string Text(double value) => double.IsFinite(value) ? value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) : "";

    private static bool? Flag(IReadOnlyDictionary<string, double> scores, string name) => scores.TryGetValue(name, out var v) ? v == 1 : null;

    private static int? Int(IReadOnlyDictionary<string, double> scores, string name) => scores.TryGetValue(name, out var v) ? (int)v : null;
}
