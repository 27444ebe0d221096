using System.Net;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.OpenAi;

namespace ValueAlign.Tests.Inference.OpenAi;

/// <summary>Capability detection against scripted servers that answer as vLLM, llama-server, Ollama and a hosted API do.</summary>
public sealed class OpenAiCapabilityProbeTests
{
    private static OpenAiServerSettings Settings(string model, bool? images = null) =>
        new() { Name = "box", BaseUrl = new Uri("http://box:8000/v1"), Model = model, Images = images, MaxRetries = 0 };

    private static HttpResponseMessage NotFound() => new(HttpStatusCode.NotFound) { Content = new StringContent("404 page not found") };

    private static async Task<OpenAiLanguageModel> ConnectAsync(OpenAiServerSettings settings, ScriptedHandler handler) =>
        await OpenAiLanguageModel.ConnectAsync(settings, handler);

    [Fact]
    public async Task Vllm_that_refuses_max_tokens_0_is_scored_by_echo_with_one_token_and_its_revision_is_the_fingerprint()
    {
        var handler = new ScriptedHandler(r => (r.Path, r.Body?["max_tokens"]?.GetValue<int>()) switch
        {
            ("/v1/models", _) => ScriptedHandler.Json(ServerShapes.VllmModels),
            ("/tokenize", _) => r.Body!["prompt"]!.GetValue<string>() switch
            {
                "Hello" => ScriptedHandler.Json("""{"count":1,"max_model_len":32768,"tokens":[9707]}"""),
                "world!" => ScriptedHandler.Json("""{"count":2,"max_model_len":32768,"tokens":[1879,0]}"""),
                _ => ScriptedHandler.Json(ServerShapes.VllmTokenize),
            },
            ("/v1/completions", 0) => ScriptedHandler.Json("""{"object":"error","message":"max_tokens must be at least 1, got 0.","type":"BadRequestError","code":400}""", HttpStatusCode.BadRequest),
            ("/v1/completions", 1) => ScriptedHandler.Json(ServerShapes.VllmEchoOneToken),
            ("/v1/embeddings", _) => ScriptedHandler.Json("""{"object":"error","message":"This model does not support embeddings","code":400}""", HttpStatusCode.BadRequest),
            _ => NotFound(),
        });
        await using var model = await ConnectAsync(Settings("Qwen/Qwen2.5-7B-Instruct"), handler);
        var profile = model.Profile;
        Assert.Equal(OpenAiServerKind.Vllm, profile.Kind);
        Assert.Equal(LikelihoodRoute.EchoOneToken, profile.Likelihood);
        Assert.Equal(StructuredOutputRoute.VllmGuided, profile.StructuredOutput);
        Assert.True(profile.Capabilities.HasFlag(ModelCapabilities.ContinuationLogLikelihood));
        Assert.False(profile.Capabilities.HasFlag(ModelCapabilities.Embeddings));
        Assert.False(profile.Capabilities.HasFlag(ModelCapabilities.Images));
        Assert.Equal(32768, model.Description.ContextSize);
        Assert.Equal("/models/qwen2.5-7b-instruct@a09a3545", model.Identity.Fingerprint);
        Assert.Contains(profile.Evidence, e => e.Contains("max_tokens 1"));

        // Scoring drops the one generated token: the last prompt log-prob is the continuation's.
        var score = await model.ScoreContinuationAsync("Hello", "world!");
        Assert.Equal([1879, 0], score.Tokens);
        Assert.Equal([-4.25, -0.5], score.TokenLogProbs);
    }

    [Fact]
    public async Task Vllm_prompt_logprobs_are_used_when_echo_is_not_offered()
    {
        var handler = new ScriptedHandler(r => r.Path switch
        {
            "/v1/models" => ScriptedHandler.Json(ServerShapes.VllmModels),
            "/tokenize" => ScriptedHandler.Json(ServerShapes.VllmTokenize),
            "/v1/completions" when r.Body!["prompt_logprobs"] is not null => ScriptedHandler.Json(ServerShapes.VllmPromptLogprobs),
            "/v1/completions" => ScriptedHandler.Json("""{"message":"echo is not supported"}""", HttpStatusCode.BadRequest),
            _ => NotFound(),
        });
        await using var model = await ConnectAsync(Settings("Qwen/Qwen2.5-7B-Instruct", images: true), handler);
        Assert.Equal(LikelihoodRoute.PromptLogprobs, model.Profile.Likelihood);
        Assert.True(model.Capabilities.HasFlag(ModelCapabilities.Images), "declared in the settings");
        Assert.Contains(model.Profile.Evidence, e => e == "images: yes (declared in the settings)");
    }

    [Fact]
    public async Task Llama_server_offers_no_prompt_log_probs_but_a_grammar_embeddings_and_vision_from_props()
    {
        var handler = new ScriptedHandler(r => r.Path switch
        {
            "/v1/models" => ScriptedHandler.Json(ServerShapes.LlamaServerModels),
            "/tokenize" => ScriptedHandler.Json(ServerShapes.LlamaServerTokenizeWithPieces),
            // llama-server ignores echo: only the generated token's log-prob comes back.
            "/v1/completions" => ScriptedHandler.Json(ServerShapes.LlamaServerCompletionWithLogprobs),
            "/v1/embeddings" => ScriptedHandler.Json(ServerShapes.OllamaEmbeddings),
            "/props" => ScriptedHandler.Json(ServerShapes.LlamaServerProps),
            _ => NotFound(),
        });
        await using var model = await ConnectAsync(Settings("qwen2.5-7b-instruct-q4_k_m.gguf"), handler);
        var profile = model.Profile;
        Assert.Equal(OpenAiServerKind.LlamaServer, profile.Kind);
        Assert.Equal(LikelihoodRoute.None, profile.Likelihood);
        Assert.False(profile.Capabilities.HasFlag(ModelCapabilities.ContinuationLogLikelihood));
        Assert.True(profile.Capabilities.HasFlag(ModelCapabilities.Grammar | ModelCapabilities.JsonSchema | ModelCapabilities.Embeddings | ModelCapabilities.Images | ModelCapabilities.Tokenization));
        Assert.Equal(152064, model.Description.VocabularySize);
        Assert.Equal(7615616512, model.Description.ParameterCount);
        var refused = await Assert.ThrowsAsync<NotSupportedException>(() => model.ScoreChoicesAsync([new MultipleChoiceQuestion("Q", ["a", "b"])]));
        Assert.Contains("continuation log-likelihood", refused.Message);
    }

    [Fact]
    public async Task Ollama_has_no_tokenizer_so_no_likelihood_and_says_vision_through_api_show()
    {
        var handler = new ScriptedHandler(r => r.Path switch
        {
            "/v1/models" => ScriptedHandler.Json(ServerShapes.OllamaModels),
            "/v1/embeddings" => ScriptedHandler.Json(ServerShapes.OllamaEmbeddings),
            "/api/show" => ScriptedHandler.Json(ServerShapes.OllamaShow),
            "/v1/chat/completions" => ScriptedHandler.Events(ServerShapes.OllamaChatChunk, ServerShapes.OllamaFinalChunk, "[DONE]"),
            _ => NotFound(),
        });
        await using var model = await ConnectAsync(Settings("llama3.2-vision:latest"), handler);
        var profile = model.Profile;
        Assert.Equal(OpenAiServerKind.Ollama, profile.Kind);
        Assert.Equal(ModelCapabilities.Generation | ModelCapabilities.Embeddings | ModelCapabilities.JsonSchema | ModelCapabilities.Images, profile.Capabilities);
        Assert.Contains(profile.Evidence, e => e.StartsWith("tokenization: not offered", StringComparison.Ordinal));
        var reply = await model.ChatAsync([ChatMessage.User("What is in the picture?", [new ImageInput([7], "image/jpeg")])], GenerationOptions.Greedy(10)).ToListAsync();
        Assert.Equal(["The cat"], reply);
        var sent = handler.Requests.Last(r => r.Path == "/v1/chat/completions").Body!;
        Assert.Equal("data:image/jpeg;base64,Bw==", sent["messages"]![0]!["content"]![1]!["image_url"]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_hosted_api_is_probed_for_json_schema_output()
    {
        var handler = new ScriptedHandler(r => r.Path switch
        {
            "/v1/models" => ScriptedHandler.Json("""{"object":"list","data":[{"id":"gpt-x","object":"model","created":1,"owned_by":"system"}]}"""),
            "/v1/chat/completions" when r.Body!["response_format"] is not null => ScriptedHandler.Json("""{"choices":[{"index":0,"message":{"role":"assistant","content":"{"}}]}"""),
            _ => NotFound(),
        });
        await using var model = await ConnectAsync(Settings("gpt-x"), handler);
        Assert.Equal(OpenAiServerKind.Unknown, model.Profile.Kind);
        Assert.Equal(StructuredOutputRoute.ResponseFormat, model.Profile.StructuredOutput);
        Assert.Equal(ModelCapabilities.Generation | ModelCapabilities.JsonSchema, model.Capabilities);
    }

    [Fact]
    public async Task A_model_the_server_does_not_list_fails_with_the_list()
    {
        var handler = new ScriptedHandler(r => r.Path == "/v1/models" ? ScriptedHandler.Json(ServerShapes.OllamaModels) : NotFound());
        var error = await Assert.ThrowsAsync<OpenAiServerException>(() => ConnectAsync(Settings("llama3.2"), handler));
        Assert.Contains("llama3.2-vision:latest", error.Message);
    }
}
