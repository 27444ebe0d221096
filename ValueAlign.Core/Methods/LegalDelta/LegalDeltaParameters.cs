using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Methods;

namespace ValueAlign.Core.Methods.LegalDelta;

/// <summary>
/// <c>legal-delta</c> run parameters: <c>maxTokens</c> of the reasoning-mode answer (default 768),
/// <c>temperature</c> (default 0, greedy) and <c>formatReward</c> (default
/// <see cref="LegalReward.DefaultFormatReward"/>).
/// </summary>
public sealed record LegalDeltaParameters(int MaxTokens, float Temperature, double FormatReward)
{
    public const string DefaultJson = """{"formatReward":1,"maxTokens":768,"temperature":0}""";

    public static LegalDeltaParameters Of(EvalSettings settings)
    {
        EvalParameters.RequireKnown(settings, "legal-delta", "maxTokens", "temperature", "formatReward");
        var maxTokens = settings.Number("maxTokens") ?? 768;
        var temperature = settings.Number("temperature") ?? 0;
        var formatReward = settings.Number("formatReward") ?? LegalReward.DefaultFormatReward;
        if (maxTokens is < 1 or > 8192 || maxTokens != Math.Floor(maxTokens))
            throw new ArgumentException("legal-delta parameter 'maxTokens' must be a whole number between 1 and 8192.");
        if (temperature is < 0 or > 2) throw new ArgumentException("legal-delta parameter 'temperature' must be between 0 and 2.");
        if (formatReward is < 0 or > 5) throw new ArgumentException("legal-delta parameter 'formatReward' must be between 0 and 5.");
        return new LegalDeltaParameters((int)maxTokens, (float)temperature, formatReward);
    }
}
