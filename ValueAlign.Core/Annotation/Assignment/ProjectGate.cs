using System.Collections.Concurrent;
using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Annotation.Assignment;

/// <summary>
/// Serialises every queue change of one project: claim, submit, skip, undo. Two layers:
/// <list type="bullet">
/// <item>a process-wide <see cref="SemaphoreSlim"/> per (database, project), so concurrent requests
/// of one server queue up in memory instead of spinning on SQLite's busy handler;</item>
/// <item>a database write lock that also holds across processes (the CLI, a second server):
/// on SQLite a <c>BEGIN IMMEDIATE</c> transaction (SQLite has one writer, and an immediate
/// transaction takes the write lock before it reads, so the read-then-claim cannot go stale);
/// on PostgreSQL <c>SELECT … FOR UPDATE</c> on the project row, which queues the
/// transactions of one project while other projects proceed.</item>
/// </list>
/// Unique indexes on (item, annotator) for reservations, annotations and skips back this up:
/// even a bug in the service cannot give an item twice to one annotator.
/// </summary>
internal static class ProjectGate
{
    private static readonly ConcurrentDictionary<(string Database, long Project), SemaphoreSlim> Gates = new();

    public static async Task<T> RunAsync<T>(
        IDbContextFactory<ValueAlignDbContext> factory,
        long projectId,
        Func<ValueAlignDbContext, Task<T>> work,
        CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var gate = Gates.GetOrAdd((db.Database.GetConnectionString() ?? "", projectId), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (db.Database.IsSqlite())
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
                // deferred: false is BEGIN IMMEDIATE: the write lock is taken now, not at the first write.
                await using var sqlite = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(IsolationLevel.Serializable, deferred: false);
                await db.Database.UseTransactionAsync(sqlite, cancellationToken);
                var result = await work(db);
                await sqlite.CommitAsync(cancellationToken);
                return result;
            }
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"SELECT 1 FROM \"VerificationProjects\" WHERE \"Id\" = {projectId} FOR UPDATE", cancellationToken);
            var value = await work(db);
            await transaction.CommitAsync(cancellationToken);
            return value;
        }
        finally
        {
            gate.Release();
        }
    }
}
