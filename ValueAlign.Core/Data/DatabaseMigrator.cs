using Microsoft.EntityFrameworkCore;

namespace ValueAlign.Core.Data;

/// <summary>Applies the provider's migration set; on SQLite also switches the file to WAL mode.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<ValueAlignDbContext> factory)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers (pages) proceed while a writer (an import, a run) commits.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        return pending;
    }
}
