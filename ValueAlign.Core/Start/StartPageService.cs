using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Annotation.Assignment;
using ValueAlign.Core.Annotation.Projects;
using ValueAlign.Core.Dashboards;
using ValueAlign.Core.Data;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.OpenAi;

namespace ValueAlign.Core.Start;

/// <summary>
/// Live status for the start page, read fresh on every call: for Admins and Curators the setup
/// checklist (a model loaded or a server configured, data in the library, a project, a finished
/// run), for annotators the projects they are a member of with progress, for Viewers the shared
/// dashboards and the latest runs. The page only renders what this returns.
/// </summary>
public sealed class StartPageService(
    IDbContextFactory<ValueAlignDbContext> dbFactory,
    ModelHost models,
    ServerDirectory servers,
    ProjectMembershipService membership,
    AssignmentService assignments,
    DashboardService dashboards,
    EvalRunService runs)
{
    /// <summary>How many dashboards and runs the Viewer part lists.</summary>
    public const int ListLength = 5;

    public async Task<StartPageStatus> ForAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var checklist = WorkbenchPolicies.Allows(user, WorkbenchPolicies.Curate) ? await ChecklistAsync(cancellationToken).ConfigureAwait(false) : null;
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var projects = userId is not null && WorkbenchPolicies.Allows(user, WorkbenchPolicies.Annotate)
            ? await ProjectsOfAsync(userId, cancellationToken).ConfigureAwait(false)
            : null;
        // Annotator accounts always get their part (with "no project yet"); others only when they are members.
        if (projects is { Count: 0 } && !user.IsInRole(Roles.Annotator))
            projects = null;
        var viewer = user.IsInRole(Roles.Viewer) && WorkbenchPolicies.Allows(user, WorkbenchPolicies.RunRead)
            ? await ViewerOverviewAsync(cancellationToken).ConfigureAwait(false)
            : null;
        return new StartPageStatus(checklist, projects, viewer);
    }

    /// <summary>The four setup steps with their live state.</summary>
    public async Task<IReadOnlyList<SetupStep>> ChecklistAsync(CancellationToken cancellationToken = default)
    {
        var loaded = models.Models.Where(m => m.Status == ModelHostStatus.Ready && m.ModelPath is not null)
            .Select(m => Path.GetFileName(m.ModelPath!)).ToList();
        var known = await servers.ListAsync(cancellationToken).ConfigureAwait(false);
        var model = (loaded.Count, known.Count) switch
        {
            (0, 0) => new SetupStep(SetupStepKind.Model, "Load a model or configure a server", false,
                "No model is loaded and no OpenAI-compatible server is configured.", "/models", "Open Models"),
            _ => new SetupStep(SetupStepKind.Model, "Load a model or configure a server", true,
                string.Join("; ", new[]
                {
                    loaded.Count > 0 ? "Loaded: " + string.Join(", ", loaded) : null,
                    known.Count > 0 ? "Servers: " + string.Join(", ", known.Select(s => s.Name)) : null,
                }.Where(s => s is not null)), "/models", "Open Models"),
        };

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var items = await db.BenchmarkItems.CountAsync(cancellationToken).ConfigureAwait(false);
        var benchmarks = items == 0 ? 0 : await db.BenchmarkItems.Select(i => i.Benchmark).Distinct().CountAsync(cancellationToken).ConfigureAwait(false);
        var data = items == 0
            ? new SetupStep(SetupStepKind.Data, "Import benchmark data", false, "The library is empty.", "/benchmarks/import", "Import data")
            : new SetupStep(SetupStepKind.Data, "Import benchmark data", true,
                $"{Count(items, "item")} in {Count(benchmarks, "benchmark")}.", "/benchmarks", "Browse the library");

        var projectCount = await db.VerificationProjects.CountAsync(cancellationToken).ConfigureAwait(false);
        var project = projectCount == 0
            ? new SetupStep(SetupStepKind.Project, "Create a verification project", false, "No project yet.", "/projects/new", "New project")
            : new SetupStep(SetupStepKind.Project, "Create a verification project", true, $"{Count(projectCount, "project")}.", "/projects", "Open Projects");

        var finished = await db.EvalRuns.AsNoTracking().Where(r => r.FinishedAt != null).OrderByDescending(r => r.FinishedAt)
            .Select(r => new { r.Id, r.Name }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var finishedCount = finished is null ? 0 : await db.EvalRuns.CountAsync(r => r.FinishedAt != null, cancellationToken).ConfigureAwait(false);
        var run = finished is null
            ? new SetupStep(SetupStepKind.Run, "Finish a run", false, "No run has finished yet.", "/runs/new", "Start a run")
            : new SetupStep(SetupStepKind.Run, "Finish a run", true, $"{Count(finishedCount, "finished run")}; latest: {finished.Name}.",
                $"/runs/{finished.Id.ToString(CultureInfo.InvariantCulture)}", "Open the latest");
        return [model, data, project, run];
    }

    /// <summary>The projects <paramref name="userId"/> is a member of, oldest first, with their progress.</summary>
    public async Task<IReadOnlyList<AnnotatorProject>> ProjectsOfAsync(string userId, CancellationToken cancellationToken = default)
    {
        var ids = await membership.ProjectIdsOfAsync(userId, cancellationToken).ConfigureAwait(false);
        if (ids.Count == 0)
            return [];
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var projects = await db.VerificationProjects.AsNoTracking().Where(p => ids.Contains(p.Id)).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, p.QueueClosedAt }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<AnnotatorProject>(projects.Count);
        foreach (var p in projects)
        {
            var progress = await assignments.ProjectProgressAsync(p.Id, cancellationToken).ConfigureAwait(false);
            var mine = await assignments.MyProgressAsync(p.Id, userId, cancellationToken).ConfigureAwait(false);
            rows.Add(new AnnotatorProject(p.Id, p.Name, progress, mine, p.QueueClosedAt is not null));
        }
        return rows;
    }

    /// <summary>The newest shared dashboards and runs, <see cref="ListLength"/> of each.</summary>
    public async Task<ViewerOverview> ViewerOverviewAsync(CancellationToken cancellationToken = default)
    {
        var boards = await dashboards.ListAsync(cancellationToken).ConfigureAwait(false);
        var latest = await runs.ListAsync(ListLength, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new ViewerOverview(boards.Take(ListLength).ToList(), latest);
    }

    private static string Count(int n, string noun) =>
        n.ToString("N0", CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? "" : "s");
}
