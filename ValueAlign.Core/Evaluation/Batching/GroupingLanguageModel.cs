using System.Runtime.CompilerServices;
using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Evaluation.Batching;

/// <summary>
/// The model as the units of one run see it while several of them are in flight. Multiple-choice
/// scoring requests are held until every unit in flight is waiting on the model, then sent as one
/// <see cref="ILanguageModel.ScoreChoicesAsync"/> call, so the backend's shared-prefix scorer packs
/// questions of many units into one decode; each unit gets back exactly its own results. Every
/// other request (generate, log-probs, tokenize, embed) goes straight to the model, which queues
/// it; a unit inside such a call counts as waiting, so it never holds back a scoring batch.
/// </summary>
/// <remarks>
/// Units announce themselves with <see cref="EnterUnit"/>; disposing the lease when the unit's work
/// is done may release a batch the others are waiting for. Scores do not depend on grouping: the
/// scorer evaluates each option from its own prompt (engine tests compare grouped and one-by-one
/// runs). Members of <see cref="ILanguageModel"/> are forwarded one by one: a new interface member
/// must be forwarded here too.
/// </remarks>
public sealed class GroupingLanguageModel(ILanguageModel inner) : ILanguageModel
{
    private readonly Lock gate = new();
    private readonly List<PendingScore> pending = [];
    private int unitsInFlight;
    private int unitsWaitingElsewhere;
    private int unitsInSentBatches;
    private int batches;
    private int questions;

    /// <summary>The model the requests go to.</summary>
    public ILanguageModel Inner => inner;

    /// <summary>Scoring calls made on the inner model so far.</summary>
    public int Batches { get { lock (gate) return batches; } }

    /// <summary>Questions scored so far through the grouped calls.</summary>
    public int Questions { get { lock (gate) return questions; } }

    public ModelDescription Description => inner.Description;

    public ModelCapabilities Capabilities => inner.Capabilities;

    public ModelRef Identity => inner.Identity;

    /// <summary>Marks a unit (or a worker that runs units one after another) as in flight until the returned lease is disposed.</summary>
    public IDisposable EnterUnit()
    {
        lock (gate)
            unitsInFlight++;
        return new UnitLease(this);
    }

    /// <summary>
    /// Another model the same units use (a separate judge): its requests go straight to it, and a
    /// unit waiting on it counts as waiting, like one inside a generation of this model.
    /// </summary>
    public ILanguageModel Beside(ILanguageModel other) => new BesideModel(this, other);

    public Task<IReadOnlyList<MultipleChoiceResult>> ScoreChoicesAsync(IReadOnlyList<MultipleChoiceQuestion> questions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(questions);
        cancellationToken.ThrowIfCancellationRequested();
        var request = new PendingScore(questions, cancellationToken);
        List<PendingScore>? ready;
        lock (gate)
        {
            pending.Add(request);
            ready = TakeReadyBatch();
        }
        // A cancelled unit leaves the batch it waits for; the others go on without it.
        request.Registration = cancellationToken.Register(() => Withdraw(request));
        Send(ready);
        return request.Result.Task;
    }

    public Task<IReadOnlyList<int>> TokenizeAsync(string text, bool addBos, CancellationToken cancellationToken = default) =>
        ElsewhereAsync(() => inner.TokenizeAsync(text, addBos, cancellationToken));

    public Task<string> DetokenizeAsync(IReadOnlyList<int> tokens, CancellationToken cancellationToken = default) =>
        ElsewhereAsync(() => inner.DetokenizeAsync(tokens, cancellationToken));

    public IAsyncEnumerable<string> CompleteAsync(string prompt, GenerationOptions options, CancellationToken cancellationToken = default) =>
        ElsewhereStream(inner.CompleteAsync(prompt, options, cancellationToken), cancellationToken);

    public IAsyncEnumerable<string> CompleteAsync(string prompt, IReadOnlyList<ImageInput> images, GenerationOptions options, CancellationToken cancellationToken = default) =>
        ElsewhereStream(inner.CompleteAsync(prompt, images, options, cancellationToken), cancellationToken);

    public IAsyncEnumerable<string> ChatAsync(IReadOnlyList<ChatMessage> messages, GenerationOptions options, CancellationToken cancellationToken = default) =>
        ElsewhereStream(inner.ChatAsync(messages, options, cancellationToken), cancellationToken);

    public Task<ContinuationScore> ScoreContinuationAsync(string prompt, string continuation, CancellationToken cancellationToken = default) =>
        ElsewhereAsync(() => inner.ScoreContinuationAsync(prompt, continuation, cancellationToken));

    public Task<IReadOnlyList<CandidateLogProbs>> GetCandidateLogProbsAsync(
        IReadOnlyList<int> tokens, IReadOnlyList<int> positions, IReadOnlyList<int> candidateTokens, CancellationToken cancellationToken = default) =>
        ElsewhereAsync(() => inner.GetCandidateLogProbsAsync(tokens, positions, candidateTokens, cancellationToken));

    public Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default) =>
        ElsewhereAsync(() => inner.EmbedAsync(text, cancellationToken));

    private async Task<T> ElsewhereAsync<T>(Func<Task<T>> call)
    {
        BeginElsewhere();
        try
        {
            return await call().ConfigureAwait(false);
        }
        finally
        {
            EndElsewhere();
        }
    }

    private async IAsyncEnumerable<string> ElsewhereStream(IAsyncEnumerable<string> stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        BeginElsewhere();
        try
        {
            await foreach (var piece in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
                yield return piece;
        }
        finally
        {
            EndElsewhere();
        }
    }

    private void BeginElsewhere()
    {
        List<PendingScore>? ready;
        lock (gate)
        {
            unitsWaitingElsewhere++;
            ready = TakeReadyBatch();
        }
        Send(ready);
    }

    private void EndElsewhere()
    {
        lock (gate)
            unitsWaitingElsewhere--;
    }

    private void LeaveUnit()
    {
        List<PendingScore>? ready;
        lock (gate)
        {
            unitsInFlight--;
            ready = TakeReadyBatch();
        }
        Send(ready);
    }

    private void Withdraw(PendingScore request)
    {
        List<PendingScore>? ready;
        lock (gate)
        {
            if (!pending.Remove(request))
                return; // already sent: the inner call sees the same token
            ready = TakeReadyBatch();
        }
        request.Result.TrySetCanceled(request.CancellationToken);
        Send(ready);
    }

    /// <summary>
    /// The pending requests once no unit in flight could still add one and no batch is being
    /// scored; called under the lock. While a batch is out, the next one fills up: its units ask
    /// again as soon as they have their results, and the model would only queue a second batch.
    /// </summary>
    private List<PendingScore>? TakeReadyBatch()
    {
        if (pending.Count == 0 || unitsInSentBatches > 0 || pending.Count + unitsWaitingElsewhere < unitsInFlight)
            return null;
        var ready = pending.ToList();
        pending.Clear();
        unitsInSentBatches += ready.Count;
        batches++;
        questions += ready.Sum(r => r.Questions.Count);
        return ready;
    }

    private void Send(List<PendingScore>? ready)
    {
        if (ready is not null)
            _ = ScoreBatchAsync(ready);
    }

    private async Task ScoreBatchAsync(List<PendingScore> batch)
    {
        IReadOnlyList<MultipleChoiceResult>? results = null;
        Exception? failure = null;
        // One cancelled request must not cancel the others: the inner call stops only when every
        // request of the batch is cancelled.
        using var all = new CancellationTokenSource();
        var remaining = batch.Count;
        var registrations = batch.Select(r => r.CancellationToken.Register(() =>
        {
            if (Interlocked.Decrement(ref remaining) == 0)
                all.Cancel();
        })).ToList();
        var combined = batch.SelectMany(r => r.Questions).ToList();
        try
        {
            results = await inner.ScoreChoicesAsync(combined, all.Token).ConfigureAwait(false);
            if (results.Count != combined.Count)
                throw new InvalidOperationException($"The model returned {results.Count} results for {combined.Count} questions.");
        }
        catch (Exception e)
        {
            failure = e;
        }
        foreach (var registration in registrations)
            registration.Dispose();
        foreach (var request in batch)
            request.Registration.Dispose();
        // The units stop counting as waiting before they can see their results, so none of them
        // can make the next batch leave early by asking again before the count is lowered.
        List<PendingScore>? ready;
        lock (gate)
        {
            unitsInSentBatches -= batch.Count;
            ready = TakeReadyBatch();
        }
        Send(ready);
        var offset = 0;
        foreach (var request in batch)
        {
            if (failure is null)
                request.Result.TrySetResult(results!.Skip(offset).Take(request.Questions.Count).ToList());
            else if (failure is OperationCanceledException && request.CancellationToken.IsCancellationRequested)
                request.Result.TrySetCanceled(request.CancellationToken);
            else
                request.Result.TrySetException(failure);
            offset += request.Questions.Count;
        }
    }

    private sealed class BesideModel(GroupingLanguageModel grouping, ILanguageModel other) : ILanguageModel
    {
        public ModelDescription Description => other.Description;

        public ModelCapabilities Capabilities => other.Capabilities;

        public ModelRef Identity => other.Identity;

        public Task<IReadOnlyList<int>> TokenizeAsync(string text, bool addBos, CancellationToken cancellationToken = default) =>
            grouping.ElsewhereAsync(() => other.TokenizeAsync(text, addBos, cancellationToken));

        public Task<string> DetokenizeAsync(IReadOnlyList<int> tokens, CancellationToken cancellationToken = default) =>
            grouping.ElsewhereAsync(() => other.DetokenizeAsync(tokens, cancellationToken));

        public IAsyncEnumerable<string> CompleteAsync(string prompt, GenerationOptions options, CancellationToken cancellationToken = default) =>
            grouping.ElsewhereStream(other.CompleteAsync(prompt, options, cancellationToken), cancellationToken);

        public IAsyncEnumerable<string> CompleteAsync(string prompt, IReadOnlyList<ImageInput> images, GenerationOptions options, CancellationToken cancellationToken = default) =>
            grouping.ElsewhereStream(other.CompleteAsync(prompt, images, options, cancellationToken), cancellationToken);

        public IAsyncEnumerable<string> ChatAsync(IReadOnlyList<ChatMessage> messages, GenerationOptions options, CancellationToken cancellationToken = default) =>
            grouping.ElsewhereStream(other.ChatAsync(messages, options, cancellationToken), cancellationToken);

        public Task<ContinuationScore> ScoreContinuationAsync(string prompt, string continuation, CancellationToken cancellationToken = default) =>
            grouping.ElsewhereAsync(() => other.ScoreContinuationAsync(prompt, continuation, cancellationToken));

        public Task<IReadOnlyList<CandidateLogProbs>> GetCandidateLogProbsAsync(
            IReadOnlyList<int> tokens, IReadOnlyList<int> positions, IReadOnlyList<int> candidateTokens, CancellationToken cancellationToken = default) =>
            grouping.ElsewhereAsync(() => other.GetCandidateLogProbsAsync(tokens, positions, candidateTokens, cancellationToken));

        public Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default) =>
            grouping.ElsewhereAsync(() => other.EmbedAsync(text, cancellationToken));

        public Task<IReadOnlyList<MultipleChoiceResult>> ScoreChoicesAsync(IReadOnlyList<MultipleChoiceQuestion> questions, CancellationToken cancellationToken = default) =>
            grouping.ElsewhereAsync(() => other.ScoreChoicesAsync(questions, cancellationToken));
    }

    private sealed class PendingScore(IReadOnlyList<MultipleChoiceQuestion> questions, CancellationToken cancellationToken)
    {
        public IReadOnlyList<MultipleChoiceQuestion> Questions => questions;

        public CancellationToken CancellationToken => cancellationToken;

        public TaskCompletionSource<IReadOnlyList<MultipleChoiceResult>> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }

    private sealed class UnitLease(GroupingLanguageModel owner) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
                owner.LeaveUnit();
        }
    }
}
