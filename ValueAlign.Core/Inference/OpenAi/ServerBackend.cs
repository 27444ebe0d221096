namespace ValueAlign.Core.Inference.OpenAi;

/// <summary>
/// An OpenAI-compatible server an Admin added on the Models page (servers from the
/// <c>Backends:Servers</c> configuration are not stored). No secret is stored: the API key comes
/// from the environment variable named by <see cref="ApiKeyVariable"/>.
/// </summary>
public sealed class ServerBackend
{
    public long Id { get; set; }

    /// <summary>Short unique name the workbench shows and the CLI accepts.</summary>
    public string Name { get; set; } = "";

    /// <summary>Base URL up to and including <c>/v1</c>, e.g. <c>http://gpu-box:8000/v1</c>.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>The server's model id(s) (the <c>model</c> field of requests), comma-separated when it serves several.</summary>
    public string Model { get; set; } = "";

    /// <summary>Name of the environment variable holding the key, or null for servers without one.</summary>
    public string? ApiKeyVariable { get; set; }

    public int MaxInFlight { get; set; } = 4;

    public int TimeoutSeconds { get; set; } = 300;

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}
