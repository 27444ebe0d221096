using Microsoft.Extensions.Logging.Abstractions;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Gguf;
using ValueAlign.Core.Inference.Registry;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Inference.Registry;

public class ModelLibraryTests
{
    [Fact]
    public async Task Loading_a_path_outside_the_models_folder_is_refused_before_anything_is_opened()
    {
        using var models = new TempDirectory();
        using var elsewhere = new TempDirectory();
        var outside = elsewhere.File("outside.gguf");
        SyntheticLlamaModel.WriteFile(outside, SyntheticLlamaConfig.Tiny);
        await using var host = new ModelHost(new ModelRuntimeOptions(), NullLogger<ModelHost>.Instance);
        var library = new ModelLibrary(new ModelRegistry(models.Path), host);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => library.LoadAsync(outside));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => library.LoadAsync(Path.Combine("..", Path.GetFileName(elsewhere.Path), "outside.gguf")));
        Assert.Equal(ModelHostStatus.Empty, host.State.Status);
    }

    [Fact]
    public void Estimate_uses_the_configured_context_which_llama_cpp_allocates_even_beyond_the_trained_length()
    {
        using var models = new TempDirectory();
        var file = models.File("tiny.gguf");
        SyntheticLlamaModel.WriteFile(file, SyntheticLlamaConfig.Tiny);
        var summary = new ModelRegistry(models.Path).Scan().Single().Summary!;
        var library = new ModelLibrary(new ModelRegistry(models.Path), new ModelHost(new ModelRuntimeOptions { ContextSize = 4096 }, NullLogger<ModelHost>.Instance));

        var estimate = library.Estimate(summary);

        // Tiny is trained for 512 tokens, but a 4096-token context is allocated:
        // 2 blocks x 4096 x 2 KV heads x (16 + 16) x 2 bytes. (MultiModelHostTests checks the loaded context.)
        Assert.Equal(4096UL, estimate.ContextSize);
        Assert.Equal(1_048_576, estimate.KvCacheBytes);
        Assert.Equal(new FileInfo(file).Length, estimate.WeightsBytes);
    }
}
