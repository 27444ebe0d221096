using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Benchmarks.Query;

/// <summary>
/// What the browser filters on; null means "any". <see cref="LabelDimension"/> keeps items with a
/// non-zero label on that dimension (of <see cref="LabelValueSystem"/> when given);
/// <see cref="LabelValueSystem"/> alone keeps items with any label of that system (a 0 label too:
/// the item was judged on the dimension), as the objective presets need.
/// </summary>
public sealed record ItemFilter
{
    public string? Benchmark { get; init; }
    public ItemKind? Kind { get; init; }
    public string? Category { get; init; }
    public string? Country { get; init; }
    public string? Language { get; init; }
    public Modality? Modality { get; init; }
    public string? LabelValueSystem { get; init; }
    public string? LabelDimension { get; init; }
    public VerificationStatus? VerificationStatus { get; init; }
    public string? AlignmentGroup { get; init; }

    /// <summary>Full-text search over text and context (all words must occur; the last may be a prefix).</summary>
    public string? Search { get; init; }
}
