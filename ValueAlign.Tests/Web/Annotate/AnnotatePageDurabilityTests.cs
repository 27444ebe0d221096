using Bunit;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Tests.Annotation;
using ValueAlign.Web.Components.Pages.Annotate;
using static ValueAlign.Tests.Web.Annotate.AnnotatePageHarness;

namespace ValueAlign.Tests.Web.Annotate;

/// <summary>Failed submits stay on screen and are retried; a restored pending submit is stored once; expiry and empty queues are explained.</summary>
public sealed class AnnotatePageDurabilityTests : IAsyncLifetime
{
    private AnnotatePageHarness _h = default!;

    public async Task InitializeAsync() => _h = await CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static async Task AnswerAsync(IRenderedComponent<AnnotatePage> page, params string[] keys)
    {
        foreach (var key in keys)
        {
            await PressAsync(page, key);
        }
    }

    [Fact]
    public async Task A_failed_submit_keeps_the_answers_on_screen_and_the_retry_button_saves_it_once()
    {
        var project = await _h.ProjectAsync();
        var page = _h.Open(project.Id);
        var shown = ShownItemId(page);
        await AnswerAsync(page, "2", "1", "3", "m");
        _h.Flaky.FailNext = 1;

        await PressAsync(page, "Enter");

        var alert = page.Find("[data-testid=save-failed]").TextContent;
        Assert.Contains("Not saved", alert);
        Assert.Contains("simulated outage", alert);
        Assert.Equal(shown, ShownItemId(page));
        Assert.Equal(["no"], Chosen(page, "unanswerable"));
        Assert.Equal(["context-dependent"], Chosen(page, "type"));
        Assert.Equal(["media-missing"], SetFlags(page));
        Assert.Empty(await _h.AnnotationsAsync(project.Id));
        // The answer cannot be changed under the retry, and no other item is served meanwhile.
        await AnswerAsync(page, "s");
        Assert.Equal(shown, ShownItemId(page));
        Assert.Contains(_h.Module.Invocations, i => i.Identifier == "writePending");
        Assert.DoesNotContain(_h.Module.Invocations, i => i.Identifier == "removePending");

        page.Find("[data-testid=retry-submit]").Click();

        page.WaitForAssertion(() => Assert.NotEqual(shown, ShownItemId(page)));
        Assert.Empty(page.FindAll("[data-testid=save-failed]"));
        var stored = Assert.Single(await _h.AnnotationsAsync(project.Id));
        Assert.Equal(shown, stored.ProjectItem!.ItemId);
        Assert.Equal(["no"], AnnotationAnswers.FromJson(stored.AnswersJson).Answers["unanswerable"]);
        Assert.Contains(_h.Module.Invocations, i => i.Identifier == "removePending");
    }

    [Fact]
    public async Task A_failed_submit_is_retried_automatically_with_backoff_until_it_is_saved()
    {
        var project = await _h.ProjectAsync();
        var page = _h.Open(project.Id, new SubmitRetry(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(40)));
        var shown = ShownItemId(page);
        await AnswerAsync(page, "1", "2", "1");
        // Each submit attempt opens connections; three failures take at least two attempts.
        _h.Flaky.FailNext = 3;

        await PressAsync(page, "Enter");

        page.WaitForAssertion(() => Assert.NotEqual(shown, ShownItemId(page)));
        var stored = Assert.Single(await _h.AnnotationsAsync(project.Id));
        Assert.Equal(shown, stored.ProjectItem!.ItemId);
    }

    [Fact]
    public void Retry_delays_double_up_to_the_cap()
    {
        var retry = new SubmitRetry(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.Equal([1, 2, 4, 8, 16, 30, 30], Enumerable.Range(1, 7).Select(a => retry.DelayBefore(a).TotalSeconds).ToArray());
    }

    [Fact]
    public async Task A_pending_submit_restored_after_a_reload_is_sent_again_and_stored_once()
    {
        var project = await _h.ProjectAsync();
        var held = (await _h.Database.Assignments.NextAsync(project.Id, AnnotatePageHarness.Annotator))!;
        var answers = AnnotationDatabase.HonestyAnswers("no");
        // The first attempt reached the database, but the circuit dropped before the page heard back.
        await _h.Database.Assignments.SubmitAsync(held.ReservationId, AnnotatePageHarness.Annotator, answers, 1234);
        var pending = new PendingSubmit(project.Id, held.ReservationId, held.ItemId, answers.ToJson(), 1234);

        var page = _h.Open(project.Id, pendingJson: pending.ToJson());

        page.WaitForAssertion(() => Assert.NotEqual(held.ItemId, ShownItemId(page)));
        var stored = Assert.Single(await _h.AnnotationsAsync(project.Id));
        Assert.Equal(1234, stored.TimeSpentMs);
        Assert.Contains(_h.Module.Invocations, i => i.Identifier == "removePending");
    }

    [Fact]
    public async Task A_pending_submit_that_never_arrived_is_saved_from_sessionStorage()
    {
        var project = await _h.ProjectAsync();
        var held = (await _h.Database.Assignments.NextAsync(project.Id, AnnotatePageHarness.Annotator))!;
        var pending = new PendingSubmit(project.Id, held.ReservationId, held.ItemId, AnnotationDatabase.HonestyAnswers("unsure").ToJson(), 777);

        var page = _h.Open(project.Id, pendingJson: pending.ToJson());

        page.WaitForAssertion(() => Assert.NotEqual(held.ItemId, ShownItemId(page)));
        var stored = Assert.Single(await _h.AnnotationsAsync(project.Id));
        Assert.Equal(held.ItemId, stored.ProjectItem!.ItemId);
        Assert.Equal(["unsure"], AnnotationAnswers.FromJson(stored.AnswersJson).Answers["unanswerable"]);
        Assert.Equal(777, stored.TimeSpentMs);
    }

    [Fact]
    public void Pending_entries_of_another_project_or_damaged_ones_are_ignored()
    {
        var pending = new PendingSubmit(4, 9, 12, "{}", 5);
        Assert.Equal(pending, PendingSubmit.FromJson(pending.ToJson(), 4));
        Assert.Null(PendingSubmit.FromJson(pending.ToJson(), 5));
        Assert.Null(PendingSubmit.FromJson("{not json", 4));
        Assert.Null(PendingSubmit.FromJson(null, 4));
    }

    [Fact]
    public async Task An_expired_hold_is_explained_and_enter_gets_a_new_item_keeping_the_answers_when_it_is_the_same()
    {
        var project = await _h.ProjectAsync(items: 1, timeout: TimeSpan.FromMinutes(1));
        var page = _h.Open(project.Id);
        var shown = ShownItemId(page);
        await AnswerAsync(page, "2", "5", "2");
        _h.Database.Clock.Advance(TimeSpan.FromMinutes(2));

        await PressAsync(page, "Enter");

        Assert.Contains("expired", page.Find("[data-testid=reservation-expired]").TextContent);
        Assert.Empty(await _h.AnnotationsAsync(project.Id));
        await PressAsync(page, "Enter");
        page.WaitForAssertion(() => Assert.Equal(AnnotatePage.PageState.Annotating, page.Instance.State));
        Assert.Equal(shown, ShownItemId(page));
        Assert.Equal(["no"], Chosen(page, "unanswerable"));
        Assert.Equal(["answerable"], Chosen(page, "type"));
        await PressAsync(page, "Enter");
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=queue-empty]")));
        Assert.Single(await _h.AnnotationsAsync(project.Id));
    }

    [Fact]
    public async Task An_empty_queue_says_so()
    {
        var project = await _h.ProjectAsync(items: 1, overlap: 1);
        var other = (await _h.Database.Assignments.NextAsync(project.Id, "someone-else"))!;
        await _h.Database.Assignments.SubmitAsync(other.ReservationId, "someone-else", AnnotationDatabase.HonestyAnswers());
        var page = _h.Open(project.Id);
        Assert.Contains("Nothing left", page.Find("[data-testid=queue-empty]").TextContent);
        Assert.Contains("Project: 1 of 1 label(s), 1 of 1 item(s) complete", page.Find("[data-testid=project-progress-text]").TextContent);
        // U with nothing of one's own to undo changes nothing.
        await PressAsync(page, "u");
        Assert.NotEmpty(page.FindAll("[data-testid=queue-empty]"));
    }

    [Fact]
    public void An_unknown_project_is_a_clear_error()
    {
        var page = _h.Context.Render<AnnotatePage>(p => p.Add(x => x.ProjectId, 424242));
        page.WaitForAssertion(() => Assert.Contains("no verification project 424242: it does not exist or you are not one of its annotators", page.Find("[data-testid=annotate-error]").TextContent));
    }
}
