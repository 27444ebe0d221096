using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ValueAlign.Core.Jobs;

/// <summary>
/// Runs queued jobs one at a time in the web host (as a hosted service) or on demand (the CLI
/// runs its own job in-process with <see cref="RunAsync"/>). A host shutdown puts the running
/// job back in the queue; a user's cancel marks it Cancelled; a model unloaded under it marks it
/// WaitingForModel (<see cref="JobWaitingForModelException"/>); any other exception marks it Failed with
/// the message. Either way the handler's persisted results stay, so resuming loses nothing.
/// </summary>
public sealed class JobRunner(JobQueue queue, IEnumerable<IJobHandler> handlers, TimeProvider clock, ILogger<JobRunner> logger) : BackgroundService
{
    private static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, IJobHandler> byKind = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var recovered = await queue.RecoverInterruptedAsync(stoppingToken).ConfigureAwait(false);
        if (recovered > 0)
            logger.LogInformation("Re-queued {Count} job(s) interrupted by the last shutdown", recovered);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunAsync(null, stoppingToken).ConfigureAwait(false) is null)
                    await queue.WaitForWorkAsync(TimeSpan.FromSeconds(5), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A database hiccup must not kill the runner for the life of the process.
                logger.LogError(e, "Job runner loop failed; retrying in 5 s");
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Claims and runs one job: <paramref name="jobId"/> when given (any state but Completed, so a
    /// job left Running by a killed process can be resumed from the command line), otherwise the
    /// oldest queued one. Returns the final state, or null when there was nothing to run.
    /// </summary>
    public async Task<JobState?> RunAsync(long? jobId, CancellationToken stoppingToken)
    {
        var job = await queue.ClaimAsync(jobId, stoppingToken).ConfigureAwait(false);
        if (job is null)
            return null;
        if (!byKind.TryGetValue(job.Kind, out var handler))
        {
            await queue.FinishAsync(job.Id, JobState.Failed, job.Done, job.Total, null, $"No handler is registered for job kind '{job.Kind}'.").ConfigureAwait(false);
            return JobState.Failed;
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        queue.RegisterRunning(job.Id, cancel);
        var eta = new EtaEstimator();
        var progress = new ProgressState(job.Done, job.Total, job.Message);
        eta.Start(job.Done, clock.GetUtcNow().UtcDateTime);
        var execution = new JobExecution(job.Id, job.Kind, job.PayloadJson, job.Attempts, (done, total, message) =>
        {
            progress.Set(done, total, message);
            var now = clock.GetUtcNow().UtcDateTime;
            queue.ReportLive(JobSnapshot.From(job, eta.Rate(done, now), eta.Remaining(done, total, now)) with
            {
                State = JobState.Running, Done = done, Total = total, Message = message ?? job.Message,
            });
        });

        using var saving = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        // A progress save that fails (the database is locked, the disk is full) stops the job, which
        // then ends Failed and resumable rather than running on with its row stuck at "Running".
        var saver = SaveProgressPeriodicallyAsync(job.Id, progress, cancel, saving.Token);
        JobState final;
        string? error = null;
        try
        {
            await handler.RunAsync(execution, cancel.Token).ConfigureAwait(false);
            final = JobState.Completed;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            final = JobState.Queued;
            progress.Set(progress.Done, progress.Total, "Interrupted by shutdown; resumes on the next start");
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested && progress.SaveFailure is null)
        {
            final = JobState.Cancelled;
        }
        catch (JobWaitingForModelException e) when (progress.SaveFailure is null)
        {
            logger.LogInformation("Job {Id} ({Kind}) waits for its model: {Reason}", job.Id, job.Kind, e.Message);
            final = JobState.WaitingForModel;
            progress.Set(progress.Done, progress.Total, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || progress.SaveFailure is not null)
        {
            var cause = progress.SaveFailure ?? e;
            logger.LogWarning(cause, "Job {Id} ({Kind}) failed", job.Id, job.Kind);
            final = JobState.Failed;
            error = JobFailure.Describe(cause, savingProgress: progress.SaveFailure is not null);
        }
        finally
        {
            queue.UnregisterRunning(job.Id);
            await saving.CancelAsync().ConfigureAwait(false);
            try { await saver.ConfigureAwait(false); } catch (OperationCanceledException) { }
        }
        if (final == JobState.Completed && progress.SaveFailure is { } late)
        {
            // The handler finished before it noticed the stop; its results are stored, but the
            // failure to save is still reported (resuming completes at once).
            final = JobState.Failed;
            error = JobFailure.Describe(late, savingProgress: true);
        }

        await FinishAsync(job.Id, final, progress, error, stoppingToken).ConfigureAwait(false);
        return final;
    }

    /// <summary>
    /// Records the job's end, retrying while the database refuses (a lock held by another process
    /// clears, a full disk gets space) so the job does not stay "Running" after its handler stopped.
    /// A shutdown stops the retries: the job is then re-queued by the next start's recovery.
    /// </summary>
    private async Task FinishAsync(long id, JobState final, ProgressState progress, string? error, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        var giveUp = clock.GetUtcNow() + FinishRetryFor;
        while (true)
        {
            try
            {
                await queue.FinishAsync(id, final, progress.Done, progress.Total, progress.Message, error).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && clock.GetUtcNow() < giveUp)
            {
                logger.LogWarning("Could not record that job {Id} ended {State} ({Error}); retrying in {Delay} ms", id, final, e.GetBaseException().Message, delay.TotalMilliseconds);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private static readonly TimeSpan FinishRetryFor = TimeSpan.FromMinutes(5);

    private async Task SaveProgressPeriodicallyAsync(long id, ProgressState progress, CancellationTokenSource job, CancellationToken cancellationToken)
    {
        var saved = (-1, -1);
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(SaveInterval, cancellationToken).ConfigureAwait(false);
            var current = (progress.Done, progress.Total);
            if (current == saved)
                continue;
            try
            {
                await queue.SaveProgressAsync(id, current.Done, current.Total, progress.Message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Recorded before the cancel, so the runner sees a failure, not a user's cancel.
                progress.SaveFailure = e;
                await job.CancelAsync().ConfigureAwait(false);
                return;
            }
            saved = current;
        }
    }

    /// <summary>The latest progress a handler reported; written from the handler's thread, read by the saver.</summary>
    private sealed class ProgressState(int done, int total, string? message)
    {
        private readonly Lock gate = new();

        public int Done { get { lock (gate) return done; } }

        public int Total { get { lock (gate) return total; } }

        public string? Message { get { lock (gate) return message; } }

        /// <summary>Set when saving the progress failed; the job then ends Failed.</summary>
        public Exception? SaveFailure { get { lock (gate) return saveFailure; } set { lock (gate) saveFailure = value; } }

        private Exception? saveFailure;

        public void Set(int newDone, int newTotal, string? newMessage)
        {
            lock (gate)
            {
                done = newDone;
                total = newTotal;
                message = newMessage ?? message;
            }
        }
    }
}
