using System.Runtime.CompilerServices;
using ValueAlign.Core.Inference;

namespace ValueAlign.Tests.Web.Counterfactuals;

/// <summary>
/// Wraps a model; a completion whose prompt matches <paramref name="gate"/> yields a first piece and
/// then waits until its token is cancelled, recording that it saw the cancellation. Lets a test
/// prove that Cancel reaches the model call that is running.
/// </summary>
internal sealed class GatedLanguageModel(ILanguageModel inner, Func<string, bool> gate) : ILanguageModel
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a gated completion starts waiting.</summary>
    public Task Entered => _entered.Task;

    /// <summary>Completes when the waiting completion observed its token being cancelled.</summary>
    public Task Cancelled => _cancelled.Task;

    public ModelDescription Description => inner.Description;

    public async IAsyncEnumerable<string> CompleteAsync(string prompt, GenerationOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!gate(prompt))
        {
            await foreach (var piece in inner.CompleteAsync(prompt, options, cancellationToken))
            {
                yield return piece;
            }
            yield break;
        }
        yield return "Partial rewrite";
        _entered.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        finally
        {
            if (cancellationToken.IsCancellationRequested)
            {
                _cancelled.TrySetResult();
            }
        }
    }

    public Task<IReadOnlyList<int>> TokenizeAsync(string text, bool addBos, CancellationToken cancellationToken = default) => inner.TokenizeAsync(text, addBos, cancellationToken);

    public Task<string> DetokenizeAsync(IReadOnlyList<int> tokens, CancellationToken cancellationToken = default) => inner.DetokenizeAsync(tokens, cancellationToken);

    public IAsyncEnumerable<string> ChatAsync(IReadOnlyList<ChatMessage> messages, GenerationOptions options, CancellationToken cancellationToken = default) =>
        inner.ChatAsync(messages, options, cancellationToken);

    public Task<ContinuationScore> ScoreContinuationAsync(string prompt, string continuation, CancellationToken cancellationToken = default) =>
        inner.ScoreContinuationAsync(prompt, continuation, cancellationToken);

    public Task<IReadOnlyList<CandidateLogProbs>> GetCandidateLogProbsAsync(
        IReadOnlyList<int> tokens, IReadOnlyList<int> positions, IReadOnlyList<int> candidateTokens, CancellationToken cancellationToken = default) =>
        inner.GetCandidateLogProbsAsync(tokens, positions, candidateTokens, cancellationToken);

    public Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default) => inner.EmbedAsync(text, cancellationToken);

    public Task<IReadOnlyList<MultipleChoiceResult>> ScoreChoicesAsync(IReadOnlyList<MultipleChoiceQuestion> questions, CancellationToken cancellationToken = default) =>
        inner.ScoreChoicesAsync(questions, cancellationToken);
}
