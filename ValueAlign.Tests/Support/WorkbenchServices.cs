using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Data;

namespace ValueAlign.Tests.Support;

/// <summary>Core services over a given database, as the CLI builds them, for arranging test data.</summary>
public static class WorkbenchServices
{
    public static ServiceProvider Create(DatabaseOptions database, string? root = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddValueAlignData(database, root ?? RepositoryRoot.Path);
        services.AddIdentityCore<AppUser>(CoreServiceCollectionExtensions.ConfigureValueAlignIdentity).AddValueAlignIdentityStores();
        return services.BuildServiceProvider();
    }

    public static ServiceProvider ForSqliteFile(string path) =>
        Create(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={path}" });

    public static async Task<AccountResult> AddUserAsync(this ServiceProvider services, string email, string password, string role)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync(email, password, role);
    }
}
