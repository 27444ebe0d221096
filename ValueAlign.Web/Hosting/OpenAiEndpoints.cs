using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Inference.Serving;

namespace ValueAlign.Web.Hosting;

/// <summary>
/// The workbench's loaded models over an OpenAI-compatible API: <c>GET /v1/models</c>,
/// <c>POST /v1/chat/completions</c>, <c>/v1/completions</c>, <c>/v1/embeddings</c>, and
/// <c>/tokenize</c>, <c>/detokenize</c> as vLLM and llama-server place them. Every request
/// needs a personal API key (<c>Authorization: Bearer va-…</c>, see /account/api-keys; the
/// <see cref="ApiKeyAuthenticationHandler"/> scheme under the <see cref="WorkbenchPolicies.ApiKeys"/>
/// policy) and is rate-limited per key. Errors are OpenAI's JSON error object; streams are server-sent events
/// ending with <c>data: [DONE]</c>.
/// </summary>
public static class OpenAiEndpoints
{
    public const string RateLimitPolicy = "openai-api";
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static IServiceCollection AddOpenAiApi(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ServingOptions.SectionName).Get<ServingOptions>() ?? new ServingOptions();
        services.AddOpenAiServing(options);
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(RateLimitPolicy, context => RateLimitPartition.GetTokenBucketLimiter(PartitionKey(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.Burst,
                TokensPerPeriod = Math.Max(1, (int)Math.Ceiling(options.RequestsPerMinute / 60.0)),
                ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(1, 60.0 / options.RequestsPerMinute)),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
            var other = limiter.OnRejected;
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                if (SignInProtection.RateLimitPolicyOf(rejected.HttpContext) != RateLimitPolicy)
                {
                    if (other is not null)
                        await other(rejected, cancellationToken);
                    return;
                }
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await WriteErrorAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests,
                    $"Rate limit of this API key reached ({options.RequestsPerMinute} requests a minute, bursts of {options.Burst}); retry later.",
                    "rate_limit_exceeded", cancellationToken);
            };
        });
        return services;
    }

    public static IEndpointRouteBuilder MapOpenAiEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("")
            .RequireAuthorization(new AuthorizeAttribute(WorkbenchPolicies.ApiKeys) { AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName })
            .RequireRateLimiting(RateLimitPolicy)
            .DisableAntiforgery();
        api.MapGet("/v1/models", async (ServedModelsList models, CancellationToken ct) => Results.Json(await models.ListAsync(ct), Compact));
        api.MapPost("/v1/completions", (HttpContext context, ServedCompletions completions) => ServeAsync(context, completions.HandleAsync));
        api.MapPost("/v1/chat/completions", (HttpContext context, ServedChatCompletions chat) => ServeAsync(context, chat.HandleAsync));
        api.MapPost("/v1/embeddings", (HttpContext context, ServedEmbeddings embeddings) => ServeAsync(context, embeddings.HandleAsync));
        api.MapPost("/tokenize", (HttpContext context, ServedTokenizer tokenizer) =>
            ServeAsync(context, async (request, ct) => new JsonReply(await tokenizer.TokenizeAsync(request, ct))));
        api.MapPost("/detokenize", (HttpContext context, ServedTokenizer tokenizer) =>
            ServeAsync(context, async (request, ct) => new JsonReply(await tokenizer.DetokenizeAsync(request, ct))));
        return app;
    }

    private static async Task ServeAsync(HttpContext context, Func<JsonObject, CancellationToken, Task<OpenAiReply>> handle)
    {
        var cancellationToken = context.RequestAborted;
        JsonObject request;
        try
        {
            request = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: cancellationToken) as JsonObject
                ?? throw OpenAiApiException.BadRequest("The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            await WriteErrorAsync(context, 400, $"The request body is not valid JSON: {e.Message}", null, cancellationToken);
            return;
        }
        catch (OpenAiApiException e)
        {
            await WriteErrorAsync(context, e, cancellationToken);
            return;
        }

        OpenAiReply reply;
        try
        {
            reply = await handle(request, cancellationToken);
        }
        catch (Exception e) when (Describe(e) is { } error)
        {
            if (!cancellationToken.IsCancellationRequested)
                await WriteErrorAsync(context, error, cancellationToken);
            return;
        }

        switch (reply)
        {
            case JsonReply json:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(json.Body.ToJsonString(Compact), cancellationToken);
                break;
            case StreamReply stream:
                await WriteEventsAsync(context, stream.Events, cancellationToken);
                break;
        }
    }

    /// <summary>Server-sent events, flushed one by one; an error after the start is sent as an event, then the stream ends.</summary>
    private static async Task WriteEventsAsync(HttpContext context, IAsyncEnumerable<JsonObject> events, CancellationToken cancellationToken)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        await context.Response.StartAsync(cancellationToken);
        try
        {
            await foreach (var data in events.WithCancellation(cancellationToken))
            {
                await context.Response.WriteAsync($"data: {data.ToJsonString(Compact)}\n\n", cancellationToken);
                await context.Response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (Exception e) when (Describe(e) is { } error)
        {
            if (cancellationToken.IsCancellationRequested)
                return;
            await context.Response.WriteAsync($"data: {ErrorBody(error).ToJsonString(Compact)}\n\n", cancellationToken);
        }
        await context.Response.WriteAsync("data: [DONE]\n\n", cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>The client's mistake or a model that went away as an API error; null for anything else (a bug: 500 by the host).</summary>
    private static OpenAiApiException? Describe(Exception e) => e switch
    {
        OpenAiApiException api => api,
        OperationCanceledException => new OpenAiApiException(499, "The request was cancelled.", type: "cancelled"),
        ObjectDisposedException => new OpenAiApiException(503, "The model was unloaded while this request was running; load it again and retry.", type: "server_error"),
        ArgumentException argument => OpenAiApiException.BadRequest(argument.Message.Split(" (Parameter")[0]),
        _ => null,
    };

    /// <summary>The rate-limit bucket: a hash of the presented key (never the key itself), or the caller's address without one.</summary>
    private static string PartitionKey(HttpContext context) =>
        ApiKeyAuthenticationHandler.BearerToken(context.Request) is { Length: > 0 } token
            ? Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)))
            : "anonymous:" + context.Connection.RemoteIpAddress;

    private static Task WriteErrorAsync(HttpContext context, OpenAiApiException error, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = error.Status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(ErrorBody(error).ToJsonString(Compact), cancellationToken);
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string message, string? code, CancellationToken cancellationToken) =>
        WriteErrorAsync(context, new OpenAiApiException(status, message, type: status == 429 ? "rate_limit_error" : status is 401 or 403 ? "authentication_error" : "invalid_request_error", code: code), cancellationToken);

    private static JsonObject ErrorBody(OpenAiApiException error) => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = error.Message,
            ["type"] = error.Type,
            ["param"] = error.Param,
            ["code"] = error.Code ?? (error.Status == 404 ? "not_found" : null),
        },
    };
}
