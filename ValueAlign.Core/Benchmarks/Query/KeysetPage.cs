namespace ValueAlign.Core.Benchmarks.Query;

/// <summary>Rows after <see cref="After"/> (or from the top) in the order of <see cref="Sort"/>.</summary>
public sealed record KeysetPageRequest(ItemFilter Filter, ItemSort Sort = ItemSort.Id, bool Descending = false, ItemCursor? After = null, int Take = 100);

/// <summary>One slice of a keyset scroll; <see cref="Next"/> continues after its last row, null at the end.</summary>
public sealed record KeysetPage(IReadOnlyList<ItemSummary> Items, ItemCursor? Next);
