using System.Text.Json;
using Parquet.Serialization;
using ValueAlign.Core.Benchmarks.Export;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Benchmarks;

public class ReimportAndRoundTripTests
{
    private static string Sample(params string[] parts) => SharedFolder.File(["datasets", .. parts]);

    private static readonly string[] AllSamples =
    [
        Path.Combine("touche23_valueeval", "arguments-validation.sample.tsv"),
        Path.Combine("touche23_valueeval", "arguments-validation-zhihu.sample.tsv"),
        Path.Combine("value_fulcra", "trustworthy_data.sample.jsonl"),
        Path.Combine("valuebench", "value_orientation.sample.csv"),
        Path.Combine("moralchoice", "moralchoice_low_ambiguity.csv"),
        Path.Combine("moralchoice", "moralchoice_high_ambiguity.csv"),
        Path.Combine("mova", "demo.sample.csv"),
        Path.Combine("legaldelta", "GRPO_dev.sample.json"),
        Path.Combine("legaldelta", "SFT_training.sample.json"),
    ];

    /// <summary>Everything about an item except its row ids, for comparing two libraries.</summary>
    private static string Snapshot(BenchmarkItem i) => JsonSerializer.Serialize(new
    {
        i.Benchmark, i.ExternalId, i.Kind, i.Text, i.Context, i.OptionsJson, i.Answer, i.Language, i.Country, i.Modality,
        i.MediaJson, i.Category, i.Explanation, i.KnowledgePointsJson, i.Theme, i.AlignmentGroup, i.VerificationStatus,
        i.SourceFormat, i.SourceRecord,
        Labels = i.Labels.OrderBy(l => l.Id).Select(l => new { l.ValueSystemId, l.DimensionId, l.Value, l.Target }),
    });

    private static async Task ImportEverything(LibraryDatabase lib)
    {
        foreach (var sample in AllSamples)
        {
            await lib.ImportAsync(SharedFolder.File(["datasets", sample]));
        }
        foreach (var demo in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "data", "demo")).Where(f => !Path.GetFileName(f).StartsWith("labels") && !f.EndsWith(".md")))
        {
            await lib.ImportAsync(demo);
        }
    }

    [Fact]
    public async Task Reimporting_the_same_file_updates_in_place()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var path = Sample("touche23_valueeval", "arguments-validation.sample.tsv");
        var first = await lib.ImportAsync(path);
        var before = (await lib.ItemsAsync()).ToDictionary(i => i.ExternalId, i => (i.Id, Snapshot(i)));
        var second = await lib.ImportAsync(path);
        Assert.Equal((300L, 0L), (first.Inserted, first.Updated));
        Assert.Equal((0L, 300L), (second.Inserted, second.Updated));
        Assert.Equal((300, 6000), await lib.CountsAsync());
        var after = (await lib.ItemsAsync()).ToDictionary(i => i.ExternalId, i => (i.Id, Snapshot(i)));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Reimport_replaces_labels_and_keeps_verification()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var path = lib.Folder.File("vb.csv");
        await File.WriteAllTextAsync(path, "questionnaire,item,value,agreement,question\nPVQ40,x,Power,1,q\n");
        await lib.ImportAsync(path);
        await using (var db = lib.Factory.CreateDbContext())
        {
            var item = db.BenchmarkItems.Single();
            item.VerificationStatus = VerificationStatus.Verified;
            await db.SaveChangesAsync();
        }
        await File.WriteAllTextAsync(path, "questionnaire,item,value,agreement,question\nPVQ40,x,Power,-1,q\n");
        await lib.ImportAsync(path);
        var items = await lib.ItemsAsync();
        var updated = Assert.Single(items);
        Assert.Equal(-1, Assert.Single(updated.Labels).Value);
        Assert.Equal(VerificationStatus.Verified, updated.VerificationStatus);
    }

    [Fact]
    public async Task Import_export_import_gives_identical_items()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        await ImportEverything(lib);
        await using (var db = lib.Factory.CreateDbContext())
        {
            db.BenchmarkItems.OrderBy(i => i.Id).First().VerificationStatus = VerificationStatus.Rejected;
            await db.SaveChangesAsync();
        }
        var original = (await lib.ItemsAsync()).Select(Snapshot).ToList();
        var export = lib.Folder.File("all.jsonl");
        Assert.Equal(original.Count, await lib.Exporter.ExportAsync(new ItemFilter(), ExportFormat.Jsonl, export));

        using var copy = await LibraryDatabase.CreateAsync();
        var result = await copy.ImportAsync(export);
        Assert.Equal("valuealign-jsonl", result.Format);
        var copied = (await copy.ItemsAsync()).Select(Snapshot).ToList();
        Assert.Equal(original, copied);
        Assert.Single(await copy.ItemsAsync(), i => i.VerificationStatus == VerificationStatus.Rejected);
    }

    [Fact]
    public async Task Csv_export_neutralises_formulas_and_keeps_rows_parseable()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var path = lib.Folder.File("vb.csv");
        await File.WriteAllTextAsync(path, "questionnaire,item,value,agreement,question\nPVQ40,\"=HYPERLINK(\"\"http://x\"\")\",Power,1,\"+1, yes\"\nPVQ40,@SUM(A1),-Power,-1,\"two\nlines\"\n");
        await lib.ImportAsync(path);
        var csv = lib.Folder.File("out.csv");
        Assert.Equal(2, await lib.Exporter.ExportAsync(new ItemFilter(), ExportFormat.Csv, csv));

        var text = await File.ReadAllTextAsync(csv);
        var reader = new ValueAlign.Core.Benchmarks.Csv.DelimitedReader(new StringReader(text), ',');
        var header = reader.Read()!.Fields.ToList();
        var rows = new[] { reader.Read()!.Fields, reader.Read()!.Fields };
        Assert.Null(reader.Read());
        var textColumn = header.IndexOf("text");
        var contextColumn = header.IndexOf("context");
        var themeColumn = header.IndexOf("theme");
        Assert.Equal("'=HYPERLINK(\"http://x\")", rows[0][textColumn]);
        Assert.Equal("'+1, yes", rows[0][contextColumn]);
        Assert.Equal("'@SUM(A1)", rows[1][textColumn]);
        Assert.Equal("'-Power", rows[1][themeColumn]);
        Assert.Equal("two\nlines", rows[1][contextColumn]);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+49 30", "'+49 30")]
    [InlineData("-2", "'-2")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("plain", "plain")]
    [InlineData("a=b", "a=b")]
    public void Formula_cells_get_an_apostrophe(string cell, string expected) => Assert.Equal(expected, CsvCells.Neutralise(cell));

    [Fact]
    public async Task Parquet_and_hf_exports_hold_every_filtered_item()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        await ImportEverything(lib);
        var filter = new ItemFilter { Kind = ItemKind.MoralScenario };
        var parquet = lib.Folder.File("moral.parquet");
        Assert.Equal(123, await lib.Exporter.ExportAsync(filter, ExportFormat.Parquet, parquet));
        await using (var stream = File.OpenRead(parquet))
        {
            var rows = (await ParquetSerializer.DeserializeAsync<ParquetExportRow>(stream)).Data;
            Assert.Equal(123, rows.Count);
            var c001 = rows.Single(r => r.ExternalId == "C_001");
            Assert.Equal(2, c001.Options.Count);
            Assert.Contains("\"dimension\":\"do-not-kill\"", c001.LabelsJson);
        }

        var hf = lib.Folder.File("moral.hf.jsonl");
        Assert.Equal(123, await lib.Exporter.ExportAsync(filter, ExportFormat.HuggingFace, hf));
        var lines = await File.ReadAllLinesAsync(hf);
        var keys = lines.Select(l => string.Join(",", JsonDocument.Parse(l).RootElement.EnumerateObject().Select(p => p.Name))).Distinct().ToList();
        Assert.Single(keys);
        Assert.DoesNotContain("source_record", keys[0]);
        Assert.All(lines, l => Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(l).RootElement.GetProperty("media").ValueKind));
    }
}
