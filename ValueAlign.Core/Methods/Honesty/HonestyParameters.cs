using System.Text.Json;
using ValueAlign.Core.Evaluation;

namespace ValueAlign.Core.Methods.Honesty;

/// <summary>Parameters of the <c>honesty</c> method: <c>maxTokens</c> of the answer. Unknown keys are refused.</summary>
public sealed record HonestyParameters(int MaxTokens)
{
    public const string DefaultJson = "{\"maxTokens\":160}";

    public static HonestyParameters From(EvalSettings settings)
    {
        if (settings.Parameters.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in settings.Parameters.EnumerateObject())
            {
                if (property.Name != "maxTokens")
                    throw new ArgumentException($"Unknown honesty parameter '{property.Name}'; known: maxTokens.");
            }
        }
        var maxTokens = settings.Number("maxTokens") ?? 160;
        if (maxTokens is < 1 or > 4096 || maxTokens != Math.Floor(maxTokens))
            throw new ArgumentException($"maxTokens must be a whole number between 1 and 4096, got {maxTokens}.");
        return new HonestyParameters((int)maxTokens);
    }
}
