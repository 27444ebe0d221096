using ValueAlign.Core.Data;
using ValueAlign.Core.Values.Objectives.Store;
using ValueAlign.Tests.Annotation;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Values.Objectives.Store;

/// <summary>A migrated SQLite file with an <see cref="ObjectiveStore"/> over the shipped catalogue, on a test clock.</summary>
public sealed class ObjectiveDatabase : IAsyncDisposable
{
    private readonly TempDirectory _folder = new();

    private ObjectiveDatabase()
    {
        Factory = new ValueAlignDbContextFactory(
            new DatabaseOptions { ConnectionString = $"Data Source={_folder.File("objectives.db")};Pooling=False" }, _folder.Path);
        Store = new ObjectiveStore(Factory, ValueSystemFiles.Shipped, Clock);
    }

    public ValueAlignDbContextFactory Factory { get; }

    public TestClock Clock { get; } = new();

    public ObjectiveStore Store { get; }

    public static async Task<ObjectiveDatabase> CreateAsync()
    {
        var database = new ObjectiveDatabase();
        await new DatabaseMigrator(database.Factory).MigrateAsync();
        return database;
    }

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
