using Bunit;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Dashboards;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.OpenAi;
using ValueAlign.Core.Start;
using ValueAlign.Tests.Annotation;
using ValueAlign.Tests.Inference.Runtime;
using ValueAlign.Web.Components.Pages;

namespace ValueAlign.Tests.Web.Start;

/// <summary>The start page (<c>/</c>) leads each role with live status from <see cref="StartPageService"/>.</summary>
public sealed class StartPageTests : IAsyncLifetime
{
    private StartPageContext _ctx = default!;

    public async Task InitializeAsync() => _ctx = await StartPageContext.CreateAsync();

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private static Dictionary<string, (bool Done, string Detail, string Href)> Steps(IRenderedComponent<Home> page) =>
        page.FindAll("[data-testid=setup-step]").ToDictionary(
            s => s.GetAttribute("data-step")!,
            s => (s.GetAttribute("data-done") == "true", s.QuerySelector("[data-testid=setup-step-detail]")!.TextContent.Trim(),
                s.QuerySelector("[data-testid=setup-step-link]")!.GetAttribute("href")!));

    [Fact]
    public void A_curator_on_a_new_workbench_sees_four_open_steps_each_linking_to_where_it_is_done()
    {
        _ctx.SignIn("curator-id", Roles.Curator);
        var page = _ctx.Bunit.Render<Home>();

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=setup-step]").Count));
        var steps = Steps(page);
        Assert.Equal(["Model", "Data", "Project", "Run"], steps.Keys);
        Assert.All(steps.Values, s => Assert.False(s.Done));
        Assert.Equal("/models", steps["Model"].Href);
        Assert.Equal("/benchmarks/import", steps["Data"].Href);
        Assert.Equal("/projects/new", steps["Project"].Href);
        Assert.Equal("/runs/new", steps["Run"].Href);
        Assert.Equal("0 of 4 steps done", page.Find("[data-testid=setup-summary]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=start-projects]"));
        Assert.Empty(page.FindAll("[data-testid=start-runs]"));
    }

    [Fact]
    public async Task An_admin_sees_each_step_done_with_what_the_workbench_has()
    {
        var db = _ctx.Database;
        await db.AddItemsAsync(3);
        await db.AddItemsAsync(2, benchmark: "other");
        await db.CreateProjectAsync(name: "Honesty check");
        await using (var context = db.Factory.CreateDbContext())
        {
            context.Set<ServerBackend>().Add(new ServerBackend { Name = "lab-server", BaseUrl = "http://127.0.0.1:9/v1", Model = "m", CreatedBy = "admin" });
            context.EvalRuns.Add(new EvalRun { Name = "older", Method = "culture-mcq", ConfigHash = "h", CreatedBy = "admin", FinishedAt = new DateTime(2026, 12, 1) });
            context.EvalRuns.Add(new EvalRun { Name = "Culture on stories", Method = "culture-mcq", ConfigHash = "h", CreatedBy = "admin", FinishedAt = new DateTime(2026, 12, 2) });
            context.EvalRuns.Add(new EvalRun { Name = "running", Method = "culture-mcq", ConfigHash = "h", CreatedBy = "admin" });
            await context.SaveChangesAsync();
        }
        long latest;
        await using (var context = db.Factory.CreateDbContext())
            latest = context.EvalRuns.Single(r => r.Name == "Culture on stories").Id;

        _ctx.SignIn("admin-id", Roles.Admin);
        var page = _ctx.Bunit.Render<Home>();

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=setup-step]").Count));
        var steps = Steps(page);
        Assert.All(steps.Values, s => Assert.True(s.Done));
        Assert.Equal("Servers: lab-server", steps["Model"].Detail);
        Assert.Equal("5 items in 2 benchmarks.", steps["Data"].Detail);
        Assert.Equal("/benchmarks", steps["Data"].Href);
        Assert.Equal("1 project.", steps["Project"].Detail);
        Assert.Equal("/projects", steps["Project"].Href);
        Assert.Equal("2 finished runs; latest: Culture on stories.", steps["Run"].Detail);
        Assert.Equal($"/runs/{latest}", steps["Run"].Href);
        Assert.Equal("4 of 4 steps done", page.Find("[data-testid=setup-summary]").TextContent.Trim());
        Assert.Contains("Manage users", page.Markup);
    }

    [Fact]
    public async Task Loading_a_model_while_the_page_is_open_ticks_the_model_step()
    {
        _ctx.SignIn("curator-id", Roles.Curator);
        var page = _ctx.Bunit.Render<Home>();
        page.WaitForAssertion(() => Assert.False(Steps(page)["Model"].Done));

        var host = _ctx.Get<ModelHost>();
        await host.LoadAsync(StoriesModelFixture.ModelPath);
        try
        {
            page.WaitForAssertion(() => Assert.Equal((true, "Loaded: stories260K.gguf"), (Steps(page)["Model"].Done, Steps(page)["Model"].Detail)));
        }
        finally
        {
            await host.UnloadAsync();
        }
        page.WaitForAssertion(() => Assert.False(Steps(page)["Model"].Done));
    }

    [Fact]
    public async Task An_annotator_sees_their_projects_with_progress_and_a_start_button_and_no_checklist()
    {
        var db = _ctx.Database;
        await db.AddItemsAsync(4);
        var ann = await db.AddAccountAsync("ann@example.org", Roles.Annotator);
        var mine = await db.CreateProjectAsync(overlap: 2, name: "Mine");
        await db.AddMembersAsync(mine.Id, [ann]);
        var closed = await db.CreateProjectAsync(overlap: 2, name: "Closed one");
        await db.AddMembersAsync(closed.Id, [ann]);
        await db.Projects.SetQueueClosedAsync(closed.Id, true);
        await db.CreateProjectAsync(name: "Not mine");
        var held = (await db.Assignments.NextAsync(mine.Id, ann))!;
        await db.Assignments.SubmitAsync(held.ReservationId, ann, AnnotationDatabase.HonestyAnswers());

        _ctx.SignIn(ann, Roles.Annotator);
        var page = _ctx.Bunit.Render<Home>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=start-project]").Count));
        Assert.Equal(["Mine", "Closed one"], page.FindAll("[data-testid=start-project-name]").Select(n => n.TextContent.Trim()));
        var progress = page.FindAll("[data-testid=start-project-progress]")[0].TextContent;
        Assert.Contains("1 / 8 annotations", progress);
        Assert.Contains("yours: 1 submitted, 0 skipped", progress);
        var start = Assert.Single(page.FindAll("[data-testid=start-annotating]"));
        Assert.Equal($"/annotate/{mine.Id}", start.GetAttribute("href"));
        Assert.Single(page.FindAll("[data-testid=start-queue-closed]"));
        Assert.Empty(page.FindAll("[data-testid=setup-checklist]"));
        Assert.Empty(page.FindAll("[data-testid=start-runs]"));
    }

    [Fact]
    public void An_annotator_without_projects_is_told_how_to_get_one()
    {
        _ctx.SignIn("new-annotator", Roles.Annotator);
        var page = _ctx.Bunit.Render<Home>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=start-no-projects]")));
        Assert.Empty(page.FindAll("[data-testid=setup-checklist]"));
    }

    [Fact]
    public async Task A_viewer_sees_the_shared_dashboards_and_the_latest_runs_and_nothing_to_set_up()
    {
        // Services are added before the first one is read.
        _ctx.SignIn("viewer-id", Roles.Viewer);
        var dashboards = _ctx.Get<DashboardService>();
        var first = await dashboards.CreateAsync("Culture overview", "", "curator");
        await dashboards.CreateAsync("Honesty", "", "curator");
        await using (var context = _ctx.Database.Factory.CreateDbContext())
        {
            for (var i = 1; i <= 7; i++)
                context.EvalRuns.Add(new EvalRun { Name = $"run {i}", Method = "culture-mcq", ConfigHash = "h", CreatedBy = "curator" });
            await context.SaveChangesAsync();
        }

        var page = _ctx.Bunit.Render<Home>();

        page.WaitForAssertion(() => Assert.Equal(StartPageService.ListLength, page.FindAll("[data-testid=start-run-link]").Count));
        Assert.Equal(["run 7", "run 6", "run 5", "run 4", "run 3"], page.FindAll("[data-testid=start-run-link]").Select(l => l.TextContent.Trim()));
        var boards = page.FindAll("[data-testid=start-dashboard-link]");
        Assert.Equal(["Honesty", "Culture overview"], boards.Select(l => l.TextContent.Trim()));
        Assert.Equal($"/dashboards/{first.Id}", boards[1].GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=setup-checklist]"));
        Assert.Empty(page.FindAll("[data-testid=start-projects]"));
        Assert.DoesNotContain("Manage users", page.Markup);
    }
}
