namespace ValueAlign.Tests.Inference.OpenAi;

/// <summary>
/// Response bodies in the shapes vLLM, llama.cpp's llama-server and Ollama document for their
/// OpenAI-compatible endpoints (written for these tests; values are made up).
/// </summary>
internal static class ServerShapes
{
    public const string VllmModels = """
        {"object":"list","data":[{"id":"Qwen/Qwen2.5-7B-Instruct","object":"model","created":1718000000,"owned_by":"vllm",
         "root":"/models/qwen2.5-7b-instruct@a09a3545","parent":null,"max_model_len":32768,
         "permission":[{"id":"modelperm-1","object":"model_permission","created":1718000000,"allow_create_engine":false,"allow_sampling":true,"allow_logprobs":true}]}]}
        """;

    public const string VllmTokenize = """{"count":3,"max_model_len":32768,"tokens":[9707,1879,0],"token_strs":null}""";

    /// <summary>Echo of a 3-token prompt with logprobs 1 and one generated token (max_tokens 1).</summary>
    public const string VllmEchoOneToken = """
        {"id":"cmpl-5f1e","object":"text_completion","created":1718000001,"model":"Qwen/Qwen2.5-7B-Instruct",
         "choices":[{"index":0,"text":"Hello world!\n","logprobs":{"text_offset":[0,5,11,12],"token_logprobs":[null,-4.25,-0.5,-1.75],
           "tokens":["Hello"," world","!","\n"],"top_logprobs":[null,{" world":-4.25,",":-1.2},{"!":-0.5},{"\n":-1.75}]},
           "finish_reason":"length","stop_reason":null,"prompt_logprobs":null}],
         "usage":{"prompt_tokens":3,"total_tokens":4,"completion_tokens":1}}
        """;

    public const string VllmPromptLogprobs = """
        {"id":"cmpl-77","object":"text_completion","created":1718000002,"model":"Qwen/Qwen2.5-7B-Instruct",
         "choices":[{"index":0,"text":"\n","logprobs":null,"finish_reason":"length","stop_reason":null,
           "prompt_logprobs":[null,{"1879":{"logprob":-4.25,"rank":7,"decoded_token":" world"},"11":{"logprob":-1.2,"rank":1,"decoded_token":","}},
                              {"0":{"logprob":-0.5,"rank":1,"decoded_token":"!"}}]}],
         "usage":{"prompt_tokens":3,"total_tokens":4,"completion_tokens":1}}
        """;

    public const string LlamaServerModels = """
        {"object":"list","data":[{"id":"qwen2.5-7b-instruct-q4_k_m.gguf","object":"model","created":1718000000,"owned_by":"llamacpp",
         "meta":{"vocab_type":2,"n_vocab":152064,"n_ctx_train":32768,"n_embd":3584,"n_params":7615616512,"size":4677120000}}]}
        """;

    public const string LlamaServerTokenizeWithPieces = """{"tokens":[{"id":9707,"piece":"Hello"},{"id":1879,"piece":" world"}]}""";

    /// <summary>llama-server's completions log-probs come in the chat shape, for generated tokens only.</summary>
    public const string LlamaServerCompletionWithLogprobs = """
        {"choices":[{"text":" there","index":0,"logprobs":{"content":[{"id":1052,"token":" there","logprob":-0.69,"bytes":[32,116,104,101,114,101],
           "top_logprobs":[{"id":1052,"token":" there","logprob":-0.69,"bytes":[32,116,104,101,114,101]},{"id":374,"token":" is","logprob":-1.9,"bytes":[32,105,115]}]}]},
           "finish_reason":"length"}],
         "created":1718000003,"model":"qwen2.5-7b-instruct-q4_k_m.gguf","system_fingerprint":"b5123-0a1b2c3","object":"text_completion",
         "usage":{"completion_tokens":1,"prompt_tokens":3,"total_tokens":4},"id":"chatcmpl-Xy12"}
        """;

    public const string LlamaServerProps = """
        {"default_generation_settings":{"n_ctx":8192,"params":{"temperature":0.8}},"total_slots":4,"model_path":"/models/qwen.gguf",
         "modalities":{"vision":true,"audio":false},"build_info":"b5123-0a1b2c3","chat_template":"..."}
        """;

    public const string OllamaModels = """{"object":"list","data":[{"id":"llama3.2-vision:latest","object":"model","created":1718000000,"owned_by":"library"}]}""";

    public const string OllamaChatChunk = """
        {"id":"chatcmpl-412","object":"chat.completion.chunk","created":1718000004,"model":"llama3.2-vision:latest","system_fingerprint":"fp_ollama",
         "choices":[{"index":0,"delta":{"role":"assistant","content":"The cat"},"finish_reason":null}]}
        """;

    public const string OllamaFinalChunk = """
        {"id":"chatcmpl-412","object":"chat.completion.chunk","created":1718000004,"model":"llama3.2-vision:latest","system_fingerprint":"fp_ollama",
         "choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":"stop"}]}
        """;

    public const string OllamaEmbeddings = """
        {"object":"list","data":[{"object":"embedding","embedding":[0.25,-0.5,0.125],"index":0}],"model":"llama3.2-vision:latest","usage":{"prompt_tokens":2,"total_tokens":2}}
        """;

    public const string OllamaShow = """{"modelfile":"FROM llama3.2-vision","details":{"family":"mllama","parameter_size":"10.7B"},"capabilities":["completion","vision"]}""";
}
