using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Data;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Accounts;

/// <summary>
/// The first-admin lock holds across processes because it is a database row with a primary key
/// (<see cref="SetupClaim"/>), not a flag in memory. Each "process" here is its own service
/// provider with its own contexts and connections on the same database, as two workbench
/// processes would have; the PostgreSQL variants run on the server test.sh starts.
/// </summary>
public sealed class FirstAdminRaceTests
{
    [Fact]
    public async Task Two_processes_racing_on_one_sqlite_file_create_exactly_one_admin()
    {
        using var temp = new TempDirectory();
        await RaceAsync(SqliteOptions(temp.File("race.db")));
    }

    [Fact]
    public async Task An_uncommitted_claim_by_another_process_stops_the_first_admin_on_sqlite()
    {
        using var temp = new TempDirectory();
        await ClaimHeldElsewhereAsync(SqliteOptions(temp.File("claim.db")));
    }

    [Fact]
    public async Task Two_processes_racing_on_one_postgres_database_create_exactly_one_admin()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await RaceAsync(PostgresOptions(database));
    }

    [Fact]
    public async Task An_uncommitted_claim_by_another_process_stops_the_first_admin_on_postgres()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await ClaimHeldElsewhereAsync(PostgresOptions(database));
    }

    private static DatabaseOptions SqliteOptions(string path) =>
        new() { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={path}" };

    private static DatabaseOptions PostgresOptions(PostgresDatabase database) =>
        new() { Provider = DatabaseProvider.Postgres, ConnectionString = database.ConnectionString };

    /// <summary>Two independent providers each fire four attempts at once; one account results.</summary>
    private static async Task RaceAsync(DatabaseOptions options)
    {
        await using var first = WorkbenchServices.Create(options);
        await using var second = WorkbenchServices.Create(options);
        await first.GetRequiredService<DatabaseMigrator>().MigrateAsync();

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = new[] { first, second }
            .SelectMany((process, p) => Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
            {
                await start.Task;
                await using var scope = process.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<UserAdministration>()
                    .CreateFirstAdminAsync($"admin{p}-{i}@example.org", "first-admin-password");
            })))
            .ToList();
        start.SetResult();
        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains("already exists", r.ToString()));
        await using var check = second.CreateAsyncScope();
        var users = await check.ServiceProvider.GetRequiredService<UserAdministration>().ListAsync();
        Assert.Equal([Roles.Admin], Assert.Single(users).Roles);
        Assert.Equal(1, await check.ServiceProvider.GetRequiredService<ValueAlignDbContext>().SetupClaims.CountAsync());
    }

    /// <summary>
    /// Process A has claimed the first-admin slot in an open transaction and has not yet made its
    /// user. Process B sees no user at all, so only the claim's primary key can stop it: B waits
    /// for A, then is refused, and no account is made by B.
    /// </summary>
    private static async Task ClaimHeldElsewhereAsync(DatabaseOptions options)
    {
        await using var processA = WorkbenchServices.Create(options);
        await using var processB = WorkbenchServices.Create(options);
        await processA.GetRequiredService<DatabaseMigrator>().MigrateAsync();

        await using var scopeA = processA.CreateAsyncScope();
        var dbA = scopeA.ServiceProvider.GetRequiredService<ValueAlignDbContext>();
        await using var transactionA = await dbA.Database.BeginTransactionAsync();
        dbA.SetupClaims.Add(new SetupClaim { Key = SetupClaim.FirstAdmin, ClaimedAt = DateTime.UtcNow });
        await dbA.SaveChangesAsync();

        var attemptB = Task.Run(async () =>
        {
            await using var scopeB = processB.CreateAsyncScope();
            return await scopeB.ServiceProvider.GetRequiredService<UserAdministration>()
                .CreateFirstAdminAsync("second@example.org", "first-admin-password");
        });
        // B cannot finish while A's claim is undecided: it waits on the database lock.
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        Assert.False(attemptB.IsCompleted, "the second process created an admin while the first held the claim");
        await transactionA.CommitAsync();

        var resultB = await attemptB.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(resultB.Succeeded);
        Assert.Contains("already exists", resultB.ToString());
        await using var check = processB.CreateAsyncScope();
        Assert.Empty(await check.ServiceProvider.GetRequiredService<UserAdministration>().ListAsync());
    }
}
