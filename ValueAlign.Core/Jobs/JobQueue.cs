using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Jobs;

/// <summary>
/// The shared queue of long work (evaluation runs, batch studies). Jobs are persisted; a
/// <see cref="JobRunner"/> picks them up one at a time in creation order (the local model is a
/// single shared resource, so running two model-bound jobs at once would only interleave them).
/// Live progress is kept in memory and written to the database about once a second.
/// </summary>
public sealed class JobQueue(IDbContextFactory<ValueAlignDbContext> dbFactory, TimeProvider clock)
{
    private readonly ConcurrentDictionary<long, JobSnapshot> live = new();
    private readonly ConcurrentDictionary<long, CancellationTokenSource> running = new();
    private readonly SemaphoreSlim workSignal = new(0);

    /// <summary>Raised on every state change and progress report; handlers must be quick and thread-safe.</summary>
    public event Action<JobSnapshot>? Changed;

    public async Task<long> EnqueueAsync(string kind, string title, string payloadJson, string createdBy, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var job = Stage(db, kind, title, payloadJson, createdBy);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        Announce(job);
        return job.Id;
    }

    /// <summary>
    /// Adds a queued job to <paramref name="db"/> without saving it, so the caller stores it in the
    /// same transaction as what the job works on (a run and its job exist together or not at all).
    /// Call <see cref="Announce"/> once the transaction is committed.
    /// </summary>
    public BackgroundJob Stage(ValueAlignDbContext db, string kind, string title, string payloadJson, string createdBy)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        var job = new BackgroundJob
        {
            Kind = kind,
            Title = title.Length > 300 ? title[..300] : title,
            PayloadJson = payloadJson,
            State = JobState.Queued,
            CreatedBy = createdBy,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.BackgroundJobs.Add(job);
        return job;
    }

    /// <summary>Tells listeners and the runner about a job <see cref="Stage"/>d and committed.</summary>
    public void Announce(BackgroundJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        Publish(JobSnapshot.From(job));
        workSignal.Release();
    }

    /// <summary>The job with live progress when it is running, otherwise as stored; null when unknown.</summary>
    public async Task<JobSnapshot?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        if (live.TryGetValue(id, out var snapshot) && snapshot.State == JobState.Running)
            return snapshot;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var job = await db.BackgroundJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken).ConfigureAwait(false);
        return job is null ? null : JobSnapshot.From(job);
    }

    /// <summary>The most recent jobs, newest first, with live progress for running ones.</summary>
    public async Task<IReadOnlyList<JobSnapshot>> ListAsync(int take = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var jobs = await db.BackgroundJobs.AsNoTracking().OrderByDescending(j => j.Id).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return jobs.Select(j => live.TryGetValue(j.Id, out var s) && s.State == JobState.Running ? s : JobSnapshot.From(j)).ToList();
    }

    /// <summary>
    /// Cancels a queued job at once, or asks a running one to stop (it becomes Cancelled when its
    /// handler returns). Returns false when the job is unknown or already finished.
    /// </summary>
    public async Task<bool> CancelAsync(long id, CancellationToken cancellationToken = default)
    {
        if (running.TryGetValue(id, out var cts))
        {
            await cts.CancelAsync().ConfigureAwait(false);
            return true;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.BackgroundJobs.Where(j => j.Id == id && j.State == JobState.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Cancelled).SetProperty(j => j.FinishedAt, now), cancellationToken)
            .ConfigureAwait(false);
        if (changed > 0)
            await PublishStoredAsync(id, cancellationToken).ConfigureAwait(false);
        return changed > 0;
    }

    /// <summary>Puts a cancelled, failed or model-waiting job back in the queue; its handler continues where it stopped.</summary>
    public async Task<bool> ResumeAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var changed = await db.BackgroundJobs.Where(j => j.Id == id && (j.State == JobState.Cancelled || j.State == JobState.Failed || j.State == JobState.WaitingForModel))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Queued).SetProperty(j => j.Error, (string?)null)
                .SetProperty(j => j.FinishedAt, (DateTime?)null), cancellationToken)
            .ConfigureAwait(false);
        if (changed == 0)
            return false;
        await PublishStoredAsync(id, cancellationToken).ConfigureAwait(false);
        workSignal.Release();
        return true;
    }

    /// <summary>
    /// Jobs left Running by a process that died are put back in the queue. Called once when a
    /// runner starts; the workbench is a single host, so no other process can still own them.
    /// </summary>
    public async Task<int> RecoverInterruptedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.BackgroundJobs.Where(j => j.State == JobState.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Queued)
                .SetProperty(j => j.Message, "Interrupted (process stopped); resuming"), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Claims the oldest queued job (or the given one), marking it Running; null when there is none.</summary>
    internal async Task<BackgroundJob?> ClaimAsync(long? id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var candidate = await db.BackgroundJobs.AsNoTracking()
                .Where(j => id == null ? j.State == JobState.Queued : j.Id == id && j.State != JobState.Completed)
                .OrderBy(j => j.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (candidate is null)
                return null;
            var now = clock.GetUtcNow().UtcDateTime;
            // Compare-and-set on the state so two runners never claim the same job.
            var claimed = await db.BackgroundJobs.Where(j => j.Id == candidate.Id && j.State == candidate.State)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Running)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                    .SetProperty(j => j.StartedAt, now)
                    .SetProperty(j => j.FinishedAt, (DateTime?)null)
                    .SetProperty(j => j.Error, (string?)null), cancellationToken)
                .ConfigureAwait(false);
            if (claimed == 0)
            {
                if (id is not null)
                    return null;
                continue;
            }
            var job = await db.BackgroundJobs.AsNoTracking().FirstAsync(j => j.Id == candidate.Id, cancellationToken).ConfigureAwait(false);
            Publish(JobSnapshot.From(job));
            return job;
        }
    }

    internal async Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await workSignal.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);

    internal void RegisterRunning(long id, CancellationTokenSource cts) => running[id] = cts;

    internal void UnregisterRunning(long id) => running.TryRemove(id, out _);

    internal void ReportLive(JobSnapshot snapshot) => Publish(snapshot);

    internal async Task SaveProgressAsync(long id, int done, int total, string? message, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.BackgroundJobs.Where(j => j.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Done, done).SetProperty(j => j.Total, total).SetProperty(j => j.Message, message), cancellationToken)
            .ConfigureAwait(false);
    }

    internal async Task FinishAsync(long id, JobState state, int done, int total, string? message, string? error)
    {
        await using var db = await dbFactory.CreateDbContextAsync().ConfigureAwait(false);
        DateTime? finished = state == JobState.Queued ? null : clock.GetUtcNow().UtcDateTime;
        await db.BackgroundJobs.Where(j => j.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, state).SetProperty(j => j.Done, done).SetProperty(j => j.Total, total)
                .SetProperty(j => j.Message, message).SetProperty(j => j.Error, error).SetProperty(j => j.FinishedAt, finished))
            .ConfigureAwait(false);
        live.TryRemove(id, out _);
        await PublishStoredAsync(id, CancellationToken.None).ConfigureAwait(false);
        if (state == JobState.Queued)
            workSignal.Release();
    }

    private async Task PublishStoredAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var job = await db.BackgroundJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken).ConfigureAwait(false);
        if (job is not null)
            Publish(JobSnapshot.From(job));
    }

    private void Publish(JobSnapshot snapshot)
    {
        if (snapshot.State == JobState.Running)
            live[snapshot.Id] = snapshot;
        Changed?.Invoke(snapshot);
    }
}
