using Microsoft.Data.Sqlite;
using ValueAlign.Core.Data;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Tests.Annotation;
using ValueAlign.Web.Components.Pages.Annotate;

namespace ValueAlign.Tests.Faults;

/// <summary>
/// A SQLite file on a full disk (a 24 MB tmpfs filled to the last byte): submitting an annotation
/// fails with a clear "the database is full" error; the file still holds every annotation stored
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
