using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Benchmarks.Demo;
using ValueAlign.Core.Benchmarks.Export;
using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Data;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Benchmarks;

/// <summary>A migrated SQLite file in a temp folder with the library services on it.</summary>
public sealed class LibraryDatabase : IDisposable
{
    private readonly TempDirectory _folder = new();

    private LibraryDatabase()
    {
        Factory = new ValueAlignDbContextFactory(
            new DatabaseOptions { ConnectionString = $"Data Source={_folder.File("library.db")};Pooling=False" }, _folder.Path);
        Presets = new ImportPresetStore(Factory);
        Imports = new ImportService(Factory, ImporterRegistry.Default, Presets);
        Query = new BenchmarkQuery(Factory);
        Exporter = new ItemExporter(Factory);
    }

    public ValueAlignDbContextFactory Factory { get; }
    public ImportPresetStore Presets { get; }
    public ImportService Imports { get; }
    public BenchmarkQuery Query { get; }
    public ItemExporter Exporter { get; }
    public TempDirectory Folder => _folder;

    public static async Task<LibraryDatabase> CreateAsync()
    {
        var database = new LibraryDatabase();
        await new DatabaseMigrator(database.Factory).MigrateAsync();
        return database;
    }

    public DemoDataSeeder Seeder(string demoFolder) => new(Factory, Imports, new DemoDataFolder(demoFolder));

    public Task<ImportResult> ImportAsync(string path, string? format = null, bool dryRun = false, string? preset = null, string? benchmark = null) =>
        Imports.ImportAsync(path, new ImportOptions { Format = format, DryRun = dryRun, Preset = preset, Benchmark = benchmark });

    /// <summary>All items with labels, ordered by benchmark and external id.</summary>
    public async Task<List<BenchmarkItem>> ItemsAsync()
    {
        await using var db = Factory.CreateDbContext();
        var items = await db.BenchmarkItems.AsNoTracking().Include(i => i.Labels).ToListAsync();
        return items.OrderBy(i => i.Benchmark, StringComparer.Ordinal).ThenBy(i => i.ExternalId, StringComparer.Ordinal).ToList();
    }

    public async Task<BenchmarkItem> ItemAsync(string benchmark, string externalId)
    {
        await using var db = Factory.CreateDbContext();
        return await db.BenchmarkItems.AsNoTracking().Include(i => i.Labels)
            .SingleAsync(i => i.Benchmark == benchmark && i.ExternalId == externalId);
    }

    public async Task<(int Items, int Labels)> CountsAsync()
    {
        await using var db = Factory.CreateDbContext();
        return (await db.BenchmarkItems.CountAsync(), await db.ItemLabels.CountAsync());
    }

    public static double Label(BenchmarkItem item, string valueSystem, string dimension, string? target = null) =>
        item.Labels.Single(l => l.ValueSystemId == valueSystem && l.DimensionId == dimension && l.Target == target).Value;

    public void Dispose() => _folder.Dispose();
}
