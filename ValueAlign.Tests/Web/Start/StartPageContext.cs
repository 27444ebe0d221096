using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ValueAlign.Tests.Annotation;
using ValueAlign.Tests.Support;
using ValueAlign.Web.Hosting;

namespace ValueAlign.Tests.Web.Start;

/// <summary>
/// A bUnit context with the services of the web host (<see cref="CoreRegistration.AddWorkbenchCore"/>)
/// over a migrated SQLite file shared with an <see cref="AnnotationDatabase"/> (for projects and
/// accounts), the repository's data folder and ../shared/models as the models folder.
/// </summary>
public sealed class StartPageContext : IAsyncDisposable
{
    private readonly TempDirectory _folder = new();

    private StartPageContext(AnnotationDatabase database)
    {
        Database = database;
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(20);
        Bunit = new BunitContext();
        Bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        Bunit.Services.AddMudServices();
        Bunit.Services.AddLogging();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = database.Factory.ConnectionString,
            ["Models:Threads"] = "1",
            ["Models:ContextSize"] = "1024",
            ["Models:BatchSize"] = "512",
            ["Models:MicroBatchSize"] = "512",
        }).Build();
        var root = RepositoryRoot.Path;
        var data = Path.Combine(root, "data");
        var models = Path.GetDirectoryName(Inference.Runtime.StoriesModelFixture.ModelPath)!;
        Bunit.Services.AddWorkbenchCore(configuration,
            new WorkbenchPaths(root, data, models, Path.Combine(_folder.Path, "media"), Path.Combine(root, "wwwroot-assets"), Path.Combine(_folder.Path, "keys")));
    }

    public AnnotationDatabase Database { get; }

    public BunitContext Bunit { get; }

    public static async Task<StartPageContext> CreateAsync() => new(await AnnotationDatabase.SqliteAsync());

    public T Get<T>() where T : notnull => Bunit.Services.GetRequiredService<T>();

    /// <summary>Signs the test user in with a user id (name-identifier claim) and roles.</summary>
    public void SignIn(string userId, params string[] roles)
    {
        var auth = Bunit.AddAuthorization();
        auth.SetAuthorized(userId);
        auth.SetWorkbenchRoles(roles);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
    }

    public async ValueTask DisposeAsync()
    {
        await Bunit.DisposeAsync();
        await Database.DisposeAsync();
        _folder.Dispose();
    }
}
