using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Annotation.Assignment;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Data;
using ValueAlign.Tests.Annotation;
using ValueAlign.Web.Components.Pages.Annotate;

namespace ValueAlign.Tests.Faults;

/// <summary>
/// A database on a really full disk (a small tmpfs filled to the last byte; mounting needs root).
/// SQLite: submitting an annotation fails with a clear "the database is full" error; the file still holds every annotation stored
/// before, intact (read while the disk is still full), and the refused one is not half-stored. The
/// annotate page's submit queue keeps the answer and shows that reason; once space is freed its
/// retry stores the annotation once.
/// </summary>
public sealed class FullDiskAnnotationTests
{
    /// <param name="pooled">
    /// False: each operation opens a new connection, which on the full disk cannot create its WAL
    /// index, so the submit fails before writing. True (the web app's default): the pooled
    /// connection keeps its WAL index; the WAL is truncated just before the disk is filled, so the
    /// submit's transaction fails when it writes and is rolled back.
    /// </param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sqlite_on_a_full_disk_refuses_a_submit_clearly_and_loses_no_stored_annotation(bool pooled)
    {
        using var disk = SmallFilesystem.Mount(megabytes: 24);
        var file = disk.File("annotation.db");
        await using var database = await AnnotationDatabase.SqliteAsync(file, pooled);
        await database.AddItemsAsync(8);
        var project = await database.CreateProjectAsync(overlap: 1);
        for (var n = 0; n < 4; n++)
        {
            var next = (await database.Assignments.NextAsync(project.Id, "a"))!;
            await database.Assignments.SubmitAsync(next.ReservationId, "a", AnnotationDatabase.HonestyAnswers(n % 2 == 0 ? "yes" : "no"));
        }
        var held = (await database.Assignments.NextAsync(project.Id, "a"))!;
        var before = await AnnotationsAsync(database.Factory.ConnectionString);
        Assert.Equal(4, before.Count);

        Assert.Equal(0L, await ScalarAsync(database.Factory.ConnectionString, "PRAGMA wal_checkpoint(TRUNCATE);")); // everything in the main file
        Assert.True(disk.Fill() > 0);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => database.Assignments.SubmitAsync(held.ReservationId, "a", AnnotationDatabase.HonestyAnswers()));

        // SQLite says "disk I/O error" (SQLITE_IOERR_SHMSIZE) when a new connection cannot even grow its WAL index,
        // "database or disk is full" (SQLITE_FULL) when a write finds no space: the user is told the disk is full either way.
        Assert.True(DatabaseFailure.IsFull(refused), refused.ToString());
        Assert.Equal(pooled ? 13 : 10, ((SqliteException)DatabaseFailure.Cause(refused)!).SqliteErrorCode);
        Assert.Matches(@"^The database is full: its disk has no space left \(SQLite Error (13: 'database or disk is full'|10: 'disk I/O error')\)\. This change was not saved; everything stored before is kept\. Free disk space, then try again\.$",
            DatabaseFailure.Describe(refused));
        // Read while the disk is still full, from the file alone (immutable: no journal, no lock files).
        var readOnly = $"Data Source=file:{file}?immutable=1;Pooling=False";
        Assert.Equal(before, await AnnotationsAsync(readOnly));
        Assert.Equal("ok", await ScalarAsync(readOnly, "PRAGMA integrity_check;"));
        Assert.Equal(1L, await ScalarAsync(readOnly, $"SELECT COUNT(*) FROM Reservations WHERE Id = {held.ReservationId};"));

        // The annotate page's submit queue on the same full disk: the answer is kept, the reason shown, and a retry after space is freed stores it once.
        var store = new KeptSubmits();
        var settled = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var queue = new SubmitQueue(
            p => database.Assignments.SubmitAsync(p.ReservationId, "a", AnnotationAnswers.FromJson(p.AnswersJson), p.TimeSpentMs),
            store, new SubmitRetry(TimeSpan.FromHours(1), TimeSpan.FromHours(1)), TimeProvider.System,
            new SubmitQueue.Callbacks((_, refusal) => { settled.TrySetResult(refusal); return Task.CompletedTask; }, work => work(), () => { }));
        await queue.SubmitAsync(new PendingSubmit(project.Id, held.ReservationId, held.ItemId, AnnotationDatabase.HonestyAnswers().ToJson(), 900));
        Assert.StartsWith("The database is full: its disk has no space left (SQLite Error ", queue.Failure);
        Assert.NotNull(queue.Pending);
        Assert.NotNull(store.Kept);
        Assert.False(settled.Task.IsCompleted);

        disk.Free();
        await queue.RetryNowAsync();
        Assert.Null(await settled.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Null(queue.Pending);
        Assert.Null(store.Kept);
        var after = await AnnotationsAsync(database.Factory.ConnectionString);
        Assert.Equal(before, after.Take(4));
        Assert.Equal(5, after.Count);
        Assert.Equal(held.ReservationId, await ScalarAsync(database.Factory.ConnectionString, $"SELECT ReservationId FROM Annotations WHERE Id = {after[4].Id};"));
        Assert.Equal("ok", await ScalarAsync(database.Factory.ConnectionString, "PRAGMA integrity_check;"));
        Assert.Equal(5, (await database.AnnotationCountsByItemAsync(project.Id)).Values.Sum());
    }

    /// <summary>
    /// PostgreSQL with the test database in a tablespace on a 16 MB tmpfs (the server's WAL stays on
    /// its own disk): annotations are submitted until the filled disk refuses one (the server cannot
    /// extend a table file: 53100 disk_full), be it the reservation or the annotation that needs a new
    /// page. Every annotation stored before is still there and counted, a refused one is absent, and
    /// once space is freed the held item's submit stores it once.
    /// </summary>
    [Fact]
    public async Task Postgres_tablespace_on_a_full_disk_refuses_a_submit_clearly_and_loses_no_stored_annotation()
    {
        var admin = System.Environment.GetEnvironmentVariable(Support.PostgresDatabase.EnvironmentVariable);
        await using (var probe = await Support.PostgresDatabase.CreateAsync()) { } // says how to get a server when there is none
        using var disk = SmallFilesystem.Mount(megabytes: 16);
        var tablespace = "valuealign_full_" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = new Npgsql.NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            var dataDirectory = (string)(await new Npgsql.NpgsqlCommand("SHOW data_directory", connection).ExecuteScalarAsync())!;
            Assert.True(Directory.Exists(dataDirectory), $"This test puts a tablespace on a local tmpfs, so the PostgreSQL server of {Support.PostgresDatabase.EnvironmentVariable} must run on this machine (its data directory {dataDirectory} is not here).");
            var location = disk.FolderOwnedLike("pg", dataDirectory);
            await new Npgsql.NpgsqlCommand($"CREATE TABLESPACE \"{tablespace}\" LOCATION '{location}'", connection).ExecuteNonQueryAsync();
        }
        try
        {
            await using var database = await AnnotationDatabase.PostgresAsync(tablespace);
            await database.AddItemsAsync(3000);
            var project = await database.CreateProjectAsync(overlap: 1);
            var submitted = new List<long>();
            for (var n = 0; n < 10; n++)
            {
                var next = (await database.Assignments.NextAsync(project.Id, "a"))!;
                submitted.Add((await database.Assignments.SubmitAsync(next.ReservationId, "a", AnnotationDatabase.HonestyAnswers())).AnnotationId);
            }
            Assert.True(disk.Fill() > 0);

            // Reserve and submit until the disk refuses a write: the reservation (NextAsync) or the annotation, whichever needs a new page first.
            Exception? refused = null;
            Assignment? held = null;
            while (refused is null)
            {
                try
                {
                    held ??= (await database.Assignments.NextAsync(project.Id, "a"))!;
                    submitted.Add((await database.Assignments.SubmitAsync(held.ReservationId, "a", AnnotationDatabase.HonestyAnswers(submitted.Count % 2 == 0 ? "yes" : "no"))).AnnotationId);
                    held = null;
                }
                catch (Exception e) when (DatabaseFailure.Cause(e) is not null)
                {
                    refused = e;
                }
                Assert.True(submitted.Count < 3000, "the disk never filled up");
            }

            Assert.True(DatabaseFailure.IsFull(refused), refused.ToString());
            Assert.Matches(@"^The database is full: its disk has no space left \(53100: could not extend file .*No space left on device\)\. This change was not saved; everything stored before is kept\.",
                DatabaseFailure.Describe(refused));
            await using (var db = database.Factory.CreateDbContext())
            {
                // Read while the disk is still full: every acknowledged annotation, counted on its item; the refused one absent.
                Assert.Equal(submitted, await db.Annotations.Where(a => a.ProjectId == project.Id).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync());
                if (held is not null)
                {
                    Assert.False(await db.Annotations.AnyAsync(a => a.ReservationId == held.ReservationId));
                    Assert.True(await db.Reservations.AnyAsync(r => r.Id == held.ReservationId));
                }
            }
            Assert.Equal(submitted.Count, (await database.AnnotationCountsByItemAsync(project.Id)).Values.Sum());

            disk.Free();
            held ??= (await database.Assignments.NextAsync(project.Id, "a"))!;
            var stored = await database.Assignments.SubmitAsync(held.ReservationId, "a", AnnotationDatabase.HonestyAnswers());
            Assert.False(stored.AlreadySubmitted);
            await using (var db = database.Factory.CreateDbContext())
                Assert.Equal([.. submitted, stored.AnnotationId], await db.Annotations.Where(a => a.ProjectId == project.Id).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync());
            Assert.Equal(submitted.Count + 1, (await database.AnnotationCountsByItemAsync(project.Id)).Values.Sum());
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var connection = new Npgsql.NpgsqlConnection(admin);
            await connection.OpenAsync();
            await new Npgsql.NpgsqlCommand($"DROP TABLESPACE IF EXISTS \"{tablespace}\"", connection).ExecuteNonQueryAsync();
        }
    }

    private sealed class KeptSubmits : IPendingSubmitStore
    {
        public PendingSubmit? Kept { get; private set; }

        public Task WriteAsync(PendingSubmit pending)
        {
            Kept = pending;
            return Task.CompletedTask;
        }

        public Task RemoveAsync(PendingSubmit pending)
        {
            Kept = null;
            return Task.CompletedTask;
        }
    }

    private static async Task<List<(long Id, long ProjectItemId, string AnswersJson)>> AnnotationsAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, ProjectItemId, AnswersJson FROM Annotations ORDER BY Id;";
        var rows = new List<(long, long, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)));
        return rows;
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
