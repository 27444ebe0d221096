using System.Runtime.CompilerServices;
using ValueAlign.Core.Inference;

namespace ValueAlign.Tests.Methods.Couple;

/// <summary>
/// Test double for the pipeline's algorithm: one token per character (id = char + 10, BOS = 1), a
/// scripted responder for completions, and digit log-probabilities chosen by the test (by default
/// 0.6 on the digit that follows the read position and 0.1 on each other digit). Records every call.
/// </summary>
internal sealed class ScriptedLanguageModel(Func<string, GenerationOptions, string> respond) : ILanguageModel
{
    public const int Bos = 1;

    public List<(string Prompt, GenerationOptions Options)> Completions { get; } = [];

    public List<(IReadOnlyList<int> Tokens, IReadOnlyList<int> Positions, IReadOnlyList<int> Candidates)> LogProbCalls { get; } = [];

    /// <summary>Log-probabilities of "1".."5" for the digit actually at tokens[position + 1]; replace to script a distribution.</summary>
    public Func<int, double[]> DigitLogProbs { get; set; } = digit =>
        Enumerable.Range(1, 5).Select(d => Math.Log(d == digit ? 0.6 : 0.1)).ToArray();

    /// <summary>
    /// When set, replaces <see cref="DigitLogProbs"/>: gets the text read so far (prompt and output up
    /// to the slot, per-character tokens) and the number of candidates, and returns their log-probabilities.
    /// </summary>
    public Func<string, int, double[]>? LogProbsAfter { get; set; }

    /// <summary>Called after each completion is recorded (e.g. to cancel mid-run).</summary>
    public Action<int>? AfterCompletion { get; set; }

    public ModelDescription Description { get; init; } = new("scripted", "scripted", 70000, 8, 100000, 0, false);

    public static int TokenOf(char c) => c + 10;

    /// <summary>Replaces the one-token-per-character tokenizer (without BOS) to script awkward vocabularies.</summary>
    public Func<string, IReadOnlyList<int>>? Tokenizer { get; set; }

    public Task<IReadOnlyList<int>> TokenizeAsync(string text, bool addBos, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var tokens = Tokenizer?.Invoke(text) ?? text.Select(TokenOf);
        return Task.FromResult<IReadOnlyList<int>>((addBos ? tokens.Prepend(Bos) : tokens).ToArray());
    }

    public Task<string> DetokenizeAsync(IReadOnlyList<int> tokens, CancellationToken cancellationToken = default) =>
        Task.FromResult(new string(tokens.Where(t => t != Bos).Select(t => (char)(t - 10)).ToArray()));

    public async IAsyncEnumerable<string> CompleteAsync(string prompt, GenerationOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Completions.Add((prompt, options));
        var output = respond(prompt, options);
        AfterCompletion?.Invoke(Completions.Count);
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        yield return output;
    }

    public IAsyncEnumerable<string> ChatAsync(IReadOnlyList<ChatMessage> messages, GenerationOptions options, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The pipeline uses raw completion.");

    public Task<ContinuationScore> ScoreContinuationAsync(string prompt, string continuation, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<CandidateLogProbs>> GetCandidateLogProbsAsync(
        IReadOnlyList<int> tokens, IReadOnlyList<int> positions, IReadOnlyList<int> candidateTokens, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        LogProbCalls.Add((tokens, positions, candidateTokens));
        return Task.FromResult<IReadOnlyList<CandidateLogProbs>>(positions
            .Select(p => new CandidateLogProbs(p, LogProbsAfter is { } after
                ? after(new string(tokens.Take(p + 1).Where(t => t != Bos).Select(t => (char)(t - 10)).ToArray()), candidateTokens.Count)
                : DigitLogProbs(tokens[p + 1] - 10 - '0')))
            .ToArray());
    }

    public Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    /// <summary>Scripts multiple-choice scoring (one question at a time); unset, scoring is not supported.</summary>
    public Func<MultipleChoiceQuestion, MultipleChoiceResult>? ScoreChoices { get; set; }

    public List<MultipleChoiceQuestion> ScoredQuestions { get; } = [];

    public Task<IReadOnlyList<MultipleChoiceResult>> ScoreChoicesAsync(IReadOnlyList<MultipleChoiceQuestion> questions, CancellationToken cancellationToken = default)
    {
        if (ScoreChoices is null)
            throw new NotSupportedException("Set ScoreChoices to script multiple-choice scoring.");
        cancellationToken.ThrowIfCancellationRequested();
        ScoredQuestions.AddRange(questions);
        return Task.FromResult<IReadOnlyList<MultipleChoiceResult>>(questions.Select(ScoreChoices).ToArray());
    }
}
