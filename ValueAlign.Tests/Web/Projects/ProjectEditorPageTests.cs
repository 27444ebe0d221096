using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Tests.Annotation;
using ValueAlign.Web.Components.Pages.Projects;

namespace ValueAlign.Tests.Web.Projects;

/// <summary>The project editor over real services: create from a saved filter, errors shown, edits of an existing project.</summary>
public sealed class ProjectEditorPageTests : IAsyncLifetime
{
    private ProjectPagesContext _ctx = default!;
    private IRenderedComponent<MudPopoverProvider> _popovers = default!;
    private List<long> _items = [];
    private string _ann = "";

    public async Task InitializeAsync()
    {
        _ctx = await ProjectPagesContext.CreateAsync();
        _items = await _ctx.Database.AddItemsAsync(5);
        await _ctx.Database.AddItemsAsync(3, benchmark: "other");
        _ann = await _ctx.Database.AddAccountAsync("ann@example.org", Roles.Annotator);
        await _ctx.Filters.SaveAsync("demo items", new ItemFilter { Benchmark = "demo" }, "curator-id");
        _ctx.SignIn("curator-id", Roles.Curator);
        _popovers = _ctx.Bunit.Render<MudPopoverProvider>();
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private IRenderedComponent<ProjectEditorPage> Render(long? id = null)
    {
        var page = _ctx.Bunit.Render<ProjectEditorPage>(p => p.Add(e => e.Id, id));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=save-project]")));
        return page;
    }

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<ProjectEditorPage> page, string testId) =>
        page.Find($"input[data-testid={testId}], [data-testid={testId}] input");

    private void PickSavedFilter(IRenderedComponent<ProjectEditorPage> page, string name)
    {
        page.FindAll("div.mud-input-control").First(c => c.TextContent.Contains("Saved filter")).QuerySelector("div.mud-input-control-input-container, .mud-select-input, .mud-input")!
            .MouseDown();
        _popovers.WaitForAssertion(() => Assert.Contains(_popovers.FindAll(".mud-list-item"), i => i.TextContent.Contains(name)));
        _popovers.FindAll(".mud-list-item").First(i => i.TextContent.Contains(name)).Click();
        page.WaitForAssertion(() => Assert.Contains("5 item(s) match", page.Find("[data-testid=filter-match-count]").TextContent));
    }

    [Fact]
    public async Task A_curator_creates_a_project_from_a_saved_filter_with_the_honesty_template_and_a_member()
    {
        var page = Render();
        Input(page, "project-name").Input("Honesty check");
        PickSavedFilter(page, "demo items");
        Assert.Equal(5, page.FindAll("[data-testid=gold-candidate]").Count);
        page.Find($"[data-testid=member-toggle][data-user-id='{_ann}'] input, input[data-testid=member-toggle][data-user-id='{_ann}']").Change(true);

        page.Find("[data-testid=save-project]").Click();

        var navigation = _ctx.Bunit.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Matches(@"/projects/\d+$", navigation.Uri));
        var project = Assert.Single(await _ctx.Database.Projects.ListAsync());
        Assert.Equal("Honesty check", project.Name);
        Assert.EndsWith($"/projects/{project.Id}", navigation.Uri);
        Assert.Equal(LabelSchemaTemplates.Honesty().ToJson(), project.LabelSchemaJson);
        Assert.Equal(_items.Order(), (await _ctx.Database.AnnotationCountsByItemAsync(project.Id)).Keys.Order());
        Assert.True(await _ctx.Membership.IsMemberAsync(project.Id, _ann));
    }

    [Fact]
    public void Saving_without_a_filter_or_with_bad_settings_shows_every_error_and_stores_nothing()
    {
        var page = Render();
        page.Find("[data-testid=save-project]").Click();
        page.WaitForAssertion(() => Assert.Contains("Filter: pick a saved filter.", page.Find("[data-testid=save-errors]").TextContent));

        PickSavedFilter(page, "demo items");
        Input(page, "overlap").Input("0");
        // A gold item without its expected answers.
        page.Find($"[data-testid=gold-candidate][data-item-id='{_items[0]}'] input").Change(true);
        page.WaitForAssertion(() => Assert.Contains("Question 'unanswerable' needs an answer.", page.Find("[data-testid=gold-error]").TextContent));
        page.Find("[data-testid=save-project]").Click();

        page.WaitForAssertion(() =>
        {
            var errors = page.Find("[data-testid=save-errors]").TextContent;
            Assert.Contains("Name: give 1..200 characters.", errors);
            Assert.Contains("Overlap: must be 1..100, not 0.", errors);
            Assert.Contains($"Gold item {_items[0]}: Question 'unanswerable' needs an answer.", errors);
        });
        using var db = _ctx.Database.Factory.CreateDbContext();
        Assert.Equal(0, db.VerificationProjects.Count());
    }

    [Fact]
    public async Task The_edit_page_loads_the_project_and_refuses_a_schema_change_once_annotated()
    {
        var project = await _ctx.Database.CreateProjectAsync(name: "existing", overlap: 2);
        var held = (await _ctx.Database.Assignments.NextAsync(project.Id, "a"))!;
        await _ctx.Database.Assignments.SubmitAsync(held.ReservationId, "a", AnnotationDatabase.HonestyAnswers());

        var page = Render(project.Id);
        Assert.Equal("existing", Input(page, "project-name").GetAttribute("value"));
        Assert.Equal("2", Input(page, "overlap").GetAttribute("value"));
        Assert.Contains("demo items", page.Markup);
        Assert.Contains("5 item(s) match", page.Find("[data-testid=filter-match-count]").TextContent);

        page.FindAll("input[data-testid=question-key], [data-testid=question-key] input")[0].Input("is-unanswerable");
        page.Find("[data-testid=save-project]").Click();

        page.WaitForAssertion(() => Assert.Contains(
            "Label schema: the project has annotations, so its questions can no longer change",
            page.Find("[data-testid=save-errors]").TextContent));
        await using var db = _ctx.Database.Factory.CreateDbContext();
        Assert.Equal(LabelSchemaTemplates.Honesty().ToJson(), (await db.VerificationProjects.SingleAsync()).LabelSchemaJson);
    }

    [Fact]
    public void A_missing_project_says_so()
    {
        var page = _ctx.Bunit.Render<ProjectEditorPage>(p => p.Add(e => e.Id, 404L));
        page.WaitForAssertion(() => Assert.Equal("Project 404 does not exist.", page.Find("[data-testid=project-not-found]").TextContent.Trim()));
    }
}
