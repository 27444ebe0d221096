using ValueAlign.Core.Inference.LlamaSharp;

namespace ValueAlign.Tests.Inference.Runtime;

public sealed class NativeUseGuardTests
{
    [Fact]
    public async Task Close_completes_only_when_every_lease_has_ended()
    {
        var guard = new NativeUseGuard(typeof(NativeUseGuardTests));
        var first = guard.Enter();
        var second = guard.Enter();
        var closed = guard.CloseAsync();
        Assert.False(closed.IsCompleted);
        first.Dispose();
        Assert.False(closed.IsCompleted);
        second.Dispose();
        await closed.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, guard.Active);
    }

    [Fact]
    public void A_closed_guard_refuses_new_leases_and_closes_at_once_when_idle()
    {
        var guard = new NativeUseGuard(typeof(NativeUseGuardTests));
        Assert.True(guard.CloseAsync().IsCompleted);
        Assert.Throws<ObjectDisposedException>(() => guard.Enter());
    }
}
