using System.Runtime.CompilerServices;
using System.Text.Json;
using ValueAlign.Core.Benchmarks.Export;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>
/// The library's own JSON lines (<see cref="LibraryRecord"/>, written by the JSONL and Hugging
/// Face exports): restores every field, the labels and the verification status.
/// </summary>
public sealed class LibraryJsonlImporter : IItemImporter
{
    public string Format => "valuealign-jsonl";

    public bool Detects(FileSniff file) =>
        file.Extension == ".jsonl" && file.JsonLineHas("benchmark", "external_id", "kind", "source_record");

    public async IAsyncEnumerable<ParsedItem> ReadAsync(ImportContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in JsonRecords.ReadAsync(context, cancellationToken))
        {
            LibraryRecord? row;
            try
            {
                row = record.Element.Deserialize<LibraryRecord>();
            }
            catch (JsonException e)
            {
                record.Error(e.Path?.TrimStart('$', '.'), $"wrong type: {e.Message}");
                continue;
            }
            if (row is null)
            {
                continue;
            }
            if (!Enum.TryParse<ItemKind>(row.Kind, out var kind)) record.Error("kind", $"'{row.Kind}' is not an item kind");
            if (!Enum.TryParse<Modality>(row.Modality, out var modality)) record.Error("modality", $"'{row.Modality}' is not a modality");
            if (!Enum.TryParse<VerificationStatus>(row.VerificationStatus, out var status)) record.Error("verification_status", $"'{row.VerificationStatus}' is not a verification status");
            if (string.IsNullOrEmpty(row.ExternalId)) record.Error("external_id", "required field is missing");
            if (string.IsNullOrEmpty(row.Benchmark) && string.IsNullOrEmpty(context.BenchmarkOverride)) record.Error("benchmark", "required field is missing");
            if (record.Failed)
            {
                continue;
            }
            var item = new BenchmarkItem
            {
                Benchmark = context.BenchmarkOr(row.Benchmark),
                ExternalId = row.ExternalId,
                Kind = kind,
                Text = row.Text ?? "",
                Context = row.Context,
                OptionsJson = JsonOutput.List(row.Options),
                Answer = row.Answer,
                Language = row.Language,
                Country = row.Country,
                Modality = modality,
                MediaJson = JsonOutput.List(row.Media),
                Category = row.Category,
                Explanation = row.Explanation,
                KnowledgePointsJson = JsonOutput.List(row.KnowledgePoints),
                Theme = row.Theme,
                AlignmentGroup = row.AlignmentGroup,
                VerificationStatus = status,
                SourceFormat = string.IsNullOrEmpty(row.SourceFormat) ? Format : row.SourceFormat,
                SourceRecord = string.IsNullOrEmpty(row.SourceRecord) ? record.Raw : row.SourceRecord,
                Labels = [.. (row.Labels ?? []).Select(l => new ItemLabel
                {
                    ValueSystemId = l.ValueSystem, DimensionId = l.Dimension, Value = l.Value, Target = l.Target,
                })],
            };
            yield return new ParsedItem(item, record.Line, record.Record, CarriesVerification: true);
        }
    }
}
