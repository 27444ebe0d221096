using ValueAlign.Core.Benchmarks.Demo;
using ValueAlign.Core.Benchmarks.Export;
using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Data;
using ValueAlign.Tests.Support;
using ValueAlign.Web.Cli;

namespace ValueAlign.Tests.Benchmarks;

/// <summary>
/// On PostgreSQL new items go in by binary COPY with ids drawn from the identity sequence; the
/// library must end up exactly as the SQLite path leaves it (compared through the full export),
/// re-imports must still update in place, and a bad record must still write nothing.
/// </summary>
public sealed class PostgresBulkImportTests
{
    private const int SyntheticItems = 4500; // more than two COPY slices of 2000

    [Fact]
    public async Task Bulk_copy_on_postgres_writes_the_same_library_as_sqlite()
    {
        using var dir = new TempDirectory();
        var synthetic = dir.File("synthetic.jsonl");
        await BenchLibraryCommand.WriteSyntheticAsync(synthetic, SyntheticItems, CancellationToken.None);

        var sqlite = new ValueAlignDbContextFactory(new DatabaseOptions { ConnectionString = $"Data Source={dir.File("lib.db")}" }, dir.Path);
        await using var database = await PostgresDatabase.CreateAsync();
        var postgres = new ValueAlignDbContextFactory(
            new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = database.ConnectionString }, RepositoryRoot.Path);

        var exports = new List<string>();
        foreach (var (factory, name) in new[] { (sqlite, "sqlite"), (postgres, "postgres") })
        {
            await new DatabaseMigrator(factory).MigrateAsync();
            var imports = new ImportService(factory, ImporterRegistry.Default, new ImportPresetStore(factory));
            await new DemoDataSeeder(factory, imports, new DemoDataFolder(Path.Combine(RepositoryRoot.Path, "data", "demo"))).SeedIfEmptyAsync();
            var first = await imports.ImportAsync(synthetic, new ImportOptions());
            Assert.Equal((SyntheticItems, 0L), (first.Inserted, first.Updated));

            var export = dir.File($"{name}.jsonl");
            await new ItemExporter(factory).ExportAsync(new ItemFilter(), ExportFormat.Jsonl, export);
            exports.Add(export);
        }
        var sqliteLines = await File.ReadAllLinesAsync(exports[0]);
        var postgresLines = await File.ReadAllLinesAsync(exports[1]);
        Assert.True(sqliteLines.Length > SyntheticItems, $"only {sqliteLines.Length} items exported");
        Assert.Equal(sqliteLines, postgresLines);

        // Items inserted by COPY are found by the upsert map and by full-text search.
        var postgresImports = new ImportService(postgres, ImporterRegistry.Default, new ImportPresetStore(postgres));
        var again = await postgresImports.ImportAsync(synthetic, new ImportOptions());
        Assert.Equal((0L, (long)SyntheticItems), (again.Inserted, again.Updated));
        var query = new BenchmarkQuery(postgres);
        Assert.Equal(sqliteLines.Length, (await query.CountAsync(new ItemFilter())));
        Assert.True((await query.CountAsync(new ItemFilter { Search = "lantern" })) > 0);

        // A new item after the identity sequence moved on by COPY still gets a fresh id from INSERT paths.
        var more = dir.File("more.jsonl");
        await File.WriteAllLinesAsync(more, (await File.ReadAllLinesAsync(synthetic)).Take(3).Select(l => l.Replace("\"synthetic\"", "\"synthetic-2\"")));
        Assert.Equal(3, (await postgresImports.ImportAsync(more, new ImportOptions())).Inserted);
    }

    [Fact]
    public async Task A_bad_record_after_several_copy_slices_leaves_postgres_untouched()
    {
        using var dir = new TempDirectory();
        var synthetic = dir.File("synthetic.jsonl");
        await BenchLibraryCommand.WriteSyntheticAsync(synthetic, SyntheticItems, CancellationToken.None);
        await File.AppendAllTextAsync(synthetic, "{\"benchmark\": \"synthetic\", \"externalId\": \n");

        await using var database = await PostgresDatabase.CreateAsync();
        var postgres = new ValueAlignDbContextFactory(
            new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = database.ConnectionString }, RepositoryRoot.Path);
        await new DatabaseMigrator(postgres).MigrateAsync();
        var imports = new ImportService(postgres, ImporterRegistry.Default, new ImportPresetStore(postgres));

        var error = await Assert.ThrowsAsync<ImportException>(() => imports.ImportAsync(synthetic, new ImportOptions()));
        Assert.Contains(error.Errors, e => e.Line == SyntheticItems + 1);
        Assert.Equal(0, await new BenchmarkQuery(postgres).CountAsync(new ItemFilter()));
    }
}
