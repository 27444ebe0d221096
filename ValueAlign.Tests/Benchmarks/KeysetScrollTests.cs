using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Data;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Benchmarks;

/// <summary>
/// Keyset scrolling visits every item exactly once, in the same order as the offset pages, for
/// every sort column and direction, also while other items are being inserted; on SQLite and on
/// PostgreSQL (which sort NULLs differently, so the scroll must not rely on either).
/// </summary>
public class KeysetScrollTests
{
    private static readonly string?[] Countries = ["Japan", null, "India", "Korea", null, "China", "japan", "Viet Nam"];

    public static TheoryData<ItemSort, bool> Sorts()
    {
        var data = new TheoryData<ItemSort, bool>();
        foreach (var sort in Enum.GetValues<ItemSort>())
        {
            data.Add(sort, false);
            data.Add(sort, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task Sqlite_scroll_returns_every_item_once_under_concurrent_inserts(ItemSort sort, bool descending)
    {
        using var lib = await LibraryDatabase.CreateAsync();
        await ScrollsEveryItemOnceAsync(lib.Factory, sort, descending);
    }

    [Theory]
    [InlineData(ItemSort.Country, false)]
    [InlineData(ItemSort.Country, true)]
    [InlineData(ItemSort.Kind, false)]
    [InlineData(ItemSort.ExternalId, true)]
    [InlineData(ItemSort.Id, false)]
    public async Task Postgres_scroll_returns_every_item_once_under_concurrent_inserts(ItemSort sort, bool descending)
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var factory = new ValueAlignDbContextFactory(
            new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = database.ConnectionString }, RepositoryRoot.Path);
        await new DatabaseMigrator(factory).MigrateAsync();
        await ScrollsEveryItemOnceAsync(factory, sort, descending);
    }

    [Fact]
    public async Task Scroll_respects_the_filter_and_ends_with_no_cursor()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        await InsertAsync(lib.Factory, 0, 60);
        var filter = new ItemFilter { Country = "Japan" };
        var expected = (await lib.Query.PageAsync(new ItemPageRequest(filter, ItemSort.ExternalId, Take: 1000))).Items.Select(i => i.Id).ToList();

        var seen = new List<long>();
        ItemCursor? cursor = null;
        var slices = 0;
        do
        {
            var page = await lib.Query.ScrollAsync(new KeysetPageRequest(filter, ItemSort.ExternalId, After: cursor, Take: 3));
            seen.AddRange(page.Items.Select(i => i.Id));
            cursor = page.Next;
            slices++;
        }
        while (cursor is not null);

        Assert.Equal(expected, seen);
        Assert.Equal(expected.Count, await lib.Query.CountAsync(filter));
        Assert.Equal((expected.Count + 2) / 3, slices);
    }

    [Fact]
    public void Cursor_round_trips_through_its_url_form_and_garbage_is_ignored()
    {
        var cursor = new ItemCursor("Côte d'Ivoire & \"Japan\"/+=", 1234567890123);
        var text = cursor.Encode();
        Assert.DoesNotContain('+', text);
        Assert.DoesNotContain('/', text);
        Assert.DoesNotContain('=', text);
        Assert.Equal(cursor, ItemCursor.TryDecode(text));
        Assert.Equal(new ItemCursor(null, 7), ItemCursor.TryDecode(new ItemCursor(null, 7).Encode()));
        Assert.Null(ItemCursor.TryDecode("not a cursor!"));
        Assert.Null(ItemCursor.TryDecode(""));
        Assert.Null(ItemCursor.TryDecode(null));
    }

    private static async Task ScrollsEveryItemOnceAsync(ValueAlignDbContextFactory factory, ItemSort sort, bool descending)
    {
        await InsertAsync(factory, 0, 157);
        var query = new BenchmarkQuery(factory);
        var ordered = (await query.PageAsync(new ItemPageRequest(new ItemFilter(), sort, descending, Take: 1000))).Items.Select(i => i.Id).ToList();
        Assert.Equal(157, ordered.Count);

        var seen = new List<long>();
        ItemCursor? cursor = null;
        var inserted = 157;
        do
        {
            var page = await query.ScrollAsync(new KeysetPageRequest(new ItemFilter(), sort, descending, cursor, Take: 10));
            seen.AddRange(page.Items.Select(i => i.Id));
            cursor = page.Next;
            // Someone imports more items while the user scrolls.
            await InsertAsync(factory, inserted, 5);
            inserted += 5;
        }
        while (cursor is not null);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        var original = ordered.ToHashSet();
        // Every item that existed when the scroll began is seen, in the offset pages' order.
        Assert.Equal(ordered, seen.Where(original.Contains).ToList());
    }

    private static async Task InsertAsync(ValueAlignDbContextFactory factory, int first, int count)
    {
        var kinds = Enum.GetValues<ItemKind>();
        var statuses = Enum.GetValues<VerificationStatus>();
        await using var db = factory.CreateDbContext();
        for (var n = first; n < first + count; n++)
        {
            db.BenchmarkItems.Add(new BenchmarkItem
            {
                Benchmark = n % 3 == 0 ? "alpha" : "beta",
                // Interleaved ids, so the external-id order differs from insertion order.
                ExternalId = $"item-{(n * 37) % 1009:D4}-{n}",
                Kind = kinds[n % kinds.Length],
                Text = $"text {n}",
                Country = Countries[n % Countries.Length],
                Language = n % 4 == 0 ? null : "en",
                Category = n % 5 == 0 ? null : $"cat-{n % 3}",
                VerificationStatus = statuses[n % statuses.Length],
                SourceFormat = "test",
                SourceRecord = "{}",
            });
        }
        await db.SaveChangesAsync();
    }
}
