using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Benchmarks.Demo;
using ValueAlign.Core.Data;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Jobs;
using ValueAlign.Web.Components;
using ValueAlign.Web.Components.Account;

namespace ValueAlign.Web.Hosting;

/// <summary>Composition of the web host: services, middleware and endpoints.</summary>
public static class WorkbenchWebApp
{
    public static WebApplication Build(string[] args)
    {
        var root = WorkbenchRoot.Find();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = root,
            WebRootPath = Path.Combine(root, "wwwroot-assets"),
            // Fixed, so the static web assets manifest is found however the app is started.
            ApplicationName = "ValueAlign.Web",
        });
        // Serve MudBlazor's and Blazor's own files from the build output in every environment.
        builder.WebHost.UseStaticWebAssets();

        var paths = WorkbenchPaths.From(root, builder.Configuration);
        builder.Services.AddWorkbenchCore(builder.Configuration, paths);
        builder.Services.AddJobRunnerHostedService();
        builder.Services.AddWaitingRunResumerHostedService();
        builder.Services.AddModelPreloadHostedService();
        builder.Services.AddWorkbenchAuthentication();
        builder.Services.AddReverseProxySupport(builder.Configuration);
        builder.Services.AddSignInProtection(builder.Configuration);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddSingleton<ValueAlign.Web.Dashboards.PlotlyScriptFile>();
        builder.Services.AddSingleton<ValueAlign.Web.Counterfactuals.IInspectorModel, ValueAlign.Web.Counterfactuals.SharedInspectorModel>();
        builder.Services.AddExceptionHandler<CorrelatedExceptionLogger>();
        builder.Services.AddOpenAiApi(builder.Configuration);
        // Keys on disk so sign-in cookies and antiforgery tokens survive a restart.
        builder.Services.AddDataProtection()
            .SetApplicationName("ValueAlign")
            .PersistKeysToFileSystem(new DirectoryInfo(paths.KeysFolder));

        var app = builder.Build();
        app.UseReverseProxySupport();
        app.UseSecurityHeaders();
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        // Pages explain 404/403/400 for page requests. A refused POST (a forged or expired form)
        // must not be re-executed as a page post, so the inner handler answers it in plain text
        // first, and the outer re-execution then leaves the written response alone.
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.UseWhen(
            context => !HttpMethods.IsGet(context.Request.Method),
            other => other.UseStatusCodePages("text/plain",
                "Error {0}: the request was refused. If you submitted a form, it may have expired: reload the page and try again."));
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        // Styles, scripts and icons are needed by the sign-in page itself.
        app.MapStaticAssets().AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapMediaEndpoints();
        app.MapExportEndpoints();
        app.MapDashboardEndpoints();
        app.MapOpenAiEndpoints();
        app.MapRunArtefactEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = "'none'");
        return app;
    }

    private static IServiceCollection AddWorkbenchAuthentication(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddIdentity<AppUser, IdentityRole>(CoreServiceCollectionExtensions.ConfigureValueAlignIdentity)
            .AddValueAlignIdentityStores()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/access-denied";
            options.Cookie.Name = "ValueAlign.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the request is https, which behind a TLS proxy needs ReverseProxy:Enabled.
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(12);
        });
        // Role changes and disabled accounts reach live sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddWorkbenchAuthorization();
        return services;
    }

    public static async Task MigrateAndSeedAsync(this WebApplication app)
    {
        var migrator = app.Services.GetRequiredService<DatabaseMigrator>();
        var applied = await migrator.MigrateAsync();
        if (applied.Count > 0)
        {
            app.Logger.LogInformation("Applied {Count} migration(s): {Migrations}", applied.Count, string.Join(", ", applied));
        }
        var seeded = await app.Services.GetRequiredService<DemoDataSeeder>().SeedIfEmptyAsync();
        if (seeded.Count > 0)
        {
            app.Logger.LogInformation("Seeded {Items} demo item(s) from {Files} file(s)", seeded.Sum(r => r.Inserted), seeded.Count);
        }
    }
}
