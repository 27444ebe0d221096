using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parquet;
using Parquet.Serialization;
using ValueAlign.Core.Annotation.Adjudication;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Benchmarks.Export;

/// <summary>
/// Exports the items matching a filter, in id order, reading them a chunk at a time (keyset
/// paging on the id) so memory stays flat for any library size.
/// </summary>
public sealed class ItemExporter(IDbContextFactory<ValueAlignDbContext> factory)
{
    private const int Chunk = 5000;

    private static readonly string[] CsvHeader =
    [
        "id", "benchmark", "external_id", "kind", "text", "context", "options", "answer", "language", "country", "modality",
        "media", "category", "explanation", "knowledge_points", "theme", "alignment_group", "verification_status", "labels",
        "verified_labels", "source_format", "source_record",
    ];

    public static ExportFormat ParseFormat(string name) => name.ToLowerInvariant() switch
    {
        "jsonl" => ExportFormat.Jsonl,
        "csv" => ExportFormat.Csv,
        "parquet" => ExportFormat.Parquet,
        "hf" or "huggingface" => ExportFormat.HuggingFace,
        _ => throw new ArgumentException($"unknown export format '{name}' (jsonl, csv, parquet, hf)", nameof(name)),
    };

    /// <summary>
    /// Writes the export to <paramref name="path"/>; returns the number of items. Verified labels are
    /// shown as <paramref name="disclosure"/> allows (default <see cref="LabelDisclosure.Restricted"/>:
    /// pseudonymised annotators, nothing of items still in a blind project's queue).
    /// </summary>
    public async Task<long> ExportAsync(ItemFilter filter, ExportFormat format, string path, LabelDisclosure? disclosure = null, CancellationToken cancellationToken = default)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        return await ExportAsync(filter, format, stream, disclosure, cancellationToken);
    }

    /// <summary>Writes the export to a stream (seekable read/write for Parquet).</summary>
    public async Task<long> ExportAsync(ItemFilter filter, ExportFormat format, Stream stream, LabelDisclosure? disclosure = null, CancellationToken cancellationToken = default)
    {
        disclosure ??= LabelDisclosure.Restricted;
        long count = 0;
        if (format == ExportFormat.Parquet)
        {
            var first = true;
            await foreach (var chunk in ChunksAsync(filter, disclosure, cancellationToken))
            {
                var rows = chunk.Select(ParquetExportRow.From).ToList();
                await ParquetSerializer.SerializeAsync(rows, stream, new ParquetOptions { Append = !first }, cancellationToken: cancellationToken);
                first = false;
                count += rows.Count;
            }
            if (first)
            {
                await ParquetSerializer.SerializeAsync(new List<ParquetExportRow>(), stream, cancellationToken: cancellationToken);
            }
            return count;
        }

        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        if (format == ExportFormat.Csv)
        {
            await writer.WriteAsync(string.Join(',', CsvHeader) + "\r\n");
        }
        var line = new StringBuilder();
        await foreach (var chunk in ChunksAsync(filter, disclosure, cancellationToken))
        {
            foreach (var record in chunk)
            {
                switch (format)
                {
                    case ExportFormat.Jsonl:
                        await writer.WriteAsync(JsonSerializer.Serialize(record, JsonOutput.Compact));
                        await writer.WriteAsync('\n');
                        break;
                    case ExportFormat.HuggingFace:
                        await writer.WriteAsync(JsonSerializer.Serialize(HfRecord.From(record), JsonOutput.Compact));
                        await writer.WriteAsync('\n');
                        break;
                    default:
                        line.Clear();
                        AppendCsv(line, record);
                        await writer.WriteAsync(line.Append("\r\n").ToString());
                        break;
                }
                count++;
            }
        }
        return count;
    }

    private static void AppendCsv(StringBuilder line, LibraryRecord r)
    {
        string? List(List<string> values) => values.Count == 0 ? null : JsonSerializer.Serialize(values, JsonOutput.Compact);
        string?[] cells =
        [
            r.Id, r.Benchmark, r.ExternalId, r.Kind, r.Text, r.Context, List(r.Options), r.Answer, r.Language, r.Country, r.Modality,
            List(r.Media), r.Category, r.Explanation, List(r.KnowledgePoints), r.Theme, r.AlignmentGroup, r.VerificationStatus,
            JsonSerializer.Serialize(r.Labels, JsonOutput.Compact),
            r.VerifiedLabels.Count == 0 ? null : JsonSerializer.Serialize(r.VerifiedLabels, JsonOutput.Compact), r.SourceFormat, r.SourceRecord,
        ];
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) line.Append(',');
            CsvCells.Append(line, cells[i]);
        }
    }

    private async IAsyncEnumerable<List<LibraryRecord>> ChunksAsync(ItemFilter filter, LabelDisclosure disclosure, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await SqliteReadTuning.ApplyAsync(db, cancellationToken);
        var query = BenchmarkQuery.Filtered(db, filter);
        long last = 0;
        while (true)
        {
            var after = last;
            var chunk = await query.Where(i => i.Id > after).OrderBy(i => i.Id).Take(Chunk).ToListAsync(cancellationToken);
            if (chunk.Count == 0)
            {
                yield break;
            }
            var first = chunk[0].Id;
            last = chunk[^1].Id;
            var labels = await db.ItemLabels.AsNoTracking().Where(l => l.ItemId >= first && l.ItemId <= last)
                .OrderBy(l => l.Id).ToListAsync(cancellationToken);
            var byItem = labels.ToLookup(l => l.ItemId);
            foreach (var item in chunk)
            {
                item.Labels = [.. byItem[item.Id]];
            }
            var verified = (await VerifiedLabelStore.LoadAsync(
                    db, db.VerifiedLabels.Where(l => l.BenchmarkItemId >= first && l.BenchmarkItemId <= last), disclosure, cancellationToken))
                .ToLookup(v => v.BenchmarkItemId);
            yield return [.. chunk.Select(i => LibraryRecord.From(i, verified[i.Id].Select(LibraryVerifiedLabel.From)))];
        }
    }
}
