using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Inference;

namespace ValueAlign.Tests.Evaluation;

public sealed class EvalConfigHashTests
{
    private static string Hash(string method = "culture-mcq", int version = 1, string model = "abc", string filter = "{}", string parameters = "{}", int seed = 0, string? judge = null) =>
        EvalConfigHash.Compute(method, version, model, filter, parameters, seed, judge);

    [Fact]
    public void Every_part_of_the_configuration_changes_the_hash()
    {
        var baseline = Hash();
        Assert.Equal(baseline, Hash());
        Assert.Equal(64, baseline.Length);
        Assert.NotEqual(baseline, Hash(method: "honesty"));
        Assert.NotEqual(baseline, Hash(version: 2));
        Assert.NotEqual(baseline, Hash(model: "abd"));
        Assert.NotEqual(baseline, Hash(filter: "{\"benchmark\":\"x\"}"));
        Assert.NotEqual(baseline, Hash(parameters: "{\"mode\":\"generate\"}"));
        Assert.NotEqual(baseline, Hash(seed: 1));
        Assert.NotEqual(baseline, Hash(judge: "abc"));
        Assert.NotEqual(Hash(judge: "abc"), Hash(judge: "abd"));
    }

    [Fact]
    public void The_model_and_judge_identities_enter_the_hash_by_their_canonical_form_without_the_display_name()
    {
        var file = ModelRef.LocalFile("a.gguf", new string('1', 64));
        var renamed = ModelRef.LocalFile("b.gguf", new string('1', 64));
        var server = ModelRef.Server("http://gpu:8000/v1/", "llama-70b", "fp-1");
        Assert.Equal(Hash(model: file.Canonical), Hash(model: renamed.Canonical));
        Assert.NotEqual(Hash(model: file.Canonical), Hash(model: server.Canonical));
        Assert.NotEqual(Hash(model: server.Canonical), Hash(model: (server with { Fingerprint = "fp-2" }).Canonical));
        Assert.NotEqual(Hash(model: file.Canonical, judge: file.Canonical), Hash(model: file.Canonical, judge: server.Canonical));
        Assert.NotEqual(Hash(model: file.Canonical, judge: file.Canonical), Hash(model: file.Canonical));
    }

    [Fact]
    public void Fields_cannot_shift_characters_into_each_other()
    {
        Assert.NotEqual(Hash(method: "ab", model: "c"), Hash(method: "a", model: "bc"));
    }

    [Fact]
    public void Canonical_json_sorts_keys_at_every_depth_and_drops_whitespace()
    {
        Assert.Equal("{\"a\":{\"x\":1,\"y\":[2,{\"b\":0,\"c\":1}]},\"b\":true}",
            CanonicalJson.Normalize("{ \"b\": true, \"a\": { \"y\": [2, {\"c\":1, \"b\":0}], \"x\": 1 } }"));
        Assert.Equal("{}", CanonicalJson.NormalizeObject("  "));
        Assert.Throws<ArgumentException>(() => CanonicalJson.NormalizeObject("\"text\""));
    }

    [Fact]
    public void The_item_filter_is_stored_with_enum_names_and_without_unset_fields()
    {
        var json = ItemFilterJson.Serialize(new ItemFilter { Kind = ItemKind.CultureMultipleChoice, Benchmark = "mma-asia", Search = "  shrine " });
        Assert.Equal("{\"benchmark\":\"mma-asia\",\"kind\":\"CultureMultipleChoice\",\"search\":\"shrine\"}", json);
        Assert.Equal(new ItemFilter { Kind = ItemKind.CultureMultipleChoice, Benchmark = "mma-asia", Search = "shrine" }, ItemFilterJson.Deserialize(json));
    }
}
