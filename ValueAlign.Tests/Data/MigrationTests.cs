using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Data;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Data;

public class MigrationTests
{
    [Fact]
    public async Task Sqlite_file_is_migrated_in_wal_mode_with_foreign_keys_and_round_trips_a_user()
    {
        using var temp = new TempDirectory();
        var file = temp.File("migrate.db");
        await using (var services = WorkbenchServices.ForSqliteFile(file))
        {
            var applied = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
            Assert.NotEmpty(applied);
            Assert.Empty(await services.GetRequiredService<DatabaseMigrator>().MigrateAsync());
            await WriteAndReadUserAsync(services);

            await using var db = await services.GetRequiredService<IDbContextFactory<ValueAlignDbContext>>().CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            Assert.Equal("1", await ScalarAsync(connection, "PRAGMA foreign_keys;"));
        }

        // The journal mode is a property of the file, so a plain connection sees it too.
        await using var plain = new SqliteConnection($"Data Source={file}");
        await plain.OpenAsync();
        Assert.Equal("wal", await ScalarAsync(plain, "PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task Sqlite_foreign_keys_are_enforced()
    {
        using var temp = new TempDirectory();
        await using var services = WorkbenchServices.ForSqliteFile(temp.File("fk.db"));
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        await using var db = await services.GetRequiredService<IDbContextFactory<ValueAlignDbContext>>().CreateDbContextAsync();
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = "no-such-user", RoleId = "no-such-role" });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Postgres_is_migrated_and_round_trips_a_user()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var services = WorkbenchServices.Create(new DatabaseOptions
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = database.ConnectionString,
        });
        var migrator = services.GetRequiredService<DatabaseMigrator>();
        Assert.NotEmpty(await migrator.MigrateAsync());
        Assert.Empty(await migrator.MigrateAsync());
        await WriteAndReadUserAsync(services);

        await using var db = await services.GetRequiredService<IDbContextFactory<ValueAlignDbContext>>().CreateDbContextAsync();
        Assert.IsType<PostgresValueAlignDbContext>(db);
        Assert.True(db.Database.IsNpgsql());
    }

    [Fact]
    public void Both_migration_sets_cover_the_current_model()
    {
        // A model change without `dotnet ef migrations add` for either provider fails here.
        using var sqlite = new SqliteValueAlignDbContext(
            new DbContextOptionsBuilder<SqliteValueAlignDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgresValueAlignDbContext(
            new DbContextOptionsBuilder<PostgresValueAlignDbContext>().UseNpgsql("Host=127.0.0.1;Database=unused").Options);
        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite migrations are behind the model");
        Assert.False(postgres.Database.HasPendingModelChanges(), "PostgreSQL migrations are behind the model");
    }

    private static async Task WriteAndReadUserAsync(ServiceProvider services)
    {
        var created = await services.AddUserAsync("curator@example.org", "long-enough-pw", Roles.Curator);
        Assert.True(created.Succeeded, created.ToString());

        await using var scope = services.CreateAsyncScope();
        var listed = await scope.ServiceProvider.GetRequiredService<UserAdministration>().ListAsync();
        var user = Assert.Single(listed);
        Assert.Equal("curator@example.org", user.Email);
        Assert.Equal([Roles.Curator], user.Roles);
        Assert.False(user.IsDisabled);
    }

    private static async Task<string?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString();
    }
}
