using System.Text.Json;
using ValueAlign.Core.Benchmarks.Media;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Evaluation;

/// <summary>Method parameters (canonical JSON object), seed, and whether media is withheld from the model.</summary>
public sealed record EvalSettings(JsonElement Parameters, int Seed, bool TextOnly)
{
    public string? String(string name) =>
        Parameters.ValueKind == JsonValueKind.Object && Parameters.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public double? Number(string name) =>
        Parameters.ValueKind == JsonValueKind.Object && Parameters.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    public bool? Flag(string name) =>
        Parameters.ValueKind == JsonValueKind.Object && Parameters.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;
}

/// <summary>One unit of work: an item, and a key telling several units of the same item apart (<c>rot1</c>, ...).</summary>
public sealed record EvalUnit(BenchmarkItem Item, string UnitKey = "", string? Payload = null);

/// <summary>
/// What a unit runs with. The judge is the same loaded model unless a separate judge is given:
/// the workbench hosts one model at a time, so self-judging is the default and is recorded.
/// </summary>
public sealed record EvalContext(ILanguageModel Model, EvalSettings Settings, string ModelName)
{
    public ILanguageModel Judge { get; init; } = Model;

    /// <summary>The run the unit belongs to (0 outside a stored run): lets a method that builds on its earlier units (an optimiser's rounds) read them; a method with a live view keys its progress by it.</summary>
    public long RunId { get; init; }

    /// <summary>Reads items' images for the model; set when the run shows images (not text-only).</summary>
    public ItemImages? Images { get; init; }

    /// <summary>
    /// The images to show the model with <paramref name="item"/>: none on a text-only run or for an
    /// item without images, else every image of the item (an image that cannot be read is an error).
    /// </summary>
    public async Task<IReadOnlyList<ImageInput>> ImagesOfAsync(BenchmarkItem item, CancellationToken cancellationToken)
    {
        if (Settings.TextOnly || !ItemImages.HasImages(item))
            return [];
        if (Images is null)
            throw new InvalidOperationException($"Item {item.ExternalId} has images and the run shows them, but no media folder was given to read them from.");
        return await Images.LoadAsync(item, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>A unit's stored outcome: prompt, raw output, parsed answer, named scores, correctness, error.</summary>
public sealed record EvalUnitOutcome(
    string Prompt,
    string RawOutput,
    string? ParsedAnswer,
    IReadOnlyDictionary<string, double> Scores,
    bool? Correct = null,
    string? Error = null)
{
    /// <summary>Labels a judge gave for label-schema questions (stored as JudgeLabels for the agreement page).</summary>
    public IReadOnlyList<JudgeVerdict> JudgeVerdicts { get; init; } = [];
}

public sealed record JudgeVerdict(string QuestionKey, string Label);

/// <summary>Everything a method needs to build its report.</summary>
public sealed record EvalSummaryInput(EvalRun Run, IReadOnlyList<EvalItemResult> Results, IReadOnlyDictionary<long, BenchmarkItem> Items);
