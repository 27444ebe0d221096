namespace ValueAlign.Core.Inference.OpenAi;

/// <summary>A server answered with an error (or could not be reached after the retries); names the server and endpoint, never the key.</summary>
public sealed class OpenAiServerException(string message, int? status = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The HTTP status, or null when no answer arrived.</summary>
    public int? Status { get; } = status;
}
