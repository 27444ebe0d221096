using System.Net;
using System.Text.Json.Nodes;
using ValueAlign.Core.Inference.OpenAi;

namespace ValueAlign.Tests.Inference.OpenAi;

/// <summary>Retries, backoff, timeouts, the in-flight limit and key handling of the HTTP transport, against a scripted server.</summary>
public sealed class OpenAiTransportTests
{
    private readonly List<TimeSpan> _delays = [];

    private OpenAiTransport Transport(ScriptedHandler handler, int retries = 3, TimeSpan? timeout = null, int inFlight = 4, string? key = "secret-key-123") =>
        new(new OpenAiServerSettings
        {
            Name = "gpu-box", BaseUrl = new Uri("http://gpu-box:8000/v1"), Model = "m", ApiKey = key,
            MaxRetries = retries, Timeout = timeout ?? TimeSpan.FromSeconds(30), MaxInFlight = inFlight, RetryBaseDelay = TimeSpan.FromMilliseconds(100),
        }, handler, (delay, _) =>
        {
            lock (_delays)
                _delays.Add(delay);
            return Task.CompletedTask;
        });

    [Fact]
    public async Task Retries_429_and_5xx_with_exponential_backoff_then_succeeds()
    {
        var answers = new Queue<HttpResponseMessage>([
            ScriptedHandler.Json("""{"error":{"message":"busy"}}""", HttpStatusCode.TooManyRequests),
            ScriptedHandler.Json("oops", HttpStatusCode.BadGateway),
            ScriptedHandler.Json("""{"error":"overloaded"}""", HttpStatusCode.ServiceUnavailable),
            ScriptedHandler.Json("""{"ok":true}"""),
        ]);
        var handler = new ScriptedHandler(_ => answers.Dequeue());
        using var transport = Transport(handler);
        var answer = await transport.PostAsync("completions", new JsonObject { ["prompt"] = "x" }, CancellationToken.None);
        Assert.True(answer["ok"]!.GetValue<bool>());
        Assert.Equal(4, handler.Requests.Count);
        Assert.Equal(3, _delays.Count);
        // 100 ms × 2^attempt, ±20 % jitter.
        Assert.InRange(_delays[0].TotalMilliseconds, 80, 120);
        Assert.InRange(_delays[1].TotalMilliseconds, 160, 240);
        Assert.InRange(_delays[2].TotalMilliseconds, 320, 480);
        Assert.All(handler.Requests, r => Assert.Equal("/v1/completions", r.Path));
    }

    [Fact]
    public async Task Retry_after_from_the_server_is_honoured()
    {
        var answers = new Queue<HttpResponseMessage>();
        var limited = ScriptedHandler.Json("{}", HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        answers.Enqueue(limited);
        answers.Enqueue(ScriptedHandler.Json("{}"));
        using var transport = Transport(new ScriptedHandler(_ => answers.Dequeue()));
        await transport.GetAsync("models", CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(7), Assert.Single(_delays));
    }

    [Fact]
    public async Task Client_errors_are_not_retried_and_name_the_server_the_path_and_its_message_but_not_the_key()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Json("""{"error":{"message":"'logprobs' must be at most 5","type":"invalid_request_error"}}""", HttpStatusCode.BadRequest));
        using var transport = Transport(handler);
        var error = await Assert.ThrowsAsync<OpenAiServerException>(() => transport.PostAsync("completions", new JsonObject(), CancellationToken.None));
        Assert.Equal(400, error.Status);
        Assert.Single(handler.Requests);
        Assert.Contains("gpu-box", error.Message);
        Assert.Contains("completions", error.Message);
        Assert.Contains("'logprobs' must be at most 5", error.Message);
        Assert.DoesNotContain("secret-key-123", error.Message);
        Assert.Equal("Bearer secret-key-123", handler.Requests[0].Authorization);
    }

    [Fact]
    public async Task Persistent_server_errors_give_up_after_the_configured_retries()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Json("{}", HttpStatusCode.InternalServerError));
        using var transport = Transport(handler, retries: 2);
        var error = await Assert.ThrowsAsync<OpenAiServerException>(() => transport.GetAsync("models", CancellationToken.None));
        Assert.Equal(500, error.Status);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Contains("after 3 attempt(s)", error.Message);
    }

    [Fact]
    public async Task An_attempt_that_exceeds_the_timeout_is_abandoned_and_retried()
    {
        var calls = 0;
        var handler = new ScriptedHandler(async _ =>
        {
            if (Interlocked.Increment(ref calls) == 1)
                await Task.Delay(TimeSpan.FromSeconds(30));
            return ScriptedHandler.Json("""{"ok":1}""");
        });
        using var transport = Transport(handler, timeout: TimeSpan.FromMilliseconds(200));
        var answer = await transport.GetAsync("models", CancellationToken.None);
        Assert.Equal(1, answer["ok"]!.GetValue<int>());
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Refused_connections_are_retried_and_then_reported()
    {
        var handler = new ScriptedHandler(new Func<ScriptedHandler.Request, HttpResponseMessage>(_ => throw new HttpRequestException("Connection refused (gpu-box:8000)")));
        using var transport = Transport(handler, retries: 1);
        var error = await Assert.ThrowsAsync<OpenAiServerException>(() => transport.GetAsync("models", CancellationToken.None));
        Assert.Null(error.Status);
        Assert.Contains("Connection refused", error.Message);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task No_more_than_the_configured_requests_are_in_flight()
    {
        var handler = new ScriptedHandler(async _ =>
        {
            await Task.Delay(30);
            return ScriptedHandler.Json("{}");
        });
        using var transport = Transport(handler, inFlight: 3);
        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => transport.GetAsync("models", CancellationToken.None)));
        Assert.Equal(12, handler.Requests.Count);
        Assert.Equal(3, handler.MaxConcurrent);
        Assert.Equal(0, transport.InFlight);
    }

    [Fact]
    public async Task Root_paths_go_to_the_server_root_and_others_under_v1()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Json("{}"));
        using var transport = Transport(handler, key: null);
        await transport.PostAsync("/tokenize", new JsonObject(), CancellationToken.None);
        await transport.PostAsync("chat/completions", new JsonObject(), CancellationToken.None);
        Assert.Equal(["/tokenize", "/v1/chat/completions"], handler.Requests.Select(r => r.Path));
        Assert.Null(handler.Requests[0].Authorization);
    }

    [Fact]
    public async Task Streams_yield_each_event_and_an_error_event_becomes_an_exception()
    {
        var handler = new ScriptedHandler(r => r.Body!["prompt"]!.GetValue<string>() == "ok"
            ? ScriptedHandler.Events("""{"choices":[{"text":"a"}]}""", """{"choices":[{"text":"b"}]}""", "[DONE]", """{"choices":[{"text":"never"}]}""")
            : ScriptedHandler.Events("""{"choices":[{"text":"a"}]}""", """{"error":{"message":"context exceeded"}}"""));
        using var transport = Transport(handler);
        var events = await transport.StreamAsync("completions", new JsonObject { ["prompt"] = "ok" }, CancellationToken.None).ToListAsync();
        Assert.Equal(["a", "b"], events.Select(e => e["choices"]![0]!["text"]!.GetValue<string>()));
        var error = await Assert.ThrowsAsync<OpenAiServerException>(async () =>
            await transport.StreamAsync("completions", new JsonObject { ["prompt"] = "bad" }, CancellationToken.None).ToListAsync());
        Assert.Contains("context exceeded", error.Message);
    }
}
