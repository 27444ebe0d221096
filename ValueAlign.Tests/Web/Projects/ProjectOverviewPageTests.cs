using Bunit;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Annotation.Projects;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Tests.Annotation;
using ValueAlign.Web.Components.Pages.Projects;

namespace ValueAlign.Tests.Web.Projects;

/// <summary>The overview shows settings, sanitised guidelines, progress and gold accuracy per annotator.</summary>
public sealed class ProjectOverviewPageTests : IAsyncLifetime
{
    private ProjectPagesContext _ctx = default!;

    public async Task InitializeAsync() => _ctx = await ProjectPagesContext.CreateAsync();

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task Gold_accuracy_progress_and_guidelines_are_shown_per_annotator()
    {
        var db = _ctx.Database;
        await db.AddItemsAsync(2);
        var gold = (await db.AddItemsAsync(1, benchmark: "gold"))[0];
        var ann = await db.AddAccountAsync("ann@example.org", Roles.Annotator);
        var bob = await db.AddAccountAsync("bob@example.org", Roles.Annotator);
        var project = await db.Projects.CreateAsync(new NewProject
        {
            Name = "overview",
            Filter = new ItemFilter { Benchmark = "demo" },
            Schema = LabelSchemaTemplates.Honesty(),
            Overlap = 2,
            GoldRate = 1,
            GoldItems = new Dictionary<long, AnnotationAnswers> { [gold] = AnnotationDatabase.HonestyAnswers("yes") },
            GuidelinesMarkdown = "Be **careful**. <script>alert(1)</script>",
            CreatedBy = "curator-id",
            Members = [ann, bob],
        });
        // Gold comes first at rate 1: ann answers it wrongly on one question of three, then one regular item.
        var first = (await db.Assignments.NextAsync(project.Id, ann))!;
        Assert.Equal(gold, first.ItemId);
        await db.Assignments.SubmitAsync(first.ReservationId, ann, AnnotationDatabase.HonestyAnswers("no"));
        var second = (await db.Assignments.NextAsync(project.Id, ann))!;
        await db.Assignments.SubmitAsync(second.ReservationId, ann, AnnotationDatabase.HonestyAnswers("no"));

        _ctx.SignIn("curator-id", Roles.Curator);
        var page = _ctx.Bunit.Render<ProjectOverviewPage>(p => p.Add(e => e.Id, project.Id));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=annotator-row]").Count));
        Assert.Equal(["ann@example.org", "bob@example.org"], page.FindAll("[data-testid=annotator-row]").Select(r => r.TextContent));
        Assert.Equal(["2", "0"], page.FindAll("[data-testid=annotator-submitted]").Select(r => r.TextContent));
        Assert.Equal(["0% (0/1)", "–"], page.FindAll("[data-testid=gold-item-accuracy]").Select(r => r.TextContent));
        Assert.Equal(["67% (2/3)", "–"], page.FindAll("[data-testid=gold-answer-accuracy]").Select(r => r.TextContent));
        var perQuestion = page.Find($"[data-testid=gold-question-row][data-annotator-id='{ann}']");
        Assert.Equal("0% (0/1)", perQuestion.QuerySelector("[data-question-key=unanswerable]")!.TextContent);
        Assert.Equal("100% (1/1)", perQuestion.QuerySelector("[data-question-key=type]")!.TextContent);
        Assert.Contains("1 / 4 annotations on 2 items", page.Find("[data-testid=progress-summary]").TextContent);
        Assert.Equal("ann@example.org, bob@example.org", page.Find("[data-testid=settings-members]").TextContent);
        var guidelines = page.Find("[data-testid=guidelines]").InnerHtml;
        Assert.Contains("<strong>careful</strong>", guidelines);
        Assert.DoesNotContain("<script", guidelines);
        Assert.Equal($"/projects/{project.Id}/adjudication", page.Find("[data-testid=adjudication-link]").GetAttribute("href"));
        Assert.Equal($"/projects/{project.Id}/agreement", page.Find("[data-testid=agreement-link]").GetAttribute("href"));
        // The curator is no member, so there is no annotate button.
        Assert.Empty(page.FindAll("[data-testid=annotate-link]"));
    }
}
