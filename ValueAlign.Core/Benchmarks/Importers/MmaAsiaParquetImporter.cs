using System.Runtime.CompilerServices;
using System.Text.Json;
using Parquet;
using Parquet.Serialization;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>
/// MMA-ASIA items as Parquet (schema in <c>docs/formats/mma-asia.md</c>), read one row group at a
/// time, each within <see cref="Import.ImportLimits.MaxParquetRowGroupRows"/>. The source record of a row is its JSON form.
/// </summary>
public sealed class MmaAsiaParquetImporter : IItemImporter
{
    private static readonly string[] Columns = ["id", "country", "language", "modality", "question"];

    public string Format => "mma-asia-parquet";

    public bool Detects(FileSniff file)
    {
        if (file.Extension != ".parquet")
        {
            return false;
        }
        try
        {
            using var stream = File.OpenRead(file.Path);
            var schema = ParquetReader.ReadSchemaAsync(stream).GetAwaiter().GetResult();
            var names = schema.GetDataFields().Select(f => f.Name).ToHashSet();
            return Columns.All(names.Contains);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return false; // not readable as Parquet: detection says "unknown format" instead of crashing
        }
    }

    public async IAsyncEnumerable<ParsedItem> ReadAsync(ImportContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = context.Open();
        int groups;
        try
        {
            await using var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: cancellationToken);
            var names = reader.Schema.GetDataFields().Select(f => f.Name).ToHashSet();
            foreach (var missing in Columns.Where(c => !names.Contains(c)))
            {
                context.Error(null, null, missing, "required column is missing from the Parquet schema");
            }
            groups = reader.RowGroupCount;
            ParquetRowGroupLimit.Check(reader, context);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or InvalidOperationException)
        {
            context.Error(null, null, null, $"not a readable Parquet file: {e.Message}");
            yield break;
        }
        if (context.ErrorCount > 0)
        {
            yield break;
        }
        var index = 0;
        for (var group = 0; group < groups; group++)
        {
            stream.Position = 0;
            var rows = await ParquetSerializer.DeserializeAsync<MmaAsiaRow>(stream, rowGroupIndex: group, cancellationToken: cancellationToken);
            foreach (var row in rows.Data)
            {
                index++;
                var record = $"#{index}";
                var item = row.ToItem(
                    context.BenchmarkOr("mma-asia"), Format, JsonSerializer.Serialize(row, JsonOutput.Compact),
                    (field, message) => context.Error(null, record, field, message));
                if (item is not null)
                {
                    yield return new ParsedItem(item, null, record);
                }
            }
        }
    }
}
