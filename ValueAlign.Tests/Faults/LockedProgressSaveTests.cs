using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Data;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Jobs;
using ValueAlign.Tests.Evaluation;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Faults;

/// <summary>
/// "Database is locked" while a run saves its progress: another connection holds the lock (SQLite:
/// an exclusive transaction; PostgreSQL: the results table or the job's row) at the moment a unit's
/// result or the job's progress is written. The run ends Failed with the database's message and
/// resumable (never left "Running"), and a resume completes it with every unit stored once and the
/// results stored before the fault kept as they were.
/// </summary>
public sealed class LockedProgressSaveTests
{
    private const string RetryLog = "Could not record that job";
    private static readonly RunEngineOptions OneAtATime = new() { UnitsInFlight = 1, UnitsPerSave = 1 };
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Sqlite_locked_while_a_result_is_stored_fails_the_run_resumably_and_a_resume_stores_every_unit_once()
    {
        var method = new GatedMethod { PauseAtExecution = 3 };
        var logs = new CapturedLogs();
        // A busy timeout of one second (the default is 30 s) so the lock below is felt quickly.
        await using var bed = await EvalTestBed.CreateOnAsync(
            path => new DatabaseOptions { ConnectionString = $"Data Source={path};Pooling=False;Default Timeout=1" }, OneAtATime, logs, method);
        var run = await StartableRunAsync(bed, units: 8);

        var running = bed.Runner.RunAsync(run.JobId, CancellationToken.None);
        await method.Paused.Task.WaitAsync(Patience);
        // Units 0-2 stored and the job's row says so: the next write is unit 3's result.
        await UntilAsync(async () => await StoredAsync(bed, run.Id) == 3 && (await JobAsync(bed, run)).Done == 3, "three results and their progress stored");
        var before = await ResultsAsync(bed, run.Id);

        await using (var holder = new SqliteConnection($"Data Source={bed.DatabasePath};Pooling=False"))
        {
            await holder.OpenAsync();
            await ExecuteAsync(holder, "BEGIN EXCLUSIVE;");
            method.Release.TrySetResult();
            // The store failed, the runner tried to record the failure and is retrying: the job is not left Running once the lock goes.
            await UntilAsync(() => Task.FromResult(logs.Entries.Any(e => e.Message.StartsWith(RetryLog, StringComparison.Ordinal))), "the runner retrying to record the failure");
            Assert.False(running.IsCompleted);
            await ExecuteAsync(holder, "ROLLBACK;");
        }

        Assert.Equal(JobState.Failed, await running.WaitAsync(Patience));
        var failed = await JobAsync(bed, run);
        Assert.Equal(JobState.Failed, failed.State);
        Assert.Contains("Saving to the database failed: SQLite Error 5: 'database is locked'", failed.Error);
        Assert.Contains("resume it to continue", failed.Error);
        Assert.Equal(before, await ResultsAsync(bed, run.Id)); // nothing lost, nothing half-written

        await ResumeToCompletionAsync(bed, run, before, units: 8);
    }

    [Fact]
    public async Task Sqlite_locked_while_the_job_progress_is_saved_fails_the_job_resumably_instead_of_leaving_it_running()
    {
        using var dir = new TempDirectory();
        IDbContextFactory<ValueAlignDbContext> factory = new ValueAlignDbContextFactory(
            new DatabaseOptions { ConnectionString = $"Data Source={dir.File("jobs.db")};Pooling=False;Default Timeout=1" }, dir.Path);
        await new DatabaseMigrator(factory).MigrateAsync();
        var logs = new CapturedLogs();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));
        var handler = new SteppedHandler();
        var queue = new JobQueue(factory, TimeProvider.System);
        var runner = new JobRunner(queue, [handler], TimeProvider.System, loggers.CreateLogger<JobRunner>());
        var id = await queue.EnqueueAsync(SteppedHandler.JobKind, "stepped", "{}", "alice");

        var running = runner.RunAsync(null, CancellationToken.None);
        await handler.FirstReported.Task.WaitAsync(Patience);
        await using (var holder = new SqliteConnection($"Data Source={dir.File("jobs.db")};Pooling=False"))
        {
            await holder.OpenAsync();
            await ExecuteAsync(holder, "BEGIN EXCLUSIVE;");
            handler.Continue.TrySetResult(); // progress changes while the database is locked: the next periodic save fails
            await UntilAsync(() => Task.FromResult(logs.Entries.Any(e => e.Message.StartsWith(RetryLog, StringComparison.Ordinal))), "the runner retrying to record the failure");
            await ExecuteAsync(holder, "ROLLBACK;");
        }

        Assert.Equal(JobState.Failed, await running.WaitAsync(Patience));
        var failed = (await queue.GetAsync(id))!;
        Assert.Equal(JobState.Failed, failed.State);
        Assert.Equal("Saving the job's progress failed: SQLite Error 5: 'database is locked'. Its stored results are kept; resume it to continue.", failed.Error);
        Assert.True(handler.StoppedByCancellation); // the handler was stopped, not left running on without saving

        Assert.True(await queue.ResumeAsync(id));
        Assert.Equal(JobState.Completed, await runner.RunAsync(null, CancellationToken.None).WaitAsync(Patience));
        Assert.Equal((JobState.Completed, 10, 10, 2), ((await queue.GetAsync(id))!.State, (await queue.GetAsync(id))!.Done, (await queue.GetAsync(id))!.Total, (await queue.GetAsync(id))!.Attempts));
    }

    [Fact]
    public async Task Postgres_results_table_locked_while_a_result_is_stored_fails_the_run_resumably_and_a_resume_stores_every_unit_once()
    {
        await using var postgres = await PostgresDatabase.CreateAsync();
        var method = new GatedMethod { PauseAtExecution = 3 };
        await using var bed = await EvalTestBed.CreateOnAsync(_ => PostgresWithLockTimeout(postgres), OneAtATime, new CapturedLogs(), method);
        var run = await StartableRunAsync(bed, units: 8);

        var running = bed.Runner.RunAsync(run.JobId, CancellationToken.None);
        await method.Paused.Task.WaitAsync(Patience);
        await UntilAsync(async () => await StoredAsync(bed, run.Id) == 3, "three results stored");
        var before = await ResultsAsync(bed, run.Id);

        await using (var holder = new NpgsqlConnection(postgres.ConnectionString))
        {
            await holder.OpenAsync();
            await ExecuteAsync(holder, "BEGIN; LOCK TABLE \"EvalItemResults\" IN EXCLUSIVE MODE;"); // reads pass, writes wait
            method.Release.TrySetResult();
            Assert.Equal(JobState.Failed, await running.WaitAsync(Patience));
            await ExecuteAsync(holder, "ROLLBACK;");
        }

        var failed = await JobAsync(bed, run);
        Assert.Contains("Saving to the database failed: 55P03: canceling statement due to lock timeout", failed.Error);
        Assert.Equal(before, await ResultsAsync(bed, run.Id));
        await ResumeToCompletionAsync(bed, run, before, units: 8);
    }

    [Fact]
    public async Task Postgres_job_row_locked_while_progress_is_saved_fails_the_run_resumably_and_a_resume_stores_every_unit_once()
    {
        await using var postgres = await PostgresDatabase.CreateAsync();
        // Slow enough after the pause that the run is still going when the periodic save (every second) meets the lock.
        var method = new GatedMethod { PauseAtExecution = 3, DelayPerUnit = TimeSpan.FromMilliseconds(150) };
        var logs = new CapturedLogs();
        await using var bed = await EvalTestBed.CreateOnAsync(_ => PostgresWithLockTimeout(postgres), OneAtATime, logs, method);
        var run = await StartableRunAsync(bed, units: 40);

        var running = bed.Runner.RunAsync(run.JobId, CancellationToken.None);
        await method.Paused.Task.WaitAsync(Patience);
        await using (var holder = new NpgsqlConnection(postgres.ConnectionString))
        {
            await holder.OpenAsync();
            await ExecuteAsync(holder, $"BEGIN; SELECT 1 FROM \"BackgroundJobs\" WHERE \"Id\" = {run.JobId} FOR UPDATE;");
            method.Release.TrySetResult(); // results are still stored; the job row's progress update waits and times out
            await UntilAsync(() => Task.FromResult(logs.Entries.Any(e => e.Message.StartsWith(RetryLog, StringComparison.Ordinal))), "the runner retrying to record the failure");
            Assert.False(running.IsCompleted);
            await ExecuteAsync(holder, "ROLLBACK;");
        }

        Assert.Equal(JobState.Failed, await running.WaitAsync(Patience));
        var failed = await JobAsync(bed, run);
        Assert.StartsWith("Saving the job's progress failed: 55P03: canceling statement due to lock timeout", failed.Error);
        var before = await ResultsAsync(bed, run.Id);
        Assert.InRange(before.Count, 4, 39); // stopped part-way, with what it computed stored
        await ResumeToCompletionAsync(bed, run, before, units: 40);
    }

    private static DatabaseOptions PostgresWithLockTimeout(PostgresDatabase postgres) => new()
    {
        Provider = DatabaseProvider.Postgres,
        ConnectionString = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Options = "-c lock_timeout=1000" }.ToString(),
    };

    private static async Task<EvalRun> StartableRunAsync(EvalTestBed bed, int units)
    {
        await bed.ImportCultureItemsAsync(Enumerable.Range(0, units).Select(i => EvalTestBed.CultureRow($"lock-{i:00}")));
        return await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, "gated", new ItemFilter { Benchmark = "test-culture" }, "{}", 1), "alice");
    }

    private static async Task ResumeToCompletionAsync(EvalTestBed bed, EvalRun run, IReadOnlyList<(long Id, long ItemId, string Output, DateTime CreatedAt)> before, int units)
    {
        Assert.True(await bed.Runs.ResumeAsync(run.Id));
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(null, CancellationToken.None).WaitAsync(Patience));
        var after = await ResultsAsync(bed, run.Id);
        Assert.Equal(units, after.Count);
        await using var db = bed.OpenDb();
        var items = await db.BenchmarkItems.Where(i => i.Benchmark == "test-culture").ToDictionaryAsync(i => i.Id, i => i.ExternalId);
        Assert.Equal(items.Keys.Order(), after.Select(r => r.ItemId).Order()); // every unit exactly once
        Assert.All(after, r => Assert.Equal(items[r.ItemId], r.Output));
        Assert.All(before, r => Assert.Contains(r, after)); // kept, not recomputed
        var job = await JobAsync(bed, run);
        Assert.Equal((JobState.Completed, units, units, 2), (job.State, job.Done, job.Total, job.Attempts));
        Assert.NotNull((await db.EvalRuns.SingleAsync(r => r.Id == run.Id)).ReportJson);
    }

    private static async Task<List<(long Id, long ItemId, string Output, DateTime CreatedAt)>> ResultsAsync(EvalTestBed bed, long runId)
    {
        await using var db = bed.OpenDb();
        return (await db.EvalItemResults.AsNoTracking().Where(r => r.RunId == runId).OrderBy(r => r.Id).ToListAsync())
            .Select(r => (r.Id, r.ItemId, r.RawOutput, r.CreatedAt)).ToList();
    }

    private static async Task<int> StoredAsync(EvalTestBed bed, long runId)
    {
        await using var db = bed.OpenDb();
        return await db.EvalItemResults.CountAsync(r => r.RunId == runId);
    }

    private static async Task<BackgroundJob> JobAsync(EvalTestBed bed, EvalRun run)
    {
        await using var db = bed.OpenDb();
        return await db.BackgroundJobs.AsNoTracking().SingleAsync(j => j.Id == run.JobId);
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} did not happen within {Patience}");
            await Task.Delay(50);
        }
    }

    /// <summary>A job that reports 1/10, waits for the test, reports 2/10 and then runs until stopped; on its second attempt it finishes.</summary>
    private sealed class SteppedHandler : IJobHandler
    {
        public const string JobKind = "stepped";

        public string Kind => JobKind;

        public TaskCompletionSource FirstReported { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Continue { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool StoppedByCancellation { get; private set; }

        public async Task RunAsync(JobExecution job, CancellationToken cancellationToken)
        {
            if (job.Attempt > 1)
            {
                job.Report(10, 10, "done");
                return;
            }
            job.Report(1, 10, "one");
            FirstReported.TrySetResult();
            await Continue.Task.WaitAsync(cancellationToken);
            job.Report(2, 10, "two");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                StoppedByCancellation = true;
                throw;
            }
        }
    }
}
