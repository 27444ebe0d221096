using Microsoft.Extensions.Logging.Abstractions;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.LlamaSharp;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Inference.Runtime;

public sealed class ModelHostTests
{
    [Fact]
    public async Task Loading_reports_state_and_unloading_empties_the_host()
    {
        await using var host = new ModelHost(StoriesModelFixture.Options, NullLogger<ModelHost>.Instance);
        var seen = new List<ModelHostStatus>();
        host.StateChanged += state => seen.Add(state.Status);
        Assert.Equal(ModelHostStatus.Empty, host.State.Status);
        Assert.Throws<InvalidOperationException>(() => host.RequireModel());

        var model = await host.LoadAsync(StoriesModelFixture.ModelPath);
        var state = host.State;
        Assert.Equal(ModelHostStatus.Ready, state.Status);
        Assert.Equal(StoriesModelFixture.ModelPath, state.ModelPath);
        Assert.Equal("stories260K", state.Description!.Name);
        Assert.Equal(512, state.Description.VocabularySize);
        Assert.True(state.WeightsBytes > 20_000, $"weights {state.WeightsBytes} bytes");
        Assert.True(state.KvCacheBytes > 0);
        Assert.Same(model, host.RequireModel());
        Assert.Contains(ModelHostStatus.Loading, seen);

        await host.UnloadAsync();
        Assert.Equal(ModelHostStatus.Empty, host.State.Status);
        Assert.Null(host.Model);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => model.TokenizeAsync("x", addBos: false));
    }

    [Fact]
    public async Task A_malformed_file_gives_a_clear_error_naming_it_and_the_host_keeps_working()
    {
        using var temp = new TempDirectory();
        var random = Path.Combine(temp.Path, "random.gguf");
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        await File.WriteAllBytesAsync(random, bytes);
        var truncated = Path.Combine(temp.Path, "truncated.gguf");
        var real = await File.ReadAllBytesAsync(StoriesModelFixture.ModelPath);
        await File.WriteAllBytesAsync(truncated, real[..(real.Length / 3)]);

        await using var host = new ModelHost(StoriesModelFixture.Options, NullLogger<ModelHost>.Instance);
        var notGguf = await Assert.ThrowsAsync<ModelLoadException>(() => host.LoadAsync(random));
        Assert.Contains(random, notGguf.Message);
        Assert.Contains("not a GGUF file", notGguf.Message);
        Assert.Equal(ModelHostStatus.Failed, host.State.Status);
        Assert.Equal(notGguf.Message, host.State.Error);

        var cut = await Assert.ThrowsAsync<ModelLoadException>(() => host.LoadAsync(truncated));
        Assert.Contains(truncated, cut.Message);
        Assert.Contains("truncated, malformed", cut.Message);

        var missing = await Assert.ThrowsAsync<ModelLoadException>(() => host.LoadAsync(Path.Combine(temp.Path, "absent.gguf")));
        Assert.Contains("does not exist", missing.Message);

        var model = await host.LoadAsync(StoriesModelFixture.ModelPath);
        Assert.Equal(ModelHostStatus.Ready, host.State.Status);
        Assert.Null(host.State.Error);
        Assert.NotEmpty(await model.TokenizeAsync("Lily", addBos: false));
    }

    [Fact]
    public async Task Unloading_fails_queued_requests_instead_of_leaving_them_waiting()
    {
        await using var host = new ModelHost(StoriesModelFixture.Options, NullLogger<ModelHost>.Instance);
        var model = (LlamaSharpLanguageModel)await host.LoadAsync(StoriesModelFixture.ModelPath);
        var question = new MultipleChoiceQuestion("Once upon a time", ["Lily.", "Tom."]);
        var running = model.ScoreChoicesNaiveAsync(Enumerable.Repeat(question, 20_000).ToArray());
        var queued = model.ScoreContinuationAsync("The cat", "sat.");
        for (var i = 0; i < 500 && model.QueuedRequests == 0; i++)
        {
            await Task.Delay(10);
        }
        Assert.Equal(1, model.QueuedRequests);
        await host.UnloadAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => queued);
        Assert.Equal(ModelHostStatus.Empty, host.State.Status);
    }
}
