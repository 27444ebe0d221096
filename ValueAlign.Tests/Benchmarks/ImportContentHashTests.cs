using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Data;
using ValueAlign.Tests.Support;
using ValueAlign.Web.Cli;

namespace ValueAlign.Tests.Benchmarks;

/// <summary>
/// Both import paths store each item's content hash: SQLite's prepared INSERT/UPDATE and
/// PostgreSQL's binary COPY (more than one slice) and UPDATE; a re-import that changes one item
/// changes that item's hash only.
/// </summary>
public sealed class ImportContentHashTests
{
    private const int SyntheticItems = 2500; // more than one COPY slice of 2000

    [Fact]
    public async Task Sqlite_import_stores_every_items_content_hash() =>
        await ImportsStoreHashesAsync(dir => new ValueAlignDbContextFactory(new DatabaseOptions { ConnectionString = $"Data Source={dir.File("lib.db")}" }, dir.Path));

    [Fact]
    public async Task Postgres_bulk_copy_import_stores_every_items_content_hash()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await ImportsStoreHashesAsync(_ => new ValueAlignDbContextFactory(
            new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = database.ConnectionString }, RepositoryRoot.Path));
    }

    private static async Task ImportsStoreHashesAsync(Func<TempDirectory, ValueAlignDbContextFactory> open)
    {
        using var dir = new TempDirectory();
        var synthetic = dir.File("synthetic.jsonl");
        await BenchLibraryCommand.WriteSyntheticAsync(synthetic, SyntheticItems, CancellationToken.None);
        var factory = open(dir);
        await new DatabaseMigrator(factory).MigrateAsync();
        var imports = new ImportService(factory, ImporterRegistry.Default, new ImportPresetStore(factory));
        Assert.Equal(SyntheticItems, (await imports.ImportAsync(synthetic, new ImportOptions())).Inserted);

        var first = await HashesAsync(factory);
        Assert.Equal(SyntheticItems, first.Count);
        Assert.Equal(SyntheticItems, first.Values.Distinct().Count());

        // Change the text of the 10th record only and import the file again (updates in place).
        var lines = await File.ReadAllLinesAsync(synthetic);
        Assert.Contains("\"text\":\"", lines[9]);
        lines[9] = lines[9].Replace("\"text\":\"", "\"text\":\"Edited. ", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(synthetic, lines);
        Assert.Equal(SyntheticItems, (await imports.ImportAsync(synthetic, new ImportOptions())).Updated);

        var second = await HashesAsync(factory);
        var changed = second.Where(h => first[h.Key] != h.Value).Select(h => h.Key).ToList();
        var edited = Assert.Single(changed);
        await using var db = await ((IDbContextFactory<ValueAlignDbContext>)factory).CreateDbContextAsync();
        Assert.StartsWith("Edited. ", (await db.BenchmarkItems.SingleAsync(i => i.Id == edited)).Text);
    }

    /// <summary>Id → stored hash, checking each equals the hash of the item as read back.</summary>
    private static async Task<Dictionary<long, string>> HashesAsync(IDbContextFactory<ValueAlignDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        var items = await db.BenchmarkItems.AsNoTracking().Include(i => i.Labels).ToListAsync();
        foreach (var item in items)
            Assert.Equal(ItemContentHash.Compute(item), item.ContentHash);
        return items.ToDictionary(i => i.Id, i => i.ContentHash!);
    }
}
