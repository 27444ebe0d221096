using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ValueAlign.Core.Inference;

namespace ValueAlign.Tests.Evaluation.Batching;

/// <summary>
/// A model double for the grouping tests: multiple-choice scores are a pure function of the prompt
/// and option (option i of prompt p scores −(|p| + i)), every scoring call is recorded with its
/// questions, completions wait on <see cref="GenerationGate"/>, and <see cref="FailScoring"/> makes
/// scoring throw.
/// </summary>
internal sealed class RecordingChoiceModel : ILanguageModel
{
    public ConcurrentQueue<IReadOnlyList<MultipleChoiceQuestion>> ScoringCalls { get; } = new();

    public TaskCompletionSource GenerationGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool FailScoring { get; set; }

    public ModelDescription Description { get; } = new("recording", "recording", 1000, 8, 100, 0, false);

    public static MultipleChoiceResult Expected(MultipleChoiceQuestion question) =>
        new(question.Options.Select((o, i) => new OptionScore(-(question.Prompt.Length + i), -(question.Prompt.Length + i) / 2.0, 2)).ToArray());

    public Task<IReadOnlyList<MultipleChoiceResult>> ScoreChoicesAsync(IReadOnlyList<MultipleChoiceQuestion> questions, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ScoringCalls.Enqueue(questions);
        if (FailScoring)
            throw new InvalidOperationException("the scorer broke");
        return Task.FromResult<IReadOnlyList<MultipleChoiceResult>>(questions.Select(Expected).ToArray());
    }

    public async IAsyncEnumerable<string> CompleteAsync(string prompt, GenerationOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await GenerationGate.Task.WaitAsync(cancellationToken);
        yield return "done";
    }

    public Task<IReadOnlyList<int>> TokenizeAsync(string text, bool addBos, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<int>>(text.Select(c => (int)c).ToArray());

    public Task<string> DetokenizeAsync(IReadOnlyList<int> tokens, CancellationToken cancellationToken = default) =>
        Task.FromResult(new string(tokens.Select(t => (char)t).ToArray()));

    public IAsyncEnumerable<string> ChatAsync(IReadOnlyList<ChatMessage> messages, GenerationOptions options, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<ContinuationScore> ScoreContinuationAsync(string prompt, string continuation, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<CandidateLogProbs>> GetCandidateLogProbsAsync(
        IReadOnlyList<int> tokens, IReadOnlyList<int> positions, IReadOnlyList<int> candidateTokens, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
