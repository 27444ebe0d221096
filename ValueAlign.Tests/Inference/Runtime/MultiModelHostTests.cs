using Microsoft.Extensions.Logging.Abstractions;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Backends;
using ValueAlign.Core.Inference.Gguf;
using ValueAlign.Core.Inference.LlamaSharp;
using ValueAlign.Core.Inference.Registry;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Inference.Runtime;

/// <summary>Several models in one host: stories260K and a synthetic tiny llama (another file, another SHA-256).</summary>
public sealed class MultiModelHostTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public MultiModelHostTests()
    {
        File.Copy(StoriesModelFixture.ModelPath, StoriesPath);
        SyntheticLlamaModel.WriteFile(TinyPath, SyntheticLlamaConfig.Tiny);
    }

    private string StoriesPath => folder.File("stories260K.gguf");

    private string TinyPath => folder.File("judge-tiny.gguf");

    public void Dispose() => folder.Dispose();

    private static ModelHost Host(int budgetMb = 0, params string[] preload)
    {
        var options = StoriesModelFixture.Options;
        options.MemoryBudgetMB = budgetMb;
        options.Preload = [.. preload];
        return new ModelHost(options, NullLogger<ModelHost>.Instance);
    }

    [Fact]
    public async Task Two_models_load_side_by_side_each_with_its_own_queue_and_the_first_is_the_default()
    {
        await using var host = Host();
        var stories = (LlamaSharpLanguageModel)await host.LoadAsync(StoriesPath);
        var tiny = (LlamaSharpLanguageModel)await host.LoadAsync(TinyPath);

        Assert.Equal(2, host.Loaded.Count);
        Assert.Same(stories, host.Model);
        // llama.cpp allocates the configured context beyond the tiny model's trained 512 tokens, as the estimate assumes.
        Assert.Equal(2048, tiny.Description.ContextSize);
        Assert.Equal(host.Estimate(TinyPath)!.KvCacheBytes, tiny.KvCacheBytes);
        Assert.Same(tiny, host.Find(TinyPath));
        Assert.Same(tiny, await host.LoadAsync(TinyPath)); // loading a loaded file returns it
        var states = host.Models;
        Assert.Equal([true, false], states.Select(s => s.IsDefault));
        Assert.Equal(stories.WeightsBytes + stories.KvCacheBytes + tiny.WeightsBytes + tiny.KvCacheBytes, host.UsedBytes);
        Assert.All(states, s => Assert.True(s.WeightsBytes > 0 && s.KvCacheBytes > 0));

        // While stories260K works through a long request, the tiny model's own queue answers at once.
        var question = new MultipleChoiceQuestion("Once upon a time", ["Lily.", "Tom."]);
        using var stop = new CancellationTokenSource();
        var busy = stories.ScoreChoicesNaiveAsync(Enumerable.Repeat(question, 20_000).ToArray(), stop.Token);
        var queued = stories.ScoreContinuationAsync("The cat", "sat.");
        for (var i = 0; i < 500 && stories.QueuedRequests == 0; i++)
            await Task.Delay(10);
        Assert.Equal(1, host.Models[0].QueuedRequests);
        Assert.Equal(0, host.Models[1].QueuedRequests);
        var score = await tiny.ScoreContinuationAsync("The cat", "sat.").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(double.IsFinite(score.Sum));
        Assert.False(busy.IsCompleted);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => busy);
        await queued;

        Assert.True(host.SetDefault(TinyPath));
        Assert.Same(tiny, host.Model);
        Assert.True(await host.UnloadAsync(TinyPath));
        Assert.Same(stories, host.Model); // the default falls back to a model still loaded
        Assert.Single(host.Loaded);
        Assert.False(await host.UnloadAsync(TinyPath));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => tiny.TokenizeAsync("x", addBos: false));
    }

    [Fact]
    public async Task A_load_over_the_memory_budget_is_refused_with_the_figures_and_the_loaded_model_stays()
    {
        await using var probe = Host();
        var storiesNeeds = probe.Estimate(StoriesPath)!;
        var tinyNeeds = probe.Estimate(TinyPath)!;
        // 1 MB holds the tiny model (weights + KV cache for 2048 tokens) but not stories260K next to it.
        Assert.True(tinyNeeds.TotalBytes < 1024 * 1024 && tinyNeeds.TotalBytes + storiesNeeds.TotalBytes > 1024 * 1024, $"{tinyNeeds} {storiesNeeds}");

        await using var host = Host(budgetMb: 1);
        var tiny = await host.LoadAsync(TinyPath);
        var refused = await Assert.ThrowsAsync<ModelBudgetException>(() => host.LoadAsync(StoriesPath));

        Assert.Equal(storiesNeeds.TotalBytes, refused.NeededBytes);
        Assert.Equal(1024L * 1024L, refused.BudgetBytes);
        Assert.Equal(host.UsedBytes, refused.UsedBytes);
        Assert.StartsWith(StoriesPath + ": not loaded: it needs about 2.38 MB (weights 1.13 MB + KV cache 1.25 MB at 2048 tokens), 1 loaded model(s) use ", refused.Message);
        Assert.Contains(" and the budget is 1 MB (Models:MemoryBudgetMB = 1), leaving ", refused.Message);
        Assert.EndsWith("Unload a model or raise Models:MemoryBudgetMB to load stories260K.gguf.", refused.Message);
        Assert.Same(tiny, Assert.Single(host.Loaded));
        Assert.Equal(ModelHostStatus.Failed, host.State.Status);
        Assert.Equal(refused.Message, host.State.Error);

        // With 4 MB both fit.
        await host.UnloadAsync();
        await using var roomier = Host(budgetMb: 4);
        await roomier.LoadAsync(TinyPath);
        await roomier.LoadAsync(StoriesPath);
        Assert.Equal(2, roomier.Loaded.Count);
    }

    [Fact]
    public async Task Preload_loads_the_listed_files_in_order_with_their_identity_and_reports_a_bad_entry_without_stopping()
    {
        await using var host = Host(0, "judge-tiny.gguf", "absent.gguf", "stories260K.gguf");
        var registry = new ModelRegistry(folder.Path);
        var backends = new ModelBackends([new LocalModelBackend(registry, host)]);
        var preloader = new ModelPreloader(host.Options, backends, NullLogger<ModelPreloader>.Instance);

        var errors = await preloader.PreloadAsync(CancellationToken.None);

        Assert.Equal(["judge-tiny.gguf", "stories260K.gguf"], host.Models.Select(m => Path.GetFileName(m.ModelPath)));
        Assert.True(host.Models[0].IsDefault);
        Assert.Equal(await FileHashing.Sha256Async(TinyPath), host.Models[0].Identity!.Sha256);
        Assert.Equal(await FileHashing.Sha256Async(StoriesPath), host.Find(StoriesPath)!.Identity.Sha256);
        Assert.Contains("absent.gguf", Assert.Single(errors));
    }
}
