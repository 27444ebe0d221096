using ValueAlign.Core.Annotation.Agreement;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Annotation.Agreement;

public class AnnotationRowReaderTests
{
    private static List<AnnotationRow> Csv(string text) => AnnotationRowReader.ReadCsv(new StringReader(text), "rows.csv");

    private static List<AnnotationRow> Jsonl(string text) => AnnotationRowReader.ReadJsonLines(new StringReader(text), "rows.jsonl");

    [Fact]
    public void Csv_reads_quoted_fields_with_commas_quotes_and_line_breaks()
    {
        var rows = Csv("label,item,annotator,question,note\r\n"
            + "\"yes, mostly\",i1,ann,q1,x\r\n"
            + "\"say \"\"no\"\"\",i1,bob,q1,\"two\nlines\"\n"
            + "\n"
            + "3,i2,ann,q1,\n");

        Assert.Equal(
            [
                new AnnotationRow("i1", "ann", "q1", "yes, mostly"),
                new AnnotationRow("i1", "bob", "q1", "say \"no\""),
                new AnnotationRow("i2", "ann", "q1", "3"),
            ],
            rows);
    }

    [Fact]
    public void Csv_blank_label_is_missing_data_and_skipped()
    {
        Assert.Equal([new AnnotationRow("i1", "ann", "q", "a")], Csv("item,annotator,question,label\ni1,ann,q,a\ni1,bob,q,\n"));
    }

    [Theory]
    [InlineData("item,annotator,label\ni1,a,x\n", 1, "no 'question' column")]
    [InlineData("item,annotator,question,label\ni1,a,q,x\ni2,a,q\n", 3, "expected 4 fields as in the header, found 3")]
    [InlineData("item,annotator,question,label\ni1,a,q,x\ni2,a,q,\"open\nstill open\n", 3, "quoted field is not closed")]
    [InlineData("item,annotator,question,label\ni1,a,q,x\ni2,a,q,ab\"c\n", 3, "double quote inside an unquoted field")]
    [InlineData("item,annotator,question,label\n\"i1\n\",a,q,x\ni1,,q,x\n", 4, "field 'annotator' is empty")]
    [InlineData("item,annotator,question,label\ni1,a,q,x\ni2,a,q,y\ni1,a,q,z\n", 4, "annotator 'a' already labelled item 'i1' for question 'q' on line 2")]
    [InlineData("", 1, "the file is empty")]
    public void Csv_errors_name_the_line(string text, int line, string problem)
    {
        var error = Assert.Throws<AnnotationFileException>(() => Csv(text));

        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Message);
        Assert.StartsWith($"rows.csv, line {line}: ", error.Message);
    }

    [Fact]
    public void Jsonl_reads_strings_and_numbers_and_skips_null_labels()
    {
        var rows = Jsonl("""
            {"item":"i1","annotator":"ann","question":"q","label":4}
            {"item":7,"annotator":"bob","question":"q","label":"yes","extra":true}

            {"item":"i2","annotator":"ann","question":"q","label":null}
            """);

        Assert.Equal([new AnnotationRow("i1", "ann", "q", "4"), new AnnotationRow("7", "bob", "q", "yes")], rows);
    }

    [Theory]
    [InlineData("{\"item\":\"i1\",\"annotator\":\"a\",\"question\":\"q\",\"label\":\"x\"}\n{\"item\":\"i2\",", 2, "not valid JSON")]
    [InlineData("{\"item\":\"i1\",\"annotator\":\"a\",\"label\":\"x\"}", 1, "field 'question' is missing")]
    [InlineData("[1,2]", 1, "expected a JSON object")]
    [InlineData("\n\n{\"item\":\"i1\",\"annotator\":\"a\",\"question\":\"q\",\"label\":[\"x\"]}", 3, "field 'label' must be a string or a number, not array")]
    public void Jsonl_errors_name_the_line(string text, int line, string problem)
    {
        var error = Assert.Throws<AnnotationFileException>(() => Jsonl(text));

        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Files_are_read_by_extension_or_else_by_their_first_character()
    {
        using var temp = new TempDirectory();
        var json = temp.File("rows.txt");
        File.WriteAllText(json, "\n  {\"item\":\"i1\",\"annotator\":\"a\",\"question\":\"q\",\"label\":\"x\"}\n{\"item\":\"i1\"}\n");
        var csv = temp.File("rows.data");
        File.WriteAllText(csv, "item,annotator,question,label\ni1,a,q,x\n");

        Assert.Equal([new AnnotationRow("i1", "a", "q", "x")], AnnotationRowReader.ReadFile(csv));
        // The sniffed JSON file is still read from its first line, so the error names line 3.
        var error = Assert.Throws<AnnotationFileException>(() => AnnotationRowReader.ReadFile(json));
        Assert.Equal("rows.txt, line 3: field 'annotator' is missing", error.Message);
    }
}
