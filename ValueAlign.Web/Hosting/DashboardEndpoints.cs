using ValueAlign.Core.Accounts;
using ValueAlign.Core.Dashboards;
using ValueAlign.Web.Dashboards;

namespace ValueAlign.Web.Hosting;

/// <summary>
/// <c>GET /shared/{token}</c>: the read-only dashboard for anyone holding a live link (a static page,
/// no circuit, no forms, no links; any other method is refused by routing). Downloads that follow the run pages' rule (<see cref="WorkbenchPolicies.RunRead"/>):
/// <c>/dashboards/{id}/export.html</c>, <c>/runs/{id}/export.html</c>, <c>/runs/{id}/results.csv|json</c>.
/// </summary>
public static class DashboardEndpoints
{
    // Only the page's own inline script (by hash) and plotly from this app may run; nothing may be fetched, framed or posted.
    private static string SharedPagePolicy(string html) =>
        $"default-src 'none'; script-src 'self' {SecurityHeaders.InlineScriptHashes(html)}; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/shared/{token}", async (string token, HttpContext context, DashboardService dashboards, PlotlyScriptFile plotly,
            TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var headers = context.Response.Headers;
            headers.CacheControl = "no-store";
            headers["Referrer-Policy"] = "no-referrer";
            headers["X-Robots-Tag"] = "noindex, nofollow";
            headers["X-Content-Type-Options"] = "nosniff";
            headers["X-Frame-Options"] = "DENY";
            var dashboard = await dashboards.ResolveAsync(token, cancellationToken);
            if (dashboard is null)
            {
                headers.ContentSecurityPolicy = SharedPagePolicy(StandaloneHtmlWriter.NotFoundPage);
                return Results.Content(StandaloneHtmlWriter.NotFoundPage, "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
            }
            var content = await dashboards.ResolvePanelsAsync(dashboard, cancellationToken);
            var html = StandaloneHtmlWriter.Write(HtmlReportModel.FromDashboard(content, clock.GetUtcNow().UtcDateTime), new PlotlyScript.Link(plotly.RelativeUrl));
            headers.ContentSecurityPolicy = SharedPagePolicy(html);
            return Results.Content(html, "text/html; charset=utf-8");
        }).AllowAnonymous();

        app.MapGet("/dashboards/{id:long}/export.html", async (long id, DashboardService dashboards, PlotlyScriptFile plotly, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var content = await dashboards.LoadContentAsync(id, cancellationToken);
            if (content is null)
            {
                return Results.NotFound();
            }
            var html = StandaloneHtmlWriter.Write(HtmlReportModel.FromDashboard(content, clock.GetUtcNow().UtcDateTime), new PlotlyScript.Inline(plotly.Source));
            return Html(html, $"dashboard-{id}-{FileSafe(content.Dashboard.Name)}.html");
        }).RequireAuthorization(WorkbenchPolicies.RunRead);

        app.MapGet("/runs/{id:long}/export.html", async (long id, RunReportReader reports, PlotlyScriptFile plotly, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var run = await reports.ReadAsync(id, cancellationToken);
            if (run is null)
            {
                return Results.NotFound();
            }
            var html = StandaloneHtmlWriter.Write(HtmlReportModel.FromRun(run, clock.GetUtcNow().UtcDateTime), new PlotlyScript.Inline(plotly.Source));
            return Html(html, $"run-{id}-{run.Header.Method}.html");
        }).RequireAuthorization(WorkbenchPolicies.RunRead);

        app.MapGet("/runs/{id:long}/results.{format:regex(^(csv|json)$)}", async (long id, string format, RunResultsExporter exporter, CancellationToken cancellationToken) =>
        {
            if (!await exporter.RunExistsAsync(id, cancellationToken))
            {
                return Results.NotFound();
            }
            return format == "csv"
                ? Results.Stream(body => exporter.WriteCsvAsync(id, body, cancellationToken), "text/csv; charset=utf-8", $"run-{id}-results.csv")
                : Results.Stream(body => exporter.WriteJsonAsync(id, body, cancellationToken), "application/json; charset=utf-8", $"run-{id}-results.json");
        }).RequireAuthorization(WorkbenchPolicies.RunRead);
        return app;
    }

    private static IResult Html(string html, string fileName) =>
        Results.File(System.Text.Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", FileSafe(fileName));

    private static string FileSafe(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}
