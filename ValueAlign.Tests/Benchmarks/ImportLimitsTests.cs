using System.Text;
using Microsoft.Data.Sqlite;
using Parquet.Serialization;
using ValueAlign.Core.Benchmarks.Csv;
using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Benchmarks.Importers;

namespace ValueAlign.Tests.Benchmarks;

/// <summary>
/// Bounded import work: over-long lines are refused by number without being held, an upload
/// stops at its total quota, Parquet row groups above the limit are refused, and a cancelled
/// import writes nothing and frees the database at once.
/// </summary>
public sealed class ImportLimitsTests
{
    private const string Line =
        """{"id":"ID","alignment_group":"g1","country":"Korea","language":"en","modality":"text","question":"QUESTION","options":["Kimchi","Bulgogi"],"answer":"A","image":null,"audio":null,"knowledge_points":null,"explanation":null,"theme":"food"}""";

    private static string MmaLine(int i, string? question = null) =>
        Line.Replace("\"ID\"", $"\"lim-{i}\"").Replace("QUESTION", question ?? $"Question {i}?");

    /// <summary>A stream that produces a short line, a line of <paramref name="longLineBytes"/> bytes, and another short line, without holding any of it.</summary>
    private sealed class GeneratedLinesStream(long longLineBytes) : Stream
    {
        private static readonly byte[] Head = Encoding.UTF8.GetBytes("{\"first\":1}\n{\"text\":\"");
        private static readonly byte[] Tail = Encoding.UTF8.GetBytes("\"}\n{\"third\":3}\n");
        private long _position;

        private long Length_ => Head.Length + longLineBytes + Tail.Length;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var written = 0;
            while (written < count && _position < Length_)
            {
                int n;
                if (_position < Head.Length)
                {
                    n = (int)Math.Min(count - written, Head.Length - _position);
                    Head.AsSpan((int)_position, n).CopyTo(buffer.AsSpan(offset + written));
                }
                else if (_position < Head.Length + longLineBytes)
                {
                    n = (int)Math.Min(count - written, Head.Length + longLineBytes - _position);
                    buffer.AsSpan(offset + written, n).Fill((byte)'a');
                }
                else
                {
                    var at = (int)(_position - Head.Length - longLineBytes);
                    n = Math.Min(count - written, Tail.Length - at);
                    Tail.AsSpan(at, n).CopyTo(buffer.AsSpan(offset + written));
                }
                written += n;
                _position += n;
            }
            return written;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => Length_;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void A_400_MB_line_is_refused_with_its_number_and_never_held_in_memory()
    {
        using var reader = new StrictUtf8LineReader(new GeneratedLinesStream(400L * 1024 * 1024), maxLineBytes: 1024 * 1024);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal("{\"first\":1}", reader.ReadLine());
        var error = Assert.Throws<DelimitedFormatException>(() => reader.ReadLine());
        // Reading goes on after the refused line.
        Assert.Equal("{\"third\":3}", reader.ReadLine());
        Assert.Null(reader.ReadLine());

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.Equal(2, error.Line);
        Assert.Contains("longer than 1 MB", error.Message);
        Assert.Contains("Import:MaxLineMB", error.Message);
        Assert.True(allocated < 16L * 1024 * 1024, $"reading allocated {allocated / (1024 * 1024)} MB for a 400 MB line");
    }

    [Fact]
    public async Task An_import_names_the_over_long_line_and_writes_nothing()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var path = lib.Folder.File("long-line.jsonl");
        await File.WriteAllLinesAsync(path, [MmaLine(1), MmaLine(2), MmaLine(3, new string('x', 2 * 1024 * 1024)), MmaLine(4)]);
        var imports = new ImportService(lib.Factory, ImporterRegistry.Default, lib.Presets, new ImportLimits { MaxLineMB = 1 });

        var failure = await Assert.ThrowsAsync<ImportException>(() => imports.ImportAsync(path, new ImportOptions { Format = "mma-asia" }));

        var error = Assert.Single(failure.Errors);
        Assert.Equal((3L, "long-line.jsonl"), (error.Line, error.File));
        Assert.Contains("Import:MaxLineMB", error.Message);
        Assert.Equal(0, (await lib.CountsAsync()).Items);
        // The same file imports under the default limit.
        Assert.Equal(4, (await lib.Imports.ImportAsync(path, new ImportOptions { Format = "mma-asia" })).Inserted);
    }

    [Fact]
    public async Task An_upload_stops_at_its_total_quota_and_names_the_file()
    {
        var quota = new UploadQuota(maxBytes: 3 * 1024 * 1024);
        using var first = new MemoryStream();
        await quota.CopyAsync(new GeneratedLinesStream(2 * 1024 * 1024), first, "arguments.tsv");
        using var second = new MemoryStream();

        var error = await Assert.ThrowsAsync<UploadQuotaExceededException>(() =>
            quota.CopyAsync(new GeneratedLinesStream(400L * 1024 * 1024), second, "labels.tsv"));

        Assert.Equal("labels.tsv", error.FileName);
        Assert.Contains("3 MB", error.Message);
        Assert.Contains("Import:MaxUploadMB", error.Message);
        // Nothing past the quota was read into the target.
        Assert.True(first.Length + second.Length <= quota.MaxBytes);
    }

    [Fact]
    public async Task Parquet_row_groups_above_the_limit_are_refused_before_any_is_read()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var path = lib.Folder.File("groups.parquet");
        var rows = Enumerable.Range(1, 25).Select(i => new MmaAsiaRow
        {
            Id = $"pq-{i}", AlignmentGroup = "g", Country = "Japan", Language = "en", Modality = "text", Question = $"Q{i}?", Options = ["a", "b"], Answer = "A",
        }).ToList();
        // Row groups of 10, 10 and 5 rows.
        await ParquetSerializer.SerializeAsync(rows, path, new Parquet.ParquetOptions { RowGroupSize = 10 });

        var tight = new ImportService(lib.Factory, ImporterRegistry.Default, lib.Presets, new ImportLimits { MaxParquetRowGroupRows = 8 });
        var failure = await Assert.ThrowsAsync<ImportException>(() => tight.ImportAsync(path, new ImportOptions()));
        Assert.Equal(["row group 1", "row group 2"], failure.Errors.Select(e => e.Record));
        Assert.Contains("Import:MaxParquetRowGroupRows", failure.Errors[0].Message);
        Assert.Equal(0, (await lib.CountsAsync()).Items);

        var enough = new ImportService(lib.Factory, ImporterRegistry.Default, lib.Presets, new ImportLimits { MaxParquetRowGroupRows = 10 });
        Assert.Equal(25, (await enough.ImportAsync(path, new ImportOptions())).Inserted);
    }

    /// <summary>Cancels the import at its first progress report (after 1,000 records).</summary>
    private sealed class CancelAtFirstReport(CancellationTokenSource cancel) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            if (value.RecordsRead > 0)
            {
                cancel.Cancel();
            }
        }
    }

    [Fact]
    public async Task A_cancelled_import_writes_nothing_and_releases_the_database()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var path = lib.Folder.File("many.jsonl");
        await File.WriteAllLinesAsync(path, Enumerable.Range(1, 20_000).Select(i => MmaLine(i)));
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            lib.Imports.ImportAsync(path, new ImportOptions(), new CancelAtFirstReport(cancel), cancel.Token));

        Assert.Equal(0, (await lib.CountsAsync()).Items);
        // The write lock is free at once: a writer that will not wait gets it.
        await using (var connection = new SqliteConnection(lib.Factory.ConnectionString + ";Default Timeout=1"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK;";
            await command.ExecuteNonQueryAsync();
        }
        Assert.Equal(20_000, (await lib.Imports.ImportAsync(path, new ImportOptions())).Inserted);
    }
}
