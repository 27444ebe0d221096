using ValueAlign.Core.Annotation.Assignment;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Web.Components.Pages.Annotate;

namespace ValueAlign.Tests.Web.Annotate;

/// <summary>The annotate page's submit queue on its own: kept before it is sent, removed only once settled, failures retried, refusals not.</summary>
public sealed class SubmitQueueTests : IDisposable
{
    private static readonly PendingSubmit First = new(7, 41, 1001, """{"Answers":{"q":["x"]}}""", 1500);
    private static readonly SubmitRetry NoAutomaticRetry = new(TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    /// <summary>Everything the queue did, in order: store writes/removes, sends, settlements.</summary>
    private readonly List<string> _log = [];
    private readonly MemoryStore _store;
    private readonly TaskCompletionSource<Exception?> _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<Exception?> _outcomes = new();
    private SubmitQueue? _queue;

    public SubmitQueueTests() => _store = new MemoryStore(_log);

    public void Dispose() => _queue?.Dispose();

    private sealed class MemoryStore(List<string> log) : IPendingSubmitStore
    {
        public PendingSubmit? Kept { get; private set; }

        public Task WriteAsync(PendingSubmit pending)
        {
            lock (log) log.Add("write " + pending.ReservationId);
            Kept = pending;
            return Task.CompletedTask;
        }

        public Task RemoveAsync(PendingSubmit pending)
        {
            lock (log) log.Add("remove " + pending.ReservationId);
            Kept = null;
            return Task.CompletedTask;
        }
    }

    /// <summary>A queue whose sends fail with the given exceptions in turn (null = stored), then succeed.</summary>
    private SubmitQueue Queue(SubmitRetry retry, params Exception?[] outcomes)
    {
        foreach (var outcome in outcomes)
        {
            _outcomes.Enqueue(outcome);
        }
        _queue = new SubmitQueue(
            pending =>
            {
                Exception? outcome;
                lock (_log)
                {
                    _log.Add("send " + pending.ReservationId);
                    outcome = _outcomes.Count > 0 ? _outcomes.Dequeue() : null;
                }
                return outcome is null ? Task.CompletedTask : Task.FromException(outcome);
            },
            _store,
            retry,
            TimeProvider.System,
            new SubmitQueue.Callbacks(
                (pending, refusal) =>
                {
                    lock (_log) _log.Add("settled " + pending.ReservationId + (refusal is null ? "" : " refused"));
                    _settled.TrySetResult(refusal);
                    return Task.CompletedTask;
                },
                work => work(),
                () => { }));
        return _queue;
    }

    private string[] Log()
    {
        lock (_log) return [.. _log];
    }

    [Fact]
    public async Task A_submit_is_kept_before_it_is_sent_and_removed_once_stored()
    {
        var queue = Queue(NoAutomaticRetry);

        await queue.SubmitAsync(First);

        Assert.Equal(["write 41", "send 41", "remove 41", "settled 41"], Log());
        Assert.Null(queue.Pending);
        Assert.Null(_store.Kept);
        Assert.Null(await _settled.Task);
        Assert.False(queue.Saving);
    }

    [Fact]
    public async Task A_failed_send_stays_pending_and_kept_until_a_retry_stores_it()
    {
        var queue = Queue(NoAutomaticRetry, new InvalidOperationException("The database is unreachable"));

        await queue.SubmitAsync(First);

        Assert.Equal(First, queue.Pending);
        Assert.Equal(First, _store.Kept);
        Assert.Equal("The database is unreachable.", queue.Failure);
        Assert.Equal(1, queue.Attempt);
        Assert.Equal(TimeSpan.FromHours(1), queue.NextRetryIn);
        Assert.False(_settled.Task.IsCompleted);
        Assert.False(queue.Saving);

        await queue.RetryNowAsync();

        Assert.Equal(["write 41", "send 41", "send 41", "remove 41", "settled 41"], Log());
        Assert.Null(queue.Pending);
        Assert.Null(queue.Failure);
        Assert.Equal(0, queue.Attempt);
        Assert.Null(queue.NextRetryIn);
        Assert.Null(_store.Kept);
    }

    [Fact]
    public async Task Failures_are_retried_automatically_until_the_submit_is_stored()
    {
        var queue = Queue(new SubmitRetry(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20)),
            new TimeoutException("timed out"), new TimeoutException("timed out again"), null);

        await queue.SubmitAsync(First);
        Assert.Equal(1, queue.Attempt);

        var settled = await _settled.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Null(settled);
        Assert.Equal(["write 41", "send 41", "send 41", "send 41", "remove 41", "settled 41"], Log());
        Assert.Null(queue.Pending);
        Assert.Null(_store.Kept);
    }

    [Fact]
    public async Task A_refusal_is_settled_at_once_and_not_retried()
    {
        var expired = new AssignmentException(AssignmentErrorKind.ReservationExpired, "Your hold expired.");
        var queue = Queue(new SubmitRetry(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1)), expired);

        await queue.SubmitAsync(First);

        Assert.Same(expired, await _settled.Task);
        await Task.Delay(50);
        Assert.Equal(["write 41", "send 41", "remove 41", "settled 41 refused"], Log());
        Assert.Null(queue.Pending);
        Assert.Null(queue.Failure);
        Assert.Null(_store.Kept);
    }

    [Fact]
    public async Task Answers_that_no_longer_fit_the_schema_are_a_refusal()
    {
        var queue = Queue(NoAutomaticRetry, new LabelSchemaException(["'q' is not a question of the schema."]));

        await queue.SubmitAsync(First);

        Assert.IsType<LabelSchemaException>(await _settled.Task);
        Assert.Null(queue.Pending);
        Assert.True(SubmitQueue.IsRefusal(new AssignmentException(AssignmentErrorKind.NotMember, "no")));
        Assert.False(SubmitQueue.IsRefusal(new InvalidOperationException("outage")));
    }

    [Fact]
    public async Task A_restored_submit_is_sent_without_being_kept_again()
    {
        var queue = Queue(NoAutomaticRetry);

        await queue.RestoreAsync(First);

        Assert.Equal(["send 41", "remove 41", "settled 41"], Log());
    }

    [Fact]
    public async Task A_second_submit_while_one_is_pending_is_refused_and_the_first_kept()
    {
        var queue = Queue(NoAutomaticRetry, new InvalidOperationException("outage"));
        await queue.SubmitAsync(First);

        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.SubmitAsync(First with { ReservationId = 42 }));

        Assert.Equal(41, queue.Pending!.ReservationId);
        Assert.Equal(41, _store.Kept!.ReservationId);
    }

    [Fact]
    public async Task Disposing_the_queue_cancels_the_scheduled_retry_and_keeps_the_submit_in_the_store()
    {
        var queue = Queue(new SubmitRetry(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100)), new InvalidOperationException("outage"));
        await queue.SubmitAsync(First);

        queue.Dispose();
        await Task.Delay(400);

        Assert.Equal(["write 41", "send 41"], Log());
        Assert.Equal(First, _store.Kept);
    }

    [Fact]
    public async Task The_browser_store_writes_and_removes_under_the_projects_key()
    {
        var calls = new List<(string Function, object?[] Args)>();
        var store = new BrowserPendingSubmitStore((function, args) =>
        {
            calls.Add((function, args));
            return Task.CompletedTask;
        });

        await store.WriteAsync(First);
        await store.RemoveAsync(First);

        Assert.Equal(["writePending", "removePending"], calls.Select(c => c.Function));
        Assert.Equal(["valuealign.annotate.pending.7", First.ToJson()], calls[0].Args);
        Assert.Equal(["valuealign.annotate.pending.7"], calls[1].Args);
        Assert.Equal(First, PendingSubmit.FromJson((string)calls[0].Args[1]!, 7));
    }
}
