using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Evaluation;

/// <summary>Selected items of one kind that a method cannot use and a run therefore skips.</summary>
public sealed record SkippedItems(ItemKind Kind, int Count)
{
    /// <summary>"12 items of kind MoralScenario".</summary>
    public override string ToString() => $"{Count} item{(Count == 1 ? "" : "s")} of kind {Kind}";
}

/// <summary>
/// Which selected items a method uses. With no filter at all the selection is the method's own item
/// kinds (<c>eval --method honesty</c> evaluates the honesty items). With a filter, items of kinds the
/// method cannot use are skipped and counted by kind (<see cref="Skipped"/>) rather than refusing the
/// run; a strict request refuses them instead (<see cref="StrictRefusal"/>).
/// </summary>
public sealed record ItemSelection(int Usable, IReadOnlyList<SkippedItems> Skipped)
{
    /// <summary>"skipped: 12 items of kind X, 1 item of kind Y"; null when nothing is skipped.</summary>
    public string? SkippedText => Describe(Skipped);

    public static string? Describe(IReadOnlyList<SkippedItems>? skipped) =>
        skipped is { Count: > 0 } ? "skipped: " + string.Join(", ", skipped) : null;

    /// <summary>The message refusing a strict run whose selection holds items the method cannot use; null when there are none.</summary>
    public string? StrictRefusal(IEvaluationMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return Skipped.Count == 0
            ? null
            : $"{method.Id} cannot use {string.Join(", ", Skipped)} of the selection (it takes {KindsText(method)}); narrow the selection, or run without --strict to skip them.";
    }

    /// <summary>The message for a selection with nothing the method can use; null when there is something.</summary>
    public string? NothingUsable(IEvaluationMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (Usable > 0)
            return null;
        return Skipped.Count == 0
            ? "The item selection is empty: no benchmark item matches the filter."
            : $"None of the selected items is of a kind {method.Id} can use (it takes {KindsText(method)}); {SkippedText}.";
    }

    /// <summary>Whether the filter constrains nothing, so the method's own kinds are the selection.</summary>
    public static bool IsUnfiltered(ItemFilter filter) => filter == new ItemFilter();

    /// <summary>The items of <paramref name="filter"/> the method can use (a query to order, include and load).</summary>
    public static IQueryable<BenchmarkItem> UsableItems(ValueAlignDbContext db, ItemFilter filter, IEvaluationMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var kinds = method.ItemKinds.ToList();
        return BenchmarkQuery.Filtered(db, filter).Where(i => kinds.Contains(i.Kind));
    }

    /// <summary>Counts the usable and the skipped items of <paramref name="filter"/> for <paramref name="method"/> without loading them.</summary>
    public static async Task<ItemSelection> CountAsync(ValueAlignDbContext db, ItemFilter filter, IEvaluationMethod method, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(method);
        var usable = await UsableItems(db, filter, method).CountAsync(cancellationToken).ConfigureAwait(false);
        if (IsUnfiltered(filter))
            return new ItemSelection(usable, []);
        var kinds = method.ItemKinds.ToList();
        var others = await BenchmarkQuery.Filtered(db, filter).Where(i => !kinds.Contains(i.Kind))
            .GroupBy(i => i.Kind).Select(g => new { Kind = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new ItemSelection(usable, [.. others.OrderBy(o => o.Kind).Select(o => new SkippedItems(o.Kind, o.Count))]);
    }

    private static string KindsText(IEvaluationMethod method) =>
        method.ItemKinds.Count == Enum.GetValues<ItemKind>().Length ? "every kind" : string.Join(", ", method.ItemKinds.Order());
}
