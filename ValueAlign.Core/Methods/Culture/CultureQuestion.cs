using System.Text.Json;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Methods.Culture;

/// <summary>A culture MCQ item's options and the index of its answer (given as a letter or as the option text).</summary>
public sealed record CultureQuestion(IReadOnlyList<string> Options, int? AnswerIndex)
{
    public static string Letter(int index) => ((char)('A' + index)).ToString();

    /// <summary>Reads the item; a clear <see cref="ArgumentException"/> when it has fewer than two options.</summary>
    public static CultureQuestion Of(BenchmarkItem item)
    {
        var options = string.IsNullOrWhiteSpace(item.OptionsJson) ? [] : JsonSerializer.Deserialize<List<string>>(item.OptionsJson) ?? [];
        if (options.Count < 2)
            throw new ArgumentException($"Item {item.ExternalId} ({item.Benchmark}) has {options.Count} option(s); a multiple-choice question needs at least two.");
        if (options.Count > 26)
            throw new ArgumentException($"Item {item.ExternalId} ({item.Benchmark}) has {options.Count} options; at most 26 can be lettered.");
        return new CultureQuestion(options, AnswerIndexOf(item.Answer, options));
    }

    private static int? AnswerIndexOf(string? answer, IReadOnlyList<string> options)
    {
        if (string.IsNullOrWhiteSpace(answer))
            return null;
        var trimmed = answer.Trim();
        if (trimmed.Length == 1 && char.IsAsciiLetterUpper(trimmed[0]) && trimmed[0] - 'A' < options.Count)
            return trimmed[0] - 'A';
        var index = options.ToList().FindIndex(o => string.Equals(o.Trim(), trimmed, StringComparison.Ordinal));
        return index >= 0 ? index : null;
    }
}
