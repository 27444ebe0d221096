using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ValueAlign.Web.Hosting;

/// <summary>
/// Limits sign-in attempts per client IP (the rate limiter on <c>POST /account/login</c>) and per
/// account (<see cref="AccountAttempts"/>, on top of Identity's lockout), so neither many accounts
/// from one address nor one account from many addresses can be guessed quickly. Settings:
/// <c>SignIn:AttemptsPerIpPerMinute</c> (default 60) and <c>SignIn:AttemptsPerAccountPerMinute</c> (default 10).
/// </summary>
public static class SignInProtection
{
    public const string PolicyName = "sign-in";

    public static IServiceCollection AddSignInProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var perIp = configuration.GetValue("SignIn:AttemptsPerIpPerMinute", 60);
        var perAccount = configuration.GetValue("SignIn:AttemptsPerAccountPerMinute", 10);
        services.AddSingleton(new AccountAttempts(perAccount, TimeSpan.FromMinutes(1)));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Other limiters (the served API's) answer their own rejections, whichever is configured last.
            var other = options.OnRejected;
            options.OnRejected = (context, cancellationToken) =>
            {
                if (RateLimitPolicyOf(context.HttpContext) != PolicyName)
                {
                    return other?.Invoke(context, cancellationToken) ?? ValueTask.CompletedTask;
                }
                context.HttpContext.Response.ContentType = "text/plain";
                return new ValueTask(context.HttpContext.Response.WriteAsync(
                    "Too many sign-in attempts from this address: wait a minute and try again.", cancellationToken));
            };
            options.AddPolicy(PolicyName, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perIp, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }

    /// <summary>The rate-limiting policy of the endpoint a request reached (null when it has none).</summary>
    public static string? RateLimitPolicyOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>()?.PolicyName;
}

/// <summary>Sign-in attempts per account (by normalised e-mail) in a sliding window, kept in memory.</summary>
public sealed class AccountAttempts(int permitsPerWindow, TimeSpan window, TimeProvider? clock = null)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _attempts = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Records an attempt on <paramref name="email"/>; false when the account had too many in the window.</summary>
    public bool TryAttempt(string? email)
    {
        var key = (email ?? "").Trim().ToUpperInvariant();
        var now = _clock.GetUtcNow();
        var queue = _attempts.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            while (queue.Count > 0 && now - queue.Peek() >= window)
            {
                queue.Dequeue();
            }
            if (queue.Count >= permitsPerWindow)
            {
                return false;
            }
            queue.Enqueue(now);
            return true;
        }
    }
}
