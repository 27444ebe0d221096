using ValueAlign.Core.Annotation.Assignment;
using ValueAlign.Core.Annotation.Quality;
using ValueAlign.Core.Annotation.Schema;

namespace ValueAlign.Tests.Annotation.Projects;

/// <summary>Gold accuracy and per-annotator progress read back from stored annotations on a real SQLite file.</summary>
public class GoldAccuracyQueryTests
{
    [Fact]
    public async Task Stored_annotations_on_gold_items_give_each_annotators_accuracy()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        await db.AddItemsAsync(4);
        var goldIds = await db.AddItemsAsync(2, benchmark: "gold");
        // Gold 1 expects "yes" everywhere, gold 2 expects unanswerable "no".
        var expected = new Dictionary<long, AnnotationAnswers>
        {
            [goldIds[0]] = AnnotationDatabase.HonestyAnswers("yes"),
            [goldIds[1]] = AnnotationDatabase.HonestyAnswers("no"),
        };
        var project = await db.CreateProjectAsync(overlap: 2, goldRate: 1, gold: expected);

        // With gold rate 1 the first two items are the gold ones. "a" answers "yes" to both (one wrong),
        // "b" answers both right; "a" then does one regular item and skips another.
        foreach (var annotator in new[] { "a", "b" })
        {
            for (var n = 0; n < 2; n++)
            {
                var next = (await db.Assignments.NextAsync(project.Id, annotator))!;
                Assert.Contains(next.ItemId, goldIds);
                var answer = annotator == "a" ? "yes" : expected[next.ItemId].Answers["unanswerable"][0];
                await db.Assignments.SubmitAsync(next.ReservationId, annotator, AnnotationDatabase.HonestyAnswers(answer));
            }
        }
        var regular = (await db.Assignments.NextAsync(project.Id, "a"))!;
        await db.Assignments.SubmitAsync(regular.ReservationId, "a", AnnotationDatabase.HonestyAnswers("no"));
        await db.Assignments.SkipAsync((await db.Assignments.NextAsync(project.Id, "a"))!.ReservationId, "a");

        var report = await new GoldAccuracyQuery(db.Factory).ForProjectAsync(project.Id);

        Assert.Equal(new GoldScore(2, 1), report.For("a")!.Items);
        Assert.Equal(new GoldScore(6, 5), report.For("a")!.Answers);
        Assert.Equal(new GoldScore(2, 1), report.For("a")!.PerQuestion["unanswerable"]);
        Assert.Equal(new GoldScore(2, 2), report.For("b")!.Items);
        Assert.Equal(new GoldScore(4, 3), report.PerQuestion["unanswerable"]);

        var progress = await db.Assignments.ProgressByAnnotatorAsync(project.Id);
        Assert.Equal(new AnnotatorProgress(3, 1, 2), progress["a"]);
        Assert.Equal(new AnnotatorProgress(2, 0, 2), progress["b"]);
        Assert.Equal(2, progress.Count);
    }

    [Fact]
    public async Task A_missing_project_is_named()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => new GoldAccuracyQuery(db.Factory).ForProjectAsync(42));
        Assert.Equal("Verification project 42 does not exist.", error.Message);
    }
}
