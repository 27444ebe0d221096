using System.Text.Json;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Parameters;

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
/// (generation budget) and <c>grounding</c> (judge rationales in generate mode), declared in
/// <see cref="Schema"/>. Unknown keys are refused, so a typo cannot silently run the default configuration.
/// </summary>
public sealed record CultureMcqParameters(CultureMcqMode Mode, bool Circular, IReadOnlySet<string> HeldOutThemes, int MaxTokens, bool Grounding)
{
    public static readonly ParameterSchema Schema = new(CultureMcqMethod.MethodId,
    [
        MethodParameter.Choice("mode", ["likelihood", "generate"], "likelihood",
            "likelihood: score every option by its log-likelihood after the prompt (fast); generate: the model writes an answer with a rationale, the letter is extracted.") with { Preset = true },
        MethodParameter.Flag("circular", false, "One unit per rotation of the options (CircularEval): an item counts as right only when every rotation is.") with { Preset = true },
        MethodParameter.TextList("heldOutThemes", "Themes counted as unseen for the knowledge-generalisation metric, e.g. etiquette, food.") with { Preset = true },
        MethodParameter.Integer("maxTokens", 1, 4096, 96, "Generation budget of an answer in generate mode, in tokens.") with { Preset = true },
        MethodParameter.Flag("grounding", true, "In generate mode, have the judge rate whether each rationale is grounded in the question's culture.") with { Preset = true },
    ]);

    public static CultureMcqParameters From(EvalSettings settings)
    {
        Schema.Require(settings);
        var p = settings.Parameters;
        var mode = settings.String("mode") == "generate" ? CultureMcqMode.Generate : CultureMcqMode.Likelihood;
        var maxTokens = settings.Number("maxTokens") ?? 96;
        var themes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (p.ValueKind == JsonValueKind.Object && p.TryGetProperty("heldOutThemes", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var theme in list.EnumerateArray())
                themes.Add(theme.GetString()!.Trim());
        }
        return new CultureMcqParameters(mode, settings.Flag("circular") ?? false, themes, (int)maxTokens, settings.Flag("grounding") ?? true);
    }
}
