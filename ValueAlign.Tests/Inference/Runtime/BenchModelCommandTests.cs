using System.Text.Json;
using ValueAlign.Web.Cli;

namespace ValueAlign.Tests.Inference.Runtime;

public sealed class BenchModelCommandTests
{
    [Fact]
    public async Task Bench_model_prints_a_table_and_json_with_every_figure()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await WorkbenchCli.RunAsync(
            ["bench", "model", "--model", StoriesModelFixture.ModelPath, "--threads", "1", "--items", "4"], output, error);
        Assert.True(code == 0, error.ToString());
        var text = output.ToString();
        Assert.Contains("prompt processing (512 tokens)", text);
        Assert.Contains("generation (128 tokens)", text);
        Assert.Contains("speed-up shared / naive", text);
        Assert.Contains("generation time inside llama.cpp's decode", text);

        using var json = JsonDocument.Parse(text[text.IndexOf('{')..]);
        var root = json.RootElement;
        Assert.Equal(StoriesModelFixture.ModelPath, root.GetProperty("modelPath").GetString());
        Assert.Equal(1, root.GetProperty("threads").GetInt32());
        Assert.Equal(4, root.GetProperty("choiceItems").GetInt32());
        foreach (var figure in new[] { "promptTokensPerSecond", "generationTokensPerSecond", "sharedChoiceItemsPerSecond", "naiveChoiceItemsPerSecond" })
        {
            Assert.True(root.GetProperty(figure).GetProperty("perSecond").GetDouble() > 0, $"{figure} should be positive");
            Assert.True(root.GetProperty(figure).GetProperty("perCpuSecond").GetDouble() > 0, $"{figure} per CPU-second should be positive");
        }
        Assert.True(root.GetProperty("choiceSpeedup").GetDouble() > 0);
        // Decoding is most of generating, and it cannot exceed the time it is part of.
        Assert.InRange(root.GetProperty("generationDecodeShare").GetDouble(), 0.2, 1.0);
        Assert.InRange(root.GetProperty("averageSharedPromptTokens").GetDouble(), 150, 170);
        Assert.InRange(root.GetProperty("maxPerTokenDifference").GetDouble(), 0, 1e-3);
    }

    [Fact]
    public async Task Bench_model_with_a_file_that_is_not_gguf_fails_with_the_file_named()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "not a model");
            var output = new StringWriter();
            var error = new StringWriter();
            var code = await WorkbenchCli.RunAsync(["bench", "model", "--model", path], output, error);
            Assert.Equal(1, code);
            Assert.Contains(path, error.ToString());
            Assert.Contains("not a GGUF file", error.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
