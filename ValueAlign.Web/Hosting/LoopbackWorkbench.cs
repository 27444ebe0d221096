using System.Security.Cryptography;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Accounts.ApiKeys;
using ValueAlign.Core.Data;
using ValueAlign.Core.Inference;

namespace ValueAlign.Web.Hosting;

/// <summary>
/// The workbench's Core services and its OpenAI-compatible <c>/v1</c> on a free loopback port
/// in this process, over the configuration given (a scratch database and models folder for a
/// bench), with <c>Models:Preload</c> loaded before the port opens and a Curator's API key
/// for calling it. No pages: what a headless server offers to the HTTP backend.
/// </summary>
public sealed class LoopbackWorkbench : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackWorkbench(WebApplication app, Uri v1, string apiKey)
    {
        this.app = app;
        V1 = v1;
        ApiKey = apiKey;
    }

    /// <summary>The OpenAI base URL, http://127.0.0.1:PORT/v1.</summary>
    public Uri V1 { get; }

    /// <summary>A Curator's key for <see cref="V1"/>; never printed.</summary>
    public string ApiKey { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<LoopbackWorkbench> StartAsync(IConfiguration configuration, WorkbenchPaths paths, CancellationToken cancellationToken)
    {
        var app = HeadlessApiApp.Build(builder =>
        {
            builder.Logging.ClearProviders();
            builder.Services.AddWorkbenchCore(configuration, paths);
            return configuration;
        });
        try
        {
            await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            var problems = await app.Services.GetRequiredService<ModelPreloader>().PreloadAsync(cancellationToken);
            if (problems.Count > 0)
                throw new InvalidOperationException("Models:Preload failed: " + string.Join("; ", problems));
            await app.StartAsync(cancellationToken);
            var key = await CuratorKeyAsync(app.Services, cancellationToken);
            return new LoopbackWorkbench(app, new Uri(HeadlessApiApp.ListeningRoot(app), "v1"), key);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static async Task<string> CuratorKeyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        const string email = "loopback-bench@localhost";
        await using (var scope = services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<UserAdministration>()
                .CreateAsync(email, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)), Roles.Curator);
            if (!created.Succeeded)
                throw new InvalidOperationException($"Creating the bench's account failed: {created}");
        }
        var (key, error) = await services.GetRequiredService<ApiKeyService>().CreateForEmailAsync(email, "loopback bench", cancellationToken);
        return key?.Secret ?? throw new InvalidOperationException($"Creating the bench's API key failed: {error}");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
