using System.Diagnostics;
using LLama;
using LLama.Native;
using Microsoft.Extensions.Logging;
using ValueAlign.Core.Inference.Registry;

namespace ValueAlign.Core.Inference.LlamaSharp;

/// <summary>
/// Images through the model's multimodal projector (libmtmd): each image becomes a marker in the
/// prompt text, libmtmd encodes it into embeddings and decodes them into the KV cache with the
/// text, so images count as prompt tokens like any other.
/// </summary>
public sealed partial class LlamaSharpLanguageModel
{
    /// <summary>What the model can do: everything local plus images when a projector with a vision encoder is loaded.</summary>
    public ModelCapabilities Capabilities => projector is null ? ModelCapabilities.LocalText : ModelCapabilities.LocalText | ModelCapabilities.Images;

    /// <summary>The projector file loaded with the model, or null for a text-only model.</summary>
    public string? ProjectorPath => projector?.Path;

    public IAsyncEnumerable<string> CompleteAsync(string prompt, IReadOnlyList<ImageInput> images, GenerationOptions options, CancellationToken cancellationToken = default)
    {
        if (images.Count == 0)
        {
            return CompleteAsync(prompt, options, cancellationToken);
        }
        RequireProjector();
        return StreamAsync((emit, token) =>
        {
            var prefix = EvaluateWithImages(ImagesThenText(images.Count, prompt), images, token);
            ContinueGeneration(prefix.Positions, -1, options, emit, token);
        }, options, cancellationToken);
    }

    /// <summary>
    /// The next-token distribution after <paramref name="images"/> (placed before the text) and
    /// <paramref name="prompt"/>, as log-probabilities over the whole vocabulary, with the prompt's
    /// token counts. Same images and prompt give the same numbers.
    /// </summary>
    public Task<ImagePromptLogProbs> NextTokenLogProbsAsync(string prompt, IReadOnlyList<ImageInput> images, CancellationToken cancellationToken = default)
    {
        if (images.Count > 0)
        {
            RequireProjector();
        }
        return RunAsync(token =>
        {
            var prefix = EvaluateWithImages(ImagesThenText(images.Count, prompt), images, token);
            var lse = LogSoftmax.LogSumExp(prefix.Logits);
            return new ImagePromptLogProbs(prefix.Logits.Select(l => l - lse).ToArray(), prefix.Tokens, prefix.ImageTokens);
        }, cancellationToken);
    }

    /// <summary>
    /// Times one image from an empty cache: the projector's forward pass alone (libmtmd's encoder),
    /// then the evaluation of the image chunk (encode again plus decoding the image tokens into the cache).
    /// </summary>
    public Task<ImageEncodeTiming> TimeImageAsync(ImageInput image, CancellationToken cancellationToken = default) =>
        RunAsync(token =>
        {
            var loaded = RequireProjector();
            using var embed = Decode(loaded, image, 0);
            using var chunks = TokenizeWithImages(loaded, loaded.Marker, [embed], addBos: false, parseSpecial: false);
            var chunk = chunks.Enumerate().Single(c => c.Type == SafeMtmdInputChunk.SafeMtmdInputChunkType.Image);
            var watch = Stopwatch.StartNew();
            var status = MtmdNative.EncodeChunk(loaded.Weights.NativeHandle, chunk.NativePtr);
            var encode = watch.Elapsed;
            if (status != 0)
            {
                throw new InvalidOperationException($"libmtmd could not encode the image (status {status}).");
            }
            token.ThrowIfCancellationRequested();
            var handle = context.NativeHandle;
            handle.MemoryClear(false);
            var past = 0;
            watch.Restart();
            status = loaded.Weights.NativeHandle.EvaluateChunk(chunk.NativePtr, handle, ref past, 0, options.BatchSize, false);
            var evaluate = watch.Elapsed;
            if (status != 0)
            {
                throw new InvalidOperationException($"libmtmd could not evaluate the image (status {status}).");
            }
            return new ImageEncodeTiming((int)chunk.NTokens, encode, evaluate);
        }, cancellationToken);

    private IAsyncEnumerable<string> ChatWithImagesAsync(IReadOnlyList<ChatMessage> messages, GenerationOptions options, CancellationToken cancellationToken)
    {
        RequireProjector();
        var images = messages.SelectMany(m => m.Images).ToList();
        return StreamAsync((emit, token) =>
        {
            var prefix = EvaluateWithImages(TokenizeImageChat(messages), images, token);
            ContinueGeneration(prefix.Positions, -1, options, emit, token);
        }, options, cancellationToken);
    }

    /// <summary>
    /// Image questions one at a time: the images and prompt are evaluated once, then each option
    /// follows them in the cache and is removed again, so options never see each other.
    /// </summary>
    private Task<IReadOnlyList<MultipleChoiceResult>> ScoreChoicesWithImagesAsync(IReadOnlyList<MultipleChoiceQuestion> questions, CancellationToken cancellationToken)
    {
        RequireProjector();
        var options = new LLamaToken[questions.Count][][];
        for (var q = 0; q < questions.Count; q++)
        {
            var question = questions[q];
            if (question.Options.Count == 0)
            {
                throw new ArgumentException($"Question {q} has no options.", nameof(questions));
            }
            options[q] = new LLamaToken[question.Options.Count][];
            for (var o = 0; o < question.Options.Count; o++)
            {
                options[q][o] = Tokenize(question.Options[o], addBos: false, special: false);
                if (options[q][o].Length == 0 || options[q][o].Length > this.options.BatchSize)
                {
                    throw new ArgumentException($"Question {q}, option {o} has {options[q][o].Length} tokens; it needs between 1 and Models:BatchSize = {this.options.BatchSize}.", nameof(questions));
                }
            }
        }
        return RunAsync<IReadOnlyList<MultipleChoiceResult>>(token =>
            questions.Select((question, q) => ScoreWithImages(question, options[q], token)).ToArray(), cancellationToken);
    }

    private MultipleChoiceResult ScoreWithImages(MultipleChoiceQuestion question, LLamaToken[][] options, CancellationToken cancellationToken)
    {
        var prefix = EvaluateWithImages(ImagesThenText(question.Images.Count, question.Prompt), question.Images, cancellationToken);
        var handle = context.NativeHandle;
        var batch = new LLamaBatch();
        var scores = new OptionScore[options.Length];
        for (var o = 0; o < options.Length; o++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var option = options[o];
            if (prefix.Positions + option.Length > this.options.ContextSize)
            {
                throw new ArgumentException($"The image prompt ({prefix.Positions} positions) and option {o} ({option.Length} tokens) do not fit the context of {this.options.ContextSize} (Models:ContextSize).");
            }
            var logProbs = new double[option.Length];
            logProbs[0] = LogSoftmax.LogProb(prefix.Logits, (int)option[0]);
            if (option.Length > 1)
            {
                batch.Clear();
                for (var k = 0; k < option.Length - 1; k++)
                {
                    batch.Add(option[k], prefix.Positions + k, LLamaSeqId.Zero, true);
                }
                Check(handle.Decode(batch));
                for (var k = 1; k < option.Length; k++)
                {
                    logProbs[k] = LogSoftmax.LogProb(handle.GetLogitsIth(k - 1), (int)option[k]);
                }
                // The next option follows the prompt, not this option.
                handle.MemorySequenceRemove(LLamaSeqId.Zero, prefix.Positions, -1);
            }
            var total = logProbs.Sum();
            scores[o] = new OptionScore(total, total / option.Length, option.Length);
        }
        return new MultipleChoiceResult(scores);
    }

    /// <summary>
    /// The token pieces of images placed before a plain prompt (each image on a line of its own),
    /// as <see cref="EvaluateWithImages"/> takes them: a BOS before the first image, a line break
    /// between images, the prompt after the last. The prompt is user text: no special tokens, and a
    /// marker string typed in it is text, not an image.
    /// </summary>
    private IReadOnlyList<LLamaToken[]> ImagesThenText(int images, string prompt) => images == 0
        ? [Tokenize(prompt, addBos: true, special: false)]
        : [
            Tokenize("", addBos: true, special: false),
            .. Enumerable.Range(1, images - 1).Select(_ => Tokenize("\n", addBos: false, special: false)),
            Tokenize("\n" + prompt, addBos: false, special: false),
          ];

    /// <summary>
    /// Clears the cache and evaluates the text <paramref name="pieces"/> as sequence 0 with the
    /// next of <paramref name="images"/> between each two pieces; returns the positions used, the
    /// token counts and a copy of the logits after the last text token. The text is tokenized by
    /// the caller exactly as the text-only paths tokenize it; libmtmd contributes only the image
    /// chunks. (LLamaSharp 0.30's MtmdWeights.Tokenize hands the string's terminating NUL to
    /// mtmd_tokenize, which ends every prompt with a stray byte token <c>&lt;0x00&gt;</c>.)
    /// </summary>
    private ImagePrefix EvaluateWithImages(IReadOnlyList<LLamaToken[]> pieces, IReadOnlyList<ImageInput> images, CancellationToken cancellationToken)
    {
        var loaded = RequireProjector();
        if (pieces.Count - 1 != images.Count)
        {
            throw new ArgumentException($"The prompt has room for {pieces.Count - 1} image(s) ({loaded.Marker}) but {images.Count} were given.");
        }
        if (pieces[^1].Length == 0)
        {
            throw new ArgumentException("The prompt must end with text after its last image: the next token is predicted from the text.");
        }
        var embeds = new List<SafeMtmdEmbed>(images.Count);
        var imageChunks = new List<SafeMtmdInputChunks>(images.Count);
        try
        {
            for (var i = 0; i < images.Count; i++)
            {
                embeds.Add(Decode(loaded, images[i], i));
                imageChunks.Add(TokenizeWithImages(loaded, loaded.Marker, [embeds[i]], addBos: false, parseSpecial: false));
            }
            var chunks = imageChunks.Select(c => c.Enumerate().Single(k => k.Type == SafeMtmdInputChunk.SafeMtmdInputChunkType.Image)).ToList();
            var imageTokens = chunks.Sum(c => (int)c.NTokens);
            var positions = pieces.Sum(p => p.Length) + chunks.Sum(c => (int)c.NPos);
            if (positions >= options.ContextSize)
            {
                throw new ArgumentException($"The prompt with its images takes {positions} positions and does not fit the context of {options.ContextSize} (Models:ContextSize).");
            }
            var handle = context.NativeHandle;
            handle.MemoryClear(false);
            var batch = new LLamaBatch();
            var past = 0;
            for (var i = 0; i < pieces.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var last = i == pieces.Count - 1;
                for (var start = 0; start < pieces[i].Length; start += options.BatchSize)
                {
                    batch.Clear();
                    var end = Math.Min(pieces[i].Length, start + options.BatchSize);
                    for (var k = start; k < end; k++)
                    {
                        batch.Add(pieces[i][k], past + k, LLamaSeqId.Zero, last && k == pieces[i].Length - 1);
                    }
                    Check(handle.Decode(batch));
                }
                past += pieces[i].Length;
                if (!last)
                {
                    var status = loaded.Weights.NativeHandle.EvaluateChunk(chunks[i].NativePtr, handle, ref past, 0, options.BatchSize, false);
                    if (status != 0)
                    {
                        throw new InvalidOperationException($"libmtmd could not encode and decode image {i + 1} (status {status}); a larger Models:BatchSize or Models:ContextSize may help.");
                    }
                }
            }
            return new ImagePrefix(past, pieces.Sum(p => p.Length) + imageTokens, imageTokens, handle.GetLogitsIth(-1).ToArray());
        }
        finally
        {
            foreach (var chunks in imageChunks)
            {
                chunks.Dispose();
            }
            foreach (var embed in embeds)
            {
                embed.Dispose();
            }
        }
    }

    private static SafeMtmdEmbed Decode(LoadedProjector loaded, ImageInput image, int index) =>
        SafeMtmdEmbed.FromMediaBuffer(loaded.Weights.NativeHandle, image.Data)
        ?? throw new ArgumentException($"Image {index + 1} ({image.MediaType}, {image.Data.Length} bytes) could not be decoded; the local projector reads PNG, JPEG, BMP and GIF images.");

    private static SafeMtmdInputChunks TokenizeWithImages(LoadedProjector loaded, string text, IReadOnlyList<SafeMtmdEmbed> embeds, bool addBos, bool parseSpecial)
    {
        var status = loaded.Weights.Tokenize(text, addBos, parseSpecial, embeds.ToArray(), out var chunks);
        if (status != 0 || chunks is null)
        {
            chunks?.Dispose();
            throw new ArgumentException(status == 1
                ? $"The prompt has a different number of image markers ({loaded.Marker}) than the {embeds.Count} image(s) given."
                : $"libmtmd could not prepare the image(s) (status {status}).");
        }
        return chunks;
    }

    /// <summary>One marker line per image, placed before the text (the LLaVA layout).</summary>
    /// <summary>The tokens of a chat with images, cut at the images (see <see cref="TokenizeChatAroundImages"/>).</summary>
    internal IReadOnlyList<LLamaToken[]> TokenizeImageChat(IReadOnlyList<ChatMessage> messages) =>
        TokenizeChatAroundImages(messages, RequireProjector().Marker);

    /// <summary>The string libmtmd's tokenizer reads as an image (the projector's media marker).</summary>
    internal string ImageMarker => RequireProjector().Marker;

    private string Markers(int count) =>
        count == 0 ? "" : string.Concat(Enumerable.Repeat(RequireProjector().Marker + "\n", count));

    private string WithImageMarkers(ChatMessage message) =>
        message.Images.Count == 0 ? message.Content : Markers(message.Images.Count) + message.Content;

    private LoadedProjector RequireProjector()
    {
        ThrowIfDisposed();
        return projector ?? throw new NotSupportedException(
            $"The model {Description.Name} was loaded without a multimodal projector, so it cannot see images. Put its mmproj-*.gguf beside it (see Models:Projectors).");
    }

    private static async Task<LoadedProjector?> LoadProjectorAsync(string modelPath, LLamaWeights weights, ModelRuntimeOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var match = ProjectorPairing.Find(modelPath, options.Projectors);
        if (match is null)
        {
            return null;
        }
        CheckLooksLikeGguf(match.Path);
        // Reading the defaults loads libmtmd, whose log function can then be set before the projector loads.
        var parameters = MtmdContextParams.Default();
        MtmdNative.RouteLogs(logger);
        parameters.UseGpu = options.GpuLayers > 0;
        if (options.Threads > 0)
        {
            parameters.NThreads = options.Threads;
        }
        MtmdWeights mtmd;
        try
        {
            mtmd = await MtmdWeights.LoadFromFileAsync(match.Path, weights, parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ModelLoadException(match.Path,
                $"libmtmd could not load this projector for {System.IO.Path.GetFileName(modelPath)} (paired by the {match.RuleText}): {e.Message.Trim()} " +
                $"Set Models:Projectors[\"{System.IO.Path.GetFileName(modelPath)}\"] to \"none\" to load the model text-only.", e);
        }
        if (!mtmd.SupportsVision)
        {
            mtmd.Dispose();
            throw new ModelLoadException(match.Path, "this projector has no vision encoder (audio-only projectors are not supported).");
        }
        var marker = string.IsNullOrEmpty(parameters.MediaMarker) ? NativeApi.MtmdDefaultMarker() : parameters.MediaMarker;
        return new LoadedProjector(match.Path, mtmd, marker ?? "<__media__>");
    }

    private sealed record ImagePrefix(int Positions, int Tokens, int ImageTokens, float[] Logits);
}

/// <summary>Log-probabilities of the next token over the whole vocabulary, and how many tokens the prompt took (images included).</summary>
public sealed record ImagePromptLogProbs(double[] LogProbs, int PromptTokens, int ImageTokens);

/// <summary>One image through the projector: its tokens, the encoder's time, and the time to evaluate it (encode plus decode into the cache).</summary>
public sealed record ImageEncodeTiming(int ImageTokens, TimeSpan Encode, TimeSpan Evaluate);
