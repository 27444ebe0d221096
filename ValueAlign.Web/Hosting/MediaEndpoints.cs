using ValueAlign.Core.Accounts;
using ValueAlign.Core.Benchmarks.Media;

namespace ValueAlign.Web.Hosting;

/// <summary>
/// <c>GET /media/{path}</c>: item images and audio for signed-in users, served only through
/// <see cref="MediaFiles"/> (so nothing outside the media folder can be reached).
/// </summary>
public static class MediaEndpoints
{
    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/media/{**path}", (string? path, HttpContext context, MediaFiles media) =>
        {
            var lookup = media.Resolve(path);
            switch (lookup.Problem)
            {
                case MediaProblem.Rejected:
                    return Results.Text($"Refused: {lookup.Message}.", "text/plain", statusCode: StatusCodes.Status400BadRequest);
                case MediaProblem.Missing:
                    return Results.Text($"Not found: {lookup.Message}.", "text/plain", statusCode: StatusCodes.Status404NotFound);
            }
            // SVG can carry script: never let a media file run as a page or be sniffed as one.
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
            context.Response.Headers.CacheControl = "private, max-age=3600";
            return Results.File(lookup.FullPath!, lookup.ContentType, enableRangeProcessing: true);
        }).RequireAuthorization(WorkbenchPolicies.SignedIn);
        return app;
    }
}
