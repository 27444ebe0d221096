using System.Security.Cryptography;
using ValueAlign.Core.Inference.Registry;
using ValueAlign.Tests.Inference.Gguf;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Inference.Registry;

public sealed class ModelRegistryTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _root;

    public ModelRegistryTests()
    {
        _root = Directory.CreateDirectory(_dir.File("models")).FullName;
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Scan_lists_good_bad_and_nested_files_and_ignores_other_extensions()
    {
        var good = GgufTestFiles.WriteTiny(Path.Combine(_root, "good.gguf"));
        Directory.CreateDirectory(Path.Combine(_root, "family", "small"));
        File.Copy(good, Path.Combine(_root, "family", "small", "Nested.GGUF"));
        GgufTestFiles.Truncate(good, Path.Combine(_root, "family", "cut.gguf"), 1000);
        File.WriteAllText(Path.Combine(_root, "notes.txt"), "not a model");
        File.WriteAllText(Path.Combine(_root, "fake.gguf"), "hello");

        var entries = new ModelRegistry(_root).Scan();

        Assert.Equal(["fake.gguf", "family/cut.gguf", "family/small/Nested.GGUF", "good.gguf"], entries.Select(e => e.RelativePath));
        var byName = entries.ToDictionary(e => e.RelativePath);
        Assert.True(byName["good.gguf"].IsUsable);
        Assert.Equal(106_816UL, byName["good.gguf"].Summary!.ParameterCount);
        Assert.Equal(new FileInfo(good).Length, byName["good.gguf"].SizeBytes);
        Assert.True(byName["family/small/Nested.GGUF"].IsUsable);
        Assert.Null(byName["family/cut.gguf"].Summary);
        Assert.StartsWith(Path.Combine(_root, "family", "cut.gguf") + ": truncated in metadata", byName["family/cut.gguf"].Error);
        Assert.Contains("not a GGUF file: expected magic 'GGUF', found 'hell'", byName["fake.gguf"].Error);
    }

    [Fact]
    public void Headers_are_cached_until_the_file_changes()
    {
        var path = GgufTestFiles.WriteTiny(Path.Combine(_root, "m.gguf"));
        var registry = new ModelRegistry(_root);

        var first = registry.Scan().Single();
        var second = registry.Scan().Single();
        Assert.Same(first, second);

        GgufTestFiles.Truncate(path, _dir.File("cut.gguf"), 500);
        File.Copy(_dir.File("cut.gguf"), path, overwrite: true);
        var third = registry.Scan().Single();

        Assert.NotSame(first, third);
        Assert.False(third.IsUsable);
        Assert.Contains("truncated", third.Error);
    }

    [Fact]
    public void Deleted_files_disappear_from_the_next_scan()
    {
        var path = GgufTestFiles.WriteTiny(Path.Combine(_root, "m.gguf"));
        var registry = new ModelRegistry(_root);
        Assert.Single(registry.Scan());

        File.Delete(path);

        Assert.Empty(registry.Scan());
    }

    [Fact]
    public void Missing_models_folder_scans_as_empty()
    {
        var registry = new ModelRegistry(_dir.File("absent"));

        Assert.False(registry.RootExists);
        Assert.Empty(registry.Scan());
    }

    [Fact]
    public void Symlinked_file_pointing_outside_is_listed_as_refused()
    {
        var outside = GgufTestFiles.WriteTiny(_dir.File("outside.gguf"));
        File.CreateSymbolicLink(Path.Combine(_root, "escape.gguf"), outside);

        var entry = new ModelRegistry(_root).Scan().Single();

        Assert.False(entry.IsUsable);
        Assert.Contains("outside the models folder", entry.Error);
    }

    [Fact]
    public void Scan_never_yields_a_usable_model_from_outside_through_a_linked_folder()
    {
        var outsideDir = Directory.CreateDirectory(_dir.File("outside")).FullName;
        GgufTestFiles.WriteTiny(Path.Combine(outsideDir, "x.gguf"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "linked"), outsideDir);
        Directory.CreateSymbolicLink(Path.Combine(_root, "loop"), _root);
        GgufTestFiles.WriteTiny(Path.Combine(_root, "in.gguf"));

        var entries = new ModelRegistry(_root).Scan();

        Assert.Equal(["in.gguf"], entries.Where(e => e.IsUsable).Select(e => e.RelativePath));
    }

    [Fact]
    public void Find_resolves_inside_and_refuses_outside()
    {
        GgufTestFiles.WriteTiny(_dir.File("outside.gguf"));
        Directory.CreateDirectory(Path.Combine(_root, "sub"));
        GgufTestFiles.WriteTiny(Path.Combine(_root, "sub", "m.gguf"));
        var registry = new ModelRegistry(_root);

        Assert.True(registry.Find("sub/m.gguf").IsUsable);
        Assert.Equal("sub/m.gguf", registry.Find(Path.Combine(_root, "sub", "m.gguf")).RelativePath);
        Assert.Throws<UnauthorizedAccessException>(() => registry.Find("../outside.gguf"));
        Assert.Throws<FileNotFoundException>(() => registry.Find("sub/none.gguf"));
    }

    [Fact]
    public async Task Sha256_matches_the_published_hash_of_stories260K()
    {
        var shared = Path.GetDirectoryName(SharedFolder.File("models", "stories260K.gguf"))!;
        var registry = new ModelRegistry(shared);

        var hash = await registry.Sha256Async("stories260K.gguf");

        Assert.Equal("270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d", hash);
        Assert.Equal(hash, await registry.Sha256Async("stories260K.gguf"));
    }

    [Fact]
    public async Task Sha256_follows_file_changes()
    {
        var path = Path.Combine(_root, "m.gguf");
        File.WriteAllBytes(path, [1, 2, 3]);
        var registry = new ModelRegistry(_root);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(new byte[] { 1, 2, 3 })), await registry.Sha256Async("m.gguf"));

        File.WriteAllBytes(path, [4, 5, 6, 7]);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(new byte[] { 4, 5, 6, 7 })), await registry.Sha256Async("m.gguf"));
        Assert.Equal(await FileHashing.Sha256Async(path), await registry.Sha256Async("m.gguf"));
    }

    [Fact]
    public void Concurrent_scans_agree()
    {
        for (var i = 0; i < 4; i++)
        {
            GgufTestFiles.WriteTiny(Path.Combine(_root, $"m{i}.gguf"));
        }
        var registry = new ModelRegistry(_root);

        var results = Enumerable.Range(0, 8).AsParallel().Select(_ => registry.Scan()).ToList();

        Assert.All(results, r => Assert.Equal(4, r.Count(e => e.IsUsable)));
    }
}
