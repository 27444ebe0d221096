using ValueAlign.Core.Inference.Registry;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Inference.Registry;

public sealed class ModelPathsTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _root;
    private readonly string _outside;

    public ModelPathsTests()
    {
        _root = Directory.CreateDirectory(_dir.File("models")).FullName;
        _outside = Directory.CreateDirectory(_dir.File("elsewhere")).FullName;
        Directory.CreateDirectory(Path.Combine(_root, "sub"));
        File.WriteAllText(Path.Combine(_root, "sub", "a.gguf"), "x");
        File.WriteAllText(Path.Combine(_outside, "secret.gguf"), "x");
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("sub/a.gguf")]
    [InlineData("./sub/a.gguf")]
    [InlineData("sub/../sub/a.gguf")]
    [InlineData("sub//a.gguf")]
    public void Relative_paths_inside_the_root_resolve(string userPath) =>
        Assert.Equal(Path.Combine(_root, "sub", "a.gguf"), ModelPaths.Resolve(_root, userPath));

    [Fact]
    public void Absolute_path_inside_the_root_resolves() =>
        Assert.Equal(Path.Combine(_root, "sub", "a.gguf"), ModelPaths.Resolve(_root, Path.Combine(_root, "sub", "a.gguf")));

    [Fact]
    public void Files_that_do_not_exist_yet_still_resolve_inside() =>
        Assert.Equal(Path.Combine(_root, "new", "b.gguf"), ModelPaths.Resolve(_root, "new/b.gguf"));

    [Theory]
    [InlineData("../elsewhere/secret.gguf")]
    [InlineData("sub/../../elsewhere/secret.gguf")]
    [InlineData("..")]
    public void Dot_dot_escapes_are_refused(string userPath)
    {
        var error = Assert.Throws<UnauthorizedAccessException>(() => ModelPaths.Resolve(_root, userPath));

        Assert.Contains($"Model path '{userPath}' is outside the models folder '{_root}'", error.Message);
    }

    [Fact]
    public void Absolute_paths_elsewhere_are_refused()
    {
        Assert.Throws<UnauthorizedAccessException>(() => ModelPaths.Resolve(_root, Path.Combine(_outside, "secret.gguf")));
        Assert.Throws<UnauthorizedAccessException>(() => ModelPaths.Resolve(_root, "/etc/passwd"));
    }

    [Fact]
    public void A_sibling_folder_sharing_the_name_prefix_is_outside()
    {
        var sibling = Directory.CreateDirectory(_root + "-evil").FullName;
        File.WriteAllText(Path.Combine(sibling, "x.gguf"), "x");

        Assert.Throws<UnauthorizedAccessException>(() => ModelPaths.Resolve(_root, Path.Combine(sibling, "x.gguf")));
        Assert.Throws<UnauthorizedAccessException>(() => ModelPaths.Resolve(_root, "../models-evil/x.gguf"));
    }

    [Fact]
    public void File_symlink_to_outside_is_refused()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "link.gguf"), Path.Combine(_outside, "secret.gguf"));

        var error = Assert.Throws<UnauthorizedAccessException>(() => ModelPaths.Resolve(_root, "link.gguf"));

        Assert.Contains($"it resolves to '{Path.Combine(_outside, "secret.gguf")}'", error.Message);
    }

    [Fact]
    public void Directory_symlink_to_outside_is_refused_even_for_missing_files()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "linked"), _outside);

        Assert.Throws<UnauthorizedAccessException>(() => ModelPaths.Resolve(_root, "linked/secret.gguf"));
        Assert.Throws<UnauthorizedAccessException>(() => ModelPaths.Resolve(_root, "linked/not-there.gguf"));
    }

    [Fact]
    public void Relative_symlink_chains_that_stay_inside_resolve_to_the_target()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "hop1.gguf"), "hop2.gguf");
        File.CreateSymbolicLink(Path.Combine(_root, "hop2.gguf"), "sub/a.gguf");

        Assert.Equal(Path.Combine(_root, "sub", "a.gguf"), ModelPaths.Resolve(_root, "hop1.gguf"));
    }

    [Fact]
    public void Relative_symlink_pointing_up_and_out_is_refused()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "sub", "up.gguf"), "../../elsewhere/secret.gguf");

        Assert.Throws<UnauthorizedAccessException>(() => ModelPaths.Resolve(_root, "sub/up.gguf"));
    }

    [Fact]
    public void A_models_root_reached_through_a_symlink_still_accepts_its_files()
    {
        var rootLink = _dir.File("models-link");
        Directory.CreateSymbolicLink(rootLink, _root);

        Assert.Equal(Path.Combine(_root, "sub", "a.gguf"), ModelPaths.Resolve(rootLink, "sub/a.gguf"));
    }

    [Fact]
    public void Symlink_loops_fail_clearly()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "loop1.gguf"), "loop2.gguf");
        File.CreateSymbolicLink(Path.Combine(_root, "loop2.gguf"), "loop1.gguf");

        Assert.ThrowsAny<IOException>(() => ModelPaths.Resolve(_root, "loop1.gguf"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("a\0b.gguf")]
    public void Blank_or_nul_paths_are_rejected(string userPath) =>
        Assert.Throws<ArgumentException>(() => ModelPaths.Resolve(_root, userPath));
}
