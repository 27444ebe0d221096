using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Benchmarks.Media;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Evaluation.Caching;

/// <summary>
/// The content key of each selected item: its stored <see cref="BenchmarkItem.ContentHash"/>
/// (computed and saved now for rows that have none: rows from before the column, or changed
/// through EF), combined with the SHA-256 of each of its image files' bytes when the run shows
/// images to the model (a text-only run sees only the references, which the stored hash covers;
/// audio is never given to a model).
/// A run's configuration hash covers the keys of all its items (<see cref="Digest"/>); each
/// stored result records its item's key, and the cache reuses a result only for the same key.
/// </summary>
public sealed class ItemContentKeys(IDbContextFactory<ValueAlignDbContext> dbFactory, MediaFileHashes mediaHashes)
{
    private const int SaveEvery = 2000;

    /// <summary>Item id → content key for <paramref name="items"/> (loaded with their labels); <paramref name="imagesSeen"/> as the run's.</summary>
    public async Task<IReadOnlyDictionary<long, string>> KeysAsync(IReadOnlyList<BenchmarkItem> items, bool imagesSeen, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        await FillMissingAsync(items, cancellationToken).ConfigureAwait(false);
        var keys = new Dictionary<long, string>(items.Count);
        foreach (var item in items)
        {
            var media = imagesSeen ? ItemImages.ImageReferences(item) : [];
            if (media.Count == 0)
            {
                keys[item.Id] = item.ContentHash!;
                continue;
            }
            var text = new StringBuilder(item.ContentHash);
            foreach (var reference in media)
                text.Append('\n').Append(await mediaHashes.HashAsync(reference, cancellationToken).ConfigureAwait(false));
            keys[item.Id] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        }
        return keys;
    }

    /// <summary>SHA-256 over every (item id, content key), in id order: the selection's content in one value.</summary>
    public static string Digest(IReadOnlyDictionary<long, string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var text = new StringBuilder(keys.Count * 80);
        foreach (var (id, key) in keys.OrderBy(k => k.Key))
            text.Append(id.ToString(CultureInfo.InvariantCulture)).Append('=').Append(key).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Computes and stores the hash of items that have none, a few thousand rows a transaction.</summary>
    private async Task FillMissingAsync(IReadOnlyList<BenchmarkItem> items, CancellationToken cancellationToken)
    {
        var missing = items.Where(i => string.IsNullOrEmpty(i.ContentHash)).ToList();
        for (var start = 0; start < missing.Count; start += SaveEvery)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            foreach (var item in missing.Skip(start).Take(SaveEvery))
            {
                item.ContentHash = ItemContentHash.Compute(item);
                var stub = new BenchmarkItem { Id = item.Id, ContentHash = item.ContentHash };
                db.BenchmarkItems.Attach(stub).Property(i => i.ContentHash).IsModified = true;
            }
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
