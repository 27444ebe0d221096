using System.Text.Json.Nodes;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.OpenAi;

namespace ValueAlign.Tests.Inference.OpenAi;

/// <summary>Request bodies per server profile: sampling fields, structured output routes, images, prompt log-probs.</summary>
public sealed class OpenAiRequestsTests
{
    private static OpenAiServerProfile Profile(OpenAiServerKind kind, StructuredOutputRoute structured, ModelCapabilities capabilities = ModelCapabilities.Generation,
        LikelihoodRoute likelihood = LikelihoodRoute.EchoNoGeneration, int echoLogprobs = 0) =>
        new(kind, capabilities, likelihood, echoLogprobs, false, structured, null, 0, 0, 0, []);

    private static readonly JsonField[] Fields = [new("score", JsonFieldType.Rating1To5)];

    private static GenerationOptions Constrained => GenerationOptions.Greedy(20) with
    {
        Grammar = JsonGrammar.ForObject(Fields),
        JsonSchema = JsonSchemaFields.ToSchema(Fields).ToJsonString(),
    };

    [Fact]
    public void Greedy_requests_send_temperature_0_and_no_sampling_filters()
    {
        var body = new OpenAiRequests("m", Profile(OpenAiServerKind.Vllm, StructuredOutputRoute.None))
            .Completion("Hi", GenerationOptions.Greedy(12) with { StopStrings = ["\n"] }, stream: true);
        Assert.Equal(0, body["temperature"]!.GetValue<double>());
        Assert.Equal(12, body["max_tokens"]!.GetValue<int>());
        Assert.True(body["stream"]!.GetValue<bool>());
        Assert.Equal("\n", body["stop"]![0]!.GetValue<string>());
        Assert.Null(body["top_p"]);
        Assert.Null(body["top_k"]);
    }

    [Fact]
    public void Top_k_and_min_p_go_only_to_servers_known_to_accept_them()
    {
        var sampling = new GenerationOptions { Temperature = 0.7f, TopK = 40, TopP = 0.9f, MinP = 0.05f, Seed = 7 };
        var llama = new OpenAiRequests("m", Profile(OpenAiServerKind.LlamaServer, StructuredOutputRoute.GrammarField)).Completion("Hi", sampling, false);
        Assert.Equal(40, llama["top_k"]!.GetValue<int>());
        Assert.Equal(0.05, llama["min_p"]!.GetValue<double>(), 1e-6);
        Assert.Equal(7u, llama["seed"]!.GetValue<uint>());
        var hosted = new OpenAiRequests("m", Profile(OpenAiServerKind.Unknown, StructuredOutputRoute.ResponseFormat)).Completion("Hi", sampling, false);
        Assert.Null(hosted["top_k"]);
        Assert.Null(hosted["min_p"]);
        Assert.Equal(0.9, hosted["top_p"]!.GetValue<double>(), 1e-6);
    }

    [Fact]
    public void Structured_output_goes_by_the_server_s_route()
    {
        var grammar = new OpenAiRequests("m", Profile(OpenAiServerKind.LlamaServer, StructuredOutputRoute.GrammarField)).Completion("Hi", Constrained, false);
        Assert.StartsWith("root ::=", grammar["grammar"]!.GetValue<string>());
        Assert.Null(grammar["response_format"]);

        var vllm = new OpenAiRequests("m", Profile(OpenAiServerKind.Vllm, StructuredOutputRoute.VllmGuided)).Completion("Hi", Constrained, false);
        Assert.Equal("integer", vllm["guided_json"]!["properties"]!["score"]!["type"]!.GetValue<string>());
        Assert.NotNull(vllm["structured_outputs"]!["json"]);
        var vllmGrammarOnly = new OpenAiRequests("m", Profile(OpenAiServerKind.Vllm, StructuredOutputRoute.VllmGuided))
            .Completion("Hi", Constrained with { JsonSchema = null }, false);
        Assert.StartsWith("root ::=", vllmGrammarOnly["guided_grammar"]!.GetValue<string>());

        var ollama = new OpenAiRequests("m", Profile(OpenAiServerKind.Ollama, StructuredOutputRoute.ResponseFormat)).Chat([ChatMessage.User("Hi")], Constrained, false);
        Assert.Equal("json_schema", ollama["response_format"]!["type"]!.GetValue<string>());
        Assert.Equal(5, ollama["response_format"]!["json_schema"]!["schema"]!["properties"]!["score"]!["maximum"]!.GetValue<int>());
        Assert.Null(ollama["grammar"]);

        // A custom grammar with no schema twin and a server that only takes schemas: nothing is sent (the guarded reader checks the output).
        var none = new OpenAiRequests("m", Profile(OpenAiServerKind.Ollama, StructuredOutputRoute.ResponseFormat)).Chat([ChatMessage.User("Hi")], Constrained with { JsonSchema = null }, false);
        Assert.Null(none["response_format"]);
    }

    [Fact]
    public void Images_go_as_data_uri_parts_only_to_models_that_see_them()
    {
        var image = new ImageInput([1, 2, 3], "image/png");
        var message = ChatMessage.User("What is this?", [image]);
        var seeing = new OpenAiRequests("m", Profile(OpenAiServerKind.Ollama, StructuredOutputRoute.None, ModelCapabilities.Generation | ModelCapabilities.Images))
            .Chat([message], GenerationOptions.Greedy(5), true);
        var parts = seeing["messages"]![0]!["content"]!.AsArray();
        Assert.Equal("What is this?", parts[0]!["text"]!.GetValue<string>());
        Assert.Equal("data:image/png;base64,AQID", parts[1]!["image_url"]!["url"]!.GetValue<string>());
        var blind = new OpenAiRequests("m", Profile(OpenAiServerKind.Vllm, StructuredOutputRoute.None)).Chat([message], GenerationOptions.Greedy(5), true);
        Assert.Equal("What is this?", blind["messages"]![0]!["content"]!.GetValue<string>());
    }

    [Fact]
    public void Prompt_log_probs_requests_follow_the_detected_route()
    {
        IReadOnlyList<IReadOnlyList<int>> prompts = [[1, 5, 6], [1, 5, 7]];
        var echo = new OpenAiRequests("m", Profile(OpenAiServerKind.ValueAlign, StructuredOutputRoute.None)).PromptLogProbs(prompts);
        Assert.Equal(0, echo["max_tokens"]!.GetValue<int>());
        Assert.True(echo["echo"]!.GetValue<bool>());
        Assert.Equal(0, echo["logprobs"]!.GetValue<int>());
        Assert.Equal([1, 5, 7], echo["prompt"]![1]!.AsArray().Select(t => t!.GetValue<int>()));
        var one = new OpenAiRequests("m", Profile(OpenAiServerKind.Vllm, StructuredOutputRoute.None, likelihood: LikelihoodRoute.EchoOneToken, echoLogprobs: 1)).PromptLogProbs(prompts);
        Assert.Equal(1, one["max_tokens"]!.GetValue<int>());
        Assert.Equal(1, one["logprobs"]!.GetValue<int>());
        var vllm = new OpenAiRequests("m", Profile(OpenAiServerKind.Vllm, StructuredOutputRoute.None, likelihood: LikelihoodRoute.PromptLogprobs)).PromptLogProbs(prompts);
        Assert.Equal(0, vllm["prompt_logprobs"]!.GetValue<int>());
        Assert.Null(vllm["echo"]);
    }
}
