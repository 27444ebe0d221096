using ValueAlign.Core.Inference;

namespace ValueAlign.Tests.Inference.Runtime;

public class GenerationMeterTests
{
    [Theory]
    [InlineData(1, 2.0, 1.0, 0.0)]   // one token: no rate yet
    [InlineData(11, 3.0, 1.0, 5.0)]  // 10 tokens after the first in 2 s
    [InlineData(5, 1.0, 1.0, 0.0)]   // no time since the first token
    public void Rate_counts_tokens_after_the_first_over_the_time_since_it(int tokens, double elapsed, double first, double expected) =>
        Assert.Equal(expected, GenerationMeter.Rate(tokens, TimeSpan.FromSeconds(elapsed), TimeSpan.FromSeconds(first)), 9);

    [Fact]
    public async Task Measure_passes_every_piece_through_in_order_with_running_counts()
    {
        var steps = new List<GenerationProgress>();
        await foreach (var step in GenerationMeter.Measure(Pieces("a", "b", "c")))
        {
            steps.Add(step);
        }
        Assert.Equal(["a", "b", "c"], steps.Select(s => s.Piece));
        Assert.Equal([1, 2, 3], steps.Select(s => s.Tokens));
        Assert.All(steps, s => Assert.Equal(steps[0].FirstTokenAfter, s.FirstTokenAfter));
        Assert.True(steps[2].Elapsed >= steps[0].Elapsed);
    }

    private static async IAsyncEnumerable<string> Pieces(params string[] pieces)
    {
        foreach (var piece in pieces)
        {
            await Task.Yield();
            yield return piece;
        }
    }
}
