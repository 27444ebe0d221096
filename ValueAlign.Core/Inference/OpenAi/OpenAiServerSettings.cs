namespace ValueAlign.Core.Inference.OpenAi;

/// <summary>
/// How to reach one model on an OpenAI-compatible server. The API key is held here only to be
/// sent as a bearer token: it is never part of <see cref="ToString"/>, the model's identity,
/// logs, run records or exports.
/// </summary>
public sealed class OpenAiServerSettings
{
    /// <summary>Display name (the Models page's, or the endpoint's host for --endpoint).</summary>
    public required string Name { get; init; }

    /// <summary>Base URL up to and including /v1, e.g. http://gpu-box:8000/v1.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The server's model id, sent as the <c>model</c> field.</summary>
    public required string Model { get; init; }

    public string? ApiKey { get; init; }

    /// <summary>Requests this process keeps in flight to the server at most.</summary>
    public int MaxInFlight { get; init; } = 4;

    /// <summary>Time one HTTP attempt may take before it is abandoned (and retried).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Retries after the first attempt on 429, 5xx, timeouts and refused connections.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>First retry delay; doubled for every further retry (with jitter), unless the server sends Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Whether the model sees images, for servers that do not say (vLLM); null = ask the server where it can tell.</summary>
    public bool? Images { get; init; }

    /// <summary>The server's root (the base URL without /v1), where vLLM and llama-server put /tokenize.</summary>
    public Uri Root
    {
        get
        {
            var text = BaseUrl.ToString().TrimEnd('/');
            return new Uri(text.EndsWith("/v1", StringComparison.Ordinal) ? text[..^3] : text);
        }
    }

    public void Validate()
    {
        if (BaseUrl.Scheme is not ("http" or "https"))
            throw new ArgumentException($"The server URL {BaseUrl} must start with http:// or https://.");
        if (string.IsNullOrWhiteSpace(Model))
            throw new ArgumentException("Name the server's model (the 'model' field of its requests).");
        if (MaxInFlight is < 1 or > 256)
            throw new ArgumentException("Requests in flight must be between 1 and 256.");
        if (Timeout <= TimeSpan.Zero)
            throw new ArgumentException("The timeout must be positive.");
        if (MaxRetries is < 0 or > 10)
            throw new ArgumentException("Retries must be between 0 and 10.");
    }

    public override string ToString() => $"{Name} ({Model} @ {BaseUrl})";
}
