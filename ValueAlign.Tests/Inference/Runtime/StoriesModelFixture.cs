using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.LlamaSharp;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Inference.Runtime;

/// <summary>
/// ../shared/models/stories260K.gguf (a real 260K-parameter llama) loaded once for all runtime
/// tests; a missing file fails every test with a message naming it.
/// </summary>
public sealed class StoriesModelFixture : IAsyncLifetime
{
    public static ModelRuntimeOptions Options => new()
    {
        Threads = 1,
        ContextSize = 2048,
        BatchSize = 512,
        MicroBatchSize = 512,
        MaxSequences = 32,
        EmbeddingContextSize = 256,
    };

    private LlamaSharpLanguageModel? model;

    public static string ModelPath => SharedFolder.File("models", "stories260K.gguf");

    public LlamaSharpLanguageModel Model => model ?? throw new InvalidOperationException("The stories260K model did not load.");

    public async Task InitializeAsync() => model = await LlamaSharpLanguageModel.LoadAsync(ModelPath, Options);

    public async Task DisposeAsync()
    {
        if (model is not null)
        {
            await model.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class StoriesModelCollection : ICollectionFixture<StoriesModelFixture>
{
    public const string Name = "stories260K model";
}
