using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Annotation.Assignment;
using ValueAlign.Core.Annotation.Schema;

namespace ValueAlign.Tests.Annotation;

public class ReservationLifecycleTests
{
    [Fact]
    public async Task Expired_reservations_return_to_the_pool_and_cannot_be_submitted()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        var ids = await db.AddItemsAsync(1);
        var project = await db.CreateProjectAsync(overlap: 1, timeout: TimeSpan.FromMinutes(2));

        var held = (await db.Assignments.NextAsync(project.Id, "slow"))!;
        Assert.Equal(ids[0], held.ItemId);
        Assert.Null(await db.Assignments.NextAsync(project.Id, "quick"));

        db.Clock.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        Assert.Null(await db.Assignments.NextAsync(project.Id, "quick"));

        db.Clock.Advance(TimeSpan.FromSeconds(1));
        var taken = (await db.Assignments.NextAsync(project.Id, "quick"))!;
        Assert.Equal(ids[0], taken.ItemId);

        var error = await Assert.ThrowsAsync<AssignmentException>(
            () => db.Assignments.SubmitAsync(held.ReservationId, "slow", AnnotationDatabase.HonestyAnswers()));
        Assert.Equal(AssignmentErrorKind.ReservationExpired, error.Kind);
        Assert.Contains("expired", error.Message);

        await db.Assignments.SubmitAsync(taken.ReservationId, "quick", AnnotationDatabase.HonestyAnswers());
        Assert.Equal(1, (await db.AnnotationCountsByItemAsync(project.Id))[ids[0]]);
        // The slow annotator never annotated it, but the overlap is reached now.
        Assert.Null(await db.Assignments.NextAsync(project.Id, "slow"));
    }

    [Fact]
    public async Task An_annotator_whose_reservation_expired_can_get_the_item_again()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        var ids = await db.AddItemsAsync(1);
        var project = await db.CreateProjectAsync(overlap: 1, timeout: TimeSpan.FromSeconds(30));

        var first = (await db.Assignments.NextAsync(project.Id, "a"))!;
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = (await db.Assignments.NextAsync(project.Id, "a"))!;
        Assert.Equal(ids[0], second.ItemId);
        Assert.NotEqual(first.ReservationId, second.ReservationId);
        await db.Assignments.SubmitAsync(second.ReservationId, "a", AnnotationDatabase.HonestyAnswers());
    }

    [Fact]
    public async Task Submit_is_idempotent_per_reservation_and_records_the_time_spent()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        await db.AddItemsAsync(2);
        var project = await db.CreateProjectAsync();

        var held = (await db.Assignments.NextAsync(project.Id, "a"))!;
        db.Clock.Advance(TimeSpan.FromMilliseconds(4_250));
        var saved = await db.Assignments.SubmitAsync(held.ReservationId, "a", AnnotationDatabase.HonestyAnswers());
        var retried = await db.Assignments.SubmitAsync(held.ReservationId, "a", AnnotationDatabase.HonestyAnswers("no"));

        Assert.False(saved.AlreadySubmitted);
        Assert.True(retried.AlreadySubmitted);
        Assert.Equal(saved.AnnotationId, retried.AnnotationId);
        Assert.Equal(4_250, saved.TimeSpentMs);
        await using var context = db.Factory.CreateDbContext();
        var stored = await context.Annotations.SingleAsync();
        Assert.Equal(4_250, stored.TimeSpentMs);
        Assert.Equal(["yes"], AnnotationAnswers.FromJson(stored.AnswersJson).Answers["unanswerable"]);
        Assert.Equal(1, (await db.AnnotationCountsByItemAsync(project.Id))[held.ItemId]);
        Assert.Empty(await context.Reservations.ToListAsync());

        var next = (await db.Assignments.NextAsync(project.Id, "a"))!;
        var measuredByPage = await db.Assignments.SubmitAsync(next.ReservationId, "a", AnnotationDatabase.HonestyAnswers(), timeSpentMs: 812);
        Assert.Equal(812, measuredByPage.TimeSpentMs);
    }

    [Fact]
    public async Task Another_annotators_reservation_is_refused()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        await db.AddItemsAsync(2);
        var project = await db.CreateProjectAsync();

        var held = (await db.Assignments.NextAsync(project.Id, "owner"))!;
        var submit = await Assert.ThrowsAsync<AssignmentException>(
            () => db.Assignments.SubmitAsync(held.ReservationId, "intruder", AnnotationDatabase.HonestyAnswers()));
        Assert.Equal(AssignmentErrorKind.ForeignReservation, submit.Kind);
        var skip = await Assert.ThrowsAsync<AssignmentException>(() => db.Assignments.SkipAsync(held.ReservationId, "intruder"));
        Assert.Equal(AssignmentErrorKind.ForeignReservation, skip.Kind);

        await db.Assignments.SubmitAsync(held.ReservationId, "owner", AnnotationDatabase.HonestyAnswers());
        var retry = await Assert.ThrowsAsync<AssignmentException>(
            () => db.Assignments.SubmitAsync(held.ReservationId, "intruder", AnnotationDatabase.HonestyAnswers()));
        Assert.Equal(AssignmentErrorKind.ForeignReservation, retry.Kind);

        var unknown = await Assert.ThrowsAsync<AssignmentException>(
            () => db.Assignments.SubmitAsync(999_999, "owner", AnnotationDatabase.HonestyAnswers()));
        Assert.Equal(AssignmentErrorKind.ReservationNotHeld, unknown.Kind);
    }

    [Fact]
    public async Task A_submit_in_a_named_project_stores_only_that_projects_reservation_and_checks_its_schema()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        await db.AddItemsAsync(2);
        await db.AddItemsAsync(2, benchmark: "other");
        var project = await db.CreateProjectAsync();
        var other = await db.CreateProjectAsync(benchmark: "other", name: "q");
        var held = (await db.Assignments.NextAsync(project.Id, "a"))!;

        // Named with the wrong project, the reservation is not held there, and nothing is stored.
        var wrong = await Assert.ThrowsAsync<AssignmentException>(
            () => db.Assignments.SubmitInProjectAsync(other.Id, held.ReservationId, "a", AnnotationDatabase.HonestyAnswers()));
        Assert.Equal(AssignmentErrorKind.ReservationNotHeld, wrong.Kind);
        var bad = new AnnotationAnswers { Answers = new Dictionary<string, IReadOnlyList<string>> { ["unanswerable"] = ["perhaps"] } };
        await Assert.ThrowsAsync<LabelSchemaException>(() => db.Assignments.SubmitInProjectAsync(project.Id, held.ReservationId, "a", bad));
        await using (var context = db.Factory.CreateDbContext())
            Assert.Empty(await context.Annotations.ToListAsync());

        var saved = await db.Assignments.SubmitInProjectAsync(project.Id, held.ReservationId, "a", AnnotationDatabase.HonestyAnswers(), timeSpentMs: 90);
        var retried = await db.Assignments.SubmitInProjectAsync(project.Id, held.ReservationId, "a", AnnotationDatabase.HonestyAnswers());
        Assert.False(saved.AlreadySubmitted);
        Assert.True(retried.AlreadySubmitted);
        Assert.Equal(saved.AnnotationId, retried.AnnotationId);
        Assert.Equal(1, (await db.AnnotationCountsByItemAsync(project.Id))[held.ItemId]);
    }

    [Fact]
    public async Task Answers_that_do_not_fit_the_schema_are_refused_and_the_item_stays_held()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        await db.AddItemsAsync(1);
        var project = await db.CreateProjectAsync();
        var held = (await db.Assignments.NextAsync(project.Id, "a"))!;

        var bad = new AnnotationAnswers
        {
            Answers = new Dictionary<string, IReadOnlyList<string>> { ["unanswerable"] = ["perhaps"] },
        };
        var error = await Assert.ThrowsAsync<LabelSchemaException>(() => db.Assignments.SubmitAsync(held.ReservationId, "a", bad));
        Assert.Contains(error.Errors, e => e.Contains("'perhaps' is not one of yes, no, unsure"));
        Assert.Contains(error.Errors, e => e.Contains("Question 'type' needs an answer"));

        Assert.Equal(held, await db.Assignments.NextAsync(project.Id, "a"));
        await db.Assignments.SubmitAsync(held.ReservationId, "a", AnnotationDatabase.HonestyAnswers());
    }

    [Fact]
    public async Task A_skipped_item_is_never_served_to_that_annotator_again_but_goes_to_others()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        await db.AddItemsAsync(2);
        var project = await db.CreateProjectAsync(overlap: 1);

        var skipped = (await db.Assignments.NextAsync(project.Id, "a"))!;
        await db.Assignments.SkipAsync(skipped.ReservationId, "a");
        await db.Assignments.SkipAsync(skipped.ReservationId, "a"); // a retried skip changes nothing

        var other = (await db.Assignments.NextAsync(project.Id, "a"))!;
        Assert.NotEqual(skipped.ItemId, other.ItemId);
        await db.Assignments.SubmitAsync(other.ReservationId, "a", AnnotationDatabase.HonestyAnswers());
        Assert.Null(await db.Assignments.NextAsync(project.Id, "a"));

        Assert.Equal(skipped.ItemId, (await db.Assignments.NextAsync(project.Id, "b"))!.ItemId);
        Assert.Equal(new AnnotatorProgress(1, 1, 0), await db.Assignments.MyProgressAsync(project.Id, "a"));
        var afterSkip = await Assert.ThrowsAsync<AssignmentException>(
            () => db.Assignments.SubmitAsync(skipped.ReservationId, "a", AnnotationDatabase.HonestyAnswers()));
        Assert.Equal(AssignmentErrorKind.ReservationNotHeld, afterSkip.Kind);
    }

    [Fact]
    public async Task Undo_gives_the_last_submitted_item_back_with_its_answers_and_releases_the_held_one()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        await db.AddItemsAsync(2);
        var project = await db.CreateProjectAsync(overlap: 1);
        Assert.Null(await db.Assignments.UndoLastAsync(project.Id, "a"));

        var first = (await db.Assignments.NextAsync(project.Id, "a"))!;
        await db.Assignments.SubmitAsync(first.ReservationId, "a", AnnotationDatabase.HonestyAnswers("no"));
        var second = (await db.Assignments.NextAsync(project.Id, "a"))!;
        Assert.Null(await db.Assignments.NextAsync(project.Id, "b")); // both items are taken

        var undone = (await db.Assignments.UndoLastAsync(project.Id, "a"))!;
        Assert.Equal(first.ItemId, undone.ItemId);
        Assert.Equal(["no"], undone.PreviousAnswers!.Answers["unanswerable"]);
        Assert.Equal(0, (await db.AnnotationCountsByItemAsync(project.Id))[first.ItemId]);
        Assert.Equal(undone.ReservationId, (await db.Assignments.NextAsync(project.Id, "a"))!.ReservationId);

        // The second item went back to the pool; b can take it, but not the one a holds again.
        Assert.Equal(second.ItemId, (await db.Assignments.NextAsync(project.Id, "b"))!.ItemId);

        await db.Assignments.SubmitAsync(undone.ReservationId, "a", AnnotationDatabase.HonestyAnswers("yes"));
        await using var context = db.Factory.CreateDbContext();
        var stored = await context.Annotations.SingleAsync();
        Assert.Equal(["yes"], AnnotationAnswers.FromJson(stored.AnswersJson).Answers["unanswerable"]);
        Assert.Equal(1, (await db.AnnotationCountsByItemAsync(project.Id))[first.ItemId]);
    }

    [Fact]
    public async Task Progress_counts_mine_and_the_projects_annotations()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        await db.AddItemsAsync(4);
        var project = await db.CreateProjectAsync(overlap: 2);

        for (var n = 0; n < 3; n++)
        {
            var next = (await db.Assignments.NextAsync(project.Id, "a"))!;
            await db.Assignments.SubmitAsync(next.ReservationId, "a", AnnotationDatabase.HonestyAnswers());
        }
        var b = (await db.Assignments.NextAsync(project.Id, "b"))!;
        await db.Assignments.SubmitAsync(b.ReservationId, "b", AnnotationDatabase.HonestyAnswers());

        Assert.Equal(new AnnotatorProgress(3, 0, 0), await db.Assignments.MyProgressAsync(project.Id, "a"));
        var progress = await db.Assignments.ProjectProgressAsync(project.Id);
        Assert.Equal(new ProjectProgress(Items: 4, Target: 8, Annotations: 4, CompleteItems: 0, GoldItems: 0, GoldAnnotations: 0), progress);
        Assert.Equal(0.5, progress.Fraction);
    }
}
