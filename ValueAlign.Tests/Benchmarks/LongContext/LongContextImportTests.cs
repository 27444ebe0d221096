using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.LongContext;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Benchmarks.LongContext;

/// <summary>
/// The HotpotQA, LongBench and MuSiQue importers. HotpotQA runs on the shared real record; the
/// LongBench and MuSiQue files are written here in the layouts the longqa README documents.
/// Expected values were read from the records by hand.
/// </summary>
public class LongContextImportTests
{
    private static string HotpotSample => SharedFolder.File("datasets", "longqa", "hotpotqa_dev_distractor.sample.json");

    private const string LongBenchLine1 =
        """{"input": "Which town is the birthplace of the painter of The Red Mill?", "context": "Passage 1:\nThe Red Mill\nThe Red Mill is a painting by Ida Brenn. It hangs in Oslo.\nPassage 2:\nIda Brenn\nIda Brenn was born in Tromsø. She painted mills.", "answers": ["Tromsø", "Tromso"], "length": 27, "dataset": "hotpotqa", "language": "en", "all_classes": null, "_id": "lb-001"}""";

    private const string LongBenchLine2 =
        """{"input": "What colour is the door?", "context": "The house is old. Its door is blue! Nobody knows who painted it.", "answers": ["blue"], "length": 13, "dataset": "narrativeqa", "language": "en", "all_classes": null, "_id": "lb-002"}""";

    private const string MusiqueLine =
        """{"id": "2hop__101_202", "paragraphs": [{"idx": 0, "title": "Kerrow Light", "paragraph_text": "Kerrow Light was designed by Marta Quell. It was lit in 1902.", "is_supporting": true}, {"idx": 1, "title": "Loddon", "paragraph_text": "Loddon is a river.", "is_supporting": false}, {"idx": 2, "title": "Marta Quell", "paragraph_text": "Marta Quell was born in Brannock.", "is_supporting": true}], "question": "Where was the designer of Kerrow Light born?", "question_decomposition": [{"id": 101, "question": "Who designed Kerrow Light?", "answer": "Marta Quell", "paragraph_support_idx": 0}, {"id": 202, "question": "Where was #1 born?", "answer": "Brannock", "paragraph_support_idx": 2}], "answer": "Brannock", "answer_aliases": ["Brannock town"], "answerable": true}""";

    [Fact]
    public async Task HotpotQa_sample_keeps_passages_titles_supporting_facts_and_answer()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var result = await lib.ImportAsync(HotpotSample);
        Assert.Equal(("hotpotqa", 1L), (result.Format, result.Inserted));

        var item = await lib.ItemAsync("hotpotqa", "5a8c7595554299585d9e36b6");
        Assert.Equal(ItemKind.LongContextQa, item.Kind);
        Assert.Equal("What government position was held by the woman who portrayed Corliss Archer in the film Kiss and Tell?", item.Text);
        Assert.Equal("Chief of Protocol", item.Answer);
        Assert.Equal("bridge", item.Category);
        Assert.StartsWith("Kiss and Tell (1945 film)\nKiss and Tell is a 1945 American comedy film", item.Context);

        var qa = LongContextQaReader.Read(item);
        Assert.True(qa.HasSupportingFacts);
        Assert.Equal(["Chief of Protocol"], qa.GoldAnswers);
        Assert.Equal(["Kiss and Tell (1945 film)", "Shirley Temple", "Janet Waldo"], qa.Passages.Select(p => p.Title));
        Assert.Equal([3, 2, 2], qa.Passages.Select(p => p.Sentences.Count));
        Assert.Equal([true, true, false], qa.Passages.Select(p => p.IsSupporting));
        Assert.Equal([0], qa.Passages[0].SupportingSentences);
        Assert.Equal([0, 1], qa.Passages[1].SupportingSentences);
        // Sentences keep their leading space, so the passage text is their concatenation.
        Assert.StartsWith(" As an adult, she was named United States ambassador", qa.Passages[1].Sentences[1]);
        Assert.Contains("Chief of Protocol of the United States.", qa.Passages[1].Text);
    }

    [Fact]
    public async Task HotpotQa_fact_outside_the_cut_context_is_ignored_not_an_error()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var path = lib.Folder.File("hotpot.json");
        await File.WriteAllTextAsync(path, """
            [{"_id": "h1", "answer": "yes", "question": "Q?", "supporting_facts": [["A", 0], ["A", 7], ["Gone", 0]],
              "context": [["A", ["One.", " Two."]], ["B", ["Three."]]], "type": "comparison", "level": "easy"}]
            """);
        Assert.Equal(1, (await lib.ImportAsync(path)).Inserted);
        var qa = LongContextQaReader.Read(await lib.ItemAsync("hotpotqa", "h1"));
        Assert.Equal([true, false], qa.Passages.Select(p => p.IsSupporting));
        Assert.Equal([0], qa.Passages[0].SupportingSentences);
    }

    [Fact]
    public async Task LongBench_splits_passages_at_their_headers_and_keeps_every_answer()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var path = lib.Folder.File("hotpotqa.jsonl");
        await File.WriteAllTextAsync(path, LongBenchLine1 + "\n" + LongBenchLine2 + "\n");
        var result = await lib.ImportAsync(path);
        Assert.Equal(("longbench", 2L), (result.Format, result.Inserted));

        var multi = await lib.ItemAsync("longbench", "lb-001");
        Assert.Equal(("Tromsø", "hotpotqa", "en"), (multi.Answer, multi.Category, multi.Language));
        var qa = LongContextQaReader.Read(multi);
        Assert.False(qa.HasSupportingFacts);
        Assert.Equal(["Tromsø", "Tromso"], qa.GoldAnswers);
        Assert.Equal(["The Red Mill", "Ida Brenn"], qa.Passages.Select(p => p.Title));
        Assert.Equal(["The Red Mill is a painting by Ida Brenn. ", "It hangs in Oslo.\n"], qa.Passages[0].Sentences);
        Assert.Equal(["Ida Brenn was born in Tromsø. ", "She painted mills."], qa.Passages[1].Sentences);

        var single = LongContextQaReader.Read(await lib.ItemAsync("longbench", "lb-002"));
        var passage = Assert.Single(single.Passages);
        Assert.Null(passage.Title);
        Assert.Equal(["The house is old. ", "Its door is blue! ", "Nobody knows who painted it."], passage.Sentences);
    }

    [Fact]
    public async Task Musique_marks_supporting_paragraphs_and_reads_aliases_and_decomposition()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var path = lib.Folder.File("musique_ans_v1.0_dev.jsonl");
        await File.WriteAllTextAsync(path, MusiqueLine + "\n");
        var result = await lib.ImportAsync(path);
        Assert.Equal(("musique", 1L), (result.Format, result.Inserted));

        var item = await lib.ItemAsync("musique", "2hop__101_202");
        Assert.Equal(("Brannock", "2hop"), (item.Answer, item.Category));
        Assert.Equal("1. Who designed Kerrow Light? → Marta Quell\n2. Where was #1 born? → Brannock", item.Explanation);
        var qa = LongContextQaReader.Read(item);
        Assert.Equal(["Brannock", "Brannock town"], qa.GoldAnswers);
        Assert.Equal([true, false, true], qa.Passages.Select(p => p.IsSupporting));
        Assert.All(qa.Passages, p => Assert.Empty(p.SupportingSentences));
        Assert.Equal(["Kerrow Light was designed by Marta Quell. ", "It was lit in 1902."], qa.Passages[0].Sentences);
    }

    [Fact]
    public void Each_layout_is_detected_by_its_own_importer_only()
    {
        using var folder = new TempDirectory();
        var longbench = folder.File("lb.jsonl");
        File.WriteAllText(longbench, LongBenchLine1 + "\n");
        var musique = folder.File("mq.jsonl");
        File.WriteAllText(musique, MusiqueLine + "\n");
        Assert.Equal(["hotpotqa"], ImporterRegistry.Default.Detect(HotpotSample).Select(i => i.Format));
        Assert.Equal(["longbench"], ImporterRegistry.Default.Detect(longbench).Select(i => i.Format));
        Assert.Equal(["musique"], ImporterRegistry.Default.Detect(musique).Select(i => i.Format));
    }

    [Fact]
    public async Task Malformed_hotpot_fact_names_record_and_field_and_writes_nothing()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var path = lib.Folder.File("hotpot.json");
        await File.WriteAllTextAsync(path, """
            [{"_id": "ok", "answer": "a", "question": "Q?", "supporting_facts": [], "context": [["A", ["x."]]]},
             {"_id": "bad", "answer": "a", "question": "Q?", "supporting_facts": [["A", "zero"]], "context": [["A", ["x."]]]},
             {"_id": "bad2", "answer": "a", "question": "Q?", "supporting_facts": [], "context": [["A", "x."]]}]
            """);
        var e = await Assert.ThrowsAsync<ImportException>(() => lib.ImportAsync(path, "hotpotqa"));
        Assert.Equal(
            [("#2", "supporting_facts[0]"), ("#3", "context[0]")],
            e.Errors.Select(x => (x.Record, x.Field)));
        Assert.Equal((0, 0), await lib.CountsAsync());
    }

    [Fact]
    public async Task Malformed_longbench_and_musique_lines_name_line_and_field_and_write_nothing()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var lb = lib.Folder.File("lb.jsonl");
        await File.WriteAllTextAsync(lb, LongBenchLine1 + "\n" + LongBenchLine2.Replace("\"answers\": [\"blue\"]", "\"answers\": \"blue\"") + "\n"
            + LongBenchLine2.Replace("\"answers\": [\"blue\"]", "\"answers\": []") + "\n");
        var e = await Assert.ThrowsAsync<ImportException>(() => lib.ImportAsync(lb, "longbench"));
        Assert.Equal([(2L, "answers"), (3L, "answers")], e.Errors.Select(x => (x.Line!.Value, x.Field)));
        Assert.Contains("empty", e.Errors[1].Message);

        var mq = lib.Folder.File("mq.jsonl");
        await File.WriteAllTextAsync(mq, MusiqueLine + "\n" + MusiqueLine.Replace(", \"is_supporting\": false", "").Replace("2hop__101_202", "2hop__x") + "\n");
        e = await Assert.ThrowsAsync<ImportException>(() => lib.ImportAsync(mq, "musique"));
        var error = Assert.Single(e.Errors);
        Assert.Equal((2L, "paragraphs[1].is_supporting"), (error.Line!.Value, error.Field));
        Assert.Equal((0, 0), await lib.CountsAsync());
    }

    [Fact]
    public async Task Demo_file_imports_and_library_export_round_trip_keeps_the_structure()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var demo = Path.Combine(RepositoryRoot.Path, "data", "demo", "hotpotqa-demo.json");
        Assert.Equal(2, (await lib.ImportAsync(demo)).Inserted);
        var before = LongContextQaReader.Read(await lib.ItemAsync("hotpotqa", "demo-hotpot-lighthouse"));
        Assert.Equal([true, false, true, false, false], before.Passages.Select(p => p.IsSupporting));

        var export = lib.Folder.File("library.jsonl");
        await lib.Exporter.ExportAsync(new ValueAlign.Core.Benchmarks.Query.ItemFilter(), ValueAlign.Core.Benchmarks.Export.ExportFormat.Jsonl, export);
        using var other = await LibraryDatabase.CreateAsync();
        await other.ImportAsync(export);
        var after = LongContextQaReader.Read(await other.ItemAsync("hotpotqa", "demo-hotpot-lighthouse"));
        Assert.Equal(before.Passages.Select(p => (p.Title, p.Text, p.IsSupporting)), after.Passages.Select(p => (p.Title, p.Text, p.IsSupporting)));
        Assert.Equal(before.GoldAnswers, after.GoldAnswers);
    }
}
