using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using LLama;
using LLama.Native;

namespace ValueAlign.Core.Inference.LlamaSharp;

/// <summary>Token-level access for serving this model over the OpenAI API (<see cref="ITokenLevelModel"/>).</summary>
public sealed partial class LlamaSharpLanguageModel : ITokenLevelModel
{
    public string TokenText(int token)
    {
        RequireInVocabulary(token);
        using var lease = nativeUse.Enter();
        return weights.Vocab.LLamaTokenToString((LLamaToken)token, true) ?? "";
    }

    public byte[] TokenBytes(int token)
    {
        RequireInVocabulary(token);
        using var lease = nativeUse.Enter();
        Span<byte> buffer = stackalloc byte[256];
        var length = (int)weights.NativeHandle.TokenToSpan((LLamaToken)token, buffer, 0, true);
        return buffer[..Math.Min(length, buffer.Length)].ToArray();
    }

    public IReadOnlyList<int> ChatPromptTokens(IReadOnlyList<ChatMessage> messages) =>
        TokenizeChat(messages).Select(t => (int)t).ToArray();

    public Task<IReadOnlyList<PromptLogProbs>> ScorePromptsAsync(
        IReadOnlyList<IReadOnlyList<int>> prompts, int topK, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(topK);
        var tokens = prompts.Select((p, i) => ToModelTokens(p, $"prompt {i}")).ToArray();
        foreach (var (prompt, i) in tokens.Select((p, i) => (p, i)))
        {
            if (prompt.Length > options.ContextSize)
            {
                throw new ArgumentException($"Prompt {i} has {prompt.Length} tokens and does not fit the context of {options.ContextSize} (Models:ContextSize).");
            }
        }
        return RunAsync<IReadOnlyList<PromptLogProbs>>(token => new LlamaPromptScorer(this, topK).Score(tokens, token), cancellationToken);
    }

    public IAsyncEnumerable<GenerationStep> GenerateTokensAsync(
        IReadOnlyList<int> prompt, GenerationOptions generation, int topK, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfNegative(topK);
        if (generation.MaxTokens < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(generation), generation.MaxTokens, "MaxTokens must be positive.");
        }
        if (generation.Grammar is { } grammar)
        {
            GbnfValidator.Validate(grammar);
        }
        var tokens = ToModelTokens(prompt, "prompt");
        return StreamSteps(tokens, generation, topK, cancellationToken);
    }

    private async IAsyncEnumerable<GenerationStep> StreamSteps(LLamaToken[] prompt, GenerationOptions generation, int topK,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // As Stream does for text: a worker holds the model's turn and writes steps to a channel.
        var channel = Channel.CreateUnbounded<GenerationStep>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = RunAsync(token =>
        {
            GenerateSteps(prompt, generation, topK, step => channel.Writer.TryWrite(step), token);
            return true;
        }, stop.Token);
        _ = producer.ContinueWith(
            t => channel.Writer.TryComplete(t.IsCanceled ? new OperationCanceledException(cancellationToken) : t.Exception?.GetBaseException()),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await foreach (var step in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return step;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await ((Task)producer).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    /// <summary>The sampling loop of <c>Generate</c>, reporting each token with the log-probs of the raw (unfiltered) distribution.</summary>
    private void GenerateSteps(LLamaToken[] prompt, GenerationOptions generation, int topK, Action<GenerationStep> emit, CancellationToken cancellationToken)
    {
        RequireTokens(prompt, "prompt");
        if (prompt.Length >= options.ContextSize)
        {
            throw new ArgumentException($"The prompt has {prompt.Length} tokens and does not fit the context of {options.ContextSize} (Models:ContextSize).");
        }
        var handle = context.NativeHandle;
        using var sampler = LlamaSamplerFactory.Create(weights, generation);
        EvaluateSequence(prompt, p => p == prompt.Length - 1, (_, _) => { }, cancellationToken);
        var last = (prompt.Length - 1) % options.BatchSize;

        var decoder = new StreamingTokenDecoder(Encoding.UTF8, weights);
        var stops = new StopStringMatcher(generation.StopStrings);
        var batch = new LLamaBatch();
        var position = prompt.Length;
        var finish = FinishReason.Length;
        for (var produced = 0; produced < generation.MaxTokens && position < options.ContextSize; produced++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var token = sampler.Sample(handle, last);
            if (!generation.IgnoreEndOfGeneration && token.IsEndOfGeneration(weights.Vocab))
            {
                finish = FinishReason.Stop;
                break;
            }
            var logProbs = TopLogProbs.At(handle.GetLogitsIth(last), (int)token, topK);
            decoder.Add(token);
            emit(new GenerationStep((int)token, stops.Append(decoder.Read()), logProbs));
            if (stops.Stopped)
            {
                emit(new GenerationStep(null, "", null, FinishReason.Stop));
                return;
            }
            batch.Clear();
            batch.Add(token, position++, LLamaSeqId.Zero, true);
            Check(handle.Decode(batch));
            last = 0;
        }
        emit(new GenerationStep(null, stops.Flush(), null, finish));
    }

    private LLamaToken[] ToModelTokens(IReadOnlyList<int> tokens, string what)
    {
        ThrowIfDisposed();
        var result = new LLamaToken[tokens.Count];
        for (var i = 0; i < result.Length; i++)
        {
            // llama.cpp aborts the process on an out-of-range id, so it never gets one.
            if (tokens[i] < 0 || tokens[i] >= Description.VocabularySize)
            {
                throw new ArgumentOutOfRangeException(nameof(tokens), tokens[i], $"Token {tokens[i]} of the {what} lies outside the vocabulary of {Description.VocabularySize}.");
            }
            result[i] = tokens[i];
        }
        if (result.Length == 0)
        {
            throw new ArgumentException($"The {what} has no tokens.");
        }
        return result;
    }

    private void RequireInVocabulary(int token)
    {
        ThrowIfDisposed();
        if (token < 0 || token >= Description.VocabularySize)
        {
            throw new ArgumentOutOfRangeException(nameof(token), token, $"Token ids must lie within the vocabulary of {Description.VocabularySize}.");
        }
    }
}
