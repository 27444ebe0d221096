using ValueAlign.Core.Benchmarks;
using ValueAlign.Core.Data;

namespace ValueAlign.Web.Hosting;

/// <summary>The Core services that both the web host and the headless verbs use.</summary>
public static class CoreRegistration
{
    public static IServiceCollection AddWorkbenchCore(this IServiceCollection services, IConfiguration configuration, WorkbenchPaths paths)
    {
        var database = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(paths);
        services.AddValueAlignData(database, paths.Root);
        services.AddBenchmarkLibrary(paths.MediaFolder, Path.Combine(paths.DataFolder, "demo"));
        return services;
    }
}
