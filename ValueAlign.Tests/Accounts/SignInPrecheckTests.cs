using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Data;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Accounts;

/// <summary>
/// Unknown, disabled and locked accounts are refused before the password is checked, each after
/// exactly one password hash (the work a wrong password costs), so the time of the answer does not
/// tell them apart; an active account goes on to the real password check without that extra hash.
/// </summary>
public sealed class SignInPrecheckTests : IAsyncLifetime
{
    private const string Password = "precheck-password-1";

    private readonly TempDirectory _temp = new();
    private ServiceProvider _services = default!;

    public async Task InitializeAsync()
    {
        _services = WorkbenchServices.ForSqliteFile(_temp.File("accounts.db"));
        await _services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        foreach (var name in new[] { "active", "disabled", "locked" })
        {
            Assert.True((await _services.AddUserAsync($"{name}@example.org", Password, Roles.Viewer)).Succeeded);
        }
        await using var scope = _services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var users = await admin.ListAsync();
        Assert.True((await admin.SetDisabledAsync(users.Single(u => u.Email == "disabled@example.org").Id, true)).Succeeded);
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var locked = (await manager.FindByEmailAsync("locked@example.org"))!;
        Assert.True((await manager.SetLockoutEndDateAsync(locked, DateTimeOffset.UtcNow.AddMinutes(10))).Succeeded);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        _temp.Dispose();
    }

    [Theory]
    [InlineData("nobody@example.org", true)]
    [InlineData("disabled@example.org", true)]
    [InlineData("locked@example.org", true)]
    [InlineData("active@example.org", false)]
    public async Task Refusals_before_the_password_check_cost_one_hash(string email, bool refused)
    {
        await using var scope = _services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var counting = new CountingHasher(users.PasswordHasher);
        users.PasswordHasher = counting;
        var user = await users.FindByEmailAsync(email);

        Assert.Equal(refused, await SignInPrecheck.RefuseAsync(users, user, Password));
        Assert.Equal(refused ? 1 : 0, counting.Hashes);
    }

    private sealed class CountingHasher(IPasswordHasher<AppUser> inner) : IPasswordHasher<AppUser>
    {
        public int Hashes { get; private set; }

        public string HashPassword(AppUser user, string password)
        {
            Hashes++;
            return inner.HashPassword(user, password);
        }

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Hashes++;
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
