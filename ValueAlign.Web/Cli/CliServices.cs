using Microsoft.AspNetCore.Identity;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Data;
using ValueAlign.Web.Hosting;

namespace ValueAlign.Web.Cli;

/// <summary>
/// The service container a verb runs in: the same configuration (root appsettings.json plus
/// environment variables) and the same Core services as the web host, without HTTP.
/// </summary>
public static class CliServices
{
    /// <param name="overrides">Settings that win over appsettings.json and the environment (a bench's scratch database).</param>
    public static async Task<ServiceProvider> CreateAsync(
        CancellationToken cancellationToken, bool migrate = true, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var root = WorkbenchRoot.Find();
        var configuration = new ConfigurationBuilder()
            .SetBasePath(root)
            .AddJsonFile("appsettings.json", optional: false)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        // Logs go to standard error: standard output carries the verbs' data (JSON, tables).
        services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
            .Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddWorkbenchCore(configuration, WorkbenchPaths.From(root, configuration));
        services.AddIdentityCore<AppUser>(CoreServiceCollectionExtensions.ConfigureValueAlignIdentity)
            .AddValueAlignIdentityStores();
        var provider = services.BuildServiceProvider();
        if (migrate)
        {
            await provider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        }
        return provider;
    }
}
