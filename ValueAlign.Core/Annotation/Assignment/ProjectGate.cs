using System.Collections.Concurrent;
using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Annotation.Assignment;

/// <summary>
/// The transactions that change a project's queue. Two kinds:
/// <list type="bullet">
/// <item><see cref="RunAsync{T}"/>, exclusive: nothing else of the project runs meanwhile (project
/// edits). A process-wide <see cref="SemaphoreSlim"/> per (database, project) queues the requests
/// of one server in memory; the database lock holds across processes: on SQLite a
/// <c>BEGIN IMMEDIATE</c> transaction (SQLite has one writer, and an immediate transaction takes
/// the write lock before it reads, so a read-then-claim cannot go stale), on PostgreSQL
/// <c>SELECT … FOR UPDATE</c> on the project row.</item>
/// <item><see cref="RunForAnnotatorAsync{T}"/>: one annotator's claim, submit, skip or undo. On
/// SQLite it is the exclusive gate (one writer anyway). On PostgreSQL the queues of a project's
/// annotators run side by side: the transaction holds the project row <c>FOR SHARE</c> (so an
/// edit waits for them and they wait for an edit) and a transaction-scoped advisory lock on
/// (project, annotator) (so one annotator's requests never interleave). What keeps an item
/// within its overlap is then the item's row lock: a claim locks the item row it takes
/// (<see cref="AssignmentService"/>'s <c>FOR NO KEY UPDATE SKIP LOCKED</c>) and re-reads its
/// load, and a submit increments the item's count, which locks the same row, before it checks
/// that the reservation is still live. At most <see cref="MaxPostgresQueueTransactions"/> queue
/// transactions per database run at once in one process, so 200 annotators do not open 200
/// connections.</item>
/// </list>
/// Unique indexes on (item, annotator) for reservations, annotations and skips back this up:
/// even a bug in the service cannot give an item twice to one annotator.
/// </summary>
internal static class ProjectGate
{
    /// <summary>Queue transactions of one database that one process runs at once on PostgreSQL.</summary>
    public const int MaxPostgresQueueTransactions = 8;

    private static readonly ConcurrentDictionary<(string Database, long Project), SemaphoreSlim> Gates = new();
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> PostgresSlots = new();

    public static async Task<T> RunAsync<T>(
        IDbContextFactory<ValueAlignDbContext> factory,
        long projectId,
        Func<ValueAlignDbContext, Task<T>> work,
        CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Database.AutoSavepointsEnabled = false;
        return await RunExclusiveAsync(db, projectId, work, cancellationToken);
    }

    public static async Task<T> RunForAnnotatorAsync<T>(
        IDbContextFactory<ValueAlignDbContext> factory,
        long projectId,
        string annotatorId,
        Func<ValueAlignDbContext, Task<T>> work,
        CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // The gate's transaction is all or nothing (a failure rolls all of it back), so SaveChanges
        // needs no savepoint of its own: two round trips fewer per save on PostgreSQL.
        db.Database.AutoSavepointsEnabled = false;
        if (!db.Database.IsNpgsql())
        {
            return await RunExclusiveAsync(db, projectId, work, cancellationToken);
        }
        var slots = PostgresSlots.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(MaxPostgresQueueTransactions));
        await slots.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            // Project ids are bigint and the two-key advisory lock takes two ints: a collision of
            // the truncated id only makes two annotators of different projects wait for each other.
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"SELECT 1 FROM \"VerificationProjects\" WHERE \"Id\" = {projectId} FOR SHARE; SELECT pg_advisory_xact_lock({unchecked((int)projectId)}, hashtext({annotatorId}))",
                cancellationToken);
            var value = await work(db);
            await transaction.CommitAsync(cancellationToken);
            return value;
        }
        finally
        {
            slots.Release();
        }
    }

    private static async Task<T> RunExclusiveAsync<T>(
        ValueAlignDbContext db,
        long projectId,
        Func<ValueAlignDbContext, Task<T>> work,
        CancellationToken cancellationToken)
    {
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
