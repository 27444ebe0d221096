using LLama.Native;

namespace ValueAlign.Core.Inference.LlamaSharp;

/// <summary>
/// Log-probs of every token of many prompts (the echo of OpenAI's legacy completions) with the
/// multiple-choice scorer's layout: consecutive prompts that share a prefix (the options of one
/// question) form a group whose prefix enters the batch once, tagged with every member's
/// sequence id, and each member's remaining tokens follow as its own sequence; groups are packed
/// into one decode call up to Models:ScoringBatchTokens. Runs inside the model's turn.
/// </summary>
internal sealed class LlamaPromptScorer(LlamaSharpLanguageModel model, int topK)
{
    public PromptLogProbs[] Score(IReadOnlyList<LLamaToken[]> prompts, CancellationToken cancellationToken)
    {
        var results = new PromptLogProbs[prompts.Count];
        var pack = new List<PromptGroup>();
        int packTokens = 0, packSequences = 0;
        foreach (var group in Groups(prompts))
        {
            if (group.Tokens > model.BatchSize || group.Sequences > model.MaxSequences)
            {
                // Too big for one batch: every member alone, in batch-size chunks (same numbers).
                foreach (var member in group.Members)
                {
                    results[member] = ScoreAlone(prompts[member], cancellationToken);
                }
                continue;
            }
            if (pack.Count > 0 && (packTokens + group.Tokens > model.ScoringBatchTokens || packSequences + group.Sequences > model.MaxSequences))
            {
                ScorePack(prompts, pack, results, cancellationToken);
                pack.Clear();
                packTokens = packSequences = 0;
            }
            pack.Add(group);
            packTokens += group.Tokens;
            packSequences += group.Sequences;
        }
        if (pack.Count > 0)
        {
            ScorePack(prompts, pack, results, cancellationToken);
        }
        return results;
    }

    /// <summary>
    /// Consecutive prompts join a group while that evaluates fewer tokens than starting a new one.
    /// The second member joins when its common prefix with the first is at least one token and at
    /// least half the shorter of the two, so options join their question and unrelated prompts that
    /// share only BOS do not. With n members and prefix p, a member whose common prefix with the
    /// first is p' joins when n·p' > (n − 1)·p: the group then costs Σlen − n·p' tokens instead of
    /// Σlen − (n − 1)·p plus the member alone. So the options of a question's next rotation (the
    /// same question text, the option list in another order) start their own group rather than
    /// shrink the shared prefix to the question text for every option. A group of one has the whole
    /// prompt as its prefix.
    /// </summary>
    internal static IEnumerable<PromptGroup> Groups(IReadOnlyList<LLamaToken[]> prompts)
    {
        var i = 0;
        while (i < prompts.Count)
        {
            var first = prompts[i];
            var members = new List<int> { i };
            var prefix = first.Length;
            var j = i + 1;
            for (; j < prompts.Count; j++)
            {
                var common = CommonPrefix(first, prompts[j]);
                var next = Math.Min(prefix, common);
                var n = members.Count;
                var joins = n == 1
                    ? next >= 1 && next * 2 >= Math.Min(first.Length, prompts[j].Length)
                    : (long)next * n > (long)prefix * (n - 1);
                if (!joins)
                {
                    break;
                }
                prefix = next;
                members.Add(j);
            }
            yield return new PromptGroup(members, prefix, members.Sum(m => prompts[m].Length - prefix) + prefix,
                Math.Max(1, members.Count(m => prompts[m].Length > prefix)));
            i = j;
        }
    }

    private static int CommonPrefix(LLamaToken[] a, LLamaToken[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        var k = 0;
        while (k < n && a[k] == b[k])
        {
            k++;
        }
        return k;
    }

    private PromptLogProbs ScoreAlone(LLamaToken[] prompt, CancellationToken cancellationToken)
    {
        var positions = new PositionLogProbs?[prompt.Length];
        model.EvaluateSequence(prompt, p => p < prompt.Length - 1,
            (p, logits) => positions[p + 1] = TopLogProbs.At(logits, (int)prompt[p + 1], topK), cancellationToken);
        return new PromptLogProbs(prompt.Select(t => (int)t).ToArray(), positions);
    }

    private void ScorePack(IReadOnlyList<LLamaToken[]> prompts, List<PromptGroup> pack, PromptLogProbs[] results, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var handle = model.Context.NativeHandle;
        handle.MemoryClear(false);
        var batch = new LLamaBatch();
        var layouts = new List<(PromptGroup Group, int[] PrefixIndex, Dictionary<int, int> SuffixStart)>(pack.Count);
        var nextSequence = 0;
        foreach (var group in pack)
        {
            var first = prompts[group.Members[0]];
            var withSuffix = group.Members.Where(m => prompts[m].Length > group.Prefix).ToList();
            var sequenceIds = Enumerable.Range(nextSequence, group.Sequences).Select(s => (LLamaSeqId)s).ToArray();
            var longest = group.Members.Max(m => prompts[m].Length);
            var prefixIndex = new int[group.Prefix];
            for (var p = 0; p < group.Prefix; p++)
            {
                // Logits after position p predict token p + 1: needed while some member is longer.
                prefixIndex[p] = batch.Add(first[p], p, sequenceIds, p + 1 < longest);
            }
            var suffixStart = new Dictionary<int, int>();
            for (var s = 0; s < withSuffix.Count; s++)
            {
                var prompt = prompts[withSuffix[s]];
                suffixStart[withSuffix[s]] = batch.TokenCount;
                for (var p = group.Prefix; p < prompt.Length; p++)
                {
                    batch.Add(prompt[p], p, sequenceIds[s], p < prompt.Length - 1);
                }
            }
            layouts.Add((group, prefixIndex, suffixStart));
            nextSequence += group.Sequences;
        }
        LlamaSharpLanguageModel.Check(handle.Decode(batch));

        foreach (var (group, prefixIndex, suffixStart) in layouts)
        {
            // Prefix positions are shared: their softmax is computed once for the group.
            var prefixLse = new double?[group.Prefix];
            foreach (var member in group.Members)
            {
                var prompt = prompts[member];
                var positions = new PositionLogProbs?[prompt.Length];
                for (var t = 1; t < prompt.Length; t++)
                {
                    var p = t - 1;
                    if (p < group.Prefix)
                    {
                        var logits = handle.GetLogitsIth(prefixIndex[p]);
                        prefixLse[p] ??= LogSoftmax.LogSumExp(logits);
                        positions[t] = TopLogProbs.At(logits, prefixLse[p]!.Value, (int)prompt[t], topK);
                    }
                    else
                    {
                        var logits = handle.GetLogitsIth(suffixStart[member] + (p - group.Prefix));
                        positions[t] = TopLogProbs.At(logits, (int)prompt[t], topK);
                    }
                }
                results[member] = new PromptLogProbs(prompt.Select(x => (int)x).ToArray(), positions);
            }
        }
    }

    internal sealed record PromptGroup(IReadOnlyList<int> Members, int Prefix, int Tokens, int Sequences);
}
