using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Data;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Accounts;

/// <summary>
/// Creating a user (account + role) and assigning roles (removals + additions) are each one
/// transaction: when the role write fails half-way (a trigger on the real SQLite file refuses it),
/// nothing of the operation is left, neither a user without a role nor a user stripped of the old one.
/// </summary>
public sealed class AccountTransactionTests : IAsyncLifetime
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

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private Task RefuseRoleWritesAsync() => InScopeAsync(s => s.GetRequiredService<ValueAlignDbContext>().Database.ExecuteSqlRawAsync(
        "CREATE TRIGGER refuse_role_write BEFORE INSERT ON AspNetUserRoles BEGIN SELECT RAISE(ABORT, 'disk says no'); END;"));

    private Task<IReadOnlyList<UserSummary>> ListAsync() => InScopeAsync(s => s.GetRequiredService<UserAdministration>().ListAsync());

    [Fact]
    public async Task A_user_whose_role_cannot_be_stored_is_not_created()
    {
        await RefuseRoleWritesAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => InScopeAsync(s =>
            s.GetRequiredService<UserAdministration>().CreateAsync("ann@example.org", "long-password-1", Roles.Annotator)));

        Assert.Empty(await ListAsync());
    }

    [Fact]
    public async Task A_role_change_that_fails_half_way_keeps_the_old_roles()
    {
        var created = await InScopeAsync(s => s.GetRequiredService<UserAdministration>().CreateAsync("ann@example.org", "long-password-1", Roles.Annotator));
        Assert.True(created.Succeeded, created.ToString());
        var id = (await ListAsync()).Single().Id;
        await RefuseRoleWritesAsync();

        // Removing Annotator succeeds inside the transaction, adding Curator is refused: both are undone.
        await Assert.ThrowsAnyAsync<Exception>(() => InScopeAsync(s =>
            s.GetRequiredService<UserAdministration>().SetRolesAsync(id, [Roles.Curator])));

        Assert.Equal([Roles.Annotator], (await ListAsync()).Single().Roles);
    }
}
