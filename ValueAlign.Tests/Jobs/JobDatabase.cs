using Microsoft.Extensions.Logging.Abstractions;
using ValueAlign.Core.Data;
using ValueAlign.Core.Jobs;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Jobs;

/// <summary>A migrated SQLite file with a job queue and a runner over the given handlers.</summary>
public sealed class JobDatabase : IAsyncDisposable
{
    private readonly TempDirectory folder = new();

    private JobDatabase(IEnumerable<IJobHandler> handlers)
    {
        Factory = new ValueAlignDbContextFactory(
            new DatabaseOptions { ConnectionString = $"Data Source={folder.File("jobs.db")};Pooling=False" }, folder.Path);
        Queue = new JobQueue(Factory, TimeProvider.System);
        Runner = new JobRunner(Queue, handlers, TimeProvider.System, NullLogger<JobRunner>.Instance);
    }

    public ValueAlignDbContextFactory Factory { get; }

    public JobQueue Queue { get; }

    public JobRunner Runner { get; }

    public static async Task<JobDatabase> CreateAsync(params IJobHandler[] handlers)
    {
        var database = new JobDatabase(handlers);
        await new DatabaseMigrator(database.Factory).MigrateAsync();
        return database;
    }

    public ValueTask DisposeAsync()
    {
        folder.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// A resumable handler over <c>total</c> units: it remembers finished units (as a real handler
/// would in its result table) and skips them when started again; it can be told to block at a
/// unit until cancelled, or to throw.
/// </summary>
public sealed class CountingHandler(int total) : IJobHandler
{
    public string Kind => "count";

    public HashSet<int> Finished { get; } = [];

    public List<int> Executions { get; } = [];

    public int? BlockAt { get; set; }

    public TaskCompletionSource Blocked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int? FailAt { get; set; }

    public List<int> Attempts { get; } = [];

    public async Task RunAsync(JobExecution job, CancellationToken cancellationToken)
    {
        Attempts.Add(job.Attempt);
        for (var unit = 0; unit < total; unit++)
        {
            if (Finished.Contains(unit))
                continue;
            if (unit == FailAt)
                throw new InvalidOperationException($"unit {unit} is broken");
            if (unit == BlockAt)
            {
                BlockAt = null;
                Blocked.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            cancellationToken.ThrowIfCancellationRequested();
            Executions.Add(unit);
            Finished.Add(unit);
            job.Report(Finished.Count, total, $"unit {unit}");
        }
    }
}
