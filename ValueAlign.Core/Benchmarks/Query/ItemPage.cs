using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Benchmarks.Query;

/// <summary>A grid row: the item without its source record and labels.</summary>
public sealed record ItemSummary(
    long Id, string Benchmark, string ExternalId, ItemKind Kind, string Text, string? Language, string? Country,
    Modality Modality, string? Category, string? AlignmentGroup, VerificationStatus VerificationStatus);

/// <summary>One page of a query and the number of items that match it overall.</summary>
public sealed record ItemPage(IReadOnlyList<ItemSummary> Items, int Total);

/// <summary>A page request: filter, sort, and the slice wanted.</summary>
public sealed record ItemPageRequest(ItemFilter Filter, ItemSort Sort = ItemSort.Id, bool Descending = false, int Skip = 0, int Take = 50);
