using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Accounts.ApiKeys;
using ValueAlign.Core.Data;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Accounts;

public sealed class ApiKeyServiceTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private ServiceProvider _services = default!;

    private ApiKeyService Keys => _services.GetRequiredService<ApiKeyService>();

    public async Task InitializeAsync()
    {
        _services = WorkbenchServices.ForSqliteFile(_temp.File("keys.db"));
        await _services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        Assert.True((await _services.AddUserAsync("cur@example.org", "long-password-1", Roles.Curator)).Succeeded);
        Assert.True((await _services.AddUserAsync("view@example.org", "long-password-1", Roles.Viewer)).Succeeded);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        _temp.Dispose();
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = _services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserAdministration>().ListAsync()).Single(u => u.Email == email).Id;
    }

    [Fact]
    public async Task A_created_key_is_shown_once_stored_as_its_hash_and_identifies_its_owner()
    {
        var (created, error) = await Keys.CreateForEmailAsync("cur@example.org", "notebook");
        Assert.Null(error);
        Assert.NotNull(created);
        Assert.True(ApiKeySecrets.IsWellFormed(created.Secret));
        Assert.Equal(created.Secret[..ApiKeySecrets.PrefixLength], created.Key.Prefix);

        await using (var db = await _services.GetRequiredService<IDbContextFactory<ValueAlignDbContext>>().CreateDbContextAsync())
        {
            var stored = await db.Set<ApiKey>().SingleAsync();
            Assert.Equal(ApiKeySecrets.Hash(created.Secret), stored.SecretHash);
            // Nothing in the row is the secret itself.
            Assert.DoesNotContain(created.Secret, $"{stored.Name}|{stored.Prefix}|{Convert.ToBase64String(stored.SecretHash)}");
        }

        var check = await Keys.CheckAsync(created.Secret);
        Assert.Equal(ApiKeyRejection.None, check.Rejection);
        Assert.Equal("cur@example.org", check.Caller!.Email);
        Assert.Contains(Roles.Curator, check.Caller.Roles);
        var listed = Assert.Single(await Keys.ListForEmailAsync("cur@example.org"));
        Assert.NotNull(listed.LastUsedAt);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_and_other_users_cannot_revoke_it()
    {
        var (created, _) = await Keys.CreateForEmailAsync("cur@example.org", "to revoke");
        var viewerId = await UserIdAsync("view@example.org");
        Assert.False(await Keys.RevokeAsync(viewerId, created!.Key.Id));
        Assert.Equal(ApiKeyRejection.None, (await Keys.CheckAsync(created.Secret)).Rejection);

        Assert.True(await Keys.RevokeAsync(await UserIdAsync("cur@example.org"), created.Key.Id));
        Assert.Equal(ApiKeyRejection.Invalid, (await Keys.CheckAsync(created.Secret)).Rejection);
        Assert.False(await Keys.RevokeAsync(await UserIdAsync("cur@example.org"), created.Key.Id));
        Assert.NotNull(Assert.Single(await Keys.ListForEmailAsync("cur@example.org")).RevokedAt);
    }

    [Fact]
    public async Task Viewers_get_no_key_and_a_demoted_owner_s_key_stops_working()
    {
        var (none, error) = await Keys.CreateForEmailAsync("view@example.org", "mine");
        Assert.Null(none);
        Assert.Contains("Viewer", error);

        var (created, _) = await Keys.CreateForEmailAsync("cur@example.org", "soon a viewer");
        await using (var scope = _services.CreateAsyncScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            Assert.True((await admin.SetRolesAsync(await UserIdAsync("cur@example.org"), [Roles.Viewer])).Succeeded);
        }
        var check = await Keys.CheckAsync(created!.Secret);
        Assert.Equal(ApiKeyRejection.NotAllowed, check.Rejection);
        Assert.Contains("Viewer", check.Reason);
    }

    [Fact]
    public async Task A_disabled_owner_s_key_is_refused()
    {
        Assert.True((await _services.AddUserAsync("admin@example.org", "long-password-1", Roles.Admin)).Succeeded);
        var (created, _) = await Keys.CreateForEmailAsync("cur@example.org", "k");
        await using (var scope = _services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetDisabledAsync(await UserIdAsync("cur@example.org"), true)).Succeeded);
        }
        Assert.Equal(ApiKeyRejection.NotAllowed, (await Keys.CheckAsync(created!.Secret)).Rejection);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer something")]
    [InlineData("va-tooshort")]
    [InlineData("sk-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Malformed_or_unknown_keys_are_invalid(string? secret)
    {
        Assert.Equal(ApiKeyRejection.Invalid, (await Keys.CheckAsync(secret)).Rejection);
        Assert.Equal(ApiKeyRejection.Invalid, (await Keys.CheckAsync(ApiKeySecrets.Create())).Rejection);
    }

    [Fact]
    public async Task A_key_needs_a_name()
    {
        var (created, error) = await Keys.CreateForEmailAsync("cur@example.org", "  ");
        Assert.Null(created);
        Assert.Contains("name", error);
        var (none, unknown) = await Keys.CreateForEmailAsync("nobody@example.org", "k");
        Assert.Null(none);
        Assert.Contains("No user", unknown);
    }
}
