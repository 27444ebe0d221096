using Bunit;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Annotation.Adjudication;
using ValueAlign.Core.Annotation.Judging;
using ValueAlign.Tests.Annotation.Adjudication;
using ValueAlign.Web.Components.Pages.Projects;

namespace ValueAlign.Tests.Web.Projects;

/// <summary>The agreement page over a real SQLite project: a, b and c label three items; c dissents once.</summary>
public sealed class AgreementPageTests : IAsyncLifetime
{
    private AdjudicationScenario _s = default!;
    private BunitContext _ctx = default!;

    public async Task InitializeAsync()
    {
        _s = await AdjudicationScenario.CreateAsync(items: 3, overlap: 3);
        await _s.LabelAsync("a", id => AdjudicationScenario.Answers(id == _s.Items[2] ? "no" : "yes"));
        await _s.LabelAsync("b", id => AdjudicationScenario.Answers(id == _s.Items[2] ? "no" : "yes"));
        await _s.LabelAsync("c", id => AdjudicationScenario.Answers(id == _s.Items[0] ? "yes" : "no"));
        _ctx = ProjectPageContext.Create(_s, Roles.Viewer, "viewer-1");
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        await _s.DisposeAsync();
    }

    private IRenderedComponent<AgreementPage> Render(BunitContext? context = null)
    {
        var page = (context ?? _ctx).Render<AgreementPage>(p => p.Add(x => x.ProjectId, _s.Project.Id));
        page.WaitForElement("[data-testid=question-table]");
        return page;
    }

    [Fact]
    public void Per_question_table_and_chart_show_the_statistics_in_schema_order()
    {
        var page = Render();
        var rows = page.FindAll("[data-testid=question-row]");
        Assert.Equal(["unanswerable", "type", "reason-correct"], rows.Select(r => r.GetAttribute("data-question")));
        // Pairwise agreement per item 1, 1/3, 1 → 7/9.
        Assert.Equal("77.8%", rows[0].QuerySelector("[data-testid=percent-agreement]")!.TextContent.Trim());
        Assert.Equal("100.0%", rows[1].QuerySelector("[data-testid=percent-agreement]")!.TextContent.Trim());
        var chart = page.Find("[data-testid=question-chart]");
        Assert.Equal("unanswerable|type|reason-correct", chart.GetAttribute("data-categories"));
        Assert.Equal("% agreement|Fleiss κ|Krippendorff α", chart.GetAttribute("data-series"));
        Assert.Empty(page.FindAll("[data-testid=judge-table]"));
        // Viewers read the page but get no link to the curator's queue.
        Assert.Empty(page.FindAll("[data-testid=adjudication-link]"));
    }

    [Fact]
    public async Task Annotators_against_the_majority_and_the_confusion_heatmap_follow_the_selection()
    {
        // A Curator sees who annotated.
        await using var curator = ProjectPageContext.Create(_s, Roles.Curator, "curator-1");
        var page = Render(curator);
        var annotators = page.FindAll("[data-testid=annotator-row]");
        Assert.Equal(["a", "b", "c"], annotators.Select(r => r.GetAttribute("data-annotator")));
        Assert.Equal("66.7%", annotators[2].QuerySelectorAll("td")[3].TextContent.Trim());
        Assert.Equal("a|b|c", page.Find("[data-testid=annotator-chart]").GetAttribute("data-categories"));
        // Annotator a: every item has a non-tied majority among b and c only where they agree (items 0 and 2).
        Assert.Equal("2", page.Find("[data-testid=annotator-confusion]").GetAttribute("data-total"));
    }

    [Fact]
    public void A_viewer_sees_the_projects_pseudonyms_never_an_annotators_id_or_name()
    {
        var page = Render();

        var pseudonyms = new[] { "a", "b", "c" }.ToDictionary(a => LabelDisclosure.Pseudonym(_s.Project.Id, a), a => a);
        var rows = page.FindAll("[data-testid=annotator-row]");
        Assert.Equal(pseudonyms.Keys.Order(), rows.Select(r => r.GetAttribute("data-annotator")!).Order());
        Assert.Equal(pseudonyms.Keys.Order(), rows.Select(r => r.QuerySelectorAll("td")[0].TextContent.Trim()).Order());
        Assert.Equal(pseudonyms.Keys.Order(), page.Find("[data-testid=annotator-chart]").GetAttribute("data-categories")!.Split('|').Order());
        // The dissenting annotator c is still the one at 66.7%, under c's pseudonym.
        var dissent = rows.Single(r => r.QuerySelectorAll("td")[3].TextContent.Trim() == "66.7%");
        Assert.Equal("c", pseudonyms[dissent.GetAttribute("data-annotator")!]);
    }

    [Fact]
    public async Task Judge_labels_add_the_judge_section_with_kappa_against_the_verified_labels()
    {
        // Verified: item 0 yes, item 1 yes, item 2 no. Judge: yes, no, no → p_o = 2/3;
        // judge yes 1/3, human yes 2/3: p_e = 1/3·2/3 + 2/3·1/3 = 4/9; κ = (2/3 − 4/9)/(5/9) = 0.4.
        string[] human = ["yes", "yes", "no"];
        string[] judge = ["yes", "no", "no"];
        for (var i = 0; i < 3; i++)
        {
            await _s.Adjudication.DecideAsync(_s.Project.Id, await _s.ProjectItemIdAsync(_s.Items[i]), new Dictionary<string, string> { ["unanswerable"] = human[i] }, "curator");
        }
        await _s.Judges.AddAsync(judge.Select((l, i) => new JudgeLabel { BenchmarkItemId = _s.Items[i], QuestionKey = "unanswerable", Label = l, JudgeModel = "stories-judge" }));

        var page = Render();
        var row = page.Find("[data-testid=judge-row]");
        Assert.Equal(("stories-judge", "unanswerable"), (row.GetAttribute("data-judge"), row.GetAttribute("data-question")));
        Assert.Equal("3", row.QuerySelector("[data-testid=judge-n]")!.TextContent.Trim());
        Assert.Equal("0.400", row.QuerySelector("[data-testid=judge-kappa]")!.TextContent.Trim());
        Assert.Equal("66.7%", row.QuerySelector("[data-testid=judge-percent]")!.TextContent.Trim());
        Assert.Equal("3", page.Find("[data-testid=judge-confusion]").GetAttribute("data-total"));
    }

    [Fact]
    public void A_missing_project_says_so()
    {
        var page = _ctx.Render<AgreementPage>(p => p.Add(x => x.ProjectId, 4242));
        page.WaitForAssertion(() => Assert.Contains("Verification project 4242 does not exist.", page.Find("[data-testid=project-missing]").TextContent));
    }
}
