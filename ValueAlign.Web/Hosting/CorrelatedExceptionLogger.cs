using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace ValueAlign.Web.Hosting;

/// <summary>
/// Logs an unhandled request exception under the same correlation id that the error page
/// shows the user, then lets the error page render.
/// </summary>
public sealed class CorrelatedExceptionLogger(ILogger<CorrelatedExceptionLogger> logger) : IExceptionHandler
{
    public static string CorrelationId(HttpContext context) => Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;

    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        logger.LogError(exception, "Unhandled error on {Method} {Path}; correlation id {CorrelationId}",
            httpContext.Request.Method, httpContext.Request.Path, CorrelationId(httpContext));
        return ValueTask.FromResult(false);
    }
}
