using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using LLama;
using LLama.Common;
using LLama.Exceptions;
using LLama.Native;
using Microsoft.Extensions.Logging;

namespace ValueAlign.Core.Inference.LlamaSharp;

/// <summary>
/// A GGUF model run in-process by LLamaSharp (llama.cpp). One instance is shared by all users:
/// requests take turns through a <see cref="FairRequestQueue"/>, and each starts from an empty
/// KV cache, so no request sees another's tokens.
/// </summary>
public sealed partial class LlamaSharpLanguageModel : ILanguageModel, IAsyncDisposable
{
    private readonly LLamaWeights weights;
    private readonly LLamaContext context;
    private readonly ModelRuntimeOptions options;
    private readonly ILogger logger;
    private readonly FairRequestQueue queue = new();
    private readonly CancellationTokenSource unloading = new();
    private readonly GgmlThreadpool? threadpool;
    private readonly LoadedProjector? projector;
    private LLamaContext? embeddingContext;
    private GgmlThreadpool? embeddingThreadpool;
    private int disposed;
    private readonly NativeUseGuard nativeUse = new(typeof(LlamaSharpLanguageModel));

    private LlamaSharpLanguageModel(LLamaWeights weights, LLamaContext context, ModelRuntimeOptions options, string path, ILogger logger, LoadedProjector? projector)
    {
        this.weights = weights;
        this.context = context;
        this.projector = projector;
        threadpool = options.PersistentThreadPool ? GgmlThreadpool.TryAttach(context, logger) : null;
        this.options = options;
        this.logger = logger;
        Description = new ModelDescription(
            Name: System.IO.Path.GetFileNameWithoutExtension(path),
            Path: path,
            VocabularySize: weights.Vocab.Count,
            EmbeddingSize: weights.EmbeddingSize,
            ContextSize: (int)context.ContextSize,
            ParameterCount: (long)weights.ParameterCount,
            HasChatTemplate: weights.Metadata.ContainsKey("tokenizer.chat_template"))
        {
            ProjectorPath = projector?.Path,
        };
        KvCacheBytes = KvCacheEstimate.FromMetadata(weights.Metadata, options.ContextSize);
        GenerationThreads = GenerationThreadChoice.Apply(
            options, context.NativeHandle.BatchThreads, Description.ParameterCount, (int)context.ContextSize,
            TimeGeneration, threads => context.NativeHandle.GenerationThreads = threads, logger);
        Identity = new ModelRef(ModelRefKind.LocalFile, System.IO.Path.GetFileName(path));
    }

    public ModelDescription Description { get; }

    /// <summary>The file's identity (SHA-256) once the host or a backend has hashed it; the file name until then.</summary>
    public ModelRef Identity { get; internal set; } = null!;

    /// <summary>Bytes of the loaded tensors.</summary>
    public long WeightsBytes => (long)weights.SizeInBytes;

    /// <summary>Estimated bytes of the KV cache (f16 keys and values for every context cell).</summary>
    public long KvCacheBytes { get; }

    public int QueuedRequests => queue.Waiting;

    /// <summary>Threads decoding one generated token, and the timing that chose them when they were calibrated at load.</summary>
    internal GenerationThreadChoice.Choice GenerationThreads { get; }

    /// <summary>Worker threads of the persistent ggml pool attached to the context, or null when ggml starts threads per decode.</summary>
    public int? PersistentThreadPoolThreads => threadpool?.Threads;

    public bool Busy => queue.Busy;

    /// <summary>
    /// Loads <paramref name="path"/>. Anything wrong with the file becomes a
    /// <see cref="ModelLoadException"/> naming it; the process keeps running.
    /// </summary>
    public static async Task<LlamaSharpLanguageModel> LoadAsync(
        string path, ModelRuntimeOptions options, ILogger? logger = null,
        IProgress<float>? progress = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        logger ??= Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        try
        {
            LlamaNativeSetup.EnsureConfigured(logger, options);
        }
        catch (InvalidOperationException e)
        {
            throw new ModelLoadException(path, e.Message, e);
        }
        path = System.IO.Path.GetFullPath(path);
        CheckLooksLikeGguf(path);
        if (Registry.ProjectorPairing.IsProjectorFile(path))
        {
            throw new ModelLoadException(path, "this is a multimodal projector (mmproj), not a language model; load the model it belongs to and the projector comes with it.");
        }

        var parameters = new ModelParams(path)
        {
            ContextSize = (uint)options.ContextSize,
            BatchSize = (uint)options.BatchSize,
            UBatchSize = (uint)options.MicroBatchSize,
            SeqMax = (uint)options.MaxSequences,
            GpuLayerCount = options.GpuLayers,
            FlashAttention = options.FlashAttention,
            // Shared prompt cells must be visible to every option's sequence, so one unified cache.
            KVUnified = true,
        };
        if (options.Threads > 0)
        {
            parameters.Threads = options.Threads;
            parameters.BatchThreads = options.Threads;
        }

        LLamaWeights weights;
        try
        {
            weights = await LLamaWeights.LoadFromFileAsync(parameters, cancellationToken, progress).ConfigureAwait(false);
        }
        catch (LoadWeightsFailedException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ModelLoadException(path, "llama.cpp could not load this GGUF file; it is truncated, malformed or of an unsupported architecture (see the log for llama.cpp's reason).", e);
        }
        LLamaContext context;
        try
        {
            context = weights.CreateContext(parameters, logger);
        }
        catch (Exception e)
        {
            weights.Dispose();
            throw new ModelLoadException(path, $"the weights loaded but no inference context could be created ({e.Message}).", e);
        }
        try
        {
            var projector = await LoadProjectorAsync(path, weights, options, logger, cancellationToken).ConfigureAwait(false);
            return new LlamaSharpLanguageModel(weights, context, options, path, logger, projector);
        }
        catch
        {
            context.Dispose();
            weights.Dispose();
            throw;
        }
    }

    public Task<IReadOnlyList<int>> TokenizeAsync(string text, bool addBos, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return Task.FromResult<IReadOnlyList<int>>(Tokenize(text, addBos, special: false).Select(t => (int)t).ToArray());
    }

    public Task<string> DetokenizeAsync(IReadOnlyList<int> tokens, CancellationToken cancellationToken = default)
    {
        using var lease = nativeUse.Enter();
        var decoder = new StreamingTokenDecoder(Encoding.UTF8, weights);
        foreach (var token in tokens)
        {
            // llama.cpp aborts the process on an out-of-range id, so it never gets one.
            if (token < 0 || token >= Description.VocabularySize)
            {
                throw new ArgumentOutOfRangeException(nameof(tokens), token, $"Token ids must lie within the vocabulary of {Description.VocabularySize}.");
            }
            decoder.Add(token);
        }
        return Task.FromResult(decoder.Read());
    }

    public IAsyncEnumerable<string> CompleteAsync(string prompt, GenerationOptions options, CancellationToken cancellationToken = default) =>
        StreamAsync(() => Tokenize(prompt, addBos: true, special: false), options, cancellationToken);

    public IAsyncEnumerable<string> ChatAsync(IReadOnlyList<ChatMessage> messages, GenerationOptions options, CancellationToken cancellationToken = default)
    {
        if (messages.Any(m => m.Images.Count > 0))
        {
            return ChatWithImagesAsync(messages, options, cancellationToken);
        }
        // Only the template's own markers parse as special tokens, never the messages' text (see TokenizeChat).
        return StreamAsync(() => TokenizeChat(messages), options, cancellationToken);
    }

    /// <summary>The chat prompt the model's own template produces for <paramref name="messages"/>, ending with the assistant's turn.</summary>
    public string FormatChat(IReadOnlyList<ChatMessage> messages)
    {
        using var lease = nativeUse.Enter();
        if (messages.Count == 0)
        {
            throw new ArgumentException("A chat needs at least one message.", nameof(messages));
        }
        // Without a template in the GGUF, llama.cpp falls back to ChatML.
        var template = new LLamaTemplate(weights.NativeHandle, strict: false) { AddAssistant = true };
        foreach (var message in messages)
        {
            template.Add(message.Role, WithImageMarkers(message));
        }
        return Encoding.UTF8.GetString(template.Apply());
    }

    public Task<ContinuationScore> ScoreContinuationAsync(string prompt, string continuation, CancellationToken cancellationToken = default)
    {
        var promptTokens = Tokenize(prompt, addBos: true, special: false);
        RequireTokens(promptTokens, "prompt");
        var continuationTokens = Tokenize(continuation, addBos: false, special: false);
        if (continuationTokens.Length == 0)
        {
            throw new ArgumentException("The continuation is empty after tokenization.", nameof(continuation));
        }
        return RunAsync(token =>
        {
            var logProbs = ScoreSequence(promptTokens, continuationTokens, token);
            return new ContinuationScore(continuationTokens.Select(t => (int)t).ToArray(), logProbs);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<CandidateLogProbs>> GetCandidateLogProbsAsync(
        IReadOnlyList<int> tokens, IReadOnlyList<int> positions, IReadOnlyList<int> candidateTokens,
        CancellationToken cancellationToken = default)
    {
        var vocabulary = weights.Vocab.Count;
        foreach (var position in positions)
        {
            if (position < 0 || position >= tokens.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(positions), position, $"Positions must lie within the {tokens.Count} tokens.");
            }
        }
        foreach (var candidate in candidateTokens.Concat(tokens))
        {
            if (candidate < 0 || candidate >= vocabulary)
            {
                throw new ArgumentOutOfRangeException(nameof(candidateTokens), candidate, $"Token ids must lie within the vocabulary of {vocabulary}.");
            }
        }
        var sequence = tokens.Select(t => (LLamaToken)t).ToArray();
        var wanted = positions.ToHashSet();
        return RunAsync<IReadOnlyList<CandidateLogProbs>>(token =>
        {
            var byPosition = new Dictionary<int, double[]>();
            EvaluateSequence(sequence, wanted.Contains, (position, logits) =>
            {
                var lse = LogSoftmax.LogSumExp(logits);
                var logProbs = new double[candidateTokens.Count];
                for (var i = 0; i < logProbs.Length; i++)
                {
                    logProbs[i] = logits[candidateTokens[i]] - lse;
                }
                byPosition[position] = logProbs;
            }, token);
            return positions.Select(p => new CandidateLogProbs(p, byPosition[p])).ToArray();
        }, cancellationToken);
    }

    public Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default)
    {
        var tokens = Tokenize(text, addBos: true, special: false);
        if (tokens.Length > options.EmbeddingContextSize)
        {
            throw new ArgumentException($"The text has {tokens.Length} tokens; embeddings are computed for at most Models:EmbeddingContextSize = {options.EmbeddingContextSize}.", nameof(text));
        }
        return RunAsync(token =>
        {
            var embedder = EmbeddingContext();
            var handle = embedder.NativeHandle;
            handle.MemoryClear(false);
            var batch = new LLamaBatch();
            for (var i = 0; i < tokens.Length; i++)
            {
                batch.Add(tokens[i], i, LLamaSeqId.Zero, true);
            }
            token.ThrowIfCancellationRequested();
            Check(handle.Decode(batch));
            return handle.GetEmbeddingsSeq(LLamaSeqId.Zero).ToArray();
        }, cancellationToken);
    }

    public Task<IReadOnlyList<MultipleChoiceResult>> ScoreChoicesAsync(
        IReadOnlyList<MultipleChoiceQuestion> questions, CancellationToken cancellationToken = default)
    {
        if (questions.Any(q => q.Images.Count > 0))
        {
            return ScoreChoicesWithImagesAsync(questions, cancellationToken);
        }
        var prepared = PrepareQuestions(questions);
        return RunAsync(token => new LlamaChoiceScorer(this).ScoreShared(prepared, token), cancellationToken);
    }

    /// <summary>The reference path: every option evaluated from scratch, prompt included. Same numbers as <see cref="ScoreChoicesAsync"/>, slower.</summary>
    public Task<IReadOnlyList<MultipleChoiceResult>> ScoreChoicesNaiveAsync(
        IReadOnlyList<MultipleChoiceQuestion> questions, CancellationToken cancellationToken = default)
    {
        var prepared = PrepareQuestions(questions);
        return RunAsync(token => new LlamaChoiceScorer(this).ScoreNaive(prepared, token), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }
        // Fail the queued requests first (they learn the model was unloaded), then stop the running one.
        var idle = queue.CloseAsync();
        await unloading.CancelAsync().ConfigureAwait(false);
        await idle.ConfigureAwait(false);
        // Calls outside the queue (tokenize, detokenize, templates) finish before the memory goes.
        await nativeUse.CloseAsync().ConfigureAwait(false);
        embeddingThreadpool?.Dispose();
        embeddingContext?.Dispose();
        threadpool?.Dispose();
        context.Dispose();
        projector?.Dispose();
        weights.Dispose();
        unloading.Dispose();
    }

    internal LLamaContext Context => context;

    /// <summary>The leases of calls that use the weights outside the request queue.</summary>
    internal NativeUseGuard NativeUse => nativeUse;

    internal int BatchSize => options.BatchSize;

    internal int ScoringBatchTokens => Math.Min(options.ScoringBatchTokens, options.BatchSize);

    internal int MaxSequences => options.MaxSequences;

    internal LLamaToken[] Tokenize(string text, bool addBos, bool special)
    {
        // Tokenizing runs outside the request queue: the lease keeps the weights alive under it.
        using var lease = nativeUse.Enter();
        return weights.NativeHandle.Tokenize(text, addBos, special, Encoding.UTF8);
    }

    /// <summary>Log-probabilities of <paramref name="continuation"/> after <paramref name="prompt"/>, from an empty cache.</summary>
    internal double[] ScoreSequence(LLamaToken[] prompt, LLamaToken[] continuation, CancellationToken cancellationToken)
    {
        var sequence = prompt.Concat(continuation).ToArray();
        var logProbs = new double[continuation.Length];
        // The logits after position p predict the token at p + 1.
        EvaluateSequence(sequence, p => p >= prompt.Length - 1 && p < sequence.Length - 1,
            (p, logits) => logProbs[p - prompt.Length + 1] = LogSoftmax.LogProb(logits, (int)sequence[p + 1]),
            cancellationToken);
        return logProbs;
    }

    /// <summary>
    /// Clears the cache, evaluates <paramref name="tokens"/> as sequence 0 in batch-size chunks and
    /// hands the logits after each position that <paramref name="wantLogits"/> selects to <paramref name="read"/>.
    /// </summary>
    internal void EvaluateSequence(LLamaToken[] tokens, Func<int, bool> wantLogits, LogitsReader read, CancellationToken cancellationToken)
    {
        if (tokens.Length > options.ContextSize)
        {
            throw new ArgumentException($"{tokens.Length} tokens do not fit the context of {options.ContextSize} (Models:ContextSize).");
        }
        var handle = context.NativeHandle;
        handle.MemoryClear(false);
        var batch = new LLamaBatch();
        for (var start = 0; start < tokens.Length; start += options.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            batch.Clear();
            var end = Math.Min(tokens.Length, start + options.BatchSize);
            for (var p = start; p < end; p++)
            {
                batch.Add(tokens[p], p, LLamaSeqId.Zero, wantLogits(p));
            }
            Check(handle.Decode(batch));
            for (var p = start; p < end; p++)
            {
                if (wantLogits(p))
                {
                    read(p, handle.GetLogitsIth(p - start));
                }
            }
        }
    }

    internal delegate void LogitsReader(int position, ReadOnlySpan<float> logits);

    internal static void Check(DecodeResult result)
    {
        if (result != DecodeResult.Ok)
        {
            throw new InvalidOperationException($"llama.cpp could not evaluate the batch ({result}); a smaller Models:BatchSize or a larger Models:ContextSize may help.");
        }
    }

    private IReadOnlyList<PreparedQuestion> PrepareQuestions(IReadOnlyList<MultipleChoiceQuestion> questions)
    {
        var prepared = new List<PreparedQuestion>(questions.Count);
        for (var q = 0; q < questions.Count; q++)
        {
            var question = questions[q];
            if (question.Options.Count == 0)
            {
                throw new ArgumentException($"Question {q} has no options.", nameof(questions));
            }
            var options = new LLamaToken[question.Options.Count][];
            for (var o = 0; o < options.Length; o++)
            {
                options[o] = Tokenize(question.Options[o], addBos: false, special: false);
                if (options[o].Length == 0)
                {
                    throw new ArgumentException($"Question {q}, option {o} is empty after tokenization.", nameof(questions));
                }
            }
            var prompt = Tokenize(question.Prompt, addBos: true, special: false);
            RequireTokens(prompt, $"question {q}'s prompt");
            prepared.Add(new PreparedQuestion(prompt, options));
        }
        return prepared;
    }

    private IAsyncEnumerable<string> StreamAsync(Func<LLamaToken[]> promptTokens, GenerationOptions generation, CancellationToken cancellationToken) =>
        StreamAsync((emit, token) => Generate(promptTokens(), generation, emit, token), generation, cancellationToken);

    /// <summary>Checks the options, then streams what <paramref name="generate"/> emits while it holds the model's turn.</summary>
    private IAsyncEnumerable<string> StreamAsync(Action<Action<string>, CancellationToken> generate, GenerationOptions generation, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        if (generation.MaxTokens < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(generation), generation.MaxTokens, "MaxTokens must be positive.");
        }
        if (generation.Grammar is { } grammar)
        {
            GbnfValidator.Validate(grammar);
        }
        return Stream(generate, cancellationToken);
    }

    /// <summary>
    /// Generation runs on a worker holding the model's turn and writes pieces to a channel, so a
    /// slow reader (a Blazor circuit) never blocks a native call on its own thread.
    /// </summary>
    private async IAsyncEnumerable<string> Stream(Action<Action<string>, CancellationToken> generate,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = RunAsync(token =>
        {
            generate(piece => channel.Writer.TryWrite(piece), token);
            return true;
        }, stop.Token);
        _ = producer.ContinueWith(
            t => channel.Writer.TryComplete(t.IsCanceled ? new OperationCanceledException(cancellationToken) : t.Exception?.GetBaseException()),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await foreach (var piece in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                // Pieces may already be buffered; a cancelled reader must still stop at once.
                cancellationToken.ThrowIfCancellationRequested();
                yield return piece;
            }
        }
        finally
        {
            // The reader may stop early (break, dispose); the worker must then give the model back.
            await stop.CancelAsync().ConfigureAwait(false);
            await ((Task)producer).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    private void Generate(LLamaToken[] prompt, GenerationOptions generation, Action<string> emit, CancellationToken cancellationToken)
    {
        RequireTokens(prompt, "prompt");
        if (prompt.Length >= options.ContextSize)
        {
            throw new ArgumentException($"The prompt has {prompt.Length} tokens and does not fit the context of {options.ContextSize} (Models:ContextSize).");
        }
        EvaluateSequence(prompt, p => p == prompt.Length - 1, (_, _) => { }, cancellationToken);
        ContinueGeneration(prompt.Length, (prompt.Length - 1) % options.BatchSize, generation, emit, cancellationToken);
    }

    /// <summary>
    /// Samples and decodes from <paramref name="position"/> on, the prompt being in the cache and its
    /// last logits at batch index <paramref name="last"/> (-1: the last logits computed).
    /// </summary>
    private long generationDecodeTicks;

    /// <summary>
    /// Microseconds per token of a short greedy generation on <paramref name="threads"/> generation
    /// threads, through the same loop as every generation (timing bare decodes back to back showed
    /// no difference that generation then has); leaves the cache empty.
    /// </summary>
    private double TimeGeneration(int threads)
    {
        context.NativeHandle.GenerationThreads = threads;
        var greedy = GenerationOptions.Greedy(GenerationThreadChoice.TokensPerTrial) with { IgnoreEndOfGeneration = true };
        var prompt = new[] { (LLamaToken)(1 % Description.VocabularySize) };
        var started = Stopwatch.GetTimestamp();
        try
        {
            Generate(prompt, greedy, _ => { }, CancellationToken.None);
            return Stopwatch.GetElapsedTime(started).TotalMicroseconds / GenerationThreadChoice.TokensPerTrial;
        }
        finally
        {
            context.NativeHandle.MemoryClear(false);
        }
    }

    /// <summary>
    /// Time spent inside llama.cpp's decode for generated tokens since the model was loaded (what
    /// `bench model` sets against the whole generation time to split native from managed cost).
    /// </summary>
    internal TimeSpan GenerationDecodeTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref generationDecodeTicks));

    private void ContinueGeneration(int position, int last, GenerationOptions generation, Action<string> emit, CancellationToken cancellationToken)
    {
        var handle = context.NativeHandle;
        using var sampler = LlamaSamplerFactory.Create(weights, generation);
        var decoder = new StreamingTokenDecoder(Encoding.UTF8, weights);
        var stops = new StopStringMatcher(generation.StopStrings);
        var batch = new LLamaBatch();
        for (var produced = 0; produced < generation.MaxTokens && position < options.ContextSize; produced++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var token = sampler.Sample(handle, last);
            if (!generation.IgnoreEndOfGeneration && token.IsEndOfGeneration(weights.Vocab))
            {
                break;
            }
            decoder.Add(token);
            var text = stops.Append(decoder.Read());
            if (text.Length > 0)
            {
                emit(text);
            }
            if (stops.Stopped)
            {
                return;
            }
            batch.Clear();
            batch.Add(token, position++, LLamaSeqId.Zero, true);
            var decodeStarted = Stopwatch.GetTimestamp();
            Check(handle.Decode(batch));
            Interlocked.Add(ref generationDecodeTicks, Stopwatch.GetTimestamp() - decodeStarted);
            last = 0;
        }
        var rest = stops.Flush();
        if (rest.Length > 0)
        {
            emit(rest);
        }
    }

    private async Task<T> RunAsync<T>(Func<CancellationToken, T> work, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, unloading.Token);
        using var turn = await queue.EnterAsync(linked.Token).ConfigureAwait(false);
        linked.Token.ThrowIfCancellationRequested();
        return await Task.Run(() => work(linked.Token), linked.Token).ConfigureAwait(false);
    }

    private LLamaContext EmbeddingContext()
    {
        if (embeddingContext is null)
        {
            var parameters = new ModelParams(Description.Path)
            {
                ContextSize = (uint)options.EmbeddingContextSize,
                BatchSize = (uint)options.EmbeddingContextSize,
                UBatchSize = (uint)options.EmbeddingContextSize,
                Embeddings = true,
                PoolingType = LLamaPoolingType.Mean,
            };
            if (options.Threads > 0)
            {
                parameters.Threads = options.Threads;
                parameters.BatchThreads = options.Threads;
            }
            embeddingContext = weights.CreateContext(parameters, logger);
            embeddingThreadpool = options.PersistentThreadPool ? GgmlThreadpool.TryAttach(embeddingContext, logger) : null;
        }
        return embeddingContext;
    }

    private bool StartsWithBosText(string prompt)
    {
        var bos = weights.Vocab.BOS;
        if (bos is null)
        {
            return false;
        }
        var text = weights.Vocab.LLamaTokenToString(bos, true);
        return !string.IsNullOrEmpty(text) && prompt.StartsWith(text, StringComparison.Ordinal);
    }

    private static void CheckLooksLikeGguf(string path)
    {
        if (!File.Exists(path))
        {
            throw new ModelLoadException(path, "the file does not exist.");
        }
        Span<byte> magic = stackalloc byte[4];
        using (var stream = File.OpenRead(path))
        {
            if (stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4 || !magic.SequenceEqual("GGUF"u8))
            {
                throw new ModelLoadException(path, "not a GGUF file (it does not start with the bytes \"GGUF\").");
            }
        }
    }

    /// <summary>Predicting a first token needs logits after at least one token (a model without BOS and an empty prompt has none).</summary>
    private static void RequireTokens(LLamaToken[] tokens, string what)
    {
        if (tokens.Length == 0)
        {
            throw new ArgumentException($"The {what} is empty after tokenization and this model adds no BOS token.");
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
}

/// <summary>A question as token ids: the prompt with BOS, each option without.</summary>
internal sealed record PreparedQuestion(LLamaToken[] Prompt, LLamaToken[][] Options);
