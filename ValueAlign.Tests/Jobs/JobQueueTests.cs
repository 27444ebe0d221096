using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Jobs;

namespace ValueAlign.Tests.Jobs;

public sealed class JobQueueTests
{
    [Fact]
    public async Task A_queued_job_runs_to_completion_and_its_final_progress_is_stored()
    {
        var handler = new CountingHandler(5);
        await using var db = await JobDatabase.CreateAsync(handler);
        var seen = new List<JobSnapshot>();
        db.Queue.Changed += s => { lock (seen) seen.Add(s); };

        var id = await db.Queue.EnqueueAsync("count", "Count to five", "{\"n\":5}", "alice");
        var state = await db.Runner.RunAsync(null, CancellationToken.None);

        Assert.Equal(JobState.Completed, state);
        Assert.Equal([0, 1, 2, 3, 4], handler.Executions);
        var stored = await db.Queue.GetAsync(id);
        Assert.NotNull(stored);
        Assert.Equal(JobState.Completed, stored.State);
        Assert.Equal((5, 5), (stored.Done, stored.Total));
        Assert.Equal(1, stored.Attempts);
        Assert.Equal("alice", stored.CreatedBy);
        Assert.NotNull(stored.FinishedAt);
        Assert.Contains(seen, s => s.State == JobState.Running && s.Done == 3 && s.Total == 5);
        Assert.Null(await db.Runner.RunAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task Jobs_run_in_creation_order()
    {
        var handler = new CountingHandler(1);
        await using var db = await JobDatabase.CreateAsync(handler);
        var first = await db.Queue.EnqueueAsync("count", "first", "{}", "a");
        var second = await db.Queue.EnqueueAsync("count", "second", "{}", "a");

        await db.Runner.RunAsync(null, CancellationToken.None);

        Assert.Equal(JobState.Completed, (await db.Queue.GetAsync(first))!.State);
        Assert.Equal(JobState.Queued, (await db.Queue.GetAsync(second))!.State);
    }

    [Fact]
    public async Task Cancelling_a_running_job_stops_it_and_resuming_continues_without_repeating_units()
    {
        var handler = new CountingHandler(6) { BlockAt = 3 };
        await using var db = await JobDatabase.CreateAsync(handler);
        var id = await db.Queue.EnqueueAsync("count", "c", "{}", "a");

        var run = db.Runner.RunAsync(null, CancellationToken.None);
        await handler.Blocked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(await db.Queue.CancelAsync(id));
        Assert.Equal(JobState.Cancelled, await run);
        var cancelled = (await db.Queue.GetAsync(id))!;
        Assert.Equal(JobState.Cancelled, cancelled.State);
        Assert.Equal(3, cancelled.Done);

        Assert.True(await db.Queue.ResumeAsync(id));
        Assert.Equal(JobState.Completed, await db.Runner.RunAsync(null, CancellationToken.None));
        Assert.Equal([0, 1, 2, 3, 4, 5], handler.Executions);
        Assert.Equal([1, 2], handler.Attempts);
        Assert.Equal(2, (await db.Queue.GetAsync(id))!.Attempts);
    }

    [Fact]
    public async Task A_cancelled_queued_job_is_never_picked_up()
    {
        var handler = new CountingHandler(2);
        await using var db = await JobDatabase.CreateAsync(handler);
        var id = await db.Queue.EnqueueAsync("count", "c", "{}", "a");

        Assert.True(await db.Queue.CancelAsync(id));

        Assert.Null(await db.Runner.RunAsync(null, CancellationToken.None));
        Assert.Empty(handler.Executions);
        Assert.False(await db.Queue.CancelAsync(id));
    }

    [Fact]
    public async Task A_failing_handler_marks_the_job_failed_with_its_message_and_it_can_be_resumed()
    {
        var handler = new CountingHandler(4) { FailAt = 2 };
        await using var db = await JobDatabase.CreateAsync(handler);
        var id = await db.Queue.EnqueueAsync("count", "c", "{}", "a");

        Assert.Equal(JobState.Failed, await db.Runner.RunAsync(null, CancellationToken.None));
        var failed = (await db.Queue.GetAsync(id))!;
        Assert.Equal("unit 2 is broken", failed.Error);
        Assert.Equal(2, failed.Done);

        handler.FailAt = null;
        Assert.True(await db.Queue.ResumeAsync(id));
        Assert.Equal(JobState.Completed, await db.Runner.RunAsync(null, CancellationToken.None));
        Assert.Equal([0, 1, 2, 3], handler.Executions);
        Assert.Null((await db.Queue.GetAsync(id))!.Error);
    }

    [Fact]
    public async Task An_unknown_kind_fails_with_a_clear_error()
    {
        await using var db = await JobDatabase.CreateAsync();
        var id = await db.Queue.EnqueueAsync("mystery", "m", "{}", "a");

        Assert.Equal(JobState.Failed, await db.Runner.RunAsync(null, CancellationToken.None));
        Assert.Equal("No handler is registered for job kind 'mystery'.", (await db.Queue.GetAsync(id))!.Error);
    }

    [Fact]
    public async Task A_host_shutdown_puts_the_running_job_back_in_the_queue()
    {
        var handler = new CountingHandler(4) { BlockAt = 1 };
        await using var db = await JobDatabase.CreateAsync(handler);
        var id = await db.Queue.EnqueueAsync("count", "c", "{}", "a");
        using var shutdown = new CancellationTokenSource();

        var run = db.Runner.RunAsync(null, shutdown.Token);
        await handler.Blocked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await shutdown.CancelAsync();

        Assert.Equal(JobState.Queued, await run);
        Assert.Equal(JobState.Queued, (await db.Queue.GetAsync(id))!.State);
        Assert.Equal(JobState.Completed, await db.Runner.RunAsync(null, CancellationToken.None));
        Assert.Equal([0, 1, 2, 3], handler.Executions);
    }

    [Fact]
    public async Task Jobs_left_running_by_a_killed_process_are_requeued_on_start()
    {
        var handler = new CountingHandler(2);
        await using var db = await JobDatabase.CreateAsync(handler);
        var id = await db.Queue.EnqueueAsync("count", "c", "{}", "a");
        await using (var ctx = db.Factory.CreateDbContext())
            await ctx.BackgroundJobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Running));
        Assert.Null(await db.Runner.RunAsync(null, CancellationToken.None));

        Assert.Equal(1, await db.Queue.RecoverInterruptedAsync());

        Assert.Equal(JobState.Completed, await db.Runner.RunAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task A_specific_job_can_be_run_even_when_it_was_left_running()
    {
        var handler = new CountingHandler(2);
        await using var db = await JobDatabase.CreateAsync(handler);
        var id = await db.Queue.EnqueueAsync("count", "c", "{}", "a");
        await using (var ctx = db.Factory.CreateDbContext())
            await ctx.BackgroundJobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Running));

        Assert.Equal(JobState.Completed, await db.Runner.RunAsync(id, CancellationToken.None));
        Assert.Null(await db.Runner.RunAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task The_hosted_runner_picks_up_work_as_it_is_enqueued()
    {
        var handler = new CountingHandler(3);
        await using var db = await JobDatabase.CreateAsync(handler);
        var done = new TaskCompletionSource<JobSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        db.Queue.Changed += s => { if (s.State == JobState.Completed) done.TrySetResult(s); };

        await db.Runner.StartAsync(CancellationToken.None);
        try
        {
            var id = await db.Queue.EnqueueAsync("count", "c", "{}", "a");
            var finished = await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(id, finished.Id);
            Assert.Equal(3, finished.Done);
        }
        finally
        {
            await db.Runner.StopAsync(CancellationToken.None);
        }
    }
}
