using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Annotation.Assignment;

/// <summary>
/// What the annotate page shows for the item an annotator holds: the item and its aligned
/// variants, other annotators' answers (always empty in a blind project), the answer order of a
/// preference pair (<see cref="Presentation"/> "AB"/"BA", null for other items), the schema as this
/// annotator sees it (preference options relabelled for that order) and the answers to start from.
/// </summary>
public sealed record NextItemView(
    Assignment Assignment,
    BenchmarkItem Item,
    IReadOnlyList<BenchmarkItem> Variants,
    IReadOnlyList<PeerAnswers> Peers,
    string? Presentation,
    LabelSchema Schema,
    AnnotationAnswers? Answers);

/// <summary>Answers given to an item whose hold expired before they were saved; they come back if the same item is served again.</summary>
public sealed record CarriedAnswers(long ItemId, AnnotationAnswers Answers);
