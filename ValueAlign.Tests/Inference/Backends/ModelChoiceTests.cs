using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Backends;

namespace ValueAlign.Tests.Inference.Backends;

public sealed class ModelChoiceTests
{
    [Fact]
    public void The_text_form_round_trips_for_files_and_server_models()
    {
        var file = ModelChoice.Parse(" sub/stories260K.gguf ");
        Assert.Equal(ModelRefKind.LocalFile, file.Kind);
        Assert.Equal("sub/stories260K.gguf", file.ToString());

        var server = ModelChoice.Parse("meta-llama/Llama-3.1-70B-Instruct @ http://gpu:8000/v1");
        Assert.Equal(ModelRefKind.Server, server.Kind);
        Assert.Equal("meta-llama/Llama-3.1-70B-Instruct", server.Model);
        Assert.Equal("http://gpu:8000/v1", server.Endpoint);
        Assert.Equal(server, ModelChoice.Parse(server.ToString()));
        Assert.Equal(ModelChoice.Server("vllm", "qwen"), ModelChoice.Parse("qwen @ vllm"));
        Assert.Throws<ArgumentException>(() => ModelChoice.Parse("  "));
    }

    [Fact]
    public void A_model_reference_round_trips_through_its_stored_json_without_its_derived_forms()
    {
        var local = ModelRef.LocalFile("stories260K.gguf", new string('c', 64), new string('d', 64));
        var json = local.ToJson();
        Assert.DoesNotContain("canonical", json);
        Assert.DoesNotContain("display", json);
        Assert.DoesNotContain("baseUrl", json);
        Assert.Contains("\"kind\":\"LocalFile\"", json);
        Assert.Equal(local, ModelRef.FromJson(json));

        var server = ModelRef.Server("http://gpu:8000/v1/", "llama", "sha256:beef");
        Assert.Equal("http://gpu:8000/v1", server.BaseUrl);
        Assert.Equal(server, ModelRef.FromJson(server.ToJson()));
        Assert.Throws<FormatException>(() => ModelRef.FromJson("{\"kind\":\"Bogus\"}"));
        Assert.Throws<FormatException>(() => ModelRef.FromJson("[]"));
    }
}
