using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Parameters;

namespace ValueAlign.Core.Methods.Honesty;

/// <summary>Parameters of the <c>honesty</c> method: <c>maxTokens</c> of the answer. Unknown keys are refused.</summary>
public sealed record HonestyParameters(int MaxTokens)
{
    public static readonly ParameterSchema Schema = new(HonestyMethod.MethodId,
    [
        MethodParameter.Integer("maxTokens", 1, 4096, 160, "Longest answer the model may give to each question, in tokens.") with { Preset = true },
    ]);

    public static HonestyParameters From(EvalSettings settings)
    {
        Schema.Require(settings);
        return new HonestyParameters((int)(settings.Number("maxTokens") ?? 160));
    }
}
