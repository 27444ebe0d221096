using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Benchmarks.Demo;
using ValueAlign.Core.Data;
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
        });
        // Serve MudBlazor's and Blazor's own files from the build output in every environment.
        builder.WebHost.UseStaticWebAssets();

        var paths = WorkbenchPaths.From(root, builder.Configuration);
        builder.Services.AddWorkbenchCore(builder.Configuration, paths);
        builder.Services.AddWorkbenchAuthentication();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        // Keys on disk so sign-in cookies and antiforgery tokens survive a restart.
        builder.Services.AddDataProtection()
            .SetApplicationName("ValueAlign")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(paths.DataFolder, "keys")));

        var app = builder.Build();
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapAccountEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
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
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(12);
        });
        // Role changes and disabled accounts reach live sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthorization();
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
