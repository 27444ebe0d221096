using System.Diagnostics;
using System.Text;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Methods.Structured;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>
/// Free-text generation recorded as a model call; an empty output or a model failure becomes a step
/// error and null. Images, when given, go before the prompt (only a model that sees images takes them).
/// </summary>
public static class TextGeneration
{
    public static async Task<string?> GenerateAsync(
        ILanguageModel model, string purpose, string prompt, GenerationOptions generation, StepRecorder step, CancellationToken cancellationToken,
        IReadOnlyList<ImageInput>? images = null)
    {
        var clock = Stopwatch.StartNew();
        var output = new StringBuilder();
        string? error = null;
        step.CallStarted(purpose, 1);
        try
        {
            await foreach (var piece in model.CompleteAsync(prompt, images ?? [], generation, cancellationToken).ConfigureAwait(false))
            {
                output.Append(piece);
                step.Streamed(purpose, 1, piece);
            }
            if (output.ToString().Trim().Length == 0)
            {
                error = $"{purpose}: the model produced no text.";
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error = $"{purpose}: the model failed: {e.Message}";
        }
        step.Call(new ModelCall(purpose, 1, prompt, null, output.ToString(), clock.Elapsed, error));
        if (error is not null)
        {
            step.Error(error);
            return null;
        }
        return output.ToString().Trim();
    }
}
