using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Data;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Accounts;

public sealed class PasswordPolicyTests
{
    private static async Task<AccountResult> CreateWithPolicyAsync(string databasePath, int? minimumLength, string password)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddValueAlignData(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={databasePath}" }, RepositoryRoot.Path);
        services.AddIdentityCore<AppUser>(CoreServiceCollectionExtensions.ConfigureValueAlignIdentity).AddValueAlignIdentityStores();
        if (minimumLength is int length)
        {
            services.AddPasswordPolicy(length);
        }
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        await using var scope = provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync("someone@example.org", password, Roles.Viewer);
    }

    [Fact]
    public async Task Eleven_characters_are_refused_and_twelve_accepted_by_default()
    {
        using var temp = new TempDirectory();
        var eleven = await CreateWithPolicyAsync(temp.File("a.db"), null, "abcdefghijk");
        Assert.False(eleven.Succeeded);
        Assert.Contains("at least 12", eleven.ToString());
        Assert.True((await CreateWithPolicyAsync(temp.File("b.db"), null, "abcdefghijkl")).Succeeded);
    }

    [Fact]
    public async Task The_setting_raises_the_minimum()
    {
        using var temp = new TempDirectory();
        var fifteen = await CreateWithPolicyAsync(temp.File("a.db"), 16, "abcdefghijklmno");
        Assert.False(fifteen.Succeeded);
        Assert.Contains("at least 16", fifteen.ToString());
        Assert.True((await CreateWithPolicyAsync(temp.File("b.db"), 16, "abcdefghijklmnop")).Succeeded);
    }

    [Fact]
    public void The_setting_cannot_lower_the_minimum_below_twelve()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddPasswordPolicy(8));
        Assert.Contains(PasswordPolicy.MinimumLengthSetting, error.Message);
        Assert.Contains("at least 12", error.Message);
    }
}
