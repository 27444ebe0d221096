using ValueAlign.Core.Annotation.Schema;

namespace ValueAlign.Core.Annotation.Adjudication;

/// <summary>One annotator's label for one question; null when they left the question unanswered.</summary>
public sealed record AnnotatorLabel(long AnnotationId, string AnnotatorId, string AnnotatorName, string? Label);

/// <summary>All labels of one question about one item side by side, with the rule's verdict and any decision already taken.</summary>
public sealed record QuestionLabels(
    LabelQuestion Question,
    IReadOnlyList<AnnotatorLabel> Labels,
    bool Disputed,
    string? Majority,
    VerifiedLabel? Verified)
{
    /// <summary>Disputed and not decided yet.</summary>
    public bool Open => Disputed && Verified is null;

    /// <summary>How many annotators gave each label, most frequent first.</summary>
    public IReadOnlyList<(string Label, int Count)> Counts => Labels
        .Where(l => l.Label is not null)
        .GroupBy(l => l.Label!, StringComparer.Ordinal)
        .Select(g => (g.Key, g.Count()))
        .OrderByDescending(c => c.Item2).ThenBy(c => c.Key, StringComparer.Ordinal)
        .ToList();
}

/// <summary>An item whose labels the rule disputes, with every comparable question's labels.</summary>
public sealed record AdjudicationItem(
    long ProjectItemId,
    long BenchmarkItemId,
    string Benchmark,
    string ExternalId,
    string Text,
    IReadOnlyList<QuestionLabels> Questions)
{
    public bool Open => Questions.Any(q => q.Open);
}

/// <summary>
/// <see cref="ReadyItems"/>: items with enough annotations to be judged; <see cref="DisputedItems"/>:
/// those with at least one disputed question; <see cref="DecidedItems"/>: disputed items whose
/// disputed questions all have a verified label.
/// </summary>
public sealed record AdjudicationProgress(int ReadyItems, int DisputedItems, int DecidedItems)
{
    public int PendingItems => DisputedItems - DecidedItems;

    /// <summary>Share of disputed items decided, 0..1 (1 when nothing is disputed).</summary>
    public double Done => DisputedItems == 0 ? 1 : (double)DecidedItems / DisputedItems;
}

/// <summary>The curator's queue of a project: the items waiting for a decision (or all disputed items), in project-item order.</summary>
public sealed record AdjudicationQueue(
    long ProjectId,
    string ProjectName,
    DisagreementRule Rule,
    int ReadyAt,
    IReadOnlyList<LabelQuestion> Questions,
    IReadOnlyList<AdjudicationItem> Items,
    AdjudicationProgress Progress);
