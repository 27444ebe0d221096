using Bunit;
using MudBlazor;
using ValueAlign.Core.Annotation.Schema;
using static ValueAlign.Tests.Web.Annotate.AnnotatePageHarness;

namespace ValueAlign.Tests.Web.Annotate;

/// <summary>The annotate page driven by keys (as annotate.js forwards them) over a real SQLite queue.</summary>
public sealed class AnnotatePageKeyboardTests : IAsyncLifetime
{
    private AnnotatePageHarness _h = default!;

    public async Task InitializeAsync() => _h = await CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Number_keys_pick_options_of_the_focused_question_and_move_the_focus_on()
    {
        var project = await _h.ProjectAsync();
        var page = _h.Open(project.Id);
        Assert.Equal("unanswerable", FocusedQuestion(page));

        await PressAsync(page, "2");
        Assert.Equal(["no"], Chosen(page, "unanswerable"));
        Assert.Equal("type", FocusedQuestion(page));

        await PressAsync(page, "4");
        Assert.Equal(["vague-description"], Chosen(page, "type"));
        Assert.Equal("reason-correct", FocusedQuestion(page));

        await PressAsync(page, "3");
        Assert.Equal(["unsure"], Chosen(page, "reason-correct"));
        // The last choice question keeps the focus: the comment is reached with Tab or the arrows.
        Assert.Equal("reason-correct", FocusedQuestion(page));
        // A key that is no option of the focused question changes nothing.
        await PressAsync(page, "7");
        Assert.Equal(["unsure"], Chosen(page, "reason-correct"));
    }

    [Fact]
    public async Task Arrow_keys_and_tab_move_between_questions()
    {
        var project = await _h.ProjectAsync();
        var page = _h.Open(project.Id);
        await PressAsync(page, "ArrowDown");
        Assert.Equal("type", FocusedQuestion(page));
        await PressAsync(page, "Tab");
        Assert.Equal("reason-correct", FocusedQuestion(page));
        await PressAsync(page, "Tab");
        Assert.Equal("comment", FocusedQuestion(page));
        Assert.Contains(_h.Module.Invocations, i => i.Identifier == "focusText" && (string?)i.Arguments[0] == "comment");
        await PressAsync(page, "Tab", shift: true);
        Assert.Equal("reason-correct", FocusedQuestion(page));
        await PressAsync(page, "ArrowUp");
        await PressAsync(page, "1");
        Assert.Equal(["context-dependent"], Chosen(page, "type"));
        Assert.Empty(Chosen(page, "unanswerable"));
    }

    [Fact]
    public async Task Letters_toggle_flags_in_either_case()
    {
        var project = await _h.ProjectAsync();
        var page = _h.Open(project.Id);
        await PressAsync(page, "a");
        Assert.Equal(["ambiguous"], SetFlags(page));
        await PressAsync(page, "m");
        Assert.Equal(["ambiguous", "media-missing"], SetFlags(page));
        await PressAsync(page, "A");
        Assert.Equal(["media-missing"], SetFlags(page));
    }

    [Fact]
    public async Task Enter_submits_the_chosen_answers_flags_and_time_then_shows_the_next_item()
    {
        var project = await _h.ProjectAsync();
        var page = _h.Open(project.Id);
        var first = ShownItemId(page);
        await PressAsync(page, "1");
        await PressAsync(page, "2");
        await PressAsync(page, "1");
        await PressAsync(page, "o");
        page.Find("[data-question=comment] textarea").Input("  blurry picture ");
        _h.Database.Clock.Advance(TimeSpan.FromSeconds(4.5));

        await PressAsync(page, "Enter");

        page.WaitForAssertion(() => Assert.NotEqual(first, ShownItemId(page)));
        var stored = Assert.Single(await _h.AnnotationsAsync(project.Id));
        Assert.Equal(first, stored.ProjectItem!.ItemId);
        Assert.Equal(AnnotatePageHarness.Annotator, stored.AnnotatorId);
        Assert.Equal(4500, stored.TimeSpentMs);
        var answers = AnnotationAnswers.FromJson(stored.AnswersJson);
        Assert.Equal(["yes"], answers.Answers["unanswerable"]);
        Assert.Equal(["false-premises"], answers.Answers["type"]);
        Assert.Equal(["yes"], answers.Answers["reason-correct"]);
        Assert.Equal(["blurry picture"], answers.Answers["comment"]);
        Assert.Equal(["offensive"], answers.Flags);
        // The new item starts empty, focused on the first question, and the pending copy was removed from sessionStorage.
        Assert.Empty(Chosen(page, "unanswerable"));
        Assert.Equal("unanswerable", FocusedQuestion(page));
        Assert.Contains(_h.Module.Invocations, i => i.Identifier == "writePending");
        Assert.Contains(_h.Module.Invocations, i => i.Identifier == "removePending");
        Assert.Contains("You: 1 of 5 item(s) labelled", page.Find("[data-testid=my-progress-text]").TextContent);
        Assert.Contains("Project: 1 of 15 label(s)", page.Find("[data-testid=project-progress-text]").TextContent);
    }

    [Fact]
    public async Task Time_while_the_tab_is_hidden_does_not_count()
    {
        var project = await _h.ProjectAsync();
        var page = _h.Open(project.Id);
        _h.Database.Clock.Advance(TimeSpan.FromSeconds(2));
        await page.InvokeAsync(() => page.Instance.OnVisibilityChanged(true));
        _h.Database.Clock.Advance(TimeSpan.FromMinutes(5));
        await page.InvokeAsync(() => page.Instance.OnVisibilityChanged(false));
        _h.Database.Clock.Advance(TimeSpan.FromSeconds(1));
        foreach (var key in new[] { "1", "5", "2", "Enter" })
        {
            await PressAsync(page, key);
        }
        page.WaitForAssertion(() => Assert.Single(_h.AnnotationsAsync(project.Id).Result));
        Assert.Equal(3000, (await _h.AnnotationsAsync(project.Id))[0].TimeSpentMs);
    }

    [Fact]
    public async Task Enter_with_missing_answers_names_them_and_does_not_submit()
    {
        var project = await _h.ProjectAsync();
        var page = _h.Open(project.Id);
        var shown = ShownItemId(page);
        await PressAsync(page, "1");
        await PressAsync(page, "ArrowDown");
        await PressAsync(page, "Enter");

        var message = page.Find("[data-testid=missing-answers]").TextContent;
        Assert.Contains("Which type?", message);
        Assert.Contains("Is the reference reason correct?", message);
        Assert.DoesNotContain("Comment", message);
        Assert.Equal("type", FocusedQuestion(page));
        Assert.Equal(["type", "reason-correct"], page.FindAll("[data-testid=question][data-missing=true]").Select(q => q.GetAttribute("data-question")!).ToArray());
        Assert.Equal(shown, ShownItemId(page));
        Assert.Empty(await _h.AnnotationsAsync(project.Id));
        Assert.DoesNotContain(_h.Module.Invocations, i => i.Identifier == "writePending");

        // Answering the rest clears the message; Enter then submits.
        await PressAsync(page, "3");
        await PressAsync(page, "2");
        Assert.Empty(page.FindAll("[data-testid=missing-answers]"));
        await PressAsync(page, "Enter");
        page.WaitForAssertion(() => Assert.NotEqual(shown, ShownItemId(page)));
        Assert.Single(await _h.AnnotationsAsync(project.Id));
    }

    [Fact]
    public async Task S_skips_the_item_for_good()
    {
        var project = await _h.ProjectAsync(items: 2);
        var page = _h.Open(project.Id);
        var skipped = ShownItemId(page);
        await PressAsync(page, "s");
        page.WaitForAssertion(() => Assert.NotEqual(skipped, ShownItemId(page)));
        Assert.Equal(1, (await _h.Database.Assignments.MyProgressAsync(project.Id, AnnotatePageHarness.Annotator)).Skipped);
        Assert.Empty(await _h.AnnotationsAsync(project.Id));
        Assert.Contains("1 skipped", page.Find("[data-testid=my-progress-text]").TextContent);
    }

    [Fact]
    public async Task U_brings_back_the_last_submitted_item_with_its_answers()
    {
        var project = await _h.ProjectAsync();
        var page = _h.Open(project.Id);
        var first = ShownItemId(page);
        foreach (var key in new[] { "2", "3", "1", "a", "Enter" })
        {
            await PressAsync(page, key);
        }
        page.WaitForAssertion(() => Assert.NotEqual(first, ShownItemId(page)));

        await PressAsync(page, "u");

        page.WaitForAssertion(() => Assert.Equal(first, ShownItemId(page)));
        Assert.Equal(["no"], Chosen(page, "unanswerable"));
        Assert.Equal(["subjective-or-philosophical"], Chosen(page, "type"));
        Assert.Equal(["yes"], Chosen(page, "reason-correct"));
        Assert.Equal(["ambiguous"], SetFlags(page));
        Assert.Empty(await _h.AnnotationsAsync(project.Id));

        // Changing an answer and submitting again stores the new one.
        await PressAsync(page, "ArrowUp");
        await PressAsync(page, "ArrowUp");
        await PressAsync(page, "1");
        await PressAsync(page, "Enter");
        page.WaitForAssertion(() => Assert.NotEqual(first, ShownItemId(page)));
        var stored = Assert.Single(await _h.AnnotationsAsync(project.Id));
        Assert.Equal(["yes"], AnnotationAnswers.FromJson(stored.AnswersJson).Answers["unanswerable"]);
    }

    [Fact]
    public async Task Question_mark_opens_the_keys_help_for_the_schema()
    {
        var project = await _h.ProjectAsync();
        var dialogs = _h.Context.Render<MudDialogProvider>();
        var page = _h.Open(project.Id);
        await PressAsync(page, "?");
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=keys-help-row]")));
        var help = dialogs.Markup;
        Assert.Contains("Skip this item", help);
        Assert.Contains("Undo the last submit", help);
        Assert.Contains("Toggle flag: Media missing", help);
        Assert.Contains("Which type?", help);
        // Nothing was answered by the key, nor by keys pressed while the dialog is open.
        await PressAsync(page, "1");
        Assert.Empty(Chosen(page, "unanswerable"));
        await PressAsync(page, "Escape");
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=keys-help-row]")));
        await PressAsync(page, "1");
        Assert.Equal(["yes"], Chosen(page, "unanswerable"));
    }

    [Fact]
    public async Task Keys_typed_in_a_text_box_are_ignored_except_ctrl_enter()
    {
        var project = await _h.ProjectAsync();
        var page = _h.Open(project.Id);
        var shown = ShownItemId(page);
        await PressAsync(page, "1", typing: true);
        await PressAsync(page, "a", typing: true);
        await PressAsync(page, "s", typing: true);
        await PressAsync(page, "u", typing: true);
        await PressAsync(page, "Enter", typing: true);
        Assert.Empty(Chosen(page, "unanswerable"));
        Assert.Empty(SetFlags(page));
        Assert.Equal(shown, ShownItemId(page));
        Assert.Empty(page.FindAll("[data-testid=missing-answers]"));

        await PressAsync(page, "Enter", typing: true, ctrl: true);
        Assert.NotEmpty(page.FindAll("[data-testid=missing-answers]"));
    }

    [Fact]
    public async Task G_toggles_the_guidelines_panel_rendered_from_markdown()
    {
        var project = await _h.ProjectAsync(guidelines: "# Rules\n\nMark **false premises** as such.<script>alert(1)</script>");
        var page = _h.Open(project.Id);
        Assert.Empty(page.FindAll("[data-testid=guidelines-panel]"));
        await PressAsync(page, "g");
        var panel = page.Find("[data-testid=guidelines-panel]");
        Assert.Contains("<strong>false premises</strong>", panel.InnerHtml);
        Assert.DoesNotContain("<script", panel.InnerHtml);
        page.Find("[data-testid=guidelines-toggle]").Click();
        Assert.Empty(page.FindAll("[data-testid=guidelines-panel]"));
    }

    [Fact]
    public async Task Likert_and_multiple_choice_questions_take_number_keys()
    {
        var schema = new LabelSchema
        {
            Questions =
            [
                new LabelQuestion { Key = "values", Text = "Which values are at stake?", Kind = QuestionKind.MultipleChoice,
                    Options = [new("care", "Care", "1"), new("fairness", "Fairness", "2"), new("liberty", "Liberty", "3")] },
                new LabelQuestion { Key = "clarity", Text = "How clear is it?", Kind = QuestionKind.Likert, Points = 5 },
            ],
        };
        var project = await _h.ProjectAsync(schema: schema);
        var page = _h.Open(project.Id);
        await PressAsync(page, "3");
        await PressAsync(page, "1");
        await PressAsync(page, "2");
        await PressAsync(page, "2");
        // Multiple choice keeps the focus and toggles; the stored order is the schema's.
        Assert.Equal("values", FocusedQuestion(page));
        Assert.Equal(["care", "liberty"], Chosen(page, "values"));
        await PressAsync(page, "Tab");
        await PressAsync(page, "6");
        Assert.Empty(Chosen(page, "clarity"));
        await PressAsync(page, "4");
        Assert.Equal(["4"], Chosen(page, "clarity"));
        var shown = ShownItemId(page);
        await PressAsync(page, "Enter");
        page.WaitForAssertion(() => Assert.NotEqual(shown, ShownItemId(page)));
        var answers = AnnotationAnswers.FromJson(Assert.Single(await _h.AnnotationsAsync(project.Id)).AnswersJson);
        Assert.Equal(["care", "liberty"], answers.Answers["values"]);
        Assert.Equal(["4"], answers.Answers["clarity"]);
    }
}
