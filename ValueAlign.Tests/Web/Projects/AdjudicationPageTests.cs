using Bunit;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Annotation.Adjudication;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Tests.Annotation.Adjudication;
using ValueAlign.Web.Components.Pages.Projects;

namespace ValueAlign.Tests.Web.Projects;

/// <summary>The adjudication page over a real SQLite project where annotators a and b split on one item.</summary>
public sealed class AdjudicationPageTests : IAsyncLifetime
{
    private AdjudicationScenario _s = default!;
    private BunitContext _ctx = default!;

    public async Task InitializeAsync()
    {
        // Item 0 is unanimous; item 1 is split on "unanswerable" (a: yes, b: no); item 2 is split on "type".
        _s = await AdjudicationScenario.CreateAsync(items: 3, overlap: 2);
        await _s.LabelAsync("a", _ => AdjudicationScenario.Answers("yes"));
        await _s.LabelAsync("b", id => id == _s.Items[1] ? AdjudicationScenario.Answers("no") : AdjudicationScenario.Answers("yes", type: id == _s.Items[2] ? "answerable" : "false-premises"));
        _ctx = ProjectPageContext.Create(_s, Roles.Curator, "curator-42");
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        await _s.DisposeAsync();
    }

    private IRenderedComponent<AdjudicationPage> Render()
    {
        var page = _ctx.Render<AdjudicationPage>(p => p.Add(x => x.ProjectId, _s.Project.Id));
        page.WaitForElement("[data-testid=adjudication-item]");
        return page;
    }

    [Fact]
    public void The_queue_shows_every_annotators_label_side_by_side_and_its_progress()
    {
        var page = Render();
        Assert.Equal("demo-00002", page.Find("[data-testid=adjudication-item]").GetAttribute("data-external-id"));
        Assert.Equal(["a", "b"], page.FindAll("[data-testid=annotator-column]").Select(th => th.TextContent.Trim()));
        var row = page.Find("[data-testid=question-labels][data-question=unanswerable]");
        Assert.Equal("true", row.GetAttribute("data-disputed"));
        Assert.Equal(["Yes", "No"], row.QuerySelectorAll("[data-testid=annotator-label]").Select(td => td.TextContent.Trim()));
        Assert.Equal("false", page.Find("[data-testid=question-labels][data-question=type]").GetAttribute("data-disputed"));
        Assert.Contains("0 of 2 disputed item(s) decided · 2 waiting · 3 item(s) judged", page.Find("[data-testid=queue-progress]").TextContent);
        Assert.Contains("Item 1 of 2", page.Markup);
    }

    [Fact]
    public async Task A_curator_decides_with_the_keyboard_and_the_decision_is_stored_under_their_id()
    {
        var page = Render();
        var keys = page.Find("[data-testid=adjudication-item]");
        // The tied question has nothing pre-selected; "2" picks "No" on it (the highlighted, first open question).
        Assert.Empty(page.FindAll("[data-question=unanswerable] [data-testid=choice][data-chosen=true]"));
        await keys.KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "2" });
        Assert.Equal("no", page.Find("[data-question=unanswerable] [data-testid=choice][data-chosen=true]").GetAttribute("data-value"));
        Assert.Equal("no", page.Instance.Decision["unanswerable"]);
        await page.Find("[data-testid=adjudication-item]").KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        page.WaitForAssertion(() => Assert.Equal("demo-00003", page.Find("[data-testid=adjudication-item]").GetAttribute("data-external-id")));
        var labels = await _s.Adjudication.VerifiedLabelsAsync(_s.Project.Id);
        var decided = labels.Single(l => l.QuestionKey == "unanswerable");
        Assert.Equal(("no", "curator-42", VerificationMethod.Adjudicated, _s.Items[1]), (decided.Label, decided.DecidedBy, decided.Method, decided.BenchmarkItemId));
        // The undisputed questions were saved with their (pre-selected) majority, so the item is verified.
        Assert.Equal(3, labels.Count);
        Assert.Equal(VerificationStatus.Verified, await _s.StatusAsync(_s.Items[1]));
        Assert.Contains("1 of 2 disputed item(s) decided", page.Find("[data-testid=queue-progress]").TextContent);
    }

    [Fact]
    public async Task Arrow_keys_move_between_questions_and_clicks_pick_options()
    {
        var page = Render();
        var keys = page.Find("[data-testid=adjudication-item]");
        await keys.KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "ArrowDown" });
        await page.Find("[data-testid=adjudication-item]").KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "3" });
        Assert.Equal("subjective-or-philosophical", page.Instance.Decision["type"]);
        page.Find("[data-question=unanswerable] [data-testid=choice][data-value=unsure]").Click();
        Assert.Equal("unsure", page.Instance.Decision["unanswerable"]);
        await page.Find("[data-testid=adjudication-item]").KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "n" });
        Assert.Equal("demo-00003", page.Find("[data-testid=adjudication-item]").GetAttribute("data-external-id"));
        // On item 3 the split "type" question is the open one and has no majority yet.
        Assert.False(page.Instance.Decision.ContainsKey("type"));
        Assert.Equal("yes", page.Instance.Decision["unanswerable"]);
    }

    [Fact]
    public async Task Saving_without_a_label_for_a_tied_question_warns_and_stores_nothing()
    {
        var page = Render();
        page.Find("[data-testid=save-decision]").Click();
        page.WaitForAssertion(() => Assert.Contains("Pick a label for: Is the question unanswerable", page.Find("[data-testid=adjudication-message]").TextContent));
        Assert.Empty(await _s.Adjudication.VerifiedLabelsAsync(_s.Project.Id));
    }

    [Fact]
    public async Task Accepting_undisputed_labels_stores_them_and_reports_the_counts()
    {
        var page = Render();
        page.Find("[data-testid=auto-verify]").Click();
        page.WaitForAssertion(() => Assert.Contains("Accepted 7 unanimous and 0 majority label(s); 1 item(s) fully verified.", page.Find("[data-testid=adjudication-message]").TextContent));
        Assert.Equal(7, (await _s.Adjudication.VerifiedLabelsAsync(_s.Project.Id)).Count);
        Assert.Equal(VerificationStatus.Verified, await _s.StatusAsync(_s.Items[0]));
    }

    [Fact]
    public void A_missing_project_says_so()
    {
        var page = _ctx.Render<AdjudicationPage>(p => p.Add(x => x.ProjectId, 999));
        page.WaitForAssertion(() => Assert.Contains("Verification project 999 does not exist.", page.Find("[data-testid=project-missing]").TextContent));
    }
}
