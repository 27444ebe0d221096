using System.Text.Json;
using System.Text.Json.Serialization;

namespace ValueAlign.Core.Evaluation.Reports;

/// <summary>The one JSON form of <see cref="RunReport"/> (stored on the run, embedded in HTML exports).</summary>
public static class RunReportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(RunReport report) => JsonSerializer.Serialize(report, Options);

    public static RunReport Deserialize(string json) =>
        JsonSerializer.Deserialize<RunReport>(json, Options) ?? throw new JsonException("The run report is empty.");
}
