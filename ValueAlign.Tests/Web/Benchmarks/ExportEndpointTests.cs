using System.Net;
using System.Text.Json;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Benchmarks.Csv;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Web.Benchmarks;

/// <summary><c>GET /benchmarks/export</c> over real HTTP against the seeded demo library.</summary>
public sealed class ExportEndpointTests(LibraryServerFixture fixture) : IClassFixture<LibraryServerFixture>
{
    [Fact]
    public async Task Jsonl_export_holds_exactly_the_filtered_items()
    {
        var (client, _) = await fixture.SignedInAsync(Roles.Viewer);
        using var _c = client;
        var response = await client.GetAsync("/benchmarks/export?format=jsonl&country=Japan&modality=Image");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".jsonl", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));

        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var expected = await fixture.Query().PageAsync(new ItemPageRequest(
            new ItemFilter { Country = "Japan", Modality = Core.Benchmarks.Model.Modality.Image }, Take: 1000));
        Assert.True(expected.Total >= 2, "the demo data has Japanese image items");
        Assert.Equal(expected.Total, lines.Length);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.Equal("Japan", json.RootElement.GetProperty("country").GetString());
            Assert.Equal("image", json.RootElement.GetProperty("modality").GetString()!.ToLowerInvariant());
        }
        Assert.Contains(lines, l => l.Contains("\"demo-jp-001-ja-image\""));
    }

    [Fact]
    public async Task Csv_export_neutralises_formula_cells_and_applies_the_filter()
    {
        using var temp = new TempDirectory();
        var file = temp.File("formulas.jsonl");
        await File.WriteAllTextAsync(file,
            """{"id":"f1","alignment_group":null,"country":"Formulaland","language":"en","modality":"text","question":"=HYPERLINK(\"http://x\",\"click\")","options":["+1","-1","@SUM(A1)"],"answer":"A","image":null,"audio":null,"knowledge_points":null,"explanation":"=1+1","theme":null}""" + "\n");
        var imported = await fixture.ImportAsync(file, "mma-asia", "formula-check");
        Assert.Equal(1, imported.Inserted);

        var (client, _) = await fixture.SignedInAsync(Roles.Annotator);
        using var _c = client;
        var response = await client.GetAsync("/benchmarks/export?format=csv&benchmark=formula-check");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("formula-check-", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));

        var reader = new DelimitedReader(new StringReader(await response.Content.ReadAsStringAsync()), ',');
        var header = reader.Read()!.Fields.ToList();
        var rows = new List<IReadOnlyList<string>>();
        while (reader.Read() is { } row) rows.Add(row.Fields);
        var only = Assert.Single(rows);
        Assert.Equal("formula-check", only[header.IndexOf("benchmark")]);
        Assert.Equal("'=HYPERLINK(\"http://x\",\"click\")", only[header.IndexOf("text")]);
        Assert.Equal("'=1+1", only[header.IndexOf("explanation")]);
    }

    [Fact]
    public async Task Parquet_and_hf_exports_have_their_content_types()
    {
        var (client, _) = await fixture.SignedInAsync(Roles.Viewer);
        using var _c = client;
        var parquet = await client.GetAsync("/benchmarks/export?format=parquet&country=Japan");
        Assert.Equal(HttpStatusCode.OK, parquet.StatusCode);
        Assert.Equal("application/vnd.apache.parquet", parquet.Content.Headers.ContentType!.MediaType);
        var bytes = await parquet.Content.ReadAsByteArrayAsync();
        Assert.Equal("PAR1"u8.ToArray(), bytes[..4]);
        Assert.Equal("PAR1"u8.ToArray(), bytes[^4..]);

        var hf = await client.GetAsync("/benchmarks/export?format=hf&group=demo-jp-001");
        Assert.Equal(HttpStatusCode.OK, hf.StatusCode);
        Assert.EndsWith(".hf.jsonl", hf.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        var lines = (await hf.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public async Task Unknown_format_is_a_bad_request()
    {
        var (client, _) = await fixture.SignedInAsync(Roles.Viewer);
        using var _c = client;
        var response = await client.GetAsync("/benchmarks/export?format=xlsx");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("unknown export format 'xlsx'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Anonymous_export_redirects_to_sign_in()
    {
        using var client = fixture.Server.CreateClient();
        var response = await client.GetAsync("/benchmarks/export?format=csv");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
    }
}
