using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ValueAlign.Web.Hosting;

/// <summary>
/// Headers every response carries: a Content-Security-Policy (scripts only from the app itself, no
/// inline script, nothing framed, nothing fetched from elsewhere), X-Content-Type-Options,
/// Referrer-Policy and X-Frame-Options. An endpoint that sets its own, stricter policy with a
/// default-src (the shared dashboard, media files) keeps it, with frame-ancestors 'none' added if it lacks one.
/// </summary>
public static partial class SecurityHeaders
{
    /// <summary>
    /// The app's policy. MudBlazor sets style attributes, so inline styles are allowed; scripts are
    /// not (Blazor, MudBlazor, plotly and workbench.js are files). The circuit's WebSocket is 'self'.
    /// </summary>
    public const string AppPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; media-src 'self'; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                Apply(context.Response.Headers);
                return Task.CompletedTask;
            });
            return next(context);
        });

    internal static void Apply(IHeaderDictionary headers)
    {
        // Blazor's interactive pages come with only a frame-ancestors directive: that is no policy of their own.
        var policy = headers.ContentSecurityPolicy.ToString();
        headers.ContentSecurityPolicy = !policy.Contains("default-src", StringComparison.Ordinal) ? AppPolicy
            : policy.Contains("frame-ancestors", StringComparison.Ordinal) ? policy
            : policy + "; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        if (!headers.ContainsKey("Referrer-Policy"))
        {
            headers["Referrer-Policy"] = "same-origin";
        }
    }

    /// <summary>
    /// <c>'sha256-…'</c> sources for every inline &lt;script&gt; of a page the app wrote itself (the
    /// standalone dashboard), so its policy can allow exactly those scripts instead of 'unsafe-inline'.
    /// </summary>
    public static string InlineScriptHashes(string html) =>
        string.Join(' ', InlineScript().Matches(html)
            .Select(m => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value)))}'")
            .Distinct());

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();
}
