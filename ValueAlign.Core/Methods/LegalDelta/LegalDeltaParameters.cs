using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Parameters;

namespace ValueAlign.Core.Methods.LegalDelta;

/// <summary>
/// <c>legal-delta</c> run parameters: <c>maxTokens</c> of the reasoning-mode answer (default 768),
/// <c>temperature</c> (default 0, greedy) and <c>formatReward</c> (default
/// <see cref="LegalReward.DefaultFormatReward"/>).
/// </summary>
public sealed record LegalDeltaParameters(int MaxTokens, float Temperature, double FormatReward)
{
    public static readonly ParameterSchema Schema = new(LegalDeltaMethod.MethodId,
    [
        MethodParameter.Number("formatReward", 0, 5, LegalReward.DefaultFormatReward, "Reward for an answer in the expected format, added to the task score.") with { Preset = true },
        MethodParameter.Integer("maxTokens", 1, 8192, 768, "Longest reasoning-mode answer, in tokens.") with { Preset = true },
        MethodParameter.Number("temperature", 0, 2, 0, "Sampling temperature of the answers; 0 is greedy.") with { Preset = true },
    ]);

    public static LegalDeltaParameters Of(EvalSettings settings)
    {
        Schema.Require(settings);
        return new LegalDeltaParameters(
            (int)(settings.Number("maxTokens") ?? 768),
            (float)(settings.Number("temperature") ?? 0),
            settings.Number("formatReward") ?? LegalReward.DefaultFormatReward);
    }
}
