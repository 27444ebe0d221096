using ValueAlign.Core.Benchmarks.LongContext;

namespace ValueAlign.Tests.Benchmarks.LongContext;

public class SentenceSplitterTests
{
    [Theory]
    [InlineData("One. Two! Three?", new[] { "One. ", "Two! ", "Three?" })]
    [InlineData("He said \"go.\" Then left.", new[] { "He said \"go.\" ", "Then left." })]
    [InlineData("J. K. Rowling wrote it. Pi is 3.14 here.", new[] { "J. K. Rowling wrote it. ", "Pi is 3.14 here." })]
    [InlineData("第一句。第二句！", new[] { "第一句。", "第二句！" })]
    [InlineData("Title line\nBody text.\n\nNext.", new[] { "Title line\n", "Body text.\n\n", "Next." })]
    [InlineData("no end mark", new[] { "no end mark" })]
    public void Splits_and_concatenates_back_to_the_text(string text, string[] expected)
    {
        var sentences = SentenceSplitter.Split(text);
        Assert.Equal(expected, sentences);
        Assert.Equal(text, string.Concat(sentences));
    }
}
