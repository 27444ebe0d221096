using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Gguf;
using ValueAlign.Core.Inference.LlamaSharp;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Inference.Vision;

/// <summary>
/// The synthetic tiny llama with its synthetic projector (<c>tiny.gguf</c> + <c>mmproj-tiny.gguf</c>
/// in one folder, paired by the naming rule), loaded once for the vision tests.
/// </summary>
public sealed class TinyVisionModelFixture : IAsyncLifetime
{
    private readonly TempDirectory folder = new();
    private LlamaSharpLanguageModel? model;

    public static ModelRuntimeOptions Options => new()
    {
        Threads = 1,
        ContextSize = 1024,
        BatchSize = 512,
        MicroBatchSize = 512,
        MaxSequences = 8,
    };

    public static SyntheticProjectorConfig Projector { get; } = SyntheticProjectorConfig.TinyFor(SyntheticLlamaConfig.Tiny);

    public string ModelPath => folder.File("tiny.gguf");

    public string ProjectorPath => folder.File("mmproj-tiny.gguf");

    public LlamaSharpLanguageModel Model => model ?? throw new InvalidOperationException("The tiny vision model did not load.");

    public async Task InitializeAsync()
    {
        SyntheticLlamaModel.WriteFile(ModelPath, SyntheticLlamaConfig.Tiny);
        SyntheticProjectorModel.WriteFile(ProjectorPath, Projector);
        model = await LlamaSharpLanguageModel.LoadAsync(ModelPath, Options);
    }

    public async Task DisposeAsync()
    {
        if (model is not null)
        {
            await model.DisposeAsync();
        }
        folder.Dispose();
    }

    /// <summary>A demo image of the repository (data/media/demo), as the honesty and culture demo items use.</summary>
    public static ImageInput DemoImage(string name) =>
        new(File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, "data", "media", "demo", name)), "image/png");
}

[CollectionDefinition(Name)]
public sealed class TinyVisionModelCollection : ICollectionFixture<TinyVisionModelFixture>
{
    public const string Name = "tiny vision model";
}
