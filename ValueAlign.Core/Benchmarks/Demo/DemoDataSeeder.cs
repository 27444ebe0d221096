using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Benchmarks.Demo;

/// <summary>
/// On first run (no items yet) imports every file of the demo folder, so a fresh workbench has
/// items of every kind to look at. Label files of Touché pairs are imported through their
/// arguments file. The team's moral dilemmas (<see cref="DemoDataFolder.DilemmasFile"/>) are
/// imported whenever the library has none of them yet, so an existing library gains them too; so are
/// the team's value-laden task prompts for the optimisers (<see cref="DemoDataFolder.TaskPromptsFile"/>).
/// </summary>
public sealed class DemoDataSeeder(IDbContextFactory<ValueAlignDbContext> factory, ImportService imports, DemoDataFolder folder)
{
    /// <summary>Imports the demo files if the library is empty; returns the results (empty when it was not).</summary>
    public async Task<IReadOnlyList<ImportResult>> SeedIfEmptyAsync(CancellationToken cancellationToken = default)
    {
        bool empty, hasDilemmas, hasPrompts;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            empty = !await db.BenchmarkItems.AnyAsync(cancellationToken);
            hasDilemmas = await db.BenchmarkItems.AnyAsync(i => i.Benchmark == DilemmaImporter.DefaultBenchmark, cancellationToken);
            hasPrompts = await db.BenchmarkItems.AnyAsync(i => i.Benchmark == TaskPromptImporter.DefaultBenchmark, cancellationToken);
        }
        var results = new List<ImportResult>();
        if (folder.DilemmasFile is { } dilemmas && !hasDilemmas && File.Exists(dilemmas))
        {
            results.Add(await imports.ImportAsync(dilemmas, new ImportOptions(), cancellationToken: cancellationToken));
        }
        if (folder.TaskPromptsFile is { } prompts && !hasPrompts && File.Exists(prompts))
        {
            results.Add(await imports.ImportAsync(prompts, new ImportOptions { Format = "valuealign-prompts" }, cancellationToken: cancellationToken));
        }
        if (!empty || !Directory.Exists(folder.Path))
        {
            return results;
        }
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

/// <summary>The folder the demo seeder reads (<c>data/demo</c> under the workbench root), and the
/// dilemma file (<c>data/dilemmas/dilemmas.jsonl</c>) and the task prompts (<c>data/prompts/value-laden.jsonl</c>)
/// seeded when the library lacks them.</summary>
public sealed record DemoDataFolder(string Path, string? DilemmasFile = null, string? TaskPromptsFile = null);
