using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ValueAlign.Core.Benchmarks.Demo;
using ValueAlign.Core.Benchmarks.Export;
using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.Media;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Benchmarks.SavedFilters;

namespace ValueAlign.Core.Benchmarks;

public static class BenchmarkLibraryServiceCollectionExtensions
{
    /// <summary>
    /// The benchmark library: importers, import service, presets, query, export, media files and
    /// the demo seeder (with the dilemma file when given). Needs <c>AddValueAlignData</c> first.
    /// </summary>
    public static IServiceCollection AddBenchmarkLibrary(this IServiceCollection services, string mediaFolder, string demoFolder, string? dilemmasFile = null, string? taskPromptsFile = null)
    {
        services.AddSingleton(ImporterRegistry.Default);
        services.AddSingleton<ImportPresetStore>();
        services.AddSingleton<ImportService>();
        services.AddSingleton<BenchmarkQuery>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SavedFilterStore>();
        services.AddSingleton<ItemExporter>();
        services.AddSingleton(new MediaFiles(mediaFolder));
        services.AddSingleton<ItemImages>();
        services.AddSingleton(new DemoDataFolder(demoFolder, dilemmasFile, taskPromptsFile));
        services.AddSingleton<DemoDataSeeder>();
        return services;
    }
}
