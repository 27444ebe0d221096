using System.Text.Json.Serialization;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>
/// One MMA-ASIA (MMAC-Bench) item in the schema documented in <c>docs/formats/mma-asia.md</c>;
/// the same column names in JSON lines and Parquet.
/// </summary>
public sealed class MmaAsiaRow
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("alignment_group")] public string? AlignmentGroup { get; set; }
    [JsonPropertyName("country")] public string? Country { get; set; }
    [JsonPropertyName("language")] public string? Language { get; set; }
    [JsonPropertyName("modality")] public string? Modality { get; set; }
    [JsonPropertyName("question")] public string? Question { get; set; }
    [JsonPropertyName("options")] public List<string>? Options { get; set; }
    [JsonPropertyName("answer")] public string? Answer { get; set; }
    [JsonPropertyName("image")] public string? Image { get; set; }
    [JsonPropertyName("audio")] public string? Audio { get; set; }
    [JsonPropertyName("knowledge_points")] public List<string>? KnowledgePoints { get; set; }
    [JsonPropertyName("explanation")] public string? Explanation { get; set; }
    [JsonPropertyName("theme")] public string? Theme { get; set; }

    /// <summary>
    /// Checks the row and builds the item; each problem goes to <paramref name="error"/> (field,
    /// message) and the result is then null.
    /// </summary>
    public BenchmarkItem? ToItem(string benchmark, string format, string sourceRecord, Action<string, string> error)
    {
        var ok = true;
        void Fail(string field, string message)
        {
            ok = false;
            error(field, message);
        }
        if (string.IsNullOrWhiteSpace(Id)) Fail("id", "required field is missing");
        if (string.IsNullOrWhiteSpace(Country)) Fail("country", "required field is missing");
        if (string.IsNullOrWhiteSpace(Language)) Fail("language", "required field is missing");
        if (string.IsNullOrWhiteSpace(Question)) Fail("question", "required field is missing");
        Model.Modality modality = Model.Modality.Text;
        if (!Enum.TryParse(Modality ?? "text", ignoreCase: true, out modality) || int.TryParse(Modality, out _))
        {
            Fail("modality", $"'{Modality}' is not one of text, image, audio");
        }
        if (modality == Model.Modality.Image && string.IsNullOrWhiteSpace(Image)) Fail("image", "an image item needs an image path");
        if (modality == Model.Modality.Audio && string.IsNullOrWhiteSpace(Audio)) Fail("audio", "an audio item needs an audio path");
        if (Options is { Count: > 0 } && Answer is not null && !Options.Contains(Answer) && !IsOptionLetter(Answer, Options.Count))
        {
            Fail("answer", $"'{Answer}' is neither one of the options nor an option letter");
        }
        if (!ok)
        {
            return null;
        }
        var media = new List<string>();
        if (!string.IsNullOrWhiteSpace(Image)) media.Add(Image);
        if (!string.IsNullOrWhiteSpace(Audio)) media.Add(Audio);
        return new BenchmarkItem
        {
            Benchmark = benchmark,
            ExternalId = Id!,
            Kind = ItemKind.CultureMultipleChoice,
            Text = Question!,
            OptionsJson = JsonOutput.List(Options),
            Answer = Answer,
            Language = Language,
            Country = Country,
            Modality = modality,
            MediaJson = JsonOutput.List(media),
            KnowledgePointsJson = JsonOutput.List(KnowledgePoints),
            Explanation = Explanation,
            Theme = Theme,
            AlignmentGroup = string.IsNullOrWhiteSpace(AlignmentGroup) ? null : AlignmentGroup,
            SourceFormat = format,
            SourceRecord = sourceRecord,
        };
    }

    private static bool IsOptionLetter(string answer, int count) =>
        answer.Length == 1 && answer[0] >= 'A' && answer[0] < 'A' + count;
}
