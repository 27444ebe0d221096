using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Methods.Structured;

/// <summary>
/// Reads the distribution over a digit range (by default "1".."5"; "0".."1" for MoVa's binary slots,
/// "1".."6" for PVQ answers) at every digit slot of a generated JSON object.
/// <para>How slots are found: the prompt is tokenized with BOS and the JSON without, and the ids are
/// concatenated (the interface's prompt/continuation boundary). For slot i, the JSON text up to the
/// digit is tokenized with each digit of the range appended; the variants must differ only in their last
/// token, which gives the candidate tokens in this context (a bare "3" or, in some vocabularies,
/// a merged piece) and the position of the token before it. When the variant with the generated digit is a
/// prefix of the whole JSON's tokens, the slot is read inside one teacher-forced pass over prompt + JSON
/// (slots sharing candidates share one call); otherwise it is read on its own prefix.</para>
/// </summary>
public sealed class DigitSlotReader(ILanguageModel model, int minDigit = 1, int maxDigit = 5)
{
    private readonly int _min = minDigit is >= 0 and <= 9 ? minDigit : throw new ArgumentOutOfRangeException(nameof(minDigit), minDigit, "Digits range within 0..9.");
    private readonly int _max = maxDigit > minDigit && maxDigit <= 9 ? maxDigit : throw new ArgumentOutOfRangeException(nameof(maxDigit), maxDigit, "The digit range needs min < max <= 9.");

    private int Digits => _max - _min + 1;

    /// <param name="json">The JSON object as generated, e.g. {"power": 3, "security": 2}.</param>
    /// <param name="slots">For each rating slot: the character index of its digit in <paramref name="json"/>, in order.</param>
    /// <returns>Per slot the log-probabilities of the digits min..max in order, or an error saying why the slot could not be read.</returns>
    public async Task<IReadOnlyList<(IReadOnlyList<double>? LogProbs, string? Error)>> ReadAsync(
        string prompt, string json, IReadOnlyList<int> slots, CancellationToken cancellationToken)
    {
        var promptTokens = await model.TokenizeAsync(prompt, addBos: true, cancellationToken).ConfigureAwait(false);
        var jsonTokens = await model.TokenizeAsync(json, addBos: false, cancellationToken).ConfigureAwait(false);
        var full = promptTokens.Concat(jsonTokens).ToArray();
        var results = new (IReadOnlyList<double>? LogProbs, string? Error)[slots.Count];
        var shared = new List<(int Slot, int Position, int[] Candidates)>();
        for (var s = 0; s < slots.Count; s++)
        {
            var prefix = json[..slots[s]];
            var generated = json[slots[s]] - '0';
            var variants = new IReadOnlyList<int>[Digits];
            for (var d = _min; d <= _max; d++)
            {
                variants[d - _min] = await model.TokenizeAsync(prefix + d, addBos: false, cancellationToken).ConfigureAwait(false);
            }
            var length = variants[0].Count;
            var aligned = length > 0 && variants.All(v => v.Count == length && v.Take(length - 1).SequenceEqual(variants[0].Take(length - 1)));
            var candidates = variants.Select(v => v[^1]).ToArray();
            if (!aligned || candidates.Distinct().Count() != Digits)
            {
                results[s] = (null, $"slot {s + 1}: the digits {_min}..{_max} do not tokenize as single distinct tokens after \"{Tail(prefix)}\".");
                continue;
            }
            if (generated < _min || generated > _max)
            {
                results[s] = (null, $"slot {s + 1}: the generated character '{json[slots[s]]}' is not a digit {_min}..{_max}.");
                continue;
            }
            var own = variants[generated - _min];
            if (jsonTokens.Take(length).SequenceEqual(own))
            {
                // The logits after the token before the digit predict the digit.
                shared.Add((s, promptTokens.Count + length - 2, candidates));
            }
            else
            {
                var sequence = promptTokens.Concat(own).ToArray();
                var read = await model.GetCandidateLogProbsAsync(sequence, [sequence.Length - 2], candidates, cancellationToken).ConfigureAwait(false);
                results[s] = (read[0].LogProbs, null);
            }
        }
        foreach (var group in shared.GroupBy(x => string.Join(",", x.Candidates)))
        {
            var members = group.ToArray();
            var read = await model.GetCandidateLogProbsAsync(full, members.Select(m => m.Position).ToArray(), members[0].Candidates, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < members.Length; i++)
            {
                results[members[i].Slot] = (read[i].LogProbs, null);
            }
        }
        return results;
    }

    private static string Tail(string text) => text.Length > 20 ? "..." + text[^20..] : text;
}
