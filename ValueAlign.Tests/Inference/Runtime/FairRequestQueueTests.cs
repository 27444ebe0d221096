using ValueAlign.Core.Inference;

namespace ValueAlign.Tests.Inference.Runtime;

public sealed class FairRequestQueueTests
{
    [Fact]
    public async Task Waiters_get_their_turn_in_arrival_order_one_at_a_time()
    {
        var queue = new FairRequestQueue();
        var first = await queue.EnterAsync(CancellationToken.None);
        var waits = Enumerable.Range(0, 5).Select(_ => queue.EnterAsync(CancellationToken.None)).ToArray();
        Assert.Equal(5, queue.Waiting);
        Assert.All(waits, w => Assert.False(w.IsCompleted));
        first.Dispose();
        for (var i = 0; i < waits.Length; i++)
        {
            var lease = await waits[i];
            Assert.All(waits.Skip(i + 1), w => Assert.False(w.IsCompleted));
            Assert.True(queue.Busy);
            lease.Dispose();
            lease.Dispose(); // a second dispose must not hand out a second turn
        }
        Assert.Equal(0, queue.Waiting);
        Assert.False(queue.Busy);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_without_taking_a_turn()
    {
        var queue = new FairRequestQueue();
        var first = await queue.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = queue.EnterAsync(cancel.Token);
        var next = queue.EnterAsync(CancellationToken.None);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(1, queue.Waiting);
        first.Dispose();
        (await next).Dispose();
        Assert.False(queue.Busy);
    }

    [Fact]
    public async Task Closing_fails_the_waiters_and_completes_when_the_running_request_ends()
    {
        var queue = new FairRequestQueue();
        var running = await queue.EnterAsync(CancellationToken.None);
        var waiting = queue.EnterAsync(CancellationToken.None);
        var closed = queue.CloseAsync();
        var error = await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
        Assert.Contains("unloaded", error.Message);
        Assert.False(closed.IsCompleted);
        running.Dispose();
        await closed;
        await Assert.ThrowsAsync<ObjectDisposedException>(() => queue.EnterAsync(CancellationToken.None));
    }
}
