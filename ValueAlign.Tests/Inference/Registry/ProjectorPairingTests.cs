using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Registry;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Inference.Registry;

/// <summary>The documented rule that pairs a model with its mmproj file.</summary>
public class ProjectorPairingTests
{
    [Fact]
    public void Exact_name_with_mmproj_prefix_pairs()
    {
        using var dir = Files("llava-7b.Q4_K_M.gguf", "mmproj-llava-7b.Q4_K_M.gguf", "mmproj-other.gguf");

        var match = ProjectorPairing.Find(dir.File("llava-7b.Q4_K_M.gguf"), null);

        Assert.Equal(dir.File("mmproj-llava-7b.Q4_K_M.gguf"), match?.Path);
        Assert.Equal(ProjectorRule.ExactName, match?.Rule);
    }

    [Fact]
    public void A_projector_named_by_a_prefix_with_its_precision_pairs_every_quantisation()
    {
        using var dir = Files("SmolVLM-256M-Instruct-Q4_K_M.gguf", "SmolVLM-256M-Instruct-Q8_0.gguf", "mmproj-SmolVLM-256M-Instruct-f16.gguf");

        Assert.Equal(dir.File("mmproj-SmolVLM-256M-Instruct-f16.gguf"), ProjectorPairing.Find(dir.File("SmolVLM-256M-Instruct-Q4_K_M.gguf"), null)?.Path);
        Assert.Equal(ProjectorRule.NamePrefix, ProjectorPairing.Find(dir.File("SmolVLM-256M-Instruct-Q8_0.gguf"), null)?.Rule);
    }

    [Fact]
    public void The_longest_prefix_wins_and_a_prefix_must_end_at_a_name_boundary()
    {
        using var dir = Files("gemma-3-4b-it-Q4_K_M.gguf", "gemma-3-4bit.gguf", "mmproj-gemma-3-f16.gguf", "mmproj-gemma-3-4b-it-bf16.gguf");

        Assert.Equal(dir.File("mmproj-gemma-3-4b-it-bf16.gguf"), ProjectorPairing.Find(dir.File("gemma-3-4b-it-Q4_K_M.gguf"), null)?.Path);
        // "gemma-3-4bit" starts with "gemma-3-4b" but not at a boundary; "gemma-3" matches.
        Assert.Equal(dir.File("mmproj-gemma-3-f16.gguf"), ProjectorPairing.Find(dir.File("gemma-3-4bit.gguf"), null)?.Path);
    }

    [Fact]
    public void Unrelated_projectors_and_other_folders_do_not_pair()
    {
        using var dir = Files("stories260K.gguf", "mmproj-model-f16.gguf", "sub/mmproj-stories260K.gguf");

        Assert.Null(ProjectorPairing.Find(dir.File("stories260K.gguf"), null));
        Assert.Null(ProjectorPairing.Find(dir.File("mmproj-model-f16.gguf"), null));
    }

    [Fact]
    public void An_explicit_setting_wins_and_none_turns_pairing_off()
    {
        using var dir = Files("vlm/model-q4.gguf", "vlm/mmproj-model-f16.gguf", "vlm/mmproj-model-q4.gguf");

        var byPath = ProjectorPairing.Find(dir.File("vlm/model-q4.gguf"), new Dictionary<string, string> { ["vlm/model-q4.gguf"] = "mmproj-model-f16.gguf" });
        var byName = ProjectorPairing.Find(dir.File("vlm/model-q4.gguf"), new Dictionary<string, string> { ["model-q4.gguf"] = "none" });

        Assert.Equal(dir.File("vlm/mmproj-model-f16.gguf"), byPath?.Path);
        Assert.Equal(ProjectorRule.Explicit, byPath?.Rule);
        Assert.Null(byName);
        Assert.Equal(dir.File("vlm/mmproj-model-q4.gguf"), ProjectorPairing.Find(dir.File("vlm/model-q4.gguf"), null)?.Path);
    }

    [Fact]
    public void An_explicit_setting_that_leaves_the_folder_or_names_a_missing_file_is_refused()
    {
        using var dir = Files("vlm/model.gguf", "mmproj-outside.gguf");

        var outside = Assert.Throws<ModelLoadException>(() =>
            ProjectorPairing.Find(dir.File("vlm/model.gguf"), new Dictionary<string, string> { ["model.gguf"] = "../mmproj-outside.gguf" }));
        var missing = Assert.Throws<ModelLoadException>(() =>
            ProjectorPairing.Find(dir.File("vlm/model.gguf"), new Dictionary<string, string> { ["model.gguf"] = "mmproj-gone.gguf" }));

        Assert.Contains("relative to the model's folder", outside.Message);
        Assert.Contains("mmproj-gone.gguf", missing.Message);
    }

    [Fact]
    public void Projector_files_are_recognised_by_name()
    {
        Assert.True(ProjectorPairing.IsProjectorFile("/m/mmproj-x-f16.gguf"));
        Assert.True(ProjectorPairing.IsProjectorFile("/m/MMPROJ_x.GGUF"));
        Assert.False(ProjectorPairing.IsProjectorFile("/m/x-mmproj.gguf"));
    }

    private static TempDirectory Files(params string[] names)
    {
        var dir = new TempDirectory();
        foreach (var name in names)
        {
            var path = dir.File(name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "GGUF");
        }
        return dir;
    }
}
