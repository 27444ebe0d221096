using System.Diagnostics;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.LlamaSharp;

namespace ValueAlign.Core.Methods.Culture;

/// <summary>Culture-MCQ scoring speed: the shared-prompt fast path against naive per-option scoring.</summary>
public sealed record CultureMcqBenchmarkResult(string Model, long Parameters, int Items, double FastItemsPerSecond, double NaiveItemsPerSecond, double MaxPerTokenDifference)
{
    public double Speedup => NaiveItemsPerSecond > 0 ? FastItemsPerSecond / NaiveItemsPerSecond : double.NaN;
}

/// <summary>
/// Scores <c>count</c> culture questions (the given items in turn, each under its next rotation so
/// prompts differ) with the exact prompts and continuations the culture-mcq method uses: once
/// through <see cref="ILanguageModel.ScoreChoicesAsync"/> (options share the prompt's evaluation,
/// questions packed into batches) and once option by option. Best of three after a warm-up.
/// </summary>
public static class CultureMcqBenchmark
{
    public static async Task<CultureMcqBenchmarkResult> RunAsync(LlamaSharpLanguageModel model, IReadOnlyList<BenchmarkItem> items, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (items.Count == 0)
            throw new ArgumentException("No culture items to measure with.", nameof(items));
        var questions = new List<MultipleChoiceQuestion>(count);
        for (var q = 0; q < count; q++)
        {
            var item = items[q % items.Count];
            var options = CultureQuestion.Of(item).Options;
            var shown = OptionRotation.Rotate(options, q / items.Count % options.Count);
            questions.Add(new MultipleChoiceQuestion(CulturePrompt.Question(item, shown, withRationale: false),
                shown.Select((o, i) => CulturePrompt.Continuation(i, o)).ToList()));
        }
        IReadOnlyList<MultipleChoiceResult> fast = [], naive = [];
        var fastSeconds = await BestOfThreeAsync(async () => fast = await model.ScoreChoicesAsync(questions, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        var naiveSeconds = await BestOfThreeAsync(async () => naive = await model.ScoreChoicesNaiveAsync(questions, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        var difference = 0.0;
        for (var q = 0; q < questions.Count; q++)
            for (var o = 0; o < questions[q].Options.Count; o++)
                difference = Math.Max(difference, Math.Abs(fast[q].Options[o].TotalLogLikelihood - naive[q].Options[o].TotalLogLikelihood) / Math.Max(1, fast[q].Options[o].TokenCount));
        return new CultureMcqBenchmarkResult(model.Description.Name, model.Description.ParameterCount, count, count / fastSeconds, count / naiveSeconds, difference);
    }

    private static async Task<double> BestOfThreeAsync(Func<Task> run)
    {
        await run().ConfigureAwait(false);
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            await run().ConfigureAwait(false);
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return best;
    }
}
