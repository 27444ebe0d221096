using System.Text;
using ValueAlign.Core.Benchmarks.LongContext;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Methods.Optimisation;

namespace ValueAlign.Core.Methods.LongMab;

/// <summary>
/// LongMab-PO for one long-context item (methods.md): chunk the context, initialise each chunk's
/// value by the cosine between the probe reasoning's embedding and the chunk's, then for
/// t = 1..T take the top chunks by UCB, sample a reasoning answer from them, reward it
/// <c>(SubEM + F1) / 2</c> against the gold answers and update the bandit; keep every rollout and
/// build the pair. Sampling seeds derive from the run seed, the item and the round, so a rerun
/// (or a resumed run) gives the same rollouts.
/// </summary>
public static class LongMabGenerator
{
    public static async Task<LongMabTrace> RunAsync(
        ILanguageModel model, string itemKey, LongContextQa qa, LongMabOptions options, int seed,
        IProgress<LongMabTrace>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(qa);
        options = options.Validated();
        if (qa.GoldAnswers.Count == 0) throw new ArgumentException($"Item {itemKey} has no gold answer; LongMab-PO rewards answers against it.");

        var sentences = ContextSentence.Of(qa);
        if (sentences.Count == 0) throw new ArgumentException($"Item {itemKey} has an empty context.");
        var counts = new int[sentences.Count];
        for (var i = 0; i < sentences.Count; i++)
        {
            counts[i] = (await model.TokenizeAsync(sentences[i].Text, addBos: false, cancellationToken).ConfigureAwait(false)).Count;
        }
        var chunks = ContextChunker.Chunk(sentences, counts, options.ChunkTokens, options.OverlapSentences);
        var pairPrompt = LongMabPrompts.Rollout(qa.Passages.Select(p => LongContextQa.Join([p])), qa.Question);
        var itemHash = SampleSeed.Hash(itemKey);

        var probe = await GenerateAsync(model, LongMabPrompts.Probe(qa.Question), options, SampleSeed.Derive(seed, itemHash, 0), cancellationToken);
        var probeEmbedding = await EmbedAsync(model, probe.Length == 0 ? qa.Question : probe, cancellationToken);
        var initial = new double[chunks.Count];
        for (var i = 0; i < chunks.Count; i++)
        {
            initial[i] = Cosine(probeEmbedding, await EmbedAsync(model, chunks[i].Text, cancellationToken));
        }

        var bandit = new UcbBandit(initial, options.Epsilon);
        var rollouts = new List<LongMabRollout>(options.Rounds);
        LongMabTrace Trace(PreferencePair? pair, bool finished) =>
            new(itemKey, qa.Question, qa.GoldAnswers, chunks, probe, initial, [.. rollouts], pairPrompt, pair, finished);
        progress?.Report(Trace(null, false));

        for (var t = 1; t <= options.Rounds; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var scores = bandit.Scores(t);
            var selected = bandit.Select(t, options.ChunksPerRound);
            var roundSeed = SampleSeed.Derive(seed, itemHash, t);
            var output = await GenerateAsync(model, LongMabPrompts.Rollout(selected.Select(i => chunks[i].Text), qa.Question), options, roundSeed, cancellationToken);
            var answer = LongMabPrompts.ExtractAnswer(output);
            var score = QaScore.Of(answer, qa.GoldAnswers);
            bandit.Update(selected, score.Reward);
            rollouts.Add(new LongMabRollout(t, selected, [.. selected.Select(i => scores[i])], roundSeed, output, answer,
                score.SubExactMatch, score.F1, score.Reward, [.. bandit.Values]));
            progress?.Report(Trace(null, false));
        }
        var result = Trace(PreferencePair.From(pairPrompt, rollouts), true);
        progress?.Report(result);
        return result;
    }

    private static async Task<string> GenerateAsync(ILanguageModel model, string prompt, LongMabOptions options, uint seed, CancellationToken cancellationToken)
    {
        var generation = new GenerationOptions { Temperature = options.Temperature, MaxTokens = options.MaxAnswerTokens, Seed = seed };
        var text = new StringBuilder();
        await foreach (var piece in model.ChatAsync([ChatMessage.User(prompt)], generation, cancellationToken).ConfigureAwait(false))
        {
            text.Append(piece);
        }
        return text.ToString().Trim();
    }

    /// <summary>
    /// The embedding of a text; a text longer than the backend's embedding window (an over-long
    /// sentence, a chunk budget above the window) is embedded by its beginning, halved until it fits.
    /// </summary>
    private static async Task<float[]> EmbedAsync(ILanguageModel model, string text, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await model.EmbedAsync(text, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException) when (attempt < 8 && text.Length > 1)
            {
                text = text[..(text.Length / 2)];
            }
        }
    }

    /// <summary>Cosine similarity; a zero vector (an empty or degenerate embedding) has no direction and scores 0.</summary>
    private static double Cosine(float[] a, float[] b) =>
        a.All(x => x == 0) || b.All(x => x == 0) ? 0 : CosineSimilarity.Of(a, b);
}
