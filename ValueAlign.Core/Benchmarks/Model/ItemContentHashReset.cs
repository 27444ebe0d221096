using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ValueAlign.Core.Benchmarks.Model;

/// <summary>
/// Keeps <see cref="BenchmarkItem.ContentHash"/> honest for items written through EF (the import
/// writes it itself): before a save, an added item, an item whose content changed, or an item
/// whose labels were added, changed or removed loses its stored hash, and the run engine computes
/// the new one on demand. A change of the curation state alone keeps the hash.
/// </summary>
internal static class ItemContentHashReset
{
    private static readonly HashSet<string> NotContent = [nameof(BenchmarkItem.Id), nameof(BenchmarkItem.VerificationStatus), nameof(BenchmarkItem.ContentHash)];

    public static void Apply(ChangeTracker tracker)
    {
        var stale = new HashSet<long>();
        foreach (var entry in tracker.Entries<BenchmarkItem>())
        {
            if (entry.State == EntityState.Added
                || (entry.State == EntityState.Modified && entry.Properties.Any(p => p.IsModified && !NotContent.Contains(p.Metadata.Name))))
            {
                entry.Entity.ContentHash = null;
            }
        }
        foreach (var label in tracker.Entries<ItemLabel>())
        {
            if (label.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && label.Entity.ItemId != 0)
                stale.Add(label.Entity.ItemId);
        }
        foreach (var itemId in stale)
        {
            var tracked = tracker.Entries<BenchmarkItem>().FirstOrDefault(e => e.Entity.Id == itemId);
            if (tracked is not null)
            {
                if (tracked.State != EntityState.Deleted)
                    tracked.Entity.ContentHash = null;
                continue;
            }
            // The item is not loaded: update only its hash column.
            var stub = tracker.Context.Attach(new BenchmarkItem { Id = itemId });
            stub.Property(i => i.ContentHash).CurrentValue = null;
            stub.Property(i => i.ContentHash).IsModified = true;
        }
    }
}
