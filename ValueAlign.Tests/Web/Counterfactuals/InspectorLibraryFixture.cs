using ValueAlign.Tests.Benchmarks;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Web.Counterfactuals;

/// <summary>One SQLite library with the demo data for all inspector tests (the item picker reads it).</summary>
public sealed class InspectorLibraryFixture : IAsyncLifetime
{
    public LibraryDatabase Library { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Library = await LibraryDatabase.CreateAsync();
        await Library.Seeder(Path.Combine(RepositoryRoot.Path, "data", "demo")).SeedIfEmptyAsync();
    }

    public Task DisposeAsync()
    {
        Library.Dispose();
        return Task.CompletedTask;
    }
}
