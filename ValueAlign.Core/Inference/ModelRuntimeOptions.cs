namespace ValueAlign.Core.Inference;

/// <summary>How a model is run; bound from the "Models" section of appsettings.json.</summary>
public sealed class ModelRuntimeOptions
{
    public const string SectionName = "Models";

    /// <summary>CPU threads for generation and prompt processing; 0 lets llama.cpp choose.</summary>
    public int Threads { get; set; }

    /// <summary>
    /// Threads that decode one generated token; 0 (automatic) times one and <see cref="Threads"/>
    /// at load for models up to 50M parameters and keeps the faster (small models generate faster
    /// on one thread); a positive number is used as given (at most the batch threads). Prompts and scoring use <see cref="Threads"/>.
    /// </summary>
    public int GenerationThreads { get; set; }

    /// <summary>KV-cache cells shared by all sequences of one request (tokens of prompt plus output, summed over options when scoring).</summary>
    public int ContextSize { get; set; } = 4096;

    /// <summary>Most tokens submitted to one decode call (prompts longer than this are evaluated in chunks).</summary>
    public int BatchSize { get; set; } = 2048;

    /// <summary>
    /// Multiple-choice questions are packed into one decode call up to this many tokens (at most
    /// BatchSize). Every packed token attends over all packed cells (masked), so on small models
    /// big packs cost more attention than they save in calls; raise it for large models.
    /// </summary>
    public int ScoringBatchTokens { get; set; } = 256;

    /// <summary>Physical batch llama.cpp computes at once.</summary>
    public int MicroBatchSize { get; set; } = 512;

    /// <summary>Layers offloaded to the GPU (needs the Cuda12 build of the backend); 0 on the CPU backend.</summary>
    public int GpuLayers { get; set; }

    /// <summary>
    /// Flash attention: null lets llama.cpp decide. On tiny models with very small heads (stories260K:
    /// 8 dimensions a head) the CPU flash kernel measured about 2x slower on long batches.
    /// </summary>
    public bool? FlashAttention { get; set; }

    /// <summary>Most sequences in one batch, i.e. options scored side by side.</summary>
    public int MaxSequences { get; set; } = 64;

    /// <summary>
    /// Keep one ggml worker pool per context for the model's lifetime (as llama-cli and llama-bench
    /// do) instead of ggml starting and joining threads on every decode. Off only to measure the difference.
    /// </summary>
    public bool PersistentThreadPool { get; set; } = true;

    /// <summary>
    /// Full path of a <c>libllama.so</c> (<c>llama.dll</c>, <c>libllama.dylib</c>) to use instead of the
    /// one LLamaSharp's backend package ships, e.g. llama.cpp built for this CPU with
    /// <c>-DGGML_NATIVE=ON</c>; its ggml libraries must sit beside it. Must match the llama.cpp
    /// revision LLamaSharp was built against (<see cref="LlamaSharp.LlamaLibraryAbi"/> checks it at
    /// the first load and refuses a library that does not). Null: the package's library.
    /// </summary>
    public string? NativeLibraryPath { get; set; }

    /// <summary>
    /// Which of the backend package's builds to load: <c>auto</c> (the best this CPU supports),
    /// <c>none</c>, <c>avx</c>, <c>avx2</c> or <c>avx512</c>. Ignored when <see cref="NativeLibraryPath"/> is set.
    /// </summary>
    public string NativeAvxLevel { get; set; } = "auto";

    /// <summary>Longest text (in tokens) an embedding is computed for.</summary>
    public int EmbeddingContextSize { get; set; } = 512;

    /// <summary>
    /// Memory all loaded models may take together (weights plus KV cache, in MB); a load that
    /// would exceed it is refused with the figures. 0 means 80% of the memory available to the process.
    /// </summary>
    public int MemoryBudgetMB { get; set; }

    /// <summary>Model files (inside the models folder) loaded at start-up, in order; the first becomes the default model.</summary>
    public List<string> Preload { get; set; } = [];

    /// <summary>
    /// Explicit multimodal projector pairs, overriding the naming rule of <see cref="Registry.ProjectorPairing"/>:
    /// key = the model file (its name, or its path in the models folder), value = the projector file
    /// relative to the model's folder, or <c>none</c> to load the model text-only.
    /// </summary>
    public Dictionary<string, string> Projectors { get; set; } = new(StringComparer.Ordinal);

    public void Validate()
    {
        Require(ContextSize >= 16, nameof(ContextSize), "must be at least 16");
        Require(BatchSize >= 1 && BatchSize <= ContextSize, nameof(BatchSize), "must be between 1 and ContextSize");
        Require(ScoringBatchTokens >= 1, nameof(ScoringBatchTokens), "must be positive");
        Require(MicroBatchSize >= 1 && MicroBatchSize <= BatchSize, nameof(MicroBatchSize), "must be between 1 and BatchSize");
        Require(MaxSequences is >= 1 and <= 256, nameof(MaxSequences), "must be between 1 and 256 (llama.cpp's limit)");
        Require(Threads >= 0, nameof(Threads), "must be 0 (automatic) or positive");
        Require(GenerationThreads >= 0, nameof(GenerationThreads), "must be 0 (automatic) or positive");
        Require(GpuLayers >= 0, nameof(GpuLayers), "must be 0 or positive");
        Require(EmbeddingContextSize >= 8, nameof(EmbeddingContextSize), "must be at least 8");
        Require(MemoryBudgetMB >= 0, nameof(MemoryBudgetMB), "must be 0 (80% of available memory) or positive");
        Require(NativeAvxLevel is "auto" or "none" or "avx" or "avx2" or "avx512", nameof(NativeAvxLevel), "must be auto, none, avx, avx2 or avx512");
        Require(NativeLibraryPath is null || File.Exists(NativeLibraryPath), nameof(NativeLibraryPath),
            $"names {NativeLibraryPath}, which does not exist (give the full path of a llama.cpp libllama built for this machine, or remove the setting)");
    }

    private static void Require(bool ok, string name, string rule)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"Models:{name} {rule}.");
        }
    }
}
