using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Benchmarks.SavedFilters;

/// <summary>Named benchmark filters: saved from the browser, picked when a project is created.</summary>
public sealed class SavedFilterStore(IDbContextFactory<ValueAlignDbContext> factory, TimeProvider clock)
{
    public const int MaxNameLength = 200;

    /// <summary>Saves <paramref name="filter"/> under a new name; throws <see cref="SavedFilterException"/> for a bad or taken name.</summary>
    public async Task<SavedFilter> SaveAsync(string name, ItemFilter filter, string createdBy, CancellationToken cancellationToken = default)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxNameLength)
        {
            throw new SavedFilterException($"Name: give 1..{MaxNameLength} characters.");
        }
        if (string.IsNullOrWhiteSpace(createdBy))
        {
            throw new SavedFilterException("Created by: the user id is missing.");
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.SavedFilters.AnyAsync(f => f.Name == trimmed, cancellationToken))
        {
            throw new SavedFilterException($"Name: a filter called '{trimmed}' exists already.");
        }
        var saved = new SavedFilter
        {
            Name = trimmed,
            FilterJson = ItemFilterJson.Serialize(filter),
            CreatedBy = createdBy,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.SavedFilters.Add(saved);
        await db.SaveChangesAsync(cancellationToken);
        return saved;
    }

    public async Task<IReadOnlyList<SavedFilter>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.SavedFilters.AsNoTracking().OrderBy(f => f.Name).ToListAsync(cancellationToken);
    }

    public async Task<SavedFilter?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.SavedFilters.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.SavedFilters.Where(f => f.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    public static ItemFilter FilterOf(SavedFilter saved) => ItemFilterJson.Deserialize(saved.FilterJson, $"Saved filter '{saved.Name}'");
}
