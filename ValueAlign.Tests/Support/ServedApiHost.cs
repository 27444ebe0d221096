using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Accounts.ApiKeys;
using ValueAlign.Core.Data;
using ValueAlign.Core.Inference;
using ValueAlign.Web.Hosting;

namespace ValueAlign.Tests.Support;

/// <summary>
/// The workbench's served /v1 API on a real Kestrel listener on a free loopback port, over a
/// temporary SQLite database, with stories260K loaded in its model host and a Curator's API key.
/// Real HTTP and real server-sent events; just without the Blazor pages.
/// </summary>
public sealed class ServedApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory _temp;

    private ServedApiHost(WebApplication app, TempDirectory temp, Uri baseAddress, string apiKey)
    {
        _app = app;
        _temp = temp;
        BaseAddress = baseAddress;
        ApiKey = apiKey;
    }

    /// <summary>The server root, e.g. http://127.0.0.1:PORT/ (the OpenAI base URL is this plus v1).</summary>
    public Uri BaseAddress { get; }

    public Uri V1 => new(BaseAddress, "v1");

    /// <summary>A Curator's key.</summary>
    public string ApiKey { get; }

    public IServiceProvider Services => _app.Services;

    public ModelHost Host => _app.Services.GetRequiredService<ModelHost>();

    public static async Task<ServedApiHost> StartAsync(IDictionary<string, string?>? settings = null, bool loadModel = true, ModelRuntimeOptions? modelOptions = null)
    {
        var temp = new TempDirectory();
        var app = HeadlessApiApp.Build(builder =>
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
            builder.Services.AddValueAlignData(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={temp.File("served.db")}" }, RepositoryRoot.Path);
            builder.Services.AddValueAlignInference(modelOptions ?? Inference.Runtime.StoriesModelFixture.Options);
            return builder.Configuration;
        });

        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        if (loadModel)
            await app.Services.GetRequiredService<ModelHost>().LoadAsync(Inference.Runtime.StoriesModelFixture.ModelPath);
        await app.StartAsync();
        var key = await CreateUserWithKeyAsync(app.Services, "curator@example.org", Roles.Curator);
        return new ServedApiHost(app, temp, HeadlessApiApp.ListeningRoot(app), key!);
    }

    /// <summary>Creates an account with <paramref name="role"/> and returns a key for it (null when the role may hold none).</summary>
    public static async Task<string?> CreateUserWithKeyAsync(IServiceProvider services, string email, string role)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync(email, "password-123", role);
            Assert.True(created.Succeeded, created.ToString());
        }
        var (key, _) = await services.GetRequiredService<ApiKeyService>().CreateForEmailAsync(email, "test");
        return key?.Secret;
    }

    public HttpClient CreateClient(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _temp.Dispose();
    }
}
