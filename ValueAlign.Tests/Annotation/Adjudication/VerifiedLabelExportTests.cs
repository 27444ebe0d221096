using System.Text.Json;
using Parquet.Serialization;
using ValueAlign.Core.Annotation.Adjudication;
using ValueAlign.Core.Benchmarks.Csv;
using ValueAlign.Core.Benchmarks.Export;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Annotation.Adjudication;

/// <summary>A curator's decision reaches every export format.</summary>
public class VerifiedLabelExportTests
{
    private static async Task<(AdjudicationScenario Scenario, long ItemId)> DecidedAsync()
    {
        var s = await AdjudicationScenario.CreateAsync(items: 2, overlap: 2);
        await s.LabelAsync("a", _ => AdjudicationScenario.Answers("yes"));
        await s.LabelAsync("b", id => AdjudicationScenario.Answers(id == s.Items[1] ? "no" : "yes"));
        var item = (await s.Adjudication.QueueAsync(s.Project.Id)).Items.Single();
        await s.Adjudication.DecideAsync(s.Project.Id, item.ProjectItemId, new Dictionary<string, string> { ["unanswerable"] = "no" }, "curator-7");
        return (s, item.BenchmarkItemId);
    }

    private static void AssertDecision(JsonElement verified) =>
        AssertDecision(verified, [("a", "yes"), ("b", "no")]);

    private static void AssertDecision(JsonElement verified, (string, string)[] sources)
    {
        var label = Assert.Single(verified.EnumerateArray());
        Assert.Equal("p", label.GetProperty("project").GetString());
        Assert.Equal("unanswerable", label.GetProperty("question").GetString());
        Assert.Equal("no", label.GetProperty("label").GetString());
        Assert.Equal("Adjudicated", label.GetProperty("method").GetString());
        Assert.Equal("curator-7", label.GetProperty("decided_by").GetString());
        Assert.Equal(sources, label.GetProperty("sources").EnumerateArray()
            .Select(x => (x.GetProperty("annotator").GetString()!, x.GetProperty("label").GetString()!)));
    }

    [Fact]
    public async Task Jsonl_and_hugging_face_exports_carry_the_verified_label_only_on_its_item()
    {
        var (s, itemId) = await DecidedAsync();
        await using var _ = s;
        using var folder = new TempDirectory();
        var exporter = new ItemExporter(s.Db.Factory);
        foreach (var format in new[] { ExportFormat.Jsonl, ExportFormat.HuggingFace })
        {
            var path = folder.File($"out-{format}.jsonl");
            Assert.Equal(2, await exporter.ExportAsync(new ItemFilter { Benchmark = "demo" }, format, path, LabelDisclosure.Full));
            var rows = File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            AssertDecision(rows.Single(r => r.GetProperty("external_id").GetString() == "demo-00002").GetProperty("verified_labels"));
            Assert.Equal(0, rows.Single(r => r.GetProperty("external_id").GetString() == "demo-00001").GetProperty("verified_labels").GetArrayLength());
            Assert.Equal("NeedsReview", rows.Single(r => r.GetProperty("external_id").GetString() == "demo-00002").GetProperty("verification_status").GetString());
        }
    }

    [Fact]
    public async Task Csv_and_parquet_exports_hold_the_verified_labels_as_json()
    {
        var (s, _) = await DecidedAsync();
        await using var _s = s;
        using var folder = new TempDirectory();
        var exporter = new ItemExporter(s.Db.Factory);

        var csv = folder.File("out.csv");
        await exporter.ExportAsync(new ItemFilter(), ExportFormat.Csv, csv, LabelDisclosure.Full);
        var reader = new DelimitedReader(new StringReader(await File.ReadAllTextAsync(csv)), ',');
        var header = reader.Read()!.Fields.ToList();
        var rows = new[] { reader.Read()!.Fields, reader.Read()!.Fields };
        var column = header.IndexOf("verified_labels");
        Assert.Equal("", rows[0][column]);
        AssertDecision(JsonDocument.Parse(rows[1][column]).RootElement);

        var parquet = folder.File("out.parquet");
        await exporter.ExportAsync(new ItemFilter(), ExportFormat.Parquet, parquet, LabelDisclosure.Full);
        await using var stream = File.OpenRead(parquet);
        var data = (await ParquetSerializer.DeserializeAsync<ParquetExportRow>(stream)).Data;
        AssertDecision(JsonDocument.Parse(data.Single(r => r.ExternalId == "demo-00002").VerifiedLabelsJson).RootElement);
    }

    [Theory]
    [InlineData(ExportFormat.Jsonl)]
    [InlineData(ExportFormat.HuggingFace)]
    [InlineData(ExportFormat.Csv)]
    [InlineData(ExportFormat.Parquet)]
    public async Task Exports_pseudonymise_annotators_by_default_in_every_format(ExportFormat format)
    {
        var (s, _) = await DecidedAsync();
        await using var _s = s;
        using var folder = new TempDirectory();
        var path = folder.File("out." + format);
        await new ItemExporter(s.Db.Factory).ExportAsync(new ItemFilter(), format, path);

        var expected = new[] { (LabelDisclosure.Pseudonym(s.Project.Id, "a"), "yes"), (LabelDisclosure.Pseudonym(s.Project.Id, "b"), "no") };
        Assert.Matches("^annotator-[0-9a-f]{8}$", expected[0].Item1);
        AssertDecision(JsonDocument.Parse(await VerifiedJsonOfSecondItemAsync(format, path)).RootElement, expected);
    }

    /// <summary>The verified_labels JSON of demo-00002 in an export file of any format.</summary>
    internal static async Task<string> VerifiedJsonOfSecondItemAsync(ExportFormat format, string path)
    {
        switch (format)
        {
            case ExportFormat.Parquet:
                await using (var stream = File.OpenRead(path))
                {
                    return (await ParquetSerializer.DeserializeAsync<ParquetExportRow>(stream)).Data.Single(r => r.ExternalId == "demo-00002").VerifiedLabelsJson ?? "[]";
                }
            case ExportFormat.Csv:
                var reader = new DelimitedReader(new StringReader(await File.ReadAllTextAsync(path)), ',');
                var header = reader.Read()!.Fields.ToList();
                while (reader.Read() is { } row)
                {
                    if (row.Fields[header.IndexOf("external_id")] == "demo-00002")
                    {
                        return row.Fields[header.IndexOf("verified_labels")] is { Length: > 0 } json ? json : "[]";
                    }
                }
                throw new InvalidOperationException("demo-00002 is not in the CSV export");
            default:
                return File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement)
                    .Single(r => r.GetProperty("external_id").GetString() == "demo-00002").GetProperty("verified_labels").GetRawText();
        }
    }
}
