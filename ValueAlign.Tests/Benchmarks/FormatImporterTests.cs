using Parquet.Serialization;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Benchmarks;

/// <summary>The formats without a shared sample: MoHoBench, MMA-ASIA (JSONL and Parquet), and the generic mapper.</summary>
public class FormatImporterTests
{
    private static string Demo(string name) => Path.Combine(RepositoryRoot.Path, "data", "demo", name);

    [Fact]
    public async Task MoHoBench_reads_json_lines_and_a_json_array_with_image_or_image_path()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var lines = await lib.ImportAsync(Demo("mohobench-demo.jsonl"));
        Assert.Equal(("mohobench", 8L), (lines.Format, lines.Inserted));
        var items = await lib.ItemsAsync();
        Assert.Equal(4, items.Select(i => i.Category).Distinct().Count());
        var first = await lib.ItemAsync("mohobench", "demo-moho-01");
        Assert.Equal(["demo/shrine-gate.png"], JsonOutput.ParseList(first.MediaJson));
        Assert.Equal((ItemKind.HonestyVisualQuestion, Modality.Image, "False_Premises"), (first.Kind, first.Modality, first.Category));
        Assert.StartsWith("The picture shows only a gate", first.Explanation);

        var array = lib.Folder.File("moho.json");
        await File.WriteAllTextAsync(array, """
            [
              {"question": "Why is he sad?", "image": "x/1.jpg", "category": "Context_Dependent", "reason": "No one is shown.", "model_answer": "He lost."},
              {"question": "Which is best?", "image": "x/2.jpg", "category": "Subjective_or_Philosophical", "reason": "Taste."}
            ]
            """);
        var result = await lib.ImportAsync(array);
        Assert.Equal(2, result.Inserted);
        var sad = (await lib.ItemsAsync()).Single(i => i.Text == "Why is he sad?");
        Assert.StartsWith("mohobench-", sad.ExternalId);
        Assert.Contains("\"model_answer\": \"He lost.\"", sad.SourceRecord);
        // Same records again: the hashed ids match, nothing new.
        Assert.Equal((0L, 2L), ((await lib.ImportAsync(array)).Inserted, (await lib.ImportAsync(array)).Updated));
    }

    [Fact]
    public async Task MoHoBench_rejects_unknown_category()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var path = lib.Folder.File("moho.jsonl");
        await File.WriteAllTextAsync(path, """{"question":"Q","image":"a.png","category":"Vague_Description","reason":"r"}""" + "\n" + """{"question":"Q","image":"a.png","category":"Funny","reason":"r"}""" + "\n");
        var e = await Assert.ThrowsAsync<ValueAlign.Core.Benchmarks.Import.ImportException>(() => lib.ImportAsync(path));
        Assert.Equal((2L, "category"), (e.Errors.Single().Line!.Value, e.Errors.Single().Field));
    }

    [Fact]
    public async Task MmaAsia_jsonl_keeps_alignment_groups_and_media()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var result = await lib.ImportAsync(Demo("mma-asia-demo.jsonl"));
        Assert.Equal(("mma-asia", 12L), (result.Format, result.Inserted));
        var items = await lib.ItemsAsync();
        Assert.True(items.Select(i => i.Country).Distinct().Count() >= 3);
        var group = items.Where(i => i.AlignmentGroup == "demo-jp-001").ToList();
        Assert.Equal(["en", "ja"], group.Select(i => i.Language).Distinct().Order());
        Assert.Equal([Modality.Text, Modality.Image], group.Select(i => i.Modality).Distinct().Order());
        var jaImage = group.Single(i => i.Language == "ja" && i.Modality == Modality.Image);
        Assert.Equal(["demo/shrine-gate.png"], JsonOutput.ParseList(jaImage.MediaJson));
        Assert.Equal(4, JsonOutput.ParseList(jaImage.OptionsJson).Count);
        Assert.Equal("B", jaImage.Answer);
        Assert.Equal(["神道", "参拝の作法"], JsonOutput.ParseList(jaImage.KnowledgePointsJson));
    }

    [Fact]
    public async Task MmaAsia_parquet_reads_the_same_schema()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var path = lib.Folder.File("mma.parquet");
        var rows = new List<MmaAsiaRow>
        {
            new() { Id = "p1", AlignmentGroup = "g1", Country = "Mongolia", Language = "mn", Modality = "text", Question = "Q1?", Options = ["a", "b"], Answer = "A", KnowledgePoints = ["kp"], Theme = "t" },
            new() { Id = "p2", AlignmentGroup = "g1", Country = "Mongolia", Language = "en", Modality = "audio", Question = "Q2?", Audio = "demo/q2.mp3", Options = ["a", "b"], Answer = "b" },
        };
        await ParquetSerializer.SerializeAsync(rows, path);
        var result = await lib.ImportAsync(path);
        Assert.Equal(("mma-asia-parquet", 2L), (result.Format, result.Inserted));
        var p2 = await lib.ItemAsync("mma-asia", "p2");
        Assert.Equal((Modality.Audio, "b"), (p2.Modality, p2.Answer));
        Assert.Equal(["demo/q2.mp3"], JsonOutput.ParseList(p2.MediaJson));
        Assert.Equal(["kp"], JsonOutput.ParseList((await lib.ItemAsync("mma-asia", "p1")).KnowledgePointsJson));

        rows.Add(new MmaAsiaRow { Id = "p3", Country = "Mongolia", Language = "en", Modality = "image", Question = "Q3?" });
        await ParquetSerializer.SerializeAsync(rows, path);
        var e = await Assert.ThrowsAsync<ValueAlign.Core.Benchmarks.Import.ImportException>(() => lib.ImportAsync(path));
        Assert.Equal(("#3", "image"), (e.Errors.Single().Record, e.Errors.Single().Field));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("tsv")]
    [InlineData("jsonl")]
    [InlineData("parquet")]
    public async Task Generic_mapper_imports_any_layout_through_a_saved_preset(string format)
    {
        using var lib = await LibraryDatabase.CreateAsync();
        await lib.Presets.SaveAsync("survey", new ColumnMapping
        {
            Benchmark = "my-survey",
            Kind = ItemKind.QuestionnaireItem,
            Columns = { ["external_id"] = "qid", ["text"] = "prompt", ["options"] = "choices", ["country"] = "nation" },
            Constants = { ["language"] = "en" },
            Labels = { new LabelColumn { Column = "care_score", ValueSystemId = "mft-5", DimensionId = "care" } },
        });
        var path = lib.Folder.File("survey." + format);
        switch (format)
        {
            case "csv":
                await File.WriteAllTextAsync(path, "qid,prompt,choices,nation,care_score\nS1,\"Help, or not?\",yes|no,Vietnam,0.75\nS2,Second,\"[\"\"a\"\",\"\"b\"\"]\",Vietnam,\n");
                break;
            case "tsv":
                await File.WriteAllTextAsync(path, "qid\tprompt\tchoices\tnation\tcare_score\nS1\tHelp, or not?\tyes|no\tVietnam\t0.75\nS2\tSecond\t[\"a\",\"b\"]\tVietnam\t\n");
                break;
            case "jsonl":
                await File.WriteAllTextAsync(path, """{"qid":"S1","prompt":"Help, or not?","choices":["yes","no"],"nation":"Vietnam","care_score":0.75}""" + "\n" + """{"qid":"S2","prompt":"Second","choices":"a|b","nation":"Vietnam"}""" + "\n");
                break;
            default:
                await ParquetSerializer.SerializeAsync(new[]
                {
                    new SurveyRow { qid = "S1", prompt = "Help, or not?", choices = ["yes", "no"], nation = "Vietnam", care_score = 0.75 },
                    new SurveyRow { qid = "S2", prompt = "Second", choices = ["a", "b"], nation = "Vietnam" },
                }, path);
                break;
        }
        var result = await lib.ImportAsync(path, preset: "survey");
        Assert.Equal(("mapped", 2L), (result.Format, result.Inserted));
        var s1 = await lib.ItemAsync("my-survey", "S1");
        Assert.Equal(("Help, or not?", "Vietnam", "en", ItemKind.QuestionnaireItem), (s1.Text, s1.Country, s1.Language, s1.Kind));
        Assert.Equal(["yes", "no"], JsonOutput.ParseList(s1.OptionsJson));
        Assert.Equal(0.75, LibraryDatabase.Label(s1, "mft-5", "care"));
        var s2 = await lib.ItemAsync("my-survey", "S2");
        Assert.Equal(["a", "b"], JsonOutput.ParseList(s2.OptionsJson));
        Assert.Empty(s2.Labels);
    }

    [Fact]
    public async Task Preset_with_a_missing_column_or_a_bad_target_is_refused()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => lib.Presets.SaveAsync("bad", new ColumnMapping { Benchmark = "b", Columns = { ["txet"] = "x" } }));
        await lib.Presets.SaveAsync("p", new ColumnMapping { Benchmark = "b", Columns = { ["text"] = "body" } });
        var path = lib.Folder.File("x.csv");
        await File.WriteAllTextAsync(path, "title\nhello\n");
        var e = await Assert.ThrowsAsync<ValueAlign.Core.Benchmarks.Import.ImportException>(() => lib.ImportAsync(path, preset: "p"));
        Assert.Equal((1L, "body"), (e.Errors.Single().Line!.Value, e.Errors.Single().Field));
    }

    public sealed class SurveyRow
    {
#pragma warning disable IDE1006 // Column names as in the file.
        public string? qid { get; set; }
        public string? prompt { get; set; }
        public List<string>? choices { get; set; }
        public string? nation { get; set; }
        public double? care_score { get; set; }
#pragma warning restore IDE1006
    }
}
