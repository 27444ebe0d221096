namespace ValueAlign.Core.Inference.OpenAi;

/// <summary>OpenAI-compatible servers from the "Backends" section of appsettings.json.</summary>
public sealed class OpenAiBackendOptions
{
    public const string SectionName = "Backends";

    /// <summary>Environment variable holding the key for servers given by URL alone (the CLI's default too).</summary>
    public const string DefaultApiKeyVariable = "VALUEALIGN_API_KEY";

    public List<ConfiguredServer> Servers { get; set; } = [];
}

/// <summary>
/// One configured server: <c>{"Name": "gpu-box", "BaseUrl": "http://gpu-box:8000/v1", "ApiKeyVariable": "GPU_BOX_KEY"}</c>.
/// The key comes from <see cref="ApiKey"/> (configuration, e.g. an environment variable
/// <c>Backends__Servers__0__ApiKey</c>) or the environment variable <see cref="ApiKeyVariable"/> names.
/// </summary>
public sealed class ConfiguredServer
{
    public string Name { get; set; } = "";
    public string BaseUrl { get; set; } = "";
    public string? ApiKey { get; set; }
    public string? ApiKeyVariable { get; set; }
    public int MaxInFlight { get; set; } = 4;
    public int TimeoutSeconds { get; set; } = 300;
    public int MaxRetries { get; set; } = 3;
    public bool? Images { get; set; }

    /// <summary>The key to send: <see cref="ApiKey"/>, else the value of the variable <see cref="ApiKeyVariable"/> names, else none.</summary>
    public string? ResolveApiKey() =>
        ApiKey is { Length: > 0 } inline ? inline
        : ApiKeyVariable is { Length: > 0 } variable ? Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null
        : null;

    /// <summary>The settings for requests to <paramref name="model"/> on this server, shown as <paramref name="name"/>.</summary>
    public OpenAiServerSettings ToSettings(string name, string model) => new()
    {
        Name = name,
        BaseUrl = new Uri(BaseUrl),
        Model = model,
        ApiKey = ResolveApiKey(),
        MaxInFlight = MaxInFlight,
        Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
        MaxRetries = MaxRetries,
        Images = Images,
    };
}
