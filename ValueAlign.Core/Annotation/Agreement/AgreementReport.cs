namespace ValueAlign.Core.Annotation.Agreement;

/// <summary>Agreement statistics for every question found in rows of (item, annotator, question, label).</summary>
public sealed record AgreementReport(IReadOnlyList<QuestionAgreement> Questions)
{
    /// <param name="rows">The labels; empty labels are missing data.</param>
    /// <param name="labelOrder">Optional explicit label order per question (for ordered non-numeric labels such as Likert texts).</param>
    /// <exception cref="ArgumentException">An annotator labels the same item twice for one question.</exception>
    public static AgreementReport Compute(IEnumerable<AnnotationRow> rows, Func<string, IReadOnlyList<string>?>? labelOrder = null)
    {
        var byQuestion = new Dictionary<string, List<(string, string, string)>>(StringComparer.Ordinal);
        List<(string, string, string)>? list = null;
        string? lastQuestion = null;
        foreach (var row in rows)
        {
            if (!string.Equals(row.Question, lastQuestion, StringComparison.Ordinal))
            {
                if (!byQuestion.TryGetValue(row.Question, out list))
                {
                    list = [];
                    byQuestion.Add(row.Question, list);
                }
                lastQuestion = row.Question;
            }
            list!.Add((row.Item, row.Annotator, row.Label));
        }
        var questions = byQuestion.Keys.Order(StringComparer.Ordinal)
            .Select(q => ForQuestion(q, ReliabilityData.FromLabels(byQuestion[q], labelOrder?.Invoke(q))))
            .ToList();
        return new AgreementReport(questions);
    }

    public static QuestionAgreement ForQuestion(string question, ReliabilityData data)
    {
        int min = int.MaxValue, max = 0;
        for (var item = 0; item < data.Items.Count; item++)
        {
            min = Math.Min(min, data.LabelCount(item));
            max = Math.Max(max, data.LabelCount(item));
        }
        if (data.Items.Count == 0)
        {
            min = 0;
        }

        FleissKappaResult? fleiss = null;
        string? fleissNotApplicable = null;
        if (data.Items.Count == 0)
        {
            fleissNotApplicable = "n/a: no labels";
        }
        else if (min != max)
        {
            fleissNotApplicable = $"n/a: items have {min}–{max} labels";
        }
        else if (max < 2)
        {
            fleissNotApplicable = "n/a: items have 1 label each";
        }
        else
        {
            fleiss = FleissKappa.Compute(data);
        }

        var coincidences = CoincidenceMatrix.From(data);
        return new QuestionAgreement(
            question,
            data,
            min,
            max,
            PercentAgreement.Compute(data),
            fleiss,
            fleissNotApplicable,
            KrippendorffAlpha.Compute(coincidences, data.Labels, KrippendorffMetric.Nominal),
            data.Labels.IsOrdered ? KrippendorffAlpha.Compute(coincidences, data.Labels, KrippendorffMetric.Ordinal) : null,
            data.Labels.IsOrdered ? KrippendorffAlpha.Compute(coincidences, data.Labels, KrippendorffMetric.Interval) : null,
            PairwiseCohensKappa.Compute(data),
            MajorityLabels.PerItem(data),
            MajorityLabels.PerAnnotator(data));
    }
}
