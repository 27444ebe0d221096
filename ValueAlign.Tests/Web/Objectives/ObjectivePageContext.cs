using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Tests.Values;
using ValueAlign.Tests.Values.Objectives.Store;

namespace ValueAlign.Tests.Web.Objectives;

/// <summary>A bUnit context with the services the objective pages use, over a migrated SQLite store, signed in with a role.</summary>
public sealed class ObjectivePageContext : IAsyncDisposable
{
    private readonly BunitAuthorizationContext _auth;

    private ObjectivePageContext(ObjectiveDatabase database)
    {
        Database = database;
        // As the other page tests: the shared 2-core machine can be slow to render under parallel load.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        Bunit = new BunitContext();
        Bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        Bunit.Services.AddMudServices();
        Bunit.Services.AddSingleton(database.Store);
        Bunit.Services.AddSingleton(ValueSystemFiles.Shipped);
        Bunit.Services.AddSingleton(new BenchmarkQuery(database.Factory));
        _auth = Bunit.AddAuthorization();
    }

    public ObjectiveDatabase Database { get; }

    public BunitContext Bunit { get; }

    public static async Task<ObjectivePageContext> CreateAsync(string user, string role)
    {
        var context = new ObjectivePageContext(await ObjectiveDatabase.CreateAsync());
        context.SignIn(user, role);
        return context;
    }

    public void SignIn(string user, string role)
    {
        _auth.SetAuthorized(user);
        _auth.SetWorkbenchRoles(role);
    }

    public async ValueTask DisposeAsync()
    {
        await Bunit.DisposeAsync();
        await Database.DisposeAsync();
    }
}
