using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ValueAlign.Core.Annotation.Assignment;
using ValueAlign.Core.Annotation.Guidelines;
using ValueAlign.Core.Annotation.Projects;
using ValueAlign.Core.Annotation.Quality;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Benchmarks.SavedFilters;
using ValueAlign.Tests.Annotation;

namespace ValueAlign.Tests.Web.Projects;

/// <summary>A bUnit context with the project pages' real services over a migrated SQLite file.</summary>
public sealed class ProjectPagesContext : IAsyncDisposable
{
    private ProjectPagesContext(AnnotationDatabase database)
    {
        Database = database;
        // Real SQLite work on a shared 2-core machine: allow more than bUnit's default second.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        Bunit = new BunitContext();
        Bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        Bunit.Services.AddMudServices();
        Bunit.Services.AddSingleton(database.Projects);
        Bunit.Services.AddSingleton(database.Assignments);
        Bunit.Services.AddSingleton(Membership);
        Bunit.Services.AddSingleton(Filters);
        Bunit.Services.AddSingleton(new BenchmarkQuery(database.Factory));
        Bunit.Services.AddSingleton(new GuidelinesRenderer());
        Bunit.Services.AddSingleton(new GoldAccuracyQuery(database.Factory));
    }

    public AnnotationDatabase Database { get; }
    public BunitContext Bunit { get; }
    public ProjectMembershipService Membership => new(Database.Factory, Database.Clock);
    public SavedFilterStore Filters => new(Database.Factory, Database.Clock);

    public static async Task<ProjectPagesContext> CreateAsync() => new(await AnnotationDatabase.SqliteAsync());

    /// <summary>Signs the test user in with a user id (name-identifier claim) and roles.</summary>
    public void SignIn(string userId, params string[] roles)
    {
        var auth = Bunit.AddAuthorization();
        auth.SetAuthorized(userId);
        // SetRoles rebuilds the principal without the claims, so the claims go last.
        auth.SetWorkbenchRoles(roles);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
    }

    public async ValueTask DisposeAsync()
    {
        await Bunit.DisposeAsync();
        await Database.DisposeAsync();
    }
}
