using System.Text;
using ValueAlign.Core.Benchmarks.Csv;

namespace ValueAlign.Tests.Benchmarks;

public class DelimitedReaderTests
{
    private static List<DelimitedRecord> ReadAll(string text, char delimiter = ',', bool quoting = true)
    {
        var reader = new DelimitedReader(new StrictUtf8LineReader(new MemoryStream(Encoding.UTF8.GetBytes(text))), delimiter, quoting);
        var records = new List<DelimitedRecord>();
        while (reader.Read() is { } record)
        {
            records.Add(record);
        }
        return records;
    }

    [Fact]
    public void Quoted_fields_keep_delimiters_doubled_quotes_and_line_breaks()
    {
        var records = ReadAll("a,b,c\r\n1,\"x, \"\"y\"\"\r\nz\",3\r\n4,5,6");
        Assert.Equal(3, records.Count);
        Assert.Equal(["1", "x, \"y\"\r\nz", "3"], records[1].Fields);
        Assert.Equal(["4", "5", "6"], records[2].Fields);
        // The record with the embedded line break starts on line 2, the next one on line 4.
        Assert.Equal([1L, 2L, 4L], records.Select(r => r.Line));
    }

    [Fact]
    public void Empty_fields_and_a_trailing_delimiter_give_empty_strings()
    {
        var records = ReadAll("a,,\n\"\",b,\n");
        Assert.Equal(["a", "", ""], records[0].Fields);
        Assert.Equal(["", "b", ""], records[1].Fields);
    }

    [Fact]
    public void A_bom_is_removed_from_the_first_header_cell()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("id,text\n1,x\n")).ToArray();
        var reader = new DelimitedReader(new StrictUtf8LineReader(new MemoryStream(bytes)), ',');
        Assert.Equal(["id", "text"], reader.Read()!.Fields);
    }

    [Fact]
    public void Text_after_a_closing_quote_keeps_the_field_literally()
    {
        var records = ReadAll("\"Bullet for Bullet\" is right\tagainst\n", '\t');
        Assert.Equal(["\"Bullet for Bullet\" is right", "against"], records[0].Fields);
    }

    [Fact]
    public void Unclosed_quote_is_reported_with_the_line_it_opened_on()
    {
        var e = Assert.Throws<DelimitedFormatException>(() => ReadAll("a,b\n1,2\n3,\"open\nmore\n"));
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void Invalid_utf8_is_reported_with_its_line()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\n1,2\n").Concat(new byte[] { 0x33, 0x2C, 0xC3, 0x28, 0x0A }).ToArray();
        var reader = new DelimitedReader(new StrictUtf8LineReader(new MemoryStream(bytes)), ',');
        reader.Read();
        reader.Read();
        var e = Assert.Throws<DelimitedFormatException>(() => reader.Read());
        Assert.Equal(3, e.Line);
        Assert.Contains("UTF-8", e.Message);
    }

    [Fact]
    public void Without_quoting_quotes_are_plain_characters()
    {
        var records = ReadAll("\"a\tb\"\tc\n", '\t', quoting: false);
        Assert.Equal(["\"a", "b\"", "c"], records[0].Fields);
    }
}
