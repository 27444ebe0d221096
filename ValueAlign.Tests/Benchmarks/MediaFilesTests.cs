using ValueAlign.Core.Benchmarks.Media;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Benchmarks;

public class MediaFilesTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly MediaFiles _media;

    public MediaFilesTests()
    {
        Directory.CreateDirectory(_temp.File("media/demo"));
        File.WriteAllBytes(_temp.File("media/demo/cat.png"), [0x89, 0x50]);
        File.WriteAllBytes(_temp.File("media/demo/song.mp3"), [1]);
        File.WriteAllText(_temp.File("secret.png"), "outside");
        File.WriteAllText(_temp.File("media/notes.txt"), "not media");
        _media = new MediaFiles(_temp.File("media"));
    }

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("demo/cat.png", "image/png")]
    [InlineData("demo/song.mp3", "audio/mpeg")]
    [InlineData("demo%2Fcat.png", "image/png")]
    [InlineData("demo\\cat.png", "image/png")]
    public void Files_inside_the_folder_resolve_with_their_content_type(string reference, string type)
    {
        var lookup = _media.Resolve(reference);
        Assert.True(lookup.Found, lookup.Message);
        Assert.Equal(type, lookup.ContentType);
        Assert.Equal(Path.GetFullPath(_temp.File("media/demo/" + Path.GetFileName(reference.Replace("%2F", "/").Replace('\\', '/')))), lookup.FullPath);
    }

    [Theory]
    [InlineData("../secret.png")]
    [InlineData("demo/../../secret.png")]
    [InlineData("..\\secret.png")]
    [InlineData("%2e%2e%2fsecret.png")]
    [InlineData("%2E%2E/secret.png")]
    [InlineData("%252e%252e%252fsecret.png")]
    [InlineData("demo/%2e%2e/%2e%2e/secret.png")]
    [InlineData("/etc/passwd")]
    [InlineData("file:///etc/passwd")]
    [InlineData("")]
    [InlineData("notes.txt")]
    public void Escapes_and_non_media_are_rejected(string reference)
    {
        var lookup = _media.Resolve(reference);
        Assert.Equal(MediaProblem.Rejected, lookup.Problem);
        Assert.Null(lookup.FullPath);
    }

    [Fact]
    public void Absolute_path_to_a_file_inside_the_folder_is_still_rejected()
    {
        Assert.Equal(MediaProblem.Rejected, _media.Resolve(Path.GetFullPath(_temp.File("media/demo/cat.png"))).Problem);
    }

    [Fact]
    public void Symlink_leading_out_of_the_folder_is_rejected()
    {
        File.CreateSymbolicLink(_temp.File("media/demo/link.png"), _temp.File("secret.png"));
        Directory.CreateSymbolicLink(_temp.File("media/outside"), _temp.Path);
        Assert.Equal(MediaProblem.Rejected, _media.Resolve("demo/link.png").Problem);
        Assert.Equal(MediaProblem.Rejected, _media.Resolve("outside/secret.png").Problem);
    }

    [Fact]
    public void Missing_file_gives_a_clear_result()
    {
        var lookup = _media.Resolve("demo/gone.png");
        Assert.Equal(MediaProblem.Missing, lookup.Problem);
        Assert.Contains("demo/gone.png", lookup.Message);
    }
}
