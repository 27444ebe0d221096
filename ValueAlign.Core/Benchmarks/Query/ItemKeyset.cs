using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Benchmarks.Query;

/// <summary>
/// Keyset ("seek") paging over the filtered items: each slice continues after the last row seen
/// by comparing (sort column, id) instead of skipping rows, so the millionth row costs what the
/// first does and rows inserted meanwhile never shift or repeat a row.
/// </summary>
/// <remarks>
/// The order is the same on SQLite and PostgreSQL (which disagree on where NULLs sort): the list is
/// cut into segments that are each read through an index on (column, id). A nullable column sorts
/// its empty rows first ascending and last descending; an enum column (stored as its name) is
/// read value by value in ordinal name order; a text column is one range ordered by the
/// database's collation, with the cursor compared by the database too.
/// </remarks>
internal static class ItemKeyset
{
    public static async Task<KeysetPage> PageAsync(IQueryable<BenchmarkItem> filtered, KeysetPageRequest request, CancellationToken cancellationToken)
    {
        var take = Math.Clamp(request.Take, 1, 1000);
        var segments = Segments(request.Sort, request.Descending);
        var start = request.After is { } after ? Math.Max(0, segments.FindIndex(s => s.Holds(after))) : 0;
        var rows = new List<ItemSummary>(take + 1);
        for (var s = start; s < segments.Count && rows.Count <= take; s++)
        {
            var query = segments[s].Query(filtered, s == start ? request.After : null);
            rows.AddRange(await query.Take(take + 1 - rows.Count).Select(Summary).ToListAsync(cancellationToken));
        }
        if (rows.Count <= take)
        {
            return new KeysetPage(rows, null);
        }
        rows.RemoveAt(take);
        return new KeysetPage(rows, CursorOf(rows[^1], request.Sort));
    }

    public static ItemCursor CursorOf(ItemSummary row, ItemSort sort) => new(sort switch
    {
        ItemSort.ExternalId => row.ExternalId,
        ItemSort.Benchmark => row.Benchmark,
        ItemSort.Kind => row.Kind.ToString(),
        ItemSort.Country => row.Country,
        ItemSort.Language => row.Language,
        ItemSort.Category => row.Category,
        ItemSort.VerificationStatus => row.VerificationStatus.ToString(),
        _ => null,
    }, row.Id);

    private static readonly Expression<Func<BenchmarkItem, ItemSummary>> Summary = i =>
        new ItemSummary(i.Id, i.Benchmark, i.ExternalId, i.Kind, i.Text, i.Language, i.Country, i.Modality, i.Category, i.AlignmentGroup, i.VerificationStatus);

    private static List<Segment> Segments(ItemSort sort, bool descending)
    {
        List<Segment> ascending = sort switch
        {
            ItemSort.ExternalId => [new RangeSegment(i => i.ExternalId, descending)],
            ItemSort.Benchmark => [new RangeSegment(i => i.Benchmark, descending)],
            ItemSort.Country => Nullable(i => i.Country, descending),
            ItemSort.Language => Nullable(i => i.Language, descending),
            ItemSort.Category => Nullable(i => i.Category, descending),
            ItemSort.Kind => ByValue<ItemKind>(kind => i => i.Kind == kind, descending),
            ItemSort.VerificationStatus => ByValue<VerificationStatus>(status => i => i.VerificationStatus == status, descending),
            _ => [new IdSegment(null, null, descending)],
        };
        if (descending)
        {
            ascending.Reverse();
        }
        return ascending;
    }

    private static List<Segment> Nullable(Expression<Func<BenchmarkItem, string?>> column, bool descending) =>
    [
        new IdSegment(Equal(column, null), key => key is null, descending),
        new RangeSegment(column, descending),
    ];

    private static List<Segment> ByValue<TEnum>(Func<TEnum, Expression<Func<BenchmarkItem, bool>>> equals, bool descending) where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>()
            .OrderBy(v => v.ToString(), StringComparer.Ordinal)
            .Select(v => (Segment)new IdSegment(equals(v), key => key == v.ToString(), descending))
            .ToList();

    private static Expression<Func<BenchmarkItem, bool>> Equal(Expression<Func<BenchmarkItem, string?>> column, string? value) =>
        Expression.Lambda<Func<BenchmarkItem, bool>>(
            Expression.Equal(column.Body, Expression.Constant(value, typeof(string))), column.Parameters);

    private abstract record Segment
    {
        public abstract bool Holds(ItemCursor cursor);

        public abstract IQueryable<BenchmarkItem> Query(IQueryable<BenchmarkItem> filtered, ItemCursor? after);
    }

    /// <summary>Rows of one column value (or all rows), ordered by id.</summary>
    private sealed record IdSegment(Expression<Func<BenchmarkItem, bool>>? Where, Func<string?, bool>? HoldsKey, bool Descending) : Segment
    {
        public override bool Holds(ItemCursor cursor) => HoldsKey?.Invoke(cursor.Key) ?? true;

        public override IQueryable<BenchmarkItem> Query(IQueryable<BenchmarkItem> filtered, ItemCursor? after)
        {
            var query = Where is null ? filtered : filtered.Where(Where);
            if (after is not null)
            {
                var id = after.Id;
                query = Descending ? query.Where(i => i.Id < id) : query.Where(i => i.Id > id);
            }
            return Descending ? query.OrderByDescending(i => i.Id) : query.OrderBy(i => i.Id);
        }
    }

    /// <summary>Rows whose text column is set, ordered by (column, id).</summary>
    private sealed record RangeSegment(Expression<Func<BenchmarkItem, string?>> Column, bool Descending) : Segment
    {
        public override bool Holds(ItemCursor cursor) => cursor.Key is not null;

        public override IQueryable<BenchmarkItem> Query(IQueryable<BenchmarkItem> filtered, ItemCursor? after)
        {
            var query = filtered.Where(Expression.Lambda<Func<BenchmarkItem, bool>>(
                Expression.NotEqual(Column.Body, Expression.Constant(null, typeof(string))), Column.Parameters));
            if (after is not null)
            {
                query = query.Where(Beyond(after));
            }
            return Descending
                ? query.OrderByDescending(Column).ThenByDescending(i => i.Id)
                : query.OrderBy(Column).ThenBy(i => i.Id);
        }

        /// <summary>column beyond key, or column equal to key and id beyond the cursor's id (values as query parameters).</summary>
        private Expression<Func<BenchmarkItem, bool>> Beyond(ItemCursor after)
        {
            var item = Column.Parameters[0];
            var bound = new CursorValues(after.Key!, after.Id);
            var key = Expression.Property(Expression.Constant(bound), nameof(CursorValues.Key));
            var id = Expression.Property(Expression.Constant(bound), nameof(CursorValues.Id));
            var compare = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, Column.Body, key);
            var zero = Expression.Constant(0);
            var itemId = Expression.Property(item, nameof(BenchmarkItem.Id));
            var columnBeyond = Descending ? Expression.LessThan(compare, zero) : Expression.GreaterThan(compare, zero);
            var idBeyond = Descending ? Expression.LessThan(itemId, id) : Expression.GreaterThan(itemId, id);
            return Expression.Lambda<Func<BenchmarkItem, bool>>(
                Expression.OrElse(columnBeyond, Expression.AndAlso(Expression.Equal(Column.Body, key), idBeyond)), item);
        }
    }

    private sealed record CursorValues(string Key, long Id);
}
