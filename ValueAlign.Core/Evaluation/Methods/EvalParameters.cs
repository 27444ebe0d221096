using System.Text.Json;

namespace ValueAlign.Core.Evaluation.Methods;

/// <summary>Reads method parameters back from a stored run (its canonical parameters JSON).</summary>
public static class EvalParameters
{
    public static EvalSettings Of(EvalRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(run.ParametersJson) ? "{}" : run.ParametersJson);
        return new EvalSettings(document.RootElement.Clone(), run.Seed, run.TextOnly);
    }

    /// <summary>The parameter names the method knows; any other name is a typo and a clear error.</summary>
    public static void RequireKnown(EvalSettings settings, string method, params string[] known)
    {
        if (settings.Parameters.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return;
        }
        if (settings.Parameters.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"The {method} parameters must be a JSON object.");
        }
        var unknown = settings.Parameters.EnumerateObject().Select(p => p.Name).Where(n => !known.Contains(n, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown {method} parameter(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", known)}.");
        }
    }
}
