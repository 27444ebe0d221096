using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ValueAlign.Core.Inference.OpenAi;

/// <summary>
/// JSON over HTTP to one OpenAI-compatible server: at most <see cref="OpenAiServerSettings.MaxInFlight"/>
/// requests at once, a timeout per attempt, retries with exponential backoff (or the server's
/// Retry-After) on 429, 5xx, timeouts and refused connections, and cancellation that closes the
/// connection, so the server stops working on an abandoned request. Paths starting with "/" are
/// from the server's root (/tokenize), others from the base URL (completions).
/// </summary>
public sealed class OpenAiTransport : IDisposable
{
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);
    private readonly OpenAiServerSettings settings;
    private readonly HttpClient http;
    private readonly SemaphoreSlim slots;
    private readonly Func<TimeSpan, CancellationToken, Task> delay;
    private int inFlight;
    private int attempts;

    public OpenAiTransport(OpenAiServerSettings settings, HttpMessageHandler? handler = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        settings.Validate();
        this.settings = settings;
        http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = settings.MaxInFlight,
        })
        {
            // Each attempt has its own timeout (below); the client's would also cut streams short.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        slots = new SemaphoreSlim(settings.MaxInFlight, settings.MaxInFlight);
        this.delay = delay ?? Task.Delay;
    }

    /// <summary>Requests currently holding a slot.</summary>
    public int InFlight => Volatile.Read(ref inFlight);

    /// <summary>Attempts made in total (first tries and retries), for tests and the bench.</summary>
    public int Attempts => Volatile.Read(ref attempts);

    public Task<JsonNode> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<JsonNode> PostAsync(string path, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, body, cancellationToken);

    /// <summary>POSTs with <c>stream: true</c> and yields each event's JSON; retries only before the first event.</summary>
    public async IAsyncEnumerable<JsonNode> StreamAsync(string path, JsonObject body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref inFlight);
        try
        {
            using var response = await SendWithRetriesAsync(HttpMethod.Post, path, body, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await foreach (var data in ServerSentEvents.ReadDataAsync(stream, cancellationToken).ConfigureAwait(false))
            {
                JsonNode? node;
                try
                {
                    node = JsonNode.Parse(data);
                }
                catch (JsonException e)
                {
                    throw new OpenAiServerException($"{settings.Name}: {path} streamed an event that is not JSON ({Preview(data)}).", (int)response.StatusCode, e);
                }
                if (node?["error"] is { } error)
                    throw new OpenAiServerException($"{settings.Name}: {path} failed mid-stream: {ErrorMessage(error)}", (int)response.StatusCode);
                if (node is not null)
                    yield return node;
            }
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
            slots.Release();
        }
    }

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref inFlight);
        try
        {
            using var response = await SendWithRetriesAsync(method, path, body, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return JsonNode.Parse(text) ?? throw new JsonException("empty body");
            }
            catch (JsonException e)
            {
                throw new OpenAiServerException($"{settings.Name}: {path} answered with something that is not JSON ({Preview(text)}).", (int)response.StatusCode, e);
            }
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
            slots.Release();
        }
    }

    /// <summary>Sends until a success or an error that retrying cannot fix; the caller disposes the successful response.</summary>
    private async Task<HttpResponseMessage> SendWithRetriesAsync(HttpMethod method, string path, JsonObject? body, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        var payload = body?.ToJsonString();
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptTimeout.CancelAfter(settings.Timeout);
            using var request = new HttpRequestMessage(method, Endpoint(path));
            if (payload is not null)
                request.Content = new StringContent(payload, Encoding.UTF8, "application/json");
            if (!string.IsNullOrEmpty(settings.ApiKey))
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
            Interlocked.Increment(ref attempts);
            HttpResponseMessage response;
            string failure;
            TimeSpan? retryAfter = null;
            try
            {
                response = await http.SendAsync(request, completion, attemptTimeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"no answer within {settings.Timeout.TotalSeconds:0.#} s";
                if (attempt >= settings.MaxRetries)
                    throw new OpenAiServerException($"{settings.Name}: {path}: {failure} after {attempt + 1} attempt(s).");
                await delay(Backoff(attempt, null), cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
            {
                if (attempt >= settings.MaxRetries)
                    throw new OpenAiServerException($"{settings.Name}: {path}: {e.Message} after {attempt + 1} attempt(s).", null, e);
                await delay(Backoff(attempt, null), cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (response.IsSuccessStatusCode)
                return response;

            using (response)
            {
                var status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                failure = $"HTTP {status}: {ErrorMessage(text)}";
                var retryable = response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500;
                if (!retryable || attempt >= settings.MaxRetries)
                    throw new OpenAiServerException($"{settings.Name}: {path}: {failure}{(retryable ? $" after {attempt + 1} attempt(s)" : "")}", status);
                retryAfter = RetryAfter(response);
            }
            await delay(Backoff(attempt, retryAfter), cancellationToken).ConfigureAwait(false);
        }
    }

    private Uri Endpoint(string path) => path.StartsWith('/')
        ? new Uri(settings.Root.ToString().TrimEnd('/') + path)
        : new Uri(settings.BaseUrl.ToString().TrimEnd('/') + "/" + path);

    /// <summary>Retry-After when the server sent one (capped at a minute), else base × 2^attempt with ±20 % jitter.</summary>
    internal TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } wait)
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxRetryAfter ? MaxRetryAfter : wait;
        var jitter = 0.8 + 0.4 * Random.Shared.NextDouble();
        return TimeSpan.FromMilliseconds(settings.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt) * jitter);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter is { } header
            ? header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : null)
            : null;

    /// <summary>OpenAI's <c>{"error": {"message": ...}}</c>, llama-server's and Ollama's variants, or the body's start.</summary>
    internal static string ErrorMessage(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject json && json["error"] is { } error)
                return ErrorMessage(error);
            if (JsonNode.Parse(body) is JsonObject { } other && other["message"] is JsonValue message)
                return message.ToString();
        }
        catch (JsonException)
        {
        }
        return Preview(body);
    }

    private static string ErrorMessage(JsonNode error) =>
        error is JsonObject o && o["message"] is { } message ? message.ToString() : error.ToJsonString();

    private static string Preview(string text)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= 200 ? text : text[..200] + "…";
    }

    public void Dispose()
    {
        http.Dispose();
        slots.Dispose();
    }
}
