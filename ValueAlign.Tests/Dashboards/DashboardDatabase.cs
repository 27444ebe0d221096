using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Dashboards;
using ValueAlign.Core.Data;
using ValueAlign.Tests.Annotation;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Dashboards;

/// <summary>A migrated SQLite file with the dashboard services over a hand-moved clock.</summary>
public sealed class DashboardDatabase : IAsyncDisposable
{
    private readonly TempDirectory _folder = new();

    private DashboardDatabase()
    {
        var factory = new ValueAlignDbContextFactory(
            new DatabaseOptions { ConnectionString = $"Data Source={_folder.File("dashboards.db")};Pooling=False" }, _folder.Path);
        Factory = factory;
        FilePath = _folder.File("dashboards.db");
        _concrete = factory;
        Reports = new RunReportReader(Factory);
        Service = new DashboardService(Factory, Reports, Clock);
        Exporter = new RunResultsExporter(Factory);
    }

    private readonly ValueAlignDbContextFactory _concrete;

    public IDbContextFactory<ValueAlignDbContext> Factory { get; }

    public string FilePath { get; }

    public TestClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public RunReportReader Reports { get; }

    public DashboardService Service { get; }

    public RunResultsExporter Exporter { get; }

    public static async Task<DashboardDatabase> CreateAsync()
    {
        var database = new DashboardDatabase();
        await new DatabaseMigrator(database._concrete).MigrateAsync();
        return database;
    }

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
