using LLama.Native;

namespace ValueAlign.Core.Inference.LlamaSharp;

/// <summary>
/// Multiple-choice scoring as llama.cpp's <c>llama-perplexity --multiple-choice</c> does it: each
/// question's prompt tokens enter the batch once, tagged with every option's sequence id, so the
/// prompt is evaluated once and its KV cells are shared; each option follows as its own sequence;
/// many questions are packed into one batch; only the logits that predict option tokens are read.
/// Runs inside the model's turn (the caller holds the queue).
/// </summary>
internal sealed class LlamaChoiceScorer(LlamaSharpLanguageModel model)
{
    public IReadOnlyList<MultipleChoiceResult> ScoreShared(IReadOnlyList<PreparedQuestion> questions, CancellationToken cancellationToken)
    {
        var results = new MultipleChoiceResult[questions.Count];
        var pack = new List<int>();
        int packTokens = 0, packSequences = 0;
        for (var q = 0; q < questions.Count; q++)
        {
            var question = questions[q];
            var tokens = question.Prompt.Length + question.Options.Sum(o => o.Length);
            var sequences = question.Options.Length;
            if (tokens > model.BatchSize || sequences > model.MaxSequences)
            {
                // Too big to share one batch: score it option by option (chunked), same numbers.
                results[q] = ScoreFromScratch(question, cancellationToken);
                continue;
            }
            // A question bigger than the scoring pack still goes alone into one batch.
            if (pack.Count > 0 && (packTokens + tokens > model.ScoringBatchTokens || packSequences + sequences > model.MaxSequences))
            {
                ScorePack(questions, pack, results, cancellationToken);
                pack.Clear();
                packTokens = packSequences = 0;
            }
            pack.Add(q);
            packTokens += tokens;
            packSequences += sequences;
        }
        if (pack.Count > 0)
        {
            ScorePack(questions, pack, results, cancellationToken);
        }
        return results;
    }

    public IReadOnlyList<MultipleChoiceResult> ScoreNaive(IReadOnlyList<PreparedQuestion> questions, CancellationToken cancellationToken) =>
        questions.Select(q => ScoreFromScratch(q, cancellationToken)).ToArray();

    private MultipleChoiceResult ScoreFromScratch(PreparedQuestion question, CancellationToken cancellationToken) =>
        new(question.Options.Select(option => ToScore(model.ScoreSequence(question.Prompt, option, cancellationToken))).ToArray());

    private void ScorePack(IReadOnlyList<PreparedQuestion> questions, List<int> pack, MultipleChoiceResult[] results, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var handle = model.Context.NativeHandle;
        handle.MemoryClear(false);
        var batch = new LLamaBatch();
        var layouts = new List<PackedQuestion>(pack.Count);
        var firstSequence = 0;
        foreach (var q in pack)
        {
            var question = questions[q];
            var sequenceIds = Enumerable.Range(firstSequence, question.Options.Length).Select(s => (LLamaSeqId)s).ToArray();
            var promptLast = 0;
            for (var p = 0; p < question.Prompt.Length; p++)
            {
                var wantLogits = p == question.Prompt.Length - 1;
                var index = batch.Add(question.Prompt[p], p, sequenceIds, wantLogits);
                if (wantLogits)
                {
                    promptLast = index;
                }
            }
            var optionStarts = new int[question.Options.Length];
            for (var o = 0; o < question.Options.Length; o++)
            {
                var option = question.Options[o];
                optionStarts[o] = batch.TokenCount;
                for (var t = 0; t < option.Length; t++)
                {
                    // The last option token predicts nothing we score, so its logits are not needed.
                    batch.Add(option[t], question.Prompt.Length + t, sequenceIds[o], t < option.Length - 1);
                }
            }
            layouts.Add(new PackedQuestion(q, promptLast, optionStarts));
            firstSequence += question.Options.Length;
        }
        LlamaSharpLanguageModel.Check(handle.Decode(batch));

        foreach (var layout in layouts)
        {
            var question = questions[layout.Question];
            var promptLogits = handle.GetLogitsIth(layout.PromptLastIndex);
            var promptLse = LogSoftmax.LogSumExp(promptLogits);
            var scores = new OptionScore[question.Options.Length];
            for (var o = 0; o < question.Options.Length; o++)
            {
                var option = question.Options[o];
                var logProbs = new double[option.Length];
                logProbs[0] = promptLogits[(int)option[0]] - promptLse;
                for (var t = 1; t < option.Length; t++)
                {
                    logProbs[t] = LogSoftmax.LogProb(handle.GetLogitsIth(layout.OptionStarts[o] + t - 1), (int)option[t]);
                }
                scores[o] = ToScore(logProbs);
            }
            results[layout.Question] = new MultipleChoiceResult(scores);
        }
    }

    private static OptionScore ToScore(double[] logProbs)
    {
        var total = logProbs.Sum();
        return new OptionScore(total, total / logProbs.Length, logProbs.Length);
    }

    private sealed record PackedQuestion(int Question, int PromptLastIndex, int[] OptionStarts);
}
