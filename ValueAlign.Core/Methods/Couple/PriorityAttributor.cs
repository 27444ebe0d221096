using System.Globalization;
using System.Text.Json;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Values;
using ValueAlign.Core.Methods.Structured;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>
/// The judge: rates every dimension of a system for (question, response) in one prompt, generated as
/// one JSON object under a grammar with a digit 1..5 per dimension in the system's order, then
/// reads the digit distribution at each slot (<see cref="DigitSlotReader"/>) for expectation and argmax.
/// </summary>
public sealed class PriorityAttributor(ILanguageModel model, CoupleOptions options)
{
    private readonly GuardedJsonGenerator generator = GuardedJsonSteps.For(model, options);
    private readonly DigitSlotReader reader = new(model);
    private readonly CouplePrompts prompts = new(options);

    /// <returns>The profile, or null when the output stayed malformed after the retry (the error is in <paramref name="step"/>).</returns>
    public async Task<AttributedProfile?> AttributeAsync(
        ValueSystem system, string question, string response, StepRecorder step, CancellationToken cancellationToken)
    {
        var fields = system.Dimensions.Select(d => new JsonField(d.Id, JsonFieldType.Rating1To5)).ToArray();
        var prompt = prompts.Rating(system, question, response);
        var values = await generator.GenerateAsync("rating", prompt, fields, step, cancellationToken).ConfigureAwait(false);
        if (values is null)
        {
            return null;
        }
        var digits = fields.Select(f => values[f.Name].GetInt32()).ToArray();
        // The grammar's exact layout: what a grammar-following model generated, rebuilt so slot offsets are known.
        var (json, slots) = CanonicalJson(fields, digits);
        IReadOnlyList<(IReadOnlyList<double>? LogProbs, string? Error)> read;
        try
        {
            read = await reader.ReadAsync(prompt, json, slots, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            read = fields.Select(_ => ((IReadOnlyList<double>?)null, (string?)$"reading the digit distribution failed: {e.Message}")).ToArray();
        }
        var ratings = new DimensionRating[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            if (read[i].LogProbs is { } logProbs)
            {
                ratings[i] = DimensionRating.FromLogProbs(fields[i].Name, digits[i], logProbs);
            }
            else
            {
                step.Error($"rating of {fields[i].Name}: {read[i].Error} Using the generated digit {digits[i]}.");
                ratings[i] = DimensionRating.FromDigitOnly(fields[i].Name, digits[i]);
            }
        }
        return new AttributedProfile(ratings);
    }

    /// <summary>The object as <see cref="JsonGrammar.ForObject(JsonField[])"/> lays it out, with the character index of each digit.</summary>
    public static (string Json, IReadOnlyList<int> Slots) CanonicalJson(IReadOnlyList<JsonField> fields, IReadOnlyList<int> digits)
    {
        var text = new System.Text.StringBuilder("{");
        var slots = new int[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append('"').Append(fields[i].Name).Append("\": ");
            slots[i] = text.Length;
            text.Append(digits[i].ToString(CultureInfo.InvariantCulture));
        }
        return (text.Append('}').ToString(), slots);
    }

    /// <summary>Observed value concepts: one grammar-constrained phrase slot per dimension ("" = none). Null after a failed retry.</summary>
    public async Task<IReadOnlyList<ValueConcept>?> ExtractConceptsAsync(
        ValueSystem system, string question, string response, StepRecorder step, CancellationToken cancellationToken)
    {
        var fields = system.Dimensions.Select(d => new JsonField(d.Id, new JsonFieldType.Text(options.ConceptMaxLength))).ToArray();
        var values = await generator.GenerateAsync("concepts", prompts.Concepts(system, question, response), fields, step, cancellationToken).ConfigureAwait(false);
        return values?.Select(v => new ValueConcept(v.Key, v.Value.GetString()!.Trim()))
            .Where(c => c.Phrase.Length > 0)
            .OrderBy(c => fields.Select(f => f.Name).ToList().IndexOf(c.DimensionId))
            .ToArray();
    }
}
