using System.Text.Json;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Web.Components.Shared;

/// <summary>What the drawer shows of an item, decoded from its JSON columns once.</summary>
public sealed record ItemView(BenchmarkItem Item, IReadOnlyList<string> Options, int? AnswerIndex, IReadOnlyList<string> Media, IReadOnlyList<string> KnowledgePoints, string PrettySource)
{
    public static ItemView From(BenchmarkItem item)
    {
        var options = Strings(item.OptionsJson);
        return new ItemView(item, options, AnswerIndexOf(item.Answer, options), Strings(item.MediaJson), Strings(item.KnowledgePointsJson), Pretty(item.SourceRecord));
    }

    /// <summary>The option the answer names: an option letter (A, B, …) or the option's text.</summary>
    public static int? AnswerIndexOf(string? answer, IReadOnlyList<string> options)
    {
        if (string.IsNullOrWhiteSpace(answer) || options.Count == 0)
        {
            return null;
        }
        var trimmed = answer.Trim();
        for (var i = 0; i < options.Count; i++)
        {
            if (string.Equals(options[i].Trim(), trimmed, StringComparison.Ordinal))
            {
                return i;
            }
        }
        if (trimmed.Length == 1 && char.IsAsciiLetter(trimmed[0]))
        {
            var index = char.ToUpperInvariant(trimmed[0]) - 'A';
            return index < options.Count ? index : null;
        }
        return null;
    }

    public static string Letter(int index) => index < 26 ? ((char)('A' + index)).ToString() : (index + 1).ToString();

    /// <summary>The URL of a media reference: every segment escaped, under /media/.</summary>
    public static string MediaUrl(string reference) =>
        "/media/" + string.Join('/', reference.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));

    private static IReadOnlyList<string> Strings(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        try
        {
            return JsonSerializer.Deserialize<List<string?>>(json)?.Where(s => s is not null).Select(s => s!).ToList() ?? [];
        }
        catch (JsonException)
        {
            return [json];
        }
    }

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string Pretty(string source)
    {
        try
        {
            using var document = JsonDocument.Parse(source);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return source;
        }
    }
}
