namespace ValueAlign.Core.Inference.Serving;

/// <summary>A request the served API refuses, with the HTTP status and OpenAI's error type.</summary>
public sealed class OpenAiApiException(int status, string message, string? param = null, string type = "invalid_request_error", string? code = null)
    : Exception(message)
{
    public int Status { get; } = status;
    public string? Param { get; } = param;
    public string Type { get; } = type;
    public string? Code { get; } = code;

    public static OpenAiApiException BadRequest(string message, string? param = null) => new(400, message, param);
}
