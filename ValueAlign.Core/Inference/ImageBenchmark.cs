using ValueAlign.Core.Inference.LlamaSharp;

namespace ValueAlign.Core.Inference;

/// <summary>
/// Times images through a model's multimodal projector: a 640×480 synthetic picture is resized by
/// libmtmd to the projector's input, encoded into image tokens and decoded into the cache. Each
/// figure is the best of a few repeats after a warm-up.
/// </summary>
public static class ImageBenchmark
{
    public const int Width = 640;
    public const int Height = 480;

    public static async Task<ImageBenchmarkResult> RunAsync(LlamaSharpLanguageModel model, int repeats = 5, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        if (model.ProjectorPath is null)
        {
            throw new InvalidOperationException($"The model {model.Description.Name} has no multimodal projector to time.");
        }
        var image = SyntheticImage.Bmp(Width, Height, seed: 1234);
        var best = await model.TimeImageAsync(image, cancellationToken); // warm-up
        double encode = double.MaxValue, evaluate = double.MaxValue;
        for (var i = 0; i < repeats; i++)
        {
            best = await model.TimeImageAsync(image, cancellationToken);
            encode = Math.Min(encode, best.Encode.TotalMilliseconds);
            evaluate = Math.Min(evaluate, best.Evaluate.TotalMilliseconds);
        }
        return new ImageBenchmarkResult(model.ProjectorPath, Width, Height, best.ImageTokens, encode, evaluate);
    }
}

/// <summary>
/// Image figures of one model: the tokens one image becomes, the encoder's time (the projector's
/// forward pass), and the time to evaluate the image (encode plus decoding its tokens into the cache).
/// </summary>
public sealed record ImageBenchmarkResult(
    string ProjectorPath,
    int ImageWidth,
    int ImageHeight,
    int ImageTokens,
    double EncodeMilliseconds,
    double EvaluateMilliseconds)
{
    /// <summary>Image tokens produced per second of encoder time.</summary>
    public double ImageTokensPerSecond => EncodeMilliseconds > 0 ? ImageTokens / (EncodeMilliseconds / 1000) : 0;

    /// <summary>Image tokens per second of the whole evaluation (encode plus decode).</summary>
    public double ImageTokensPerSecondWithDecode => EvaluateMilliseconds > 0 ? ImageTokens / (EvaluateMilliseconds / 1000) : 0;
}
