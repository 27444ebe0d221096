using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ValueAlign.Tests.Inference.OpenAi;

/// <summary>An HTTP handler that answers from a script and records every request (path, body, headers).</summary>
internal sealed class ScriptedHandler(Func<ScriptedHandler.Request, Task<HttpResponseMessage>> answer) : HttpMessageHandler
{
    public sealed record Request(HttpMethod Method, string Path, JsonObject? Body, string? Authorization);

    private readonly List<Request> requests = [];
    private int concurrent;

    public ScriptedHandler(Func<Request, HttpResponseMessage> answer) : this(r => Task.FromResult(answer(r))) { }

    public IReadOnlyList<Request> Requests
    {
        get
        {
            lock (requests)
                return [.. requests];
        }
    }

    public int MaxConcurrent { get; private set; }

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Events(params string[] data) =>
        new(HttpStatusCode.OK) { Content = new StringContent(string.Concat(data.Select(d => $"data: {(d == "[DONE]" ? d : JsonNode.Parse(d)!.ToJsonString())}\n\n")), Encoding.UTF8, "text/event-stream") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken)) as JsonObject;
        var recorded = new Request(request.Method, request.RequestUri!.AbsolutePath, body, request.Headers.Authorization?.ToString());
        lock (requests)
        {
            requests.Add(recorded);
            MaxConcurrent = Math.Max(MaxConcurrent, ++concurrent);
        }
        try
        {
            return await answer(recorded).WaitAsync(cancellationToken);
        }
        finally
        {
            lock (requests)
                concurrent--;
        }
    }
}
