using System.Text.Json.Nodes;
using ValueAlign.Core.Inference.OpenAi;

namespace ValueAlign.Tests.Inference.OpenAi;

/// <summary>The parser on bodies in the documented shapes of vLLM, llama-server and Ollama.</summary>
public sealed class OpenAiResponsesTests
{
    private static JsonNode Parse(string json) => JsonNode.Parse(json)!;

    [Fact]
    public void Vllm_echo_gives_the_legacy_token_log_probs_with_the_first_null()
    {
        var choice = OpenAiResponses.Choices(Parse(ServerShapes.VllmEchoOneToken))[0];
        Assert.Equal([null, -4.25, -0.5, -1.75], OpenAiResponses.PromptLogProbs(choice, [9707, 1879, 0]));
    }

    [Fact]
    public void Vllm_prompt_logprobs_are_read_by_the_token_id_that_was_sent_not_by_rank()
    {
        var choice = OpenAiResponses.Choices(Parse(ServerShapes.VllmPromptLogprobs))[0];
        Assert.Equal([null, -4.25, -0.5], OpenAiResponses.PromptLogProbs(choice, [9707, 1879, 0]));
    }

    [Fact]
    public void Llama_server_log_probs_in_the_chat_shape_and_tokens_with_pieces_are_read()
    {
        var choice = OpenAiResponses.Choices(Parse(ServerShapes.LlamaServerCompletionWithLogprobs))[0];
        Assert.Equal([-0.69], OpenAiResponses.PromptLogProbs(choice, [1, 2, 3]));
        Assert.Equal(" there", OpenAiResponses.CompletionText(Parse(ServerShapes.LlamaServerCompletionWithLogprobs)));
        Assert.Equal([9707, 1879], OpenAiResponses.Tokens(Parse(ServerShapes.LlamaServerTokenizeWithPieces)["tokens"]));
        Assert.Equal([9707, 1879, 0], OpenAiResponses.Tokens(Parse(ServerShapes.VllmTokenize)["tokens"]));
    }

    [Fact]
    public void Ollama_chat_chunks_and_embeddings_are_read()
    {
        Assert.Equal("The cat", OpenAiResponses.ChatContent(Parse(ServerShapes.OllamaChatChunk)));
        Assert.Equal("", OpenAiResponses.ChatContent(Parse(ServerShapes.OllamaFinalChunk)));
        Assert.Equal("stop", OpenAiResponses.FinishReason(Parse(ServerShapes.OllamaFinalChunk)));
        Assert.Equal([0.25f, -0.5f, 0.125f], OpenAiResponses.Embedding(Parse(ServerShapes.OllamaEmbeddings)));
    }

    [Fact]
    public void Base64_embeddings_decode_as_little_endian_floats()
    {
        var bytes = new byte[8];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 4), 1.5f);
        BitConverter.TryWriteBytes(bytes.AsSpan(4, 4), -2f);
        var body = Parse($$"""{"data":[{"embedding":"{{Convert.ToBase64String(bytes)}}"}]}""");
        Assert.Equal([1.5f, -2f], OpenAiResponses.Embedding(body));
    }

    [Fact]
    public void Choices_of_a_prompt_list_are_ordered_by_index()
    {
        var body = Parse("""{"choices":[{"index":2,"text":"c"},{"index":0,"text":"a"},{"index":1,"text":"b"}]}""");
        Assert.Equal(["a", "b", "c"], OpenAiResponses.Choices(body).Select(c => c["text"]!.GetValue<string>()));
    }

    [Fact]
    public void Models_are_found_by_id_in_each_server_s_list()
    {
        Assert.Equal(32768, OpenAiResponses.Model(Parse(ServerShapes.VllmModels), "Qwen/Qwen2.5-7B-Instruct")!["max_model_len"]!.GetValue<int>());
        Assert.NotNull(OpenAiResponses.Model(Parse(ServerShapes.LlamaServerModels), "qwen2.5-7b-instruct-q4_k_m.gguf"));
        Assert.Null(OpenAiResponses.Model(Parse(ServerShapes.OllamaModels), "llama3.2"));
        Assert.Equal(["llama3.2-vision:latest"], OpenAiResponses.ModelIds(Parse(ServerShapes.OllamaModels)));
    }

    [Fact]
    public void Malformed_bodies_raise_format_errors_naming_what_is_missing()
    {
        Assert.Contains("choices", Assert.Throws<FormatException>(() => OpenAiResponses.Choices(Parse("""{"error":"x"}"""))).Message);
        Assert.Contains("token_logprobs[1]", Assert.Throws<FormatException>(() =>
            OpenAiResponses.PromptLogProbs(Parse("""{"logprobs":{"token_logprobs":[null,"x"]}}""")!.AsObject(), [1, 2])).Message);
        Assert.Contains("no entry", Assert.Throws<FormatException>(() =>
            OpenAiResponses.PromptLogProbs(Parse("""{"prompt_logprobs":[null,{"5":{"logprob":-1}}]}""")!.AsObject(), [1, 2])).Message);
        Assert.Throws<FormatException>(() => OpenAiResponses.PromptLogProbs(Parse("""{"text":"x"}""")!.AsObject(), [1]));
    }
}
