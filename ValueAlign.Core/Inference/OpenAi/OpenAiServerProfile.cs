namespace ValueAlign.Core.Inference.OpenAi;

/// <summary>Which server software answers, as far as its answers tell.</summary>
public enum OpenAiServerKind
{
    Unknown,
    /// <summary>vLLM (<c>owned_by: "vllm"</c>).</summary>
    Vllm,
    /// <summary>llama.cpp's llama-server (<c>owned_by: "llamacpp"</c>, /props).</summary>
    LlamaServer,
    /// <summary>Ollama (/api/version).</summary>
    Ollama,
    /// <summary>Another ValueAlign workbench's /v1 (<c>owned_by: "valuealign"</c>).</summary>
    ValueAlign,
}

/// <summary>How prompt-token log-probs (continuation log-likelihood) are obtained from this server.</summary>
public enum LikelihoodRoute
{
    None,
    /// <summary><c>echo: true</c>, <c>logprobs</c>, <c>max_tokens: 0</c>: the prompt's log-probs only.</summary>
    EchoNoGeneration,
    /// <summary>As above with <c>max_tokens: 1</c> for servers that refuse 0; the one generated token is dropped.</summary>
    EchoOneToken,
    /// <summary>vLLM's <c>prompt_logprobs</c>.</summary>
    PromptLogprobs,
}

/// <summary>How grammar- or schema-constrained output is asked for.</summary>
public enum StructuredOutputRoute
{
    None,
    /// <summary>A GBNF <c>grammar</c> field (llama-server, the workbench); schemas go as <c>response_format</c>.</summary>
    GrammarField,
    /// <summary>vLLM's guided decoding: <c>guided_grammar</c> / <c>guided_json</c> and <c>structured_outputs</c>.</summary>
    VllmGuided,
    /// <summary>Only <c>response_format</c> with a JSON schema (Ollama, hosted APIs).</summary>
    ResponseFormat,
}

/// <summary>
/// What the probe found out about one model on one server: its capabilities and how to reach
/// each, its fingerprint (revision or file hash) and size, with one line of evidence per finding
/// for the Models page and the CLI.
/// </summary>
public sealed record OpenAiServerProfile(
    OpenAiServerKind Kind,
    ModelCapabilities Capabilities,
    LikelihoodRoute Likelihood,
    int EchoLogprobs,
    bool BatchTokenize,
    StructuredOutputRoute StructuredOutput,
    string? Fingerprint,
    int ContextLength,
    int VocabularySize,
    long ParameterCount,
    IReadOnlyList<string> Evidence);
