using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Methods.Structured;

/// <summary>
/// Runs a grammar-constrained JSON generation and checks its fields. When the output is malformed
/// (no JSON, a missing field, a digit out of range, a value the caller's check rejects; possible
/// with backends that ignore grammars or when generation is cut short) it retries once under a
/// stricter setting: greedy decoding, text fields capped at <c>strictTextMaxLength</c> characters,
/// and the exact expected layout restated at the end of the prompt. If that fails too the result
/// carries the error and no values. Model exceptions are recorded the same way; only cancellation
/// propagates. Every attempt is returned as a <see cref="ModelCall"/>.
/// </summary>
public sealed class GuardedJsonGenerator(ILanguageModel model, GenerationOptions generation, int strictTextMaxLength)
{
    /// <param name="grammar">Builds the grammar for the fields (default <see cref="JsonGrammar.ForObject(IReadOnlyList{JsonField})"/>),
    /// for layouts the object grammar cannot say, such as a permutation.</param>
    /// <param name="check">Extra validation of parsed values; returns an error message or null.</param>
    /// <param name="observe">Live view for streaming UIs: called with (attempt, null) when an attempt starts
    /// and (attempt, piece) for every generated piece.</param>
    public async Task<GuardedJsonResult> GenerateAsync(
        string purpose, string prompt, IReadOnlyList<JsonField> fields, CancellationToken cancellationToken,
        Func<IReadOnlyList<JsonField>, string>? grammar = null,
        Func<IReadOnlyDictionary<string, JsonElement>, string?>? check = null,
        Action<int, string?>? observe = null)
    {
        // The default object grammar has a JSON-schema twin for servers that take schemas instead.
        Func<IReadOnlyList<JsonField>, string?> schema = grammar is null ? f => JsonSchemaFields.ToSchema(f).ToJsonString() : _ => null;
        grammar ??= JsonGrammar.ForObject;
        var calls = new List<ModelCall>(2);
        var first = await AttemptAsync(purpose, 1, prompt, fields, generation, grammar, schema, check, observe, cancellationToken).ConfigureAwait(false);
        calls.Add(first.Call);
        if (first.Values is not null)
        {
            return new GuardedJsonResult(first.Values, prompt, first.Call.RawOutput, null, calls);
        }
        var strictFields = fields.Select(f => f.Type is JsonFieldType.Text t
            ? f with { Type = new JsonFieldType.Text(Math.Min(t.MaxLength, strictTextMaxLength)) }
            : f).ToArray();
        var strictPrompt = prompt + "\n(Previous answer was invalid: " + first.Call.Error + ") Reply with exactly: " + Layout(fields) + "\n";
        var second = await AttemptAsync(purpose, 2, strictPrompt, strictFields, generation with { Temperature = 0 }, grammar, schema, check, observe, cancellationToken).ConfigureAwait(false);
        calls.Add(second.Call);
        return second.Values is not null
            ? new GuardedJsonResult(second.Values, strictPrompt, second.Call.RawOutput, null, calls)
            : new GuardedJsonResult(null, strictPrompt, second.Call.RawOutput,
                $"{purpose}: malformed model output after a retry under a stricter grammar: {second.Call.Error}", calls);
    }

    private async Task<(IReadOnlyDictionary<string, JsonElement>? Values, ModelCall Call)> AttemptAsync(
        string purpose, int attempt, string prompt, IReadOnlyList<JsonField> fields, GenerationOptions settings,
        Func<IReadOnlyList<JsonField>, string> grammar, Func<IReadOnlyList<JsonField>, string?> schema, Func<IReadOnlyDictionary<string, JsonElement>, string?>? check,
        Action<int, string?>? observe, CancellationToken cancellationToken)
    {
        var rules = grammar(fields);
        var clock = Stopwatch.StartNew();
        var output = new StringBuilder();
        string? error;
        IReadOnlyDictionary<string, JsonElement>? values = null;
        observe?.Invoke(attempt, null);
        try
        {
            await foreach (var piece in model.CompleteAsync(prompt, settings with { Grammar = rules, JsonSchema = schema(fields), MaxTokens = MaxTokens(fields) }, cancellationToken).ConfigureAwait(false))
            {
                output.Append(piece);
                observe?.Invoke(attempt, piece);
            }
            (values, error) = JsonSlotParser.Parse(output.ToString(), fields);
            if (values is not null && check?.Invoke(values) is { } rejected)
            {
                (values, error) = (null, rejected);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error = $"the model failed: {e.Message}";
        }
        return (values, new ModelCall(purpose, attempt, prompt, rules, output.ToString(), clock.Elapsed, error));
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

/// <summary>
/// The outcome of a guarded generation: the parsed values (null after a failed retry), the prompt
/// and raw output of the last attempt (the pair to re-read slots on), the error, and every call.
/// </summary>
public sealed record GuardedJsonResult(
    IReadOnlyDictionary<string, JsonElement>? Values,
    string Prompt,
    string RawOutput,
    string? Error,
    IReadOnlyList<ModelCall> Calls);
