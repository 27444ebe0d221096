using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Benchmarks.Query;

/// <summary>
/// Server-side paging, sorting and filtering of the library for the browser page and the export.
/// Text search goes to SQLite FTS5 or PostgreSQL's tsvector index depending on the provider.
/// </summary>
public sealed class BenchmarkQuery(IDbContextFactory<ValueAlignDbContext> factory)
{
    public async Task<ItemPage> PageAsync(ItemPageRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await SqliteReadTuning.ApplyAsync(db, cancellationToken);
        var query = Filtered(db, request.Filter);
        var total = await query.CountAsync(cancellationToken);
        var items = await Sorted(query, request.Sort, request.Descending)
            .Skip(Math.Max(0, request.Skip))
            .Take(Math.Clamp(request.Take, 1, 1000))
            .Select(i => new ItemSummary(i.Id, i.Benchmark, i.ExternalId, i.Kind, i.Text, i.Language, i.Country, i.Modality, i.Category, i.AlignmentGroup, i.VerificationStatus))
            .ToListAsync(cancellationToken);
        return new ItemPage(items, total);
    }

    /// <summary>
    /// The next slice of a scroll through the filtered items (keyset paging: as fast at the end of
    /// a million rows as at the start, and stable while items are added).
    /// </summary>
    public async Task<KeysetPage> ScrollAsync(KeysetPageRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await SqliteReadTuning.ApplyAsync(db, cancellationToken);
        return await ItemKeyset.PageAsync(Filtered(db, request.Filter), request, cancellationToken);
    }

    /// <summary>How many items the filter matches.</summary>
    public async Task<int> CountAsync(ItemFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await SqliteReadTuning.ApplyAsync(db, cancellationToken);
        return await Filtered(db, filter).CountAsync(cancellationToken);
    }

    /// <summary>The whole item with its labels, or null.</summary>
    public async Task<BenchmarkItem?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.BenchmarkItems.AsNoTracking().Include(i => i.Labels).FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
    }

    /// <summary>The other items of the item's alignment group (same question, other languages or modalities).</summary>
    public async Task<IReadOnlyList<BenchmarkItem>> AlignedVariantsAsync(BenchmarkItem item, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(item.AlignmentGroup))
        {
            return [];
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.BenchmarkItems.AsNoTracking().Include(i => i.Labels)
            .Where(i => i.AlignmentGroup == item.AlignmentGroup && i.Benchmark == item.Benchmark && i.Id != item.Id)
            .OrderBy(i => i.Language).ThenBy(i => i.Modality).ThenBy(i => i.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The distinct values of the filterable text columns, for the filter drop-downs.</summary>
    public async Task<ItemFacets> FacetsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var items = db.BenchmarkItems.AsNoTracking();
        return new ItemFacets(
            await items.Select(i => i.Benchmark).Distinct().OrderBy(v => v).ToListAsync(cancellationToken),
            await items.Where(i => i.Category != null).Select(i => i.Category!).Distinct().OrderBy(v => v).ToListAsync(cancellationToken),
            await items.Where(i => i.Country != null).Select(i => i.Country!).Distinct().OrderBy(v => v).ToListAsync(cancellationToken),
            await items.Where(i => i.Language != null).Select(i => i.Language!).Distinct().OrderBy(v => v).ToListAsync(cancellationToken),
            (await db.ItemLabels.AsNoTracking().Select(l => new { l.ValueSystemId, l.DimensionId }).Distinct()
                .OrderBy(d => d.ValueSystemId).ThenBy(d => d.DimensionId).ToListAsync(cancellationToken))
                .Select(d => new LabelDimensionRef(d.ValueSystemId, d.DimensionId)).ToList());
    }

    /// <summary>The filtered items, unsorted; shared with the exporter.</summary>
    internal static IQueryable<BenchmarkItem> Filtered(ValueAlignDbContext db, ItemFilter filter)
    {
        var query = Searched(db, filter.Search).AsNoTracking();
        if (!string.IsNullOrEmpty(filter.Benchmark)) query = query.Where(i => i.Benchmark == filter.Benchmark);
        if (filter.Kind is { } kind) query = query.Where(i => i.Kind == kind);
        if (!string.IsNullOrEmpty(filter.Category)) query = query.Where(i => i.Category == filter.Category);
        if (!string.IsNullOrEmpty(filter.Country)) query = query.Where(i => i.Country == filter.Country);
        if (!string.IsNullOrEmpty(filter.Language)) query = query.Where(i => i.Language == filter.Language);
        if (filter.Modality is { } modality) query = query.Where(i => i.Modality == modality);
        if (filter.VerificationStatus is { } status) query = query.Where(i => i.VerificationStatus == status);
        if (!string.IsNullOrEmpty(filter.AlignmentGroup)) query = query.Where(i => i.AlignmentGroup == filter.AlignmentGroup);
        if (!string.IsNullOrEmpty(filter.LabelDimension))
        {
            var dimension = filter.LabelDimension;
            var system = filter.LabelValueSystem;
            query = string.IsNullOrEmpty(system)
                ? query.Where(i => db.ItemLabels.Any(l => l.ItemId == i.Id && l.DimensionId == dimension && l.Value != 0))
                : query.Where(i => db.ItemLabels.Any(l => l.ItemId == i.Id && l.ValueSystemId == system && l.DimensionId == dimension && l.Value != 0));
        }
        else if (!string.IsNullOrEmpty(filter.LabelValueSystem))
        {
            var system = filter.LabelValueSystem;
            query = query.Where(i => db.ItemLabels.Any(l => l.ItemId == i.Id && l.ValueSystemId == system));
        }
        return query;
    }

    internal static IOrderedQueryable<BenchmarkItem> Sorted(IQueryable<BenchmarkItem> query, ItemSort sort, bool descending)
    {
        IOrderedQueryable<BenchmarkItem> ordered = (sort, descending) switch
        {
            (ItemSort.ExternalId, false) => query.OrderBy(i => i.ExternalId),
            (ItemSort.ExternalId, true) => query.OrderByDescending(i => i.ExternalId),
            (ItemSort.Benchmark, false) => query.OrderBy(i => i.Benchmark),
            (ItemSort.Benchmark, true) => query.OrderByDescending(i => i.Benchmark),
            (ItemSort.Kind, false) => query.OrderBy(i => i.Kind),
            (ItemSort.Kind, true) => query.OrderByDescending(i => i.Kind),
            // Empty values first ascending, last descending, on both providers (PostgreSQL would put NULLs last), as the keyset scroll does.
            (ItemSort.Country, false) => query.OrderBy(i => i.Country != null).ThenBy(i => i.Country),
            (ItemSort.Country, true) => query.OrderByDescending(i => i.Country != null).ThenByDescending(i => i.Country),
            (ItemSort.Language, false) => query.OrderBy(i => i.Language != null).ThenBy(i => i.Language),
            (ItemSort.Language, true) => query.OrderByDescending(i => i.Language != null).ThenByDescending(i => i.Language),
            (ItemSort.Category, false) => query.OrderBy(i => i.Category != null).ThenBy(i => i.Category),
            (ItemSort.Category, true) => query.OrderByDescending(i => i.Category != null).ThenByDescending(i => i.Category),
            (ItemSort.VerificationStatus, false) => query.OrderBy(i => i.VerificationStatus),
            (ItemSort.VerificationStatus, true) => query.OrderByDescending(i => i.VerificationStatus),
            (_, true) => query.OrderByDescending(i => i.Id),
            _ => query.OrderBy(i => i.Id),
        };
        if (sort == ItemSort.Id)
        {
            return ordered;
        }
        return descending ? ordered.ThenByDescending(i => i.Id) : ordered.ThenBy(i => i.Id);
    }

    private static IQueryable<BenchmarkItem> Searched(ValueAlignDbContext db, string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return db.BenchmarkItems;
        }
        if (db.Database.IsNpgsql())
        {
            var tsquery = FullTextQuery.ForTsQuery(search);
            return tsquery is null
                ? db.BenchmarkItems.Where(_ => false)
                : db.BenchmarkItems.FromSql($"SELECT * FROM \"BenchmarkItems\" WHERE \"SearchVector\" @@ to_tsquery('simple', {tsquery})");
        }
        var match = FullTextQuery.ForFts5(search);
        return match is null
            ? db.BenchmarkItems.Where(_ => false)
            : db.BenchmarkItems.FromSql($"SELECT * FROM \"BenchmarkItems\" WHERE \"Id\" IN (SELECT rowid FROM \"BenchmarkItemsFts\" WHERE \"BenchmarkItemsFts\" MATCH {match})");
    }
}

/// <summary>The values the filters can take.</summary>
public sealed record ItemFacets(
    IReadOnlyList<string> Benchmarks, IReadOnlyList<string> Categories, IReadOnlyList<string> Countries,
    IReadOnlyList<string> Languages, IReadOnlyList<LabelDimensionRef> LabelDimensions);

public sealed record LabelDimensionRef(string ValueSystemId, string DimensionId);
