using ValueAlign.Core.Benchmarks.Query;

namespace ValueAlign.Core.Annotation.Projects;

/// <summary>
/// What the project editor offers as gold: <see cref="MatchCount"/> items match the filter, of which
/// the first <see cref="DefaultLimit"/> are listed, followed by the chosen gold items not among them.
/// </summary>
public sealed record GoldCandidates(int MatchCount, IReadOnlyList<ItemSummary> Items)
{
    public const int DefaultLimit = 200;

    public static GoldCandidates None { get; } = new(0, []);
}
