using System.Text.Json;
using ValueAlign.Core.Evaluation;

namespace ValueAlign.Core.Methods.Optimisation;

/// <summary>Reads typed optimiser parameters from a run's parameter object, with errors that name the parameter.</summary>
internal static class OptimisationParameters
{
    public static int? Int(EvalSettings settings, string name)
    {
        if (settings.Number(name) is not { } value) return Present(settings, name) ? throw new ArgumentException($"Parameter '{name}' must be a whole number.") : null;
        return value == Math.Floor(value) && value is >= int.MinValue and <= int.MaxValue ? (int)value : throw new ArgumentException($"Parameter '{name}' must be a whole number, not {value}.");
    }

    public static float? Float(EvalSettings settings, string name) =>
        settings.Number(name) is { } value ? (float)value : Present(settings, name) ? throw new ArgumentException($"Parameter '{name}' must be a number.") : null;

    public static string? Text(EvalSettings settings, string name) =>
        settings.String(name) is { } value ? value : Present(settings, name) ? throw new ArgumentException($"Parameter '{name}' must be a string.") : null;

    private static bool Present(EvalSettings settings, string name) =>
        settings.Parameters.ValueKind == JsonValueKind.Object && settings.Parameters.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;
}
