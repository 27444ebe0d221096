using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ValueAlign.Tests.Annotation.Adjudication;

namespace ValueAlign.Tests.Web.Projects;

/// <summary>A bUnit context whose services run on an <see cref="AdjudicationScenario"/>'s SQLite database, signed in with one role.</summary>
public static class ProjectPageContext
{
    public static BunitContext Create(AdjudicationScenario scenario, string role, string userId, Action<IServiceCollection>? moreServices = null)
    {
        // Real SQLite work on a shared 2-core machine: allow more than bUnit's default second.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton(scenario.Adjudication);
        ctx.Services.AddSingleton(scenario.Db.Projects);
        ctx.Services.AddSingleton(scenario.Agreement);
        moreServices?.Invoke(ctx.Services);
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized($"{userId}@example.org");
        auth.SetWorkbenchRoles(role);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
        ctx.Render<MudBlazor.MudPopoverProvider>();
        return ctx;
    }
}
