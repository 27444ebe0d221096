using System.Text.Json;
using ValueAlign.Core.Evaluation;

namespace ValueAlign.Core.Methods.Culture;

/// <summary>How a culture-MCQ run asks and scores its questions.</summary>
public enum CultureMcqMode
{
    /// <summary>Score every option by its log-likelihood after the prompt (the runtime's shared-prompt fast path).</summary>
    Likelihood,

    /// <summary>Generate an answer with a rationale, extract the option letter, and judge the rationale's grounding.</summary>
    Generate,
}

/// <summary>
/// Parameters of the <c>culture-mcq</c> method, read from the run's JSON object:
/// <c>mode</c> ("likelihood" | "generate"), <c>circular</c> (one unit per rotation of the options),
/// <c>heldOutThemes</c> (themes counted as unseen for knowledge generalisation), <c>maxTokens</c>
/// (generation budget) and <c>grounding</c> (judge rationales in generate mode). Unknown keys are
/// refused, so a typo cannot silently run the default configuration.
/// </summary>
public sealed record CultureMcqParameters(CultureMcqMode Mode, bool Circular, IReadOnlySet<string> HeldOutThemes, int MaxTokens, bool Grounding)
{
    public const string DefaultJson = "{\"circular\":false,\"grounding\":true,\"heldOutThemes\":[],\"maxTokens\":96,\"mode\":\"likelihood\"}";

    private static readonly string[] Known = ["mode", "circular", "heldOutThemes", "maxTokens", "grounding"];

    public static CultureMcqParameters From(EvalSettings settings)
    {
        var p = settings.Parameters;
        if (p.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in p.EnumerateObject())
            {
                if (!Known.Contains(property.Name, StringComparer.Ordinal))
                    throw new ArgumentException($"Unknown culture-mcq parameter '{property.Name}'; known: {string.Join(", ", Known)}.");
            }
        }
        var mode = settings.String("mode") switch
        {
            null or "likelihood" => CultureMcqMode.Likelihood,
            "generate" => CultureMcqMode.Generate,
            var other => throw new ArgumentException($"Unknown culture-mcq mode '{other}'; use \"likelihood\" or \"generate\"."),
        };
        var maxTokens = settings.Number("maxTokens") ?? 96;
        if (maxTokens is < 1 or > 4096 || maxTokens != Math.Floor(maxTokens))
            throw new ArgumentException($"maxTokens must be a whole number between 1 and 4096, got {maxTokens}.");
        var themes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (p.ValueKind == JsonValueKind.Object && p.TryGetProperty("heldOutThemes", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String))
                throw new ArgumentException("heldOutThemes must be an array of theme names, e.g. [\"etiquette\"].");
            foreach (var theme in list.EnumerateArray())
                themes.Add(theme.GetString()!.Trim());
        }
        return new CultureMcqParameters(mode, settings.Flag("circular") ?? false, themes, (int)maxTokens, settings.Flag("grounding") ?? true);
    }
}
