using System.Runtime.CompilerServices;
using ValueAlign.Core.Inference;

namespace ValueAlign.Tests.Methods.LongMab;

/// <summary>
/// Test double for LongMab-PO: one token per character, chat replies scripted from the user
/// message and the generation options (so they can depend on the seed), scripted embeddings and
/// per-token log-probabilities. Records every chat request.
/// </summary>
internal sealed class ScriptedChatModel : ILanguageModel
{
    public Func<string, GenerationOptions, string> Respond { get; set; } = (_, _) => "";

    public Func<string, float[]> Embed { get; set; } = _ => [1, 0];

    /// <summary>Log-probability of each continuation token given (prompt, continuation prefix, token).</summary>
    public Func<string, string, int, double> TokenLogProb { get; set; } = (_, _, _) => -1;

    public List<(string Prompt, GenerationOptions Options)> Chats { get; } = [];

    /// <summary>Awaited before each reply with the call's number (from 1): lets a test hold a run mid-way.</summary>
    public Func<int, CancellationToken, Task> Gate { get; set; } = (_, _) => Task.CompletedTask;

    public ModelDescription Description { get; } = new("scripted", "scripted", 70000, 8, 100000, 0, false);

    public Task<IReadOnlyList<int>> TokenizeAsync(string text, bool addBos, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var tokens = text.Select(c => (int)c + 10);
        return Task.FromResult<IReadOnlyList<int>>((addBos ? tokens.Prepend(1) : tokens).ToArray());
    }

    public Task<string> DetokenizeAsync(IReadOnlyList<int> tokens, CancellationToken cancellationToken = default) =>
        Task.FromResult(new string(tokens.Where(t => t != 1).Select(t => (char)(t - 10)).ToArray()));

    public IAsyncEnumerable<string> CompleteAsync(string prompt, GenerationOptions options, CancellationToken cancellationToken = default) =>
        ChatAsync([ChatMessage.User(prompt)], options, cancellationToken);

    public async IAsyncEnumerable<string> ChatAsync(IReadOnlyList<ChatMessage> messages, GenerationOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var prompt = messages[^1].Content;
        int call;
        lock (Chats)
        {
            Chats.Add((prompt, options));
            call = Chats.Count;
        }
        await Gate(call, cancellationToken);
        var output = Respond(prompt, options);
        await Task.Yield();
        yield return output;
    }

    public Task<ContinuationScore> ScoreContinuationAsync(string prompt, string continuation, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var tokens = continuation.Select(c => (int)c + 10).ToArray();
        var logProbs = continuation.Select((c, i) => TokenLogProb(prompt, continuation[..i], c + 10)).ToArray();
        return Task.FromResult(new ContinuationScore(tokens, logProbs));
    }

    public Task<IReadOnlyList<CandidateLogProbs>> GetCandidateLogProbsAsync(
        IReadOnlyList<int> tokens, IReadOnlyList<int> positions, IReadOnlyList<int> candidateTokens, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default) => Task.FromResult(Embed(text));

    public Task<IReadOnlyList<MultipleChoiceResult>> ScoreChoicesAsync(IReadOnlyList<MultipleChoiceQuestion> questions, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}
