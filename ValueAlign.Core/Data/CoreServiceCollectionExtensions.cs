using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Accounts.ApiKeys;

namespace ValueAlign.Core.Data;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database (a context factory plus a scoped context for Identity) and the
    /// account services. <paramref name="rootDirectory"/> anchors relative paths.
    /// </summary>
    public static IServiceCollection AddValueAlignData(this IServiceCollection services, DatabaseOptions options, string rootDirectory)
    {
        var factory = new ValueAlignDbContextFactory(options, rootDirectory);
        services.AddSingleton(factory);
        services.AddSingleton<IDbContextFactory<ValueAlignDbContext>>(factory);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<ValueAlignDbContext>>().CreateDbContext());
        services.AddSingleton<DatabaseMigrator>();
        services.AddScoped<UserAdministration>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ApiKeyService>();
        return services;
    }

    /// <summary>Identity's user and role stores on the workbench database, with the password and lockout rules.</summary>
    public static IdentityBuilder AddValueAlignIdentityStores(this IdentityBuilder builder) =>
        builder.AddRoles<IdentityRole>().AddEntityFrameworkStores<ValueAlignDbContext>();

    public static void ConfigureValueAlignIdentity(IdentityOptions options)
    {
        options.Password.RequiredLength = PasswordPolicy.DefaultMinimumLength;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireDigit = false;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
        options.Lockout.AllowedForNewUsers = true;
        options.User.RequireUniqueEmail = true;
        options.SignIn.RequireConfirmedAccount = false;
    }
}
