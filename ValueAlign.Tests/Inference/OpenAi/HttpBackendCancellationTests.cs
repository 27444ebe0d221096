using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.LlamaSharp;
using ValueAlign.Core.Inference.OpenAi;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Inference.OpenAi;

public sealed class HttpBackendCancellationTests
{
    [Fact]
    public async Task Cancelling_a_stream_closes_the_connection_and_the_server_stops_generating()
    {
        // A long context so an uncancelled generation keeps the model busy far longer than the wait
        // below (65k tokens of stories260K take tens of seconds; its cache needs ~42 MB).
        await using var host = await ServedApiHost.StartAsync(modelOptions: new ModelRuntimeOptions
        {
            Threads = 1, ContextSize = 65536, BatchSize = 512, MicroBatchSize = 512, MaxSequences = 8, EmbeddingContextSize = 64,
        });
        await using var remote = await OpenAiLanguageModel.ConnectAsync(new OpenAiServerSettings { Name = "loopback", BaseUrl = host.V1, Model = "stories260K", ApiKey = host.ApiKey });
        var served = (LlamaSharpLanguageModel)host.Host.RequireModel();

        using var cancel = new CancellationTokenSource();
        var options = GenerationOptions.Greedy(65000) with { IgnoreEndOfGeneration = true };
        var received = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in remote.CompleteAsync("Once upon a time", options, cancel.Token))
            {
                if (++received == 3)
                    await cancel.CancelAsync();
            }
        });
        Assert.True(received >= 3);
        // Generous for a loaded CI machine (3 s was exceeded once there), still far below the uncancelled generation.
        var freed = await WaitAsync(() => !served.Busy, TimeSpan.FromSeconds(10));
        Assert.True(freed, "the served model was still generating 10 s after the client cancelled");
        Assert.Equal(0, remote.InFlight);
    }

    private static async Task<bool> WaitAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
                return true;
            await Task.Delay(20);
        }
        return condition();
    }
}
