using Bunit;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Annotation.Projects;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Web.Components.Pages.Projects;

namespace ValueAlign.Tests.Web.Projects;

/// <summary>The project list: annotators see their own projects only, curators see all.</summary>
public sealed class ProjectsPageTests : IAsyncLifetime
{
    private ProjectPagesContext _ctx = default!;
    private string _ann = "";
    private string _bob = "";
    private long _first;
    private long _second;

    public async Task InitializeAsync()
    {
        _ctx = await ProjectPagesContext.CreateAsync();
        var db = _ctx.Database;
        await db.AddItemsAsync(4);
        _ann = await db.AddAccountAsync("ann@example.org", Roles.Annotator);
        _bob = await db.AddAccountAsync("bob@example.org", Roles.Annotator);
        _first = (await db.Projects.CreateAsync(Definition("first", [_ann, _bob]))).Id;
        _second = (await db.Projects.CreateAsync(Definition("second", [_bob]))).Id;
        var held = (await db.Assignments.NextAsync(_first, _ann))!;
        await db.Assignments.SubmitAsync(held.ReservationId, _ann, Annotation.AnnotationDatabase.HonestyAnswers());
    }

    private static NewProject Definition(string name, IReadOnlyCollection<string> members) => new()
    {
        Name = name,
        Filter = new ItemFilter { Benchmark = "demo" },
        Schema = LabelSchemaTemplates.Honesty(),
        Overlap = 2,
        CreatedBy = "curator",
        Members = members,
    };

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private static string[] RowIds(IRenderedComponent<ProjectsPage> page) =>
        page.FindAll("[data-testid=project-row]").Select(r => r.GetAttribute("data-project-id")!).ToArray();

    [Fact]
    public void An_annotator_sees_only_their_projects_with_their_progress_and_a_start_button()
    {
        _ctx.SignIn(_ann, Roles.Annotator);
        var page = _ctx.Bunit.Render<ProjectsPage>();

        page.WaitForAssertion(() => Assert.Equal([_first.ToString()], RowIds(page)));
        Assert.Equal("first", page.Find("[data-testid=project-name]").TextContent);
        Assert.Equal($"/annotate/{_first}", page.Find("[data-testid=start-annotating]").GetAttribute("href"));
        Assert.Equal("1 submitted · 0 skipped", page.Find("[data-testid=my-progress]").TextContent.Trim());
        Assert.Contains("1 / 8 annotations", page.Find("[data-testid=project-progress]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=new-project]"));
        Assert.Empty(page.FindAll("[data-testid=edit-project]"));
        Assert.Empty(page.FindAll("[data-testid=project-link]"));
        Assert.Equal(["first"], page.FindAll("[data-testid=project-name]").Select(n => n.TextContent));
    }

    [Fact]
    public void A_viewer_who_is_no_member_sees_no_projects()
    {
        _ctx.SignIn("viewer-id", Roles.Viewer);
        var page = _ctx.Bunit.Render<ProjectsPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=no-projects]")));
        Assert.Empty(RowIds(page));
    }

    [Fact]
    public void A_curator_sees_every_project_with_links_to_manage_it()
    {
        _ctx.SignIn("curator-id", Roles.Curator);
        var page = _ctx.Bunit.Render<ProjectsPage>();

        page.WaitForAssertion(() => Assert.Equal([_first.ToString(), _second.ToString()], RowIds(page)));
        Assert.Equal("/projects/new", page.Find("[data-testid=new-project]").GetAttribute("href"));
        Assert.Equal([$"/projects/{_first}", $"/projects/{_second}"], page.FindAll("[data-testid=project-link]").Select(a => a.GetAttribute("href")));
        Assert.Equal([$"/projects/{_first}/adjudication", $"/projects/{_second}/adjudication"], page.FindAll("[data-testid=adjudication-link]").Select(a => a.GetAttribute("href")));
        // Not a member of either: nothing to start.
        Assert.Empty(page.FindAll("[data-testid=start-annotating]"));
    }
}
