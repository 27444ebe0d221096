using ValueAlign.Core.Benchmarks.Demo;
using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Data;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Benchmarks;

/// <summary>
/// The library on a real PostgreSQL server (started by test.sh): migrations with the tsvector
/// column, demo seeding, idempotent re-import, filters and full-text search behave as on SQLite.
/// </summary>
public class PostgresLibraryTests
{
    private static readonly string DemoFolder = Path.Combine(RepositoryRoot.Path, "data", "demo");

    [Fact]
    public async Task Demo_data_imports_once_and_is_searchable_with_postgres_full_text()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var factory = new ValueAlignDbContextFactory(
            new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = database.ConnectionString }, RepositoryRoot.Path);
        await new DatabaseMigrator(factory).MigrateAsync();
        var presets = new ImportPresetStore(factory);
        var imports = new ImportService(factory, ImporterRegistry.Default, presets);
        var query = new BenchmarkQuery(factory);
        var seeder = new DemoDataSeeder(factory, imports, new DemoDataFolder(DemoFolder));

        var seeded = await seeder.SeedIfEmptyAsync();
        var total = seeded.Sum(r => r.Inserted);
        Assert.True(total >= 40, $"only {total} demo items seeded");
        Assert.Empty(await seeder.SeedIfEmptyAsync());
        Assert.Equal(total, (await query.PageAsync(new ItemPageRequest(new ItemFilter()))).Total);

        // Re-importing a file updates in place: same count, nothing inserted.
        var mmaFile = Directory.GetFiles(DemoFolder, "*mma*").First();
        var again = await imports.ImportAsync(mmaFile, new ImportOptions());
        Assert.Equal(0, again.Inserted);
        Assert.Equal(total, (await query.PageAsync(new ItemPageRequest(new ItemFilter()))).Total);

        var both = await query.PageAsync(new ItemPageRequest(new ItemFilter { Search = "purification", Modality = Modality.Image }));
        Assert.Equal("demo-jp-001-en-image", Assert.Single(both.Items).ExternalId);
        var prefix = await query.PageAsync(new ItemPageRequest(new ItemFilter { Search = "purificat" }));
        Assert.Equal(2, prefix.Total);
        Assert.Equal(0, (await query.PageAsync(new ItemPageRequest(new ItemFilter { Search = "zzzyyyxxx" }))).Total);
        // Query syntax typed by a user is taken as words, not operators.
        Assert.Equal(0, (await query.PageAsync(new ItemPageRequest(new ItemFilter { Search = "!(& |:*" }))).Total);

        var japan = await query.PageAsync(new ItemPageRequest(new ItemFilter { Country = "Japan" }, ItemSort.ExternalId));
        Assert.True(japan.Total >= 4);
        Assert.All(japan.Items, i => Assert.Equal("Japan", i.Country));
    }
}
