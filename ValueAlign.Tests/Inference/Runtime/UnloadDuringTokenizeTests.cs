using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.LlamaSharp;
using ValueAlign.Tests.Inference.Gguf;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Inference.Runtime;

/// <summary>
/// Tokenizing runs outside a model's request queue (the playground's token view, the served
/// /tokenize endpoint, chat templates), so an unload must not free the weights under it: unloading
/// waits for the tokenize calls in flight and refuses new ones.
/// </summary>
public sealed class UnloadDuringTokenizeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private Task<LlamaSharpLanguageModel> LoadAsync() =>
        LlamaSharpLanguageModel.LoadAsync(
            GgufTestFiles.WriteTiny(_dir.File($"tiny-{Guid.NewGuid():N}.gguf")),
            new ModelRuntimeOptions { ContextSize = 256, BatchSize = 256, MicroBatchSize = 256, Threads = 1 });

    [Fact]
    public async Task Unload_waits_for_a_tokenize_in_flight_and_refuses_new_ones()
    {
        var model = await LoadAsync();
        Task unload;
        using (model.NativeUse.Enter())
        {
            // A tokenize is using the weights: the unload starts but cannot free them yet.
            unload = model.DisposeAsync().AsTask();
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            Assert.False(unload.IsCompleted, "the model was freed while a tokenize still used it");
            Assert.Throws<ObjectDisposedException>(() => model.Tokenize("new work", addBos: true, special: false));
        }
        await unload.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, model.NativeUse.Active);
    }

    [Fact]
    public async Task Concurrent_tokenizes_and_an_unload_end_cleanly()
    {
        var model = await LoadAsync();
        var text = string.Concat(Enumerable.Repeat("Once upon a time there was a little girl named Lily. ", 2000));
        var expected = model.Tokenize(text, addBos: true, special: false).Length;
        var started = new CountdownEvent(2);
        var completed = new int[2];
        var workers = Enumerable.Range(0, 2).Select(w => Task.Run(() =>
        {
            started.Signal();
            while (true)
            {
                int length;
                try
                {
                    length = model.Tokenize(text, addBos: true, special: false).Length;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
                // Every tokenize that ran, ran on live weights.
                Assert.Equal(expected, length);
                Interlocked.Increment(ref completed[w]);
            }
        })).ToArray();
        started.Wait(TimeSpan.FromSeconds(30));
        while (completed.Sum() < 4)
        {
            await Task.Delay(10);
        }
        await model.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, model.NativeUse.Active);
        Assert.All(completed, c => Assert.True(c > 0));
    }
}
