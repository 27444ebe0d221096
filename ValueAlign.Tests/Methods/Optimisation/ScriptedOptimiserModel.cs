using System.Runtime.CompilerServices;
using ValueAlign.Core.Inference;

namespace ValueAlign.Tests.Methods.Optimisation;

/// <summary>
/// Test double for the optimisers: one token per character (id = char + 10, BOS = 1), scripted
/// completions (prompt and options, so outputs can depend on the sampling seed), scripted
/// log-likelihoods, yes/no slot log-probabilities and embeddings. Records completions.
/// </summary>
internal sealed class ScriptedOptimiserModel : ILanguageModel
{
    public const int Bos = 1;

    public Func<string, GenerationOptions, string> Respond { get; set; } = (_, _) => "";

    /// <summary>Sum log-likelihood of (prompt, continuation); spread evenly over the continuation's characters.</summary>
    public Func<string, string, double> LogLikelihood { get; set; } = (_, _) => -1;

    /// <summary>Given the text read up to a "0"/"1" slot, the log-probabilities of "0" and "1".</summary>
    public Func<string, double[]> SlotLogProbs { get; set; } = _ => [Math.Log(0.5), Math.Log(0.5)];

    public Func<string, float[]> Embed { get; set; } = _ => [1, 0];

    public List<(string Prompt, GenerationOptions Options)> Completions { get; } = [];

    public List<(string Prompt, string Continuation)> Scored { get; } = [];

    public ModelDescription Description { get; } = new("scripted", "scripted", 70000, 8, 100000, 0, false);

    public Task<IReadOnlyList<int>> TokenizeAsync(string text, bool addBos, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var tokens = text.Select(c => c + 10);
        return Task.FromResult<IReadOnlyList<int>>((addBos ? tokens.Prepend(Bos) : tokens).ToArray());
    }

    public Task<string> DetokenizeAsync(IReadOnlyList<int> tokens, CancellationToken cancellationToken = default) =>
        Task.FromResult(Decode(tokens));

    public async IAsyncEnumerable<string> CompleteAsync(string prompt, GenerationOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (Completions) Completions.Add((prompt, options));
        var output = Respond(prompt, options);
        await Task.Yield();
        yield return output;
    }

    public IAsyncEnumerable<string> ChatAsync(IReadOnlyList<ChatMessage> messages, GenerationOptions options, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The optimisers use raw completion.");

    public Task<ContinuationScore> ScoreContinuationAsync(string prompt, string continuation, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (Scored) Scored.Add((prompt, continuation));
        var sum = LogLikelihood(prompt, continuation);
        var n = Math.Max(1, continuation.Length);
        return Task.FromResult(new ContinuationScore(continuation.Select(c => c + 10).ToArray(), Enumerable.Repeat(sum / n, n).ToArray()));
    }

    public Task<IReadOnlyList<CandidateLogProbs>> GetCandidateLogProbsAsync(
        IReadOnlyList<int> tokens, IReadOnlyList<int> positions, IReadOnlyList<int> candidateTokens, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<CandidateLogProbs>>(positions
            .Select(p => new CandidateLogProbs(p, SlotLogProbs(Decode(tokens.Take(p + 1).ToArray()))))
            .ToArray());
    }

    public Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default) => Task.FromResult(Embed(text));

    public Task<IReadOnlyList<MultipleChoiceResult>> ScoreChoicesAsync(IReadOnlyList<MultipleChoiceQuestion> questions, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    private static string Decode(IReadOnlyList<int> tokens) => new(tokens.Where(t => t != Bos).Select(t => (char)(t - 10)).ToArray());

    /// <summary>The line after "<paramref name="label"/>" in a prompt (e.g. "Response: "), or "".</summary>
    public static string Line(string prompt, string label)
    {
        var at = prompt.LastIndexOf("\n" + label, StringComparison.Ordinal);
        if (at < 0) return prompt.StartsWith(label, StringComparison.Ordinal) ? prompt[label.Length..].Split('\n')[0] : "";
        return prompt[(at + 1 + label.Length)..].Split('\n')[0];
    }
}
