using System.Text;
using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Benchmarks;

/// <summary>Bad files give errors naming file, line or record and field, and write nothing.</summary>
public class MalformedInputTests
{
    private const string MmaLine1 = """{"id":"q1","country":"Japan","language":"en","modality":"text","question":"Q1?","options":["a","b"],"answer":"A"}""";
    private const string MmaLine2 = """{"id":"q2","country":"Japan","language":"ja","modality":"text","question":"Q2?","options":["a","b"],"answer":"B"}""";

    private static async Task<ImportException> ImportFails(LibraryDatabase lib, string path, string? format = null)
    {
        var e = await Assert.ThrowsAsync<ImportException>(() => lib.ImportAsync(path, format));
        Assert.Equal((0, 0), await lib.CountsAsync());
        return e;
    }

    [Fact]
    public async Task Truncated_json_array_names_the_file_and_line()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var path = lib.Folder.File("GRPO_cut.json");
        await File.WriteAllTextAsync(path, "[\n  {\"instruction\": \"x\", \"question\": \"q\", \"answer\": \"[罪名]盗窃<eoa>\", \"id\": \"a\"},\n  {\"instruction\": \"x\", \"question\": \"q2\", \"ans");
        var e = await ImportFails(lib, path, "legaldelta");
        var error = Assert.Single(e.Errors);
        Assert.Equal("GRPO_cut.json", error.File);
        Assert.Equal(3, error.Line);
        Assert.Contains("invalid JSON", error.Message);
    }

    [Fact]
    public async Task Missing_column_is_named()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var path = lib.Folder.File("vb.csv");
        await File.WriteAllTextAsync(path, "questionnaire,item,value\nPVQ40,x,Power\n");
        var e = await ImportFails(lib, path, "valuebench");
        var error = Assert.Single(e.Errors);
        Assert.Equal(("vb.csv", 1L, "agreement"), (error.File, error.Line!.Value, error.Field));
        Assert.Contains("vb.csv: line 1, field 'agreement'", error.ToString());
    }

    [Fact]
    public async Task Wrong_type_names_line_and_field()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var path = lib.Folder.File("mma.jsonl");
        await File.WriteAllTextAsync(path, MmaLine1 + "\n" + MmaLine2.Replace("\"options\":[\"a\",\"b\"]", "\"options\":5") + "\n");
        var e = await ImportFails(lib, path);
        var error = Assert.Single(e.Errors);
        Assert.Equal((2L, "options"), (error.Line!.Value, error.Field));
    }

    [Fact]
    public async Task Wrong_cell_value_names_line_and_column()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var path = lib.Folder.File("vb.csv");
        await File.WriteAllTextAsync(path, "questionnaire,item,value,agreement,question\nPVQ40,x,Power,1,q\nPVQ40,y,Power,yes,q\n");
        var e = await ImportFails(lib, path);
        Assert.Equal((3L, "agreement"), (e.Errors.Single().Line!.Value, e.Errors.Single().Field));
    }

    [Fact]
    public async Task Bom_and_crlf_are_accepted()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var path = lib.Folder.File("vb.csv");
        var text = "questionnaire,item,value,agreement,question\r\nPVQ40,\"Being rich, very rich\",Power,1,q\r\nPVQ40,y,Power,-1,q\r\n";
        await File.WriteAllBytesAsync(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]);
        var result = await lib.ImportAsync(path);
        Assert.Equal(("valuebench", 2L), (result.Format, result.Inserted));
        var items = await lib.ItemsAsync();
        Assert.Contains(items, i => i.Text == "Being rich, very rich");

        var jsonl = lib.Folder.File("mma.jsonl");
        await File.WriteAllBytesAsync(jsonl, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(MmaLine1 + "\r\n" + MmaLine2 + "\r\n")]);
        Assert.Equal(2, (await lib.ImportAsync(jsonl)).Inserted);
        Assert.Equal("Q2?", (await lib.ItemAsync("mma-asia", "q2")).Text);
    }

    [Fact]
    public async Task Invalid_utf8_names_the_line()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var path = lib.Folder.File("mma.jsonl");
        await File.WriteAllBytesAsync(path, [.. Encoding.UTF8.GetBytes(MmaLine1 + "\n" + MmaLine2 + "\n"), 0x7B, 0xFF, 0xFE, 0x7D, 0x0A]);
        var e = await ImportFails(lib, path);
        var error = Assert.Single(e.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("UTF-8", error.Message);
    }

    [Fact]
    public async Task Duplicate_ids_name_both_places()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var path = lib.Folder.File("mma.jsonl");
        await File.WriteAllTextAsync(path, MmaLine1 + "\n" + MmaLine2 + "\n" + MmaLine1.Replace("Q1?", "Q1 again?") + "\n");
        var e = await ImportFails(lib, path);
        var error = Assert.Single(e.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("duplicate id 'q1' (first at line 1)", error.Message);
    }

    [Fact]
    public async Task Failed_reimport_leaves_earlier_items_unchanged()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var path = lib.Folder.File("mma.jsonl");
        await File.WriteAllTextAsync(path, MmaLine1 + "\n" + MmaLine2 + "\n");
        await lib.ImportAsync(path);
        var before = await lib.ItemsAsync();

        // The first line changes and would be written before the bad third line is read.
        await File.WriteAllTextAsync(path, MmaLine1.Replace("Q1?", "Changed?") + "\n" + MmaLine2 + "\n{\"id\":\"q3\",\"country\":\"Japan\"}\n");
        var e = await Assert.ThrowsAsync<ImportException>(() => lib.ImportAsync(path));
        Assert.Contains(e.Errors, x => x.Line == 3 && x.Field == "language");
        var after = await lib.ItemsAsync();
        Assert.Equal(before.Select(i => (i.ExternalId, i.Text)), after.Select(i => (i.ExternalId, i.Text)));
    }

    [Fact]
    public async Task Dry_run_reports_counts_and_errors_without_writing()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var good = await lib.ImportAsync(SharedFolder.File("datasets", "valuebench", "value_orientation.sample.csv"), dryRun: true);
        Assert.True(good.Succeeded);
        Assert.Equal((127L, 127L, true), (good.RecordsRead, good.Inserted, good.DryRun));
        Assert.Equal((0, 0), await lib.CountsAsync());

        var path = lib.Folder.File("vb.csv");
        await File.WriteAllTextAsync(path, "questionnaire,item,value,agreement\nPVQ40,x,Power,2\n");
        var bad = await lib.ImportAsync(path, dryRun: true);
        Assert.False(bad.Succeeded);
        Assert.Equal(2, bad.Errors.Single().Line);
    }

    [Fact]
    public async Task Header_only_file_is_an_error_not_a_silent_success()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var path = lib.Folder.File("vb.csv");
        await File.WriteAllTextAsync(path, "questionnaire,item,value,agreement,question\n");
        var e = await ImportFails(lib, path);
        Assert.Contains("no items", e.Errors.Single().Message);
    }

    [Fact]
    public async Task Broken_parquet_file_is_reported_not_thrown()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var path = lib.Folder.File("broken.parquet");
        await File.WriteAllTextAsync(path, "PAR1 this is not parquet");
        var detected = await ImportFails(lib, path);
        Assert.Contains("pass --format", detected.Errors.Single().Message);
        var named = await ImportFails(lib, path, "mma-asia-parquet");
        Assert.Contains("not a readable Parquet file", named.Errors.Single().Message);
    }

    [Fact]
    public async Task Unknown_layout_asks_for_a_format()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var path = lib.Folder.File("other.csv");
        await File.WriteAllTextAsync(path, "x,y\n1,2\n");
        var e = await ImportFails(lib, path);
        Assert.Contains("pass --format", e.Errors.Single().Message);
    }
}
