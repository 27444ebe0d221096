using System.Diagnostics;
using System.Text.Json;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Methods.LegalDelta;

/// <summary>LegalΔ items/s: the whole <c>legal-delta</c> unit (generation, two teacher-forced passes, scoring) per item.</summary>
public static class LegalDeltaBenchmark
{
    public sealed record Result(int Items, int Failed, double Seconds, double ItemsPerSecond, double MeanPromptTokens);

    public static async Task<Result> RunAsync(ILanguageModel model, IReadOnlyList<BenchmarkItem> items, int maxTokens, CancellationToken cancellationToken = default)
    {
        var method = new LegalDeltaMethod();
        using var parameters = JsonDocument.Parse($"{{\"maxTokens\":{maxTokens}}}");
        var context = new EvalContext(model, new EvalSettings(parameters.RootElement.Clone(), 1, false), model.Description.Name);
        var promptTokens = 0L;
        var failed = 0;
        var clock = Stopwatch.StartNew();
        foreach (var item in items)
        {
            promptTokens += (await model.TokenizeAsync(LegalDeltaPrompts.Reasoning(LegalDeltaItem.From(item)), true, cancellationToken).ConfigureAwait(false)).Count;
            try
            {
                await method.RunAsync(new EvalUnit(item), context, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed++;
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        return new Result(items.Count, failed, seconds, items.Count / seconds, items.Count == 0 ? 0 : (double)promptTokens / items.Count);
    }
}
