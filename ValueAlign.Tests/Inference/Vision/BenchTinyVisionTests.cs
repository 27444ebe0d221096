using System.Text.Json;
using ValueAlign.Core.Inference;
using ValueAlign.Web.Cli;

namespace ValueAlign.Tests.Inference.Vision;

public sealed class BenchTinyVisionTests
{
    [Fact]
    public async Task Bench_model_synthetic_tiny_vision_prints_image_encode_time_and_image_tokens_per_second()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await WorkbenchCli.RunAsync(["bench", "model", "--synthetic", "tiny-vision", "--threads", "1", "--items", "2"], output, error);

        Assert.True(code == 0, error.ToString());
        var text = output.ToString();
        Assert.Contains("image encode (640x480 image, 196 image tokens, mmproj-tiny-vision.gguf)", text);
        Assert.Contains("image tokens/s", text);
        using var json = JsonDocument.Parse(text[text.IndexOf('{')..]);
        var images = json.RootElement.GetProperty("images");
        Assert.Equal(196, images.GetProperty("imageTokens").GetInt32());
        Assert.True(images.GetProperty("evaluateMilliseconds").GetDouble() > 0);
        Assert.True(images.GetProperty("imageTokensPerSecondWithDecode").GetDouble() > 0);
        Assert.True(images.GetProperty("evaluateMilliseconds").GetDouble() >= images.GetProperty("encodeMilliseconds").GetDouble());
    }

    [Fact]
    public void The_synthetic_bmp_has_the_declared_size_and_depends_on_its_seed()
    {
        var image = SyntheticImage.Bmp(5, 3, seed: 1);

        Assert.Equal("image/bmp", image.MediaType);
        Assert.Equal(54 + 16 * 3, image.Data.Length); // rows of 15 bytes padded to 16
        Assert.Equal((byte)'B', image.Data[0]);
        Assert.Equal(5, BitConverter.ToInt32(image.Data, 18));
        Assert.NotEqual(image.Data, SyntheticImage.Bmp(5, 3, seed: 2).Data);
    }
}
