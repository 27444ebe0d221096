using System.Text.Json;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Methods.Structured;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>COUPLE's use of <see cref="GuardedJsonGenerator"/>: every attempt goes into the step's trace, a failed retry becomes a step error and null.</summary>
internal static class GuardedJsonSteps
{
    public static GuardedJsonGenerator For(ILanguageModel model, CoupleOptions options) =>
        new(model, options.Generation, options.StrictConceptMaxLength);

    public static async Task<IReadOnlyDictionary<string, JsonElement>?> GenerateAsync(
        this GuardedJsonGenerator generator, string purpose, string prompt, IReadOnlyList<JsonField> fields, StepRecorder step, CancellationToken cancellationToken)
    {
        var result = await generator.GenerateAsync(purpose, prompt, fields, cancellationToken,
            observe: (attempt, piece) =>
            {
                if (piece is null)
                    step.CallStarted(purpose, attempt);
                else
                    step.Streamed(purpose, attempt, piece);
            }).ConfigureAwait(false);
        foreach (var call in result.Calls)
        {
            step.Call(call);
        }
        if (result.Error is not null)
        {
            step.Error(result.Error);
        }
        return result.Values;
    }
}
