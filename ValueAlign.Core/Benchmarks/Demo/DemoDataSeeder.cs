using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Benchmarks.Demo;

/// <summary>
/// On first run (no items yet) imports every file of the demo folder, so a fresh workbench has
/// items of every kind to look at. Label files of Touché pairs are imported through their
/// arguments file.
/// </summary>
public sealed class DemoDataSeeder(IDbContextFactory<ValueAlignDbContext> factory, ImportService imports, DemoDataFolder folder)
{
    /// <summary>Imports the demo files if the library is empty; returns the results (empty when it was not).</summary>
    public async Task<IReadOnlyList<ImportResult>> SeedIfEmptyAsync(CancellationToken cancellationToken = default)
    {
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.BenchmarkItems.AnyAsync(cancellationToken) || !Directory.Exists(folder.Path))
            {
                return [];
            }
        }
        var results = new List<ImportResult>();
        foreach (var file in Directory.EnumerateFiles(folder.Path).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith("labels", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            results.Add(await imports.ImportAsync(file, new ImportOptions(), cancellationToken: cancellationToken));
        }
        return results;
    }
}

/// <summary>The folder the demo seeder reads (<c>data/demo</c> under the workbench root).</summary>
public sealed record DemoDataFolder(string Path);
