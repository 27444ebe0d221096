using ValueAlign.Core.Accounts;
using ValueAlign.Core.Evaluation.Artefacts;

namespace ValueAlign.Web.Hosting;

/// <summary>
/// <c>GET /runs/{run}/artefacts/{name}</c>: one artefact of a run (an optimised instruction, a
/// generated dataset, a report) as a download, for the roles that may open run pages.
/// </summary>
public static class RunArtefactEndpoints
{
    public static IEndpointRouteBuilder MapRunArtefactEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(RunArtefactPaths.Route, async (long runId, string name, HttpContext context, RunArtefactStore artefacts, CancellationToken cancellationToken) =>
        {
            var artefact = await artefacts.GetAsync(runId, name, cancellationToken);
            if (artefact is null)
            {
                return Results.NotFound();
            }
            context.Response.Headers["X-Content-Type-Options"] = "nosniff";
            context.Response.Headers.ETag = $"\"{artefact.Sha256}\"";
            return Results.File(artefact.Content, artefact.MediaType, artefact.FileName);
        }).RequireAuthorization(WorkbenchPolicies.RunRead);
        return app;
    }
}
