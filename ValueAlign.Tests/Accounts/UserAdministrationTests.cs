using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Data;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Accounts;

public sealed class UserAdministrationTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private ServiceProvider _services = default!;

    public async Task InitializeAsync()
    {
        _services = WorkbenchServices.ForSqliteFile(_temp.File("accounts.db"));
        await _services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        _temp.Dispose();
    }

    private async Task<T> WithAdminAsync<T>(Func<UserAdministration, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserAdministration>());
    }

    [Fact]
    public async Task First_admin_can_be_created_only_on_an_empty_database()
    {
        Assert.False(await WithAdminAsync(a => a.AnyUserExistsAsync()));
        var first = await WithAdminAsync(a => a.CreateFirstAdminAsync("root@example.org", "long-password-1"));
        Assert.True(first.Succeeded, first.ToString());
        var second = await WithAdminAsync(a => a.CreateFirstAdminAsync("intruder@example.org", "long-password-2"));
        Assert.False(second.Succeeded);
        Assert.Contains("already exists", second.ToString());
        var users = await WithAdminAsync(a => a.ListAsync());
        Assert.Equal(["root@example.org"], users.Select(u => u.Email));
        Assert.Equal([Roles.Admin], users[0].Roles);
    }

    [Fact]
    public async Task Concurrent_first_admin_requests_create_exactly_one_account()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => WithAdminAsync(a => a.CreateFirstAdminAsync($"admin{i}@example.org", "password-123"))));
        Assert.Equal(1, attempts.Count(r => r.Succeeded));
        Assert.Single(await WithAdminAsync(a => a.ListAsync()));
    }

    [Theory]
    [InlineData("someone@example.org", "short", "Administrator", "Unknown role")]
    [InlineData("not-an-email", "long-enough-pw", "Viewer", "not an email")]
    [InlineData("someone@example.org", "short", "Viewer", "at least 12")]
    public async Task Invalid_accounts_are_refused_with_the_reason(string email, string password, string role, string expected)
    {
        var result = await WithAdminAsync(a => a.CreateAsync(email, password, role));
        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await WithAdminAsync(a => a.ListAsync()));
    }

    [Fact]
    public async Task Duplicate_email_is_refused()
    {
        Assert.True((await WithAdminAsync(a => a.CreateAsync("a@example.org", "long-password-1", Roles.Viewer))).Succeeded);
        var again = await WithAdminAsync(a => a.CreateAsync("a@example.org", "long-password-2", Roles.Curator));
        Assert.False(again.Succeeded);
        Assert.Contains("already exists", again.ToString());
    }

    [Fact]
    public async Task Passwords_are_stored_hashed()
    {
        await WithAdminAsync(a => a.CreateAsync("hash@example.org", "plain-text-secret", Roles.Viewer));
        await using var scope = _services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync("hash@example.org");
        Assert.NotNull(user!.PasswordHash);
        Assert.DoesNotContain("plain-text-secret", user.PasswordHash);
        Assert.True(await users.CheckPasswordAsync(user, "plain-text-secret"));
    }

    [Fact]
    public async Task Roles_can_be_changed_but_the_last_admin_is_kept()
    {
        await WithAdminAsync(a => a.CreateAsync("admin@example.org", "long-password-1", Roles.Admin));
        await WithAdminAsync(a => a.CreateAsync("ann@example.org", "long-password-1", Roles.Annotator));
        var users = await WithAdminAsync(a => a.ListAsync());
        var admin = users.Single(u => u.Email == "admin@example.org");
        var annotator = users.Single(u => u.Email == "ann@example.org");

        var promoted = await WithAdminAsync(a => a.SetRolesAsync(annotator.Id, [Roles.Annotator, Roles.Curator]));
        Assert.True(promoted.Succeeded, promoted.ToString());
        var demoteLastAdmin = await WithAdminAsync(a => a.SetRolesAsync(admin.Id, [Roles.Viewer]));
        Assert.False(demoteLastAdmin.Succeeded);
        Assert.Contains("last active Admin", demoteLastAdmin.ToString());

        users = await WithAdminAsync(a => a.ListAsync());
        Assert.Equal([Roles.Curator, Roles.Annotator], users.Single(u => u.Email == "ann@example.org").Roles);
        Assert.Equal([Roles.Admin], users.Single(u => u.Email == "admin@example.org").Roles);
    }

    [Fact]
    public async Task Disabled_account_is_locked_out_and_can_be_enabled_again()
    {
        await WithAdminAsync(a => a.CreateAsync("admin@example.org", "long-password-1", Roles.Admin));
        await WithAdminAsync(a => a.CreateAsync("viewer@example.org", "long-password-1", Roles.Viewer));
        var viewer = (await WithAdminAsync(a => a.ListAsync())).Single(u => u.Email == "viewer@example.org");

        Assert.True((await WithAdminAsync(a => a.SetDisabledAsync(viewer.Id, true))).Succeeded);
        await using (var scope = _services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True(await users.IsLockedOutAsync((await users.FindByIdAsync(viewer.Id))!));
        }
        Assert.True((await WithAdminAsync(a => a.ListAsync())).Single(u => u.Id == viewer.Id).IsDisabled);

        Assert.True((await WithAdminAsync(a => a.SetDisabledAsync(viewer.Id, false))).Succeeded);
        await using (var scope = _services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.False(await users.IsLockedOutAsync((await users.FindByIdAsync(viewer.Id))!));
        }
    }

    [Fact]
    public async Task The_last_admin_cannot_be_disabled()
    {
        await WithAdminAsync(a => a.CreateAsync("admin@example.org", "long-password-1", Roles.Admin));
        var admin = Assert.Single(await WithAdminAsync(a => a.ListAsync()));
        var result = await WithAdminAsync(a => a.SetDisabledAsync(admin.Id, true));
        Assert.False(result.Succeeded);
        Assert.False((await WithAdminAsync(a => a.ListAsync())).Single().IsDisabled);
    }
}
