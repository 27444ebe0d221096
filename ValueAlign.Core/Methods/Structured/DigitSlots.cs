using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Methods.Structured;

/// <summary>One digit slot of a generated JSON object: the digit generated, and the log-probabilities
/// of the digits min..max read at the slot, or why they could not be read.</summary>
public sealed record DigitSlot(string Field, int Generated, IReadOnlyList<double>? LogProbs, string? Error);

/// <summary>
/// Finds the digit slots of named fields in a generated JSON text and reads the distribution over a
/// digit range at each (<see cref="DigitSlotReader"/>). The slots are located in the text as
/// generated (<c>"name":</c> then optional spaces then the digit), so the prompt and output must be
/// the pair that was actually generated. A failure to read becomes the slot's error, never an exception
/// (cancellation aside).
/// </summary>
public static class DigitSlots
{
    public static async Task<IReadOnlyList<DigitSlot>> ReadAsync(
        ILanguageModel model, int minDigit, int maxDigit, string prompt, string output, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        var positions = fields.Select(f => Find(output, f)).ToArray();
        var missing = Array.FindIndex(positions, p => p < 0);
        if (missing >= 0)
        {
            return fields.Select(f => new DigitSlot(f, -1, null, $"no digit slot for \"{fields[missing]}\" in the output.")).ToArray();
        }
        IReadOnlyList<(IReadOnlyList<double>? LogProbs, string? Error)> read;
        try
        {
            read = await new DigitSlotReader(model, minDigit, maxDigit).ReadAsync(prompt, output, positions, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            read = fields.Select(_ => ((IReadOnlyList<double>?)null, (string?)$"reading the digit distribution failed: {e.Message}")).ToArray();
        }
        return fields.Select((f, i) => new DigitSlot(f, output[positions[i]] - '0', read[i].LogProbs, read[i].Error)).ToArray();
    }

    /// <summary>Character index of the digit of <paramref name="field"/> in <paramref name="json"/>, or −1.</summary>
    public static int Find(string json, string field)
    {
        var key = "\"" + field + "\":";
        var at = json.IndexOf(key, StringComparison.Ordinal);
        if (at < 0)
        {
            return -1;
        }
        var i = at + key.Length;
        while (i < json.Length && json[i] == ' ')
        {
            i++;
        }
        return i < json.Length && char.IsAsciiDigit(json[i]) ? i : -1;
    }
}
