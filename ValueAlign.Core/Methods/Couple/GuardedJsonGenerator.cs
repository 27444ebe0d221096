using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>
/// Runs a grammar-constrained JSON generation and checks its fields. When the output is malformed
/// (no JSON, a missing field, a digit out of range; possible with backends that ignore grammars or
/// when generation is cut short) it retries once under a stricter setting: greedy decoding, text
/// fields capped at <see cref="CoupleOptions.StrictConceptMaxLength"/> characters, and the exact
/// expected layout restated at the end of the prompt. If that fails too the error goes into the
/// step's trace and the caller gets null. Model exceptions are recorded the same way; only
/// cancellation propagates.
/// </summary>
public sealed class GuardedJsonGenerator(ILanguageModel model, CoupleOptions options)
{
    public async Task<IReadOnlyDictionary<string, JsonElement>?> GenerateAsync(
        string purpose, string prompt, IReadOnlyList<JsonField> fields, StepRecorder step, CancellationToken cancellationToken)
    {
        var first = await AttemptAsync(purpose, 1, prompt, fields, options.Generation, step, cancellationToken).ConfigureAwait(false);
        if (first.Values is not null)
        {
            return first.Values;
        }
        var strictFields = fields.Select(f => f.Type is JsonFieldType.Text t
            ? f with { Type = new JsonFieldType.Text(Math.Min(t.MaxLength, options.StrictConceptMaxLength)) }
            : f).ToArray();
        var strictPrompt = prompt + "\n(Previous answer was invalid: " + first.Error + ") Reply with exactly: " + Layout(fields) + "\n";
        var strictGeneration = options.Generation with { Temperature = 0 };
        var second = await AttemptAsync(purpose, 2, strictPrompt, strictFields, strictGeneration, step, cancellationToken).ConfigureAwait(false);
        if (second.Values is not null)
        {
            return second.Values;
        }
        step.Error($"{purpose}: malformed model output after a retry under a stricter grammar: {second.Error}");
        return null;
    }

    private async Task<(IReadOnlyDictionary<string, JsonElement>? Values, string? Error)> AttemptAsync(
        string purpose, int attempt, string prompt, IReadOnlyList<JsonField> fields, GenerationOptions generation,
        StepRecorder step, CancellationToken cancellationToken)
    {
        var grammar = JsonGrammar.ForObject(fields);
        var clock = Stopwatch.StartNew();
        var output = new StringBuilder();
        string? error;
        IReadOnlyDictionary<string, JsonElement>? values = null;
        try
        {
            var settings = generation with { Grammar = grammar, MaxTokens = MaxTokens(fields) };
            await foreach (var piece in model.CompleteAsync(prompt, settings, cancellationToken).ConfigureAwait(false))
            {
                output.Append(piece);
            }
            (values, error) = JsonSlotParser.Parse(output.ToString(), fields);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error = $"the model failed: {e.Message}";
        }
        step.Call(new ModelCall(purpose, attempt, prompt, grammar, output.ToString(), clock.Elapsed, error));
        return (values, error);
    }

    /// <summary>Enough tokens for the whole object even if every character were its own token.</summary>
    private static int MaxTokens(IReadOnlyList<JsonField> fields) =>
        4 + fields.Sum(f => f.Name.Length + 8 + f.Type switch
        {
            JsonFieldType.Text t => t.MaxLength * 2,
            _ => 2,
        });

    /// <summary>The expected layout with placeholder values, e.g. {"power": 3, "concept": "..."}.</summary>
    public static string Layout(IReadOnlyList<JsonField> fields) =>
        "{" + string.Join(", ", fields.Select(f => $"\"{f.Name}\": " + (f.Type switch
        {
            JsonFieldType.Digit d => d.Min.ToString(System.Globalization.CultureInfo.InvariantCulture),
            JsonFieldType.Integer n => n.Min.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => "\"...\"",
        }))) + "}";
}
