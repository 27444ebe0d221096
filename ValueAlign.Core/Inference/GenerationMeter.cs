using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace ValueAlign.Core.Inference;

/// <summary>One streamed piece with the running counts a UI shows next to the output.</summary>
public sealed record GenerationProgress(string Piece, int Tokens, TimeSpan Elapsed, TimeSpan? FirstTokenAfter)
{
    /// <summary>Generation speed after the first token (prompt processing excluded), or 0 before there are two tokens.</summary>
    public double TokensPerSecond { get; init; }
}

/// <summary>Wraps a token stream with counts and tokens/s. Each streamed piece is one sampled token.</summary>
public static class GenerationMeter
{
    public static async IAsyncEnumerable<GenerationProgress> Measure(
        IAsyncEnumerable<string> pieces,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan? first = null;
        var tokens = 0;
        await foreach (var piece in pieces.WithCancellation(cancellationToken))
        {
            tokens++;
            var elapsed = clock.Elapsed;
            first ??= elapsed;
            yield return new GenerationProgress(piece, tokens, elapsed, first)
            {
                TokensPerSecond = Rate(tokens, elapsed, first.Value),
            };
        }
    }

    /// <summary>Tokens after the first, over the time since the first arrived.</summary>
    public static double Rate(int tokens, TimeSpan elapsed, TimeSpan firstTokenAfter)
    {
        var span = (elapsed - firstTokenAfter).TotalSeconds;
        return tokens < 2 || span <= 0 ? 0 : (tokens - 1) / span;
    }
}
